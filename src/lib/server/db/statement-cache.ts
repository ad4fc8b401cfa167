// Prepared statements, kept. The local libSQL client prepares every statement anew on each call
// (SQLite parses and plans it again: ~35 µs for a small query, several hundred for the save's
// access query), on the one JavaScript thread. Each connection here keeps the statements it has
// prepared, by their SQL text, so drizzle's prepared queries and the write queue's SAVEPOINT /
// RELEASE run without a new plan. Reuse is safe: the driver runs a statement to its end (or its
// error) synchronously before anything else can use the connection, SQLite resets a statement
// before it runs again, and re-prepares it by itself after a schema change. Only a statement that
// names its columns by a wildcard (`select *`, `t.*`, `returning *`) is prepared anew each time:
// the driver reads a statement's column names before running it, and after a schema change those
// of a kept wildcard statement would be the old ones.
import { createRequire } from 'node:module';

interface NativeDatabase {
	prepare(sql: string): NativeStatement;
}
interface NativeStatement {
	readonly reader: boolean;
	raw(toggle?: boolean): NativeStatement;
	columns(): unknown[];
}

/** Statements kept per connection; past this the connection's cache starts over (drizzle's SQL is finite; `inArray` lists vary). */
const LIMIT = 500;
const CACHE = Symbol('laurel.statementCache');

const WILDCARD = /(select|,|\.|returning)\s*\*/i;

let installed = false;

/**
 * Wraps the driver's `prepare` with a per-connection cache (once per process). The driver is the
 * `libsql` package that @libsql/client itself loads, found from there (it is not a direct dependency).
 */
export function installStatementCache(): boolean {
	if (installed) return true;
	let Database: { prototype: NativeDatabase } | undefined;
	try {
		const require = createRequire(import.meta.url);
		Database = createRequire(require.resolve('@libsql/client'))('libsql') as { prototype: NativeDatabase };
	} catch {
		return false; // another driver (remote database): nothing to keep
	}
	const proto = Database?.prototype;
	if (!proto || typeof proto.prepare !== 'function') return false;
	const prepare = proto.prepare;
	proto.prepare = function cachedPrepare(
		this: NativeDatabase & { [CACHE]?: Map<string, NativeStatement> },
		sql: string
	) {
		if (WILDCARD.test(sql)) return prepare.call(this, sql);
		let cache = this[CACHE];
		if (!cache) this[CACHE] = cache = new Map<string, NativeStatement>();
		let stmt = cache.get(sql);
		if (stmt === undefined) {
			stmt = kept(prepare.call(this, sql));
			if (cache.size >= LIMIT) cache.clear();
			cache.set(sql, stmt);
		}
		return stmt;
	};
	installed = true;
	return true;
}

/** @libsql/client asks `raw(true)` of every statement and learns from its throw that one returns no rows. */
const NOT_A_READER = new Error('not a reader');

/**
 * What a kept statement answers the same every time, answered from memory: its column list (the
 * client asks it twice per call) and, for a statement that returns no rows (BEGIN, SAVEPOINT,
 * COMMIT, a plain UPDATE), the refusal of `raw`, thrown without building a new native error.
 */
function kept(stmt: NativeStatement): NativeStatement {
	if (!stmt.reader) {
		Object.defineProperty(stmt, 'raw', {
			value: () => {
				throw NOT_A_READER;
			}
		});
		return stmt;
	}
	const columns = stmt.columns.bind(stmt);
	let names: unknown[] | undefined;
	Object.defineProperty(stmt, 'columns', { value: () => (names ??= columns()) });
	return stmt;
}
