// The kept prepared statements (src/lib/server/db/statement-cache.ts): the same SQL is planned once
// per connection, and reusing a statement changes no answer: after an error, after a schema
// change, between transactions, with other arguments.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { installStatementCache } from '../../src/lib/server/db/statement-cache';

const opened: Client[] = [];
afterEach(() => {
	for (const c of opened.splice(0)) c.close();
});

function client(): Client {
	const c = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'laurel-sc-')), 'c.db')}`, concurrency: 1 });
	opened.push(c);
	return c;
}

/** The driver @libsql/client loads, to count its prepares. */
function driverPrototype(): { prepare: (sql: string) => unknown } {
	const require = createRequire(import.meta.url);
	return (
		createRequire(require.resolve('@libsql/client'))('libsql') as { prototype: { prepare: (sql: string) => unknown } }
	).prototype;
}

describe('statement cache', () => {
	it('prepares the same SQL once per connection', async () => {
		expect(installStatementCache()).toBe(true);
		const proto = driverPrototype();
		const cached = proto.prepare;
		const seen = new Set<unknown>();
		proto.prepare = function (this: unknown, sql: string) {
			const stmt = cached.call(this, sql);
			if (sql.startsWith('select v')) seen.add(stmt);
			return stmt;
		};
		try {
			const c = client();
			await c.execute('create table t (k integer primary key, v text unique)');
			for (let i = 0; i < 5; i++) await c.execute({ sql: 'insert into t (v) values (?)', args: [`v${i}`] });
			const answers = [];
			for (let i = 0; i < 5; i++)
				answers.push((await c.execute({ sql: 'select v from t where k > ? order by k', args: [i] })).rows.length);
			expect(answers).toEqual([5, 4, 3, 2, 1]);
			expect(seen.size).toBe(1); // one statement object served all five
		} finally {
			proto.prepare = cached;
		}
	});

	it('gives the same answers after errors, schema changes and across transactions', async () => {
		installStatementCache();
		const c = client();
		await c.execute('create table t (k integer primary key, v text unique)');
		const insert = (v: string) => c.execute({ sql: 'insert into t (v) values (?)', args: [v] });
		await insert('a');
		await expect(insert('a')).rejects.toThrow(/UNIQUE/);
		await insert('b'); // the statement that failed runs again
		const all = async () => (await c.execute('select * from t order by k')).rows.map((r) => ({ ...r }));
		expect(await all()).toEqual([
			{ k: 1, v: 'a' },
			{ k: 2, v: 'b' }
		]);
		await c.execute('alter table t add column w text');
		expect(await all()).toEqual([
			{ k: 1, v: 'a', w: null },
			{ k: 2, v: 'b', w: null }
		]);
		for (let i = 0; i < 3; i++) {
			const tx = await c.transaction('write');
			await tx.execute({ sql: 'update t set w = ? where k = 1', args: [`w${i}`] });
			if (i === 1) await tx.rollback();
			else await tx.commit();
		}
		expect((await c.execute('select w from t where k = 1')).rows[0].w).toBe('w2');
		// named columns, kept across a schema change: the same names and values
		const named = async () => (await c.execute('select k, v from t order by k')).rows.map((r) => ({ ...r }));
		const before = await named();
		await c.execute('alter table t add column x text');
		expect(await named()).toEqual(before);
	});
});
