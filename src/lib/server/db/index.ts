// Database access. The same module serves the web server, the command line and tests:
// `openDatabase(url)` gives a drizzle handle on a libSQL client with migrations applied.
import {
	createClient,
	type Client,
	type InArgs,
	type InStatement,
	type ResultSet,
	type TransactionMode
} from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { chainLegacyAudit } from '../audit';
import { WriteQueue } from './write-queue';
import { installStatementCache } from './statement-cache';
import { closeRawReader, registerDatabaseFile } from './native';

export type DB = LibSQLDatabase<typeof schema> & { $client: Client };

export const DEFAULT_DATABASE_URL = 'file:db/laurel.db';

function migrationsFolder(): string {
	return process.env.LAUREL_MIGRATIONS ?? resolve('db/migrations');
}

/**
 * Opens a database and applies pending migrations. File databases get WAL, a busy timeout, and
 * one writing connection behind the write queue (write-queue.ts); reads use a pool of their own.
 */
export async function openDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Promise<DB> {
	const isFile = url.startsWith('file:');
	installStatementCache();
	const inMemory = url.includes(':memory:');
	const path = isFile ? url.slice('file:'.length).split('?')[0] : '';
	if (path && !inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
	const config = {
		url,
		authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
		// busy timeout for local files: writers from several processes wait instead of failing
		...(isFile ? { timeout: 5000 } : {})
	};
	const client = createClient(config);
	if (isFile) {
		// An in-memory database lives on its one connection: there the writer is the client itself.
		const writer = inMemory ? unpatched(client) : createClient({ ...config, concurrency: 1 });
		if (!inMemory) {
			await writer.execute('PRAGMA journal_mode = WAL');
			// COMMIT writes the log without waiting for the disk; the queue's sync (fsync of the WAL,
			// off the event loop, once per group) makes it durable before anyone is told “已保存”.
			await writer.execute('PRAGMA synchronous = NORMAL');
		}
		if (!inMemory) registerDatabaseFile(client, path);
		const log = inMemory ? null : logSyncer(path);
		const queue = new WriteQueue(writer, { sync: log ? log.sync : async () => {} });
		routeWrites(client, writer, queue, () => log?.close());
	}
	const db = drizzle(client, { schema }) as DB;
	await migrate(db, { migrationsFolder: migrationsFolder() });
	// Data step of migration 0005: audit rows from before the hash chain get their hashes.
	await chainLegacyAudit(db);
	return db;
}

let shared: Promise<DB> | null = null;

/** The process-wide handle (a connection pool, not application state). */
export function getDb(): Promise<DB> {
	shared ??= openDatabase();
	return shared;
}

/** The write queue of a handle (file databases only): its figures, for tests and benchmarks. */
export function writeQueueOf(db: DB): WriteQueue | null {
	return queues.get(db.$client) ?? null;
}

const queues = new WeakMap<Client, WriteQueue>();

/** The client's own methods, as they are before routeWrites replaces them (for the queue's use). */
function unpatched(client: Client): Client {
	const view = Object.create(client) as Record<string, unknown>;
	for (const name of ['execute', 'batch', 'migrate', 'executeMultiple', 'transaction'] as const)
		view[name] = (client[name] as (...a: unknown[]) => unknown).bind(client);
	return view as unknown as Client;
}

/**
 * fdatasync of the WAL (on libuv's pool, not the event loop): what COMMIT wrote is on disk. The log
 * stays open between syncs (opening and closing it for each group cost the event loop more than
 * the sync itself). SQLite keeps the same log file while any connection is open (it resets it in
 * place); should it have been removed all the same (nlink 0), its content was checkpointed into the
 * database first, and the log is opened anew.
 */
function logSyncer(path: string): { sync: () => Promise<void>; close: () => void } {
	let fd: number | null = null;
	const close = () => {
		if (fd !== null) closeSync(fd);
		fd = null;
	};
	const datasync = (n: number) => new Promise<void>((ok, fail) => fdatasync(n, (e) => (e ? fail(e) : ok())));
	return {
		close,
		async sync() {
			if (fd !== null && fstatSync(fd).nlink === 0) close();
			if (fd === null) {
				try {
					fd = openSync(`${path}-wal`, 'r');
				} catch (e) {
					// no log (yet): the database file itself holds everything committed
					if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
					const db = openSync(path, 'r');
					try {
						return await datasync(db);
					} finally {
						closeSync(db);
					}
				}
			}
			await datasync(fd);
		}
	};
}

const READ = /^\s*(select|with\s[\s\S]*?\)\s*select)\b/i;
const DML = /^\s*(insert|update|delete|replace|with)\b/i;
const sqlOf = (stmt: unknown): string => (typeof stmt === 'string' ? stmt : ((stmt as { sql?: string })?.sql ?? ''));

/**
 * Reads (WAL) go to the client's pool and never wait; every write goes through the queue to the
 * one writing connection. Other processes are coordinated by SQLite's lock and the busy timeout.
 */
function routeWrites(client: Client, writer: Client, queue: WriteQueue, onClose: () => void): void {
	queues.set(client, queue);
	const read = client.execute.bind(client) as (stmt: InStatement) => Promise<ResultSet>;
	const readTransaction = client.transaction.bind(client);
	const close = client.close.bind(client);
	const patch = client as unknown as Record<string, unknown>;
	patch.execute = (stmt: InStatement | string, args?: InArgs) => {
		const s: InStatement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
		const sql = sqlOf(s);
		if (READ.test(sql)) return read(s);
		if (DML.test(sql)) return queue.execute(s);
		return queue.exclusive((w) => w.execute(s)); // PRAGMA, VACUUM INTO, DDL: outside any transaction
	};
	patch.batch = (stmts: (InStatement | [string, InArgs?])[]) =>
		queue.batch(stmts.map((x) => (Array.isArray(x) ? { sql: x[0], args: x[1] ?? [] } : x)));
	patch.migrate = (stmts: InStatement[]) => queue.exclusive((w) => w.migrate(stmts));
	patch.executeMultiple = (sql: string) => queue.exclusive((w) => w.executeMultiple(sql));
	patch.transaction = (mode?: TransactionMode) => (mode === 'read' ? readTransaction(mode) : queue.transaction());
	patch.close = () => {
		closeRawReader(client);
		close();
		// an in-memory database's writer is a view of the client itself (see unpatched)
		if (Object.getPrototypeOf(writer) !== client) writer.close();
		onClose();
	};
}
