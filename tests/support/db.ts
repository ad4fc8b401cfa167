import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';

/** A fresh file database with every migration applied. */
export async function freshDb(): Promise<DB> {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-test-'));
	return openDatabase(`file:${join(dir, 'test.db')}`);
}

/** Row counts of every table of the database, found through sqlite_master: "nothing was written". */
export async function tableCounts(db: DB): Promise<Record<string, number>> {
	const tables = await db.$client.execute(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	);
	const out: Record<string, number> = {};
	for (const row of tables.rows) {
		const name = String(row.name);
		const r = await db.$client.execute(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
		out[name] = Number(r.rows[0].n);
	}
	return out;
}
