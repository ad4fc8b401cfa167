// No acknowledged write is lost when the process is killed (SIGKILL) in the middle of group
// commits: a child process writes through the queue and prints each acknowledgement; after it is
// killed, every acknowledged write is in the database.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';

describe('write queue under SIGKILL', () => {
	it('keeps every acknowledged write', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'laurel-wq-crash-')), 'crash.db');
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/write-queue-child.ts', file], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const acked: number[] = [];
		let buffer = '';
		await new Promise<void>((resolve, reject) => {
			child.on('error', reject);
			child.on('exit', () => resolve());
			child.stdout!.on('data', (chunk: Buffer) => {
				buffer += chunk.toString();
				const lines = buffer.split('\n');
				buffer = lines.pop()!;
				for (const line of lines) if (/^\d+$/.test(line)) acked.push(Number(line));
				// killed in full flight: groups are committing and syncing while it dies
				if (acked.length >= 300 && !child.killed) child.kill('SIGKILL');
			});
		});
		expect(acked.length).toBeGreaterThanOrEqual(300);
		const db = await openDatabase(`file:${file}`);
		const rows = await db.all<{ id: number }>(sql`select id from acked`);
		const stored = new Set(rows.map((r) => Number(r.id)));
		expect(acked.filter((id) => !stored.has(id))).toEqual([]);
		db.$client.close();
	}, 120_000);
});
