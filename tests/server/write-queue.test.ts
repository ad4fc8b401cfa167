// The write queue (src/lib/server/db/write-queue.ts): concurrent writers share one transaction,
// a failing writer is refused alone, writers run in arrival order, and nobody is acknowledged
// before the group's sync has finished.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { sql } from 'drizzle-orm';
import { WriteQueue } from '../../src/lib/server/db/write-queue';
import { openDatabase, writeQueueOf } from '../../src/lib/server/db';

const opened: Client[] = [];

function setup(sync: () => Promise<void> = async () => {}) {
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-wq-')), 'q.db');
	const writer = createClient({ url: `file:${file}`, concurrency: 1 });
	const reader = createClient({ url: `file:${file}` });
	opened.push(writer, reader);
	const queue = new WriteQueue(writer, { sync });
	// drizzle on a client whose transactions and writes go through the queue, as openDatabase wires it
	const client = {
		execute: (s: string) => (/^\s*select/i.test(s) ? reader.execute(s) : queue.execute(s)),
		transaction: () => queue.transaction(),
		batch: (stmts: string[]) => queue.batch(stmts)
	} as unknown as Client;
	const db = drizzle(client);
	return { queue, db, reader, writer };
}

async function rows(reader: Client): Promise<string[]> {
	return (await reader.execute('select v from t order by rowid')).rows.map((r) => String(r.v));
}

/** drizzle wraps the driver's error in its own */
const causeOf = (e: unknown): string => String((e as { cause?: unknown })?.cause ?? e);

afterEach(() => {
	for (const c of opened.splice(0)) c.close();
});

describe('write queue', () => {
	it('lets writers that wait together share one transaction and one sync', async () => {
		const { queue, db, writer, reader } = setup();
		await writer.execute('create table t (v text)');
		const before = { ...queue.stats };
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				db.transaction(async (tx) => {
					await tx.run(sql`insert into t (v) values (${'w' + i})`);
				})
			)
		);
		expect(queue.stats.members - before.members).toBe(10);
		// the first writer opens a group; the nine that queued behind it share the second one
		expect(queue.stats.groups - before.groups).toBeLessThanOrEqual(2);
		expect(queue.stats.syncs - before.syncs).toBeLessThanOrEqual(2);
		expect(await rows(reader)).toHaveLength(10);
	});

	it('refuses a failing writer alone: the others of its group are saved', async () => {
		const { queue, db, writer, reader } = setup();
		await writer.execute('create table t (v text primary key)');
		const results = await Promise.allSettled([
			db.transaction(async (tx) => {
				await tx.run(sql`insert into t (v) values ('a')`);
			}),
			db.transaction(async (tx) => {
				await tx.run(sql`insert into t (v) values ('b')`);
				await tx.run(sql`insert into t (v) values ('a')`); // duplicate key: this writer fails after a write
			}),
			db.transaction(async (tx) => {
				await tx.run(sql`insert into t (v) values ('c')`);
				throw new Error('refused by the service');
			}),
			db.transaction(async (tx) => {
				await tx.run(sql`insert into t (v) values ('d')`);
			})
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
		expect(causeOf((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
		expect(await rows(reader)).toEqual(['a', 'd']); // nothing of b or c, not even b's first insert
		expect(queue.stats.rolledBack).toBe(2);
	});

	it('refuses a failing single statement alone, without a savepoint: the rest of its group is saved', async () => {
		const { queue, writer, reader } = setup();
		await writer.execute('create table t (v text primary key)');
		const before = { ...queue.stats };
		const results = await Promise.allSettled(
			['a', 'b', 'a', 'c'].map((v) => queue.execute({ sql: 'insert into t (v) values (?)', args: [v] }))
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
		expect(await rows(reader)).toEqual(['a', 'b', 'c']);
		expect(queue.stats.groups - before.groups).toBeLessThanOrEqual(2);
		expect(queue.stats.rolledBack - before.rolledBack).toBe(1);
	});

	it('runs writers in arrival order, each seeing the ones before it (a version check keeps its strength)', async () => {
		const { db, writer, reader } = setup();
		await writer.execute('create table t (v text)');
		await writer.execute('create table c (id integer primary key, version integer)');
		await writer.execute('insert into c values (1, 0)');
		// five writers all saw version 0: only the first may save, as with one transaction each
		const saved = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				db.transaction(async (tx) => {
					const r = await tx.all<{ id: number }>(
						sql`update c set version = 1 where id = 1 and version = 0 returning id`
					);
					if (!r.length) return false;
					await tx.run(sql`insert into t (v) values (${'w' + i})`);
					return true;
				})
			)
		);
		expect(saved).toEqual([true, false, false, false, false]);
		const order = await Promise.all(
			['x', 'y', 'z'].map((v) => db.run(sql`insert into t (v) values (${v})`).then(() => v))
		);
		expect(order).toEqual(['x', 'y', 'z']);
		expect(await rows(reader)).toEqual(['w0', 'x', 'y', 'z']);
	});

	it('acknowledges a writer only after the sync, and refuses it when the sync fails', async () => {
		let release!: () => void;
		let failNext = false;
		const { db, writer, reader } = setup(async () => {
			if (failNext) throw new Error('EIO');
			await new Promise<void>((r) => (release = r));
		});
		await writer.execute('create table t (v text)');
		let acknowledged = false;
		const saving = db
			.transaction(async (tx) => {
				await tx.run(sql`insert into t (v) values ('a')`);
			})
			.then(() => (acknowledged = true));
		await new Promise((r) => setTimeout(r, 50));
		expect(await rows(reader)).toEqual(['a']); // committed …
		expect(acknowledged).toBe(false); // … but not yet durable, so not yet acknowledged
		release();
		await saving;
		expect(acknowledged).toBe(true);
		failNext = true;
		const refused = await db.run(sql`insert into t (v) values ('b')`).then(
			() => 'acknowledged',
			(e) => causeOf(e)
		);
		expect(refused).toMatch(/EIO/);
	});

	it('lets the next group run while the previous one syncs, and acknowledges in commit order', async () => {
		const releases: (() => void)[] = [];
		const { db, writer } = setup(() => new Promise<void>((r) => releases.push(r)));
		await writer.execute('create table t (v text)');
		const acks: string[] = [];
		const first = db.run(sql`insert into t (v) values ('1')`).then(() => acks.push('1'));
		await vi.waitFor(() => expect(releases).toHaveLength(1)); // the first sync has begun
		const second = db.run(sql`insert into t (v) values ('2')`).then(() => acks.push('2'));
		await new Promise((r) => setTimeout(r, 30));
		// the second group committed while the first was still syncing; its sync waits its turn
		expect(releases).toHaveLength(1);
		releases[0]();
		await first;
		await vi.waitFor(() => expect(releases).toHaveLength(2));
		releases[1]();
		await second;
		expect(acks).toEqual(['1', '2']);
	});

	it('lets the groups that commit while a sync runs share the next one, acknowledged only after it', async () => {
		const releases: (() => void)[] = [];
		const { db, writer, queue } = setup(() => new Promise<void>((r) => releases.push(r)));
		await writer.execute('create table t (v text)');
		const before = queue.stats.syncs;
		const acks: string[] = [];
		const write = (v: string) => db.run(sql`insert into t (v) values (${v})`).then(() => acks.push(v));
		const first = write('0');
		await vi.waitFor(() => expect(releases).toHaveLength(1)); // the first sync has begun
		// five more groups, one after another, all committed while the first sync runs
		const later: Promise<number>[] = [];
		for (const v of ['1', '2', '3', '4', '5']) {
			later.push(write(v));
			await new Promise((r) => setTimeout(r, 10));
		}
		expect(queue.stats.groups).toBeGreaterThanOrEqual(6);
		expect(releases).toHaveLength(1);
		releases[0]();
		await first;
		await vi.waitFor(() => expect(releases).toHaveLength(2));
		// the first sync began before their COMMITs: it does not make them durable
		expect(acks).toEqual(['0']);
		releases[1]();
		await Promise.all(later);
		expect(acks).toEqual(['0', '1', '2', '3', '4', '5']);
		expect(queue.stats.syncs - before).toBe(2);
	});

	it('is wired into openDatabase: concurrent drizzle transactions are grouped and saved', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'laurel-wq-'));
		const db = await openDatabase(`file:${join(dir, 'app.db')}`);
		const queue = writeQueueOf(db)!;
		expect(queue).not.toBeNull();
		await db.run(sql`create table t (v text)`);
		const before = queue.stats.groups;
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => db.transaction((tx) => tx.run(sql`insert into t (v) values (${i})`)))
		);
		expect(queue.stats.groups - before).toBeLessThan(20);
		expect((await db.all<{ n: number }>(sql`select count(*) as n from t`))[0].n).toBe(20);
		db.$client.close();
	});
});
