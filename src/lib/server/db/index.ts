// Database access. The same module serves the web server, the command line and tests:
// `openDatabase(url)` gives a drizzle handle on a libSQL client with migrations applied.
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

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
	const db = drizzle(client, { schema }) as DB;
	await migrate(db, { migrationsFolder: migrationsFolder() });
	return db;
}

let shared: Promise<DB> | null = null;

/** The process-wide handle (a connection pool, not application state). */
export function getDb(): Promise<DB> {
	shared ??= openDatabase();
	return shared;
}

/** For tests: replace the shared handle. */
export function setDb(db: DB | null): void {
	shared = db ? Promise.resolve(db) : null;
}
