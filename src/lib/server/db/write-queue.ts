// The write queue with group commit. The embedded driver is synchronous underneath: a second
// connection writing while another holds SQLite's write lock would busy-wait and freeze the event
// loop that has to finish the first. So every write of this process goes through one connection,
// one writer at a time. Writers that arrive while a group runs join it: each runs inside a
// savepoint of the group's one transaction, in arrival order (so each sees the ones before it, as
// it would have one transaction later: version checks keep their strength; a lone statement needs
// no savepoint of its own), and after the single COMMIT a sync of the log makes the whole group
// durable (groups that commit while a sync runs share the next one). Only then is each writer
// acknowledged. A writer that fails is rolled back to its savepoint and refused alone.
import type { Client, InArgs, InStatement, ResultSet, Transaction } from '@libsql/client';

export interface WriteQueueOptions {
	/** Makes what has been committed durable (an fsync of the WAL); resolves when it is. */
	sync: () => Promise<void>;
	/** At most this many writers share one transaction, so that a group's wait stays bounded. */
	maxGroup?: number;
}

export interface WriteQueueStats {
	groups: number;
	members: number;
	rolledBack: number;
	syncs: number;
}

type Job =
	| {
			alone: false;
			/** the member's turn on the group's transaction; resolves true once released, false if rolled back */
			turn: (tx: Transaction) => Promise<boolean>;
			/** the verdict after the group: null once durable, else why it was not saved */
			ack: (err: unknown) => void;
			/** no turn could be given (no transaction, no savepoint): the caller's transaction() fails */
			refuse: (err: unknown) => void;
	  }
	| { alone: true; turn: () => Promise<void> };

const SAVEPOINT = 'laurel_write_queue';
const ENDED = '写入队列：该事务已结束';

export class WriteQueue {
	private waiting: Job[] = [];
	private draining = false;
	/** the sync running now (it covers the groups committed before it started) */
	private syncing: Promise<void> | null = null;
	/** the one sync that starts when it ends, shared by every group committed meanwhile */
	private nextSync: Promise<void> | null = null;
	readonly stats: WriteQueueStats = { groups: 0, members: 0, rolledBack: 0, syncs: 0 };
	private readonly maxGroup: number;

	constructor(
		private readonly writer: Client,
		private readonly options: WriteQueueOptions
	) {
		this.maxGroup = options.maxGroup ?? 64;
	}

	/** `client.transaction()` for drizzle: a member of the next group (or of the running one). */
	transaction(): Promise<Transaction> {
		return new Promise<Transaction>((resolve, refuse) => {
			let ack!: (err: unknown) => void;
			const acked = new Promise<void>((ok, refuse) => (ack = (err) => (err ? refuse(err) : ok())));
			acked.catch(() => {}); // a rolled-back member never awaits it
			this.push({
				alone: false,
				ack,
				refuse,
				turn: async (tx) => {
					await tx.execute(`SAVEPOINT ${SAVEPOINT}`);
					return new Promise<boolean>((finished) => resolve(memberTransaction(tx, acked, finished)));
				}
			});
		});
	}

	/**
	 * One writing statement outside a transaction: a member of one statement, without a savepoint.
	 * SQLite makes a single statement atomic by itself: one that fails (a constraint) is undone alone
	 * and the transaction goes on; one whose failure ends the transaction is seen by the group.
	 */
	execute(stmt: InStatement): Promise<ResultSet> {
		return new Promise<ResultSet>((resolve, reject) => {
			let result: ResultSet;
			this.push({
				alone: false,
				ack: (err) => (err ? reject(err) : resolve(result)),
				refuse: reject,
				turn: async (tx) => {
					try {
						result = await tx.execute(stmt);
						return true;
					} catch (e) {
						reject(e);
						return false;
					}
				}
			});
		});
	}

	/** Statements that stand or fall together (libSQL's batch): one member. */
	batch(stmts: InStatement[]): Promise<ResultSet[]> {
		return this.member((tx) => tx.batch(stmts));
	}

	/** Work that may not run inside a transaction (PRAGMA, VACUUM INTO, migrations): between groups. */
	exclusive<T>(fn: (writer: Client) => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.push({ alone: true, turn: () => fn(this.writer).then(resolve, reject) });
		});
	}

	private async member<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
		const tx = await this.transaction();
		let value: T;
		try {
			value = await fn(tx);
		} catch (e) {
			await tx.rollback();
			throw e;
		}
		await tx.commit();
		return value;
	}

	private push(job: Job): void {
		this.waiting.push(job);
		if (!this.draining) void this.drain();
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
				if (job.alone) await job.turn();
				else await this.group(job);
			}
		} finally {
			this.draining = false;
		}
	}

	/** BEGIN IMMEDIATE; the members one after another, each in its savepoint; COMMIT; sync; acknowledge. */
	private async group(first: Extract<Job, { alone: false }>): Promise<void> {
		let tx: Transaction;
		try {
			tx = await this.writer.transaction('write');
		} catch (e) {
			// No transaction at all (another process held the lock past the busy timeout): this member is
			// refused; the others wait for the next group.
			first.refuse(e);
			return;
		}
		this.stats.groups++;
		const released: ((err: unknown) => void)[] = [];
		let broken: unknown = null;
		for (let job: Job | undefined = first; job && !job.alone;) {
			this.stats.members++;
			let ok = false;
			try {
				ok = await job.turn(tx);
			} catch (e) {
				job.refuse(e); // the savepoint itself could not be opened
			}
			if (ok) released.push(job.ack);
			else this.stats.rolledBack++;
			if (tx.closed) {
				// The failure ended the whole transaction (an I/O error, a full disk): nothing of it stays.
				broken = new Error('写入失败：本组写入均未保存，请重试');
				break;
			}
			const next: Job | undefined = this.waiting[0];
			job = next && !next.alone && released.length < this.maxGroup ? this.waiting.shift() : undefined;
		}
		if (!broken)
			try {
				await tx.commit();
			} catch (e) {
				broken = e;
			}
		if (broken) {
			tx.close();
			for (const ack of released) ack(broken);
			return;
		}
		// The next group may start at once; this one is acknowledged when a sync that began after its
		// COMMIT has finished.
		this.durable().then(
			() => released.forEach((ack) => ack(null)),
			(e) => released.forEach((ack) => ack(e))
		);
	}

	/**
	 * A sync that starts after this call: the next one to start, shared by every group that commits
	 * before it does. It starts one turn of the event loop after it is asked for (so that the saves
	 * of requests that arrived together share it), and never while another runs (which may have
	 * begun before this commit). A crowd's saves thus cost one fsync per sync time, not one each;
	 * acknowledgements keep the order of commits.
	 */
	private durable(): Promise<void> {
		if (this.nextSync) return this.nextSync;
		const next = (this.syncing ?? Promise.resolve())
			.catch(() => {})
			.then(() => new Promise<void>((turn) => setImmediate(turn)))
			.then(() => {
				this.nextSync = null;
				return this.startSync();
			});
		this.nextSync = next;
		return next;
	}

	private startSync(): Promise<void> {
		this.stats.syncs++;
		let run: Promise<void>;
		try {
			run = this.options.sync();
		} catch (e) {
			run = Promise.reject(e);
		}
		this.syncing = run;
		const done = () => {
			if (this.syncing === run) this.syncing = null;
		};
		run.then(done, done);
		return run;
	}
}

/**
 * What a member sees: its statements run on the group's transaction inside its savepoint.
 * `commit` releases the savepoint and resolves only once the group is durable; `rollback` undoes
 * this member's work only.
 */
function memberTransaction(tx: Transaction, acked: Promise<void>, finished: (released: boolean) => void): Transaction {
	let open = true;
	let outcome: 'released' | 'rolled back' | null = null;
	const end = (released: boolean) => {
		open = false;
		outcome = released ? 'released' : 'rolled back';
		finished(released);
	};
	const live = () => {
		if (!open) throw new Error(ENDED);
		return tx;
	};
	const rollback = async () => {
		if (!open) return;
		open = false;
		try {
			if (!tx.closed) {
				await tx.execute(`ROLLBACK TO ${SAVEPOINT}`);
				await tx.execute(`RELEASE ${SAVEPOINT}`);
			}
		} catch {
			/* the transaction is gone: the group sees tx.closed */
		} finally {
			end(false);
		}
	};
	const self = {
		execute: (stmt: InStatement | string, args?: InArgs) =>
			live().execute(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt),
		batch: (stmts: InStatement[]) => live().batch(stmts),
		executeMultiple: (sql: string) => live().executeMultiple(sql),
		async commit() {
			if (outcome === 'released') return acked;
			if (!open) throw new Error(ENDED);
			try {
				await tx.execute(`RELEASE ${SAVEPOINT}`);
			} catch (e) {
				await rollback();
				throw e;
			}
			open = false;
			end(true);
			return acked;
		},
		rollback,
		close() {
			void rollback();
		},
		get closed() {
			return !open;
		}
	};
	return self as unknown as Transaction;
}
