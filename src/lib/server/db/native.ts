// Raw reads for the requests that come in crowds (every signed-in request's session lookup, the
// autosave's access query): hand-written SQL, prepared once, run on a read connection of their
// own through the driver's native statement in raw mode (one array per row). Through drizzle and
// @libsql/client the same row cost six times the CPU of the query itself (parameters mapped, a
// property defined per column, the row mapped again), on the one JavaScript thread a crowd waits
// for. Writes never come here: they go through the write queue (write-queue.ts) as always.
// A database without a file of its own (in memory, remote) reads through its client instead.
import { createRequire } from 'node:module';
import type { Client } from '@libsql/client';
import { getTableColumns, type Table } from 'drizzle-orm';

interface NativeStatement {
	raw(on?: boolean): NativeStatement;
	get(args: unknown[]): unknown[] | undefined;
}
interface NativeDatabase {
	prepare(sql: string): NativeStatement;
	close(): void;
}
type NativeDriver = new (path: string, opts?: { timeout?: number }) => NativeDatabase;

let driver: NativeDriver | null | undefined;
function nativeDriver(): NativeDriver | null {
	if (driver !== undefined) return driver;
	try {
		// the `libsql` package that @libsql/client itself loads (not a direct dependency)
		const require = createRequire(import.meta.url);
		driver = createRequire(require.resolve('@libsql/client'))('libsql') as NativeDriver;
	} catch {
		driver = null;
	}
	return driver;
}

interface Reader {
	db: NativeDatabase;
	statements: Map<string, NativeStatement>;
}
/** file path of each client opened on a database file (openDatabase registers it) */
const files = new WeakMap<Client, string>();
const readers = new WeakMap<Client, Reader | null>();

/** openDatabase: this client's database is the file at `path` (raw reads may open it themselves). */
export function registerDatabaseFile(client: Client, path: string): void {
	files.set(client, path);
}

/** Closes the raw read connection of a client (with the client). */
export function closeRawReader(client: Client): void {
	const r = readers.get(client);
	readers.set(client, null);
	r?.db.close();
}

function readerOf(client: Client): Reader | null {
	let r = readers.get(client);
	if (r !== undefined) return r;
	const path = files.get(client);
	const Driver = nativeDriver();
	r = null;
	if (path && Driver) {
		try {
			// the busy timeout of the client's own connections (db/index.ts)
			r = { db: new Driver(path, { timeout: 5000 }), statements: new Map() };
		} catch {
			r = null;
		}
	}
	readers.set(client, r);
	return r;
}

/**
 * The first row of a read as an array of column values in the order of the SELECT, or undefined.
 * Integers come as numbers (as the client gives them).
 */
export async function rawRow(client: Client, sql: string, args: unknown[]): Promise<unknown[] | undefined> {
	const r = readerOf(client);
	if (!r) {
		const row = (await client.execute({ sql, args: args as never })).rows[0];
		return row ? Array.from(row) : undefined;
	}
	let stmt = r.statements.get(sql);
	if (!stmt) r.statements.set(sql, (stmt = r.db.prepare(sql).raw(true)));
	return stmt.get(args);
}

/**
 * Every column of a drizzle table, for a raw SELECT: the column list (`alias`."col", …, in the
 * schema's order, so it stays in step with the schema) and a reader that turns the values at
 * `from` in a raw row into the row drizzle would give (JSON parsed, booleans, …).
 */
export function tableColumns<T extends Table>(
	table: T,
	alias: string
): { sql: string; count: number; read: (row: unknown[], from: number) => T['$inferSelect'] } {
	const cols = Object.entries(getTableColumns(table));
	return {
		sql: cols.map(([, c]) => `"${alias}"."${c.name}"`).join(', '),
		count: cols.length,
		read(row, from) {
			const out: Record<string, unknown> = {};
			for (let i = 0; i < cols.length; i++) {
				const v = row[from + i];
				out[cols[i][0]] = v === null || v === undefined ? null : cols[i][1].mapFromDriverValue(v);
			}
			return out as T['$inferSelect'];
		}
	};
}
