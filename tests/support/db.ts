import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';

/** A fresh file database with every migration applied. */
export async function freshDb(): Promise<DB> {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-test-'));
	return openDatabase(`file:${join(dir, 'test.db')}`);
}
