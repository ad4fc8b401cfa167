// Database access. The same module serves the web server, the command line and tests:
// `openDatabase(url)` gives a drizzle handle on a libSQL client with migrations applied.
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { chainLegacyAudit } from '../audit';

export type DB = LibSQLDatabase<typeof schema> & { $client: Client };
export { schema };

export const DEFAULT_DATABASE_URL = 'file:db/laurel.db';

function migrationsFolder(): string {
	return process.env.LAUREL_MIGRATIONS ?? resolve('db/migrations');
}

/** Opens a database and applies pending migrations. File databases get WAL and a busy timeout. */
export async function openDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Promise<DB> {
	const isFile = url.startsWith('file:');
	if (isFile) {
		const path = url.slice('file:'.length);
		if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const client = createClient({
		url,
		authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
		// busy timeout for local files: writers from several processes wait instead of failing
		...(isFile ? { timeout: 5000 } : {})
	});
	if (isFile && !url.includes(':memory:')) {
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA synchronous = NORMAL');
	}
	if (isFile) serializeWrites(client);
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

/**
 * The embedded driver is synchronous underneath: while one connection of this process holds the
 * write lock inside an async transaction, another connection's write would wait for it in a
 * blocking busy loop and freeze the very event loop that must finish the first transaction.
 * So writers of one process take turns through an async queue; reads (WAL) never wait.
 * Other processes are still coordinated by SQLite's own lock and the busy timeout.
 */
function serializeWrites(client: Client): void {
	let tail: Promise<void> = Promise.resolve();
	const acquire = (): Promise<() => void> => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		const prev = tail;
		tail = prev.then(() => held);
		return prev.then(() => {
			let done = false;
			return () => {
				if (!done) {
					done = true;
					release();
				}
			};
		});
	};
	const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
		const release = await acquire();
		try {
			return await fn();
		} finally {
			release();
		}
	};
	const isRead = (stmt: unknown): boolean => {
		const sql = typeof stmt === 'string' ? stmt : ((stmt as { sql?: string })?.sql ?? '');
		return /^\s*(select|with\s[\s\S]*?\)\s*select)\b/i.test(sql);
	};
	const execute = client.execute.bind(client) as (stmt: unknown) => Promise<unknown>;
	(client as { execute: unknown }).execute = (stmt: unknown) =>
		isRead(stmt) ? execute(stmt) : locked(() => execute(stmt));
	for (const name of ['batch', 'migrate', 'executeMultiple'] as const) {
		const fn = (client[name] as (...a: unknown[]) => Promise<unknown>).bind(client);
		(client as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => locked(() => fn(...a));
	}
	const transaction = client.transaction.bind(client);
	(client as { transaction: unknown }).transaction = async (mode?: 'write' | 'read' | 'deferred') => {
		if (mode === 'read') return transaction(mode);
		const release = await acquire();
		try {
			const tx = await transaction(mode);
			for (const end of ['commit', 'rollback'] as const) {
				const fn = tx[end].bind(tx);
				tx[end] = async () => {
					try {
						return await fn();
					} finally {
						release();
					}
				};
			}
			const close = tx.close.bind(tx);
			tx.close = () => {
				close();
				release();
			};
			return tx;
		} catch (e) {
			release();
			throw e;
		}
	};
}
