// The audit log's hash chain on a real database: every way of tampering with the stored rows is
// named by verify, and writers in two processes keep one valid chain.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { auditLog } from '../../src/lib/server/db/schema';
import { audit, chainLegacyAudit, verifyAuditChain, SYSTEM } from '../../src/lib/server/audit';
import { freshDb } from '../support/db';

const actor = { id: 'u_1', name: 'organizer' };

async function writeSome(db: DB, campaignId: string | null, n: number) {
	for (let i = 0; i < n; i++) {
		await db.transaction((tx) =>
			audit(tx, actor, {
				campaignId,
				action: 'candidate.update',
				entity: 'candidate',
				entityId: `c${i}`,
				before: { name: `甲${i}` },
				after: { name: `乙${i}`, when: new Date(0), gone: undefined },
				reason: i % 2 ? '更正' : undefined
			})
		);
	}
}

async function idsOf(db: DB, campaignId: string) {
	return (
		await db
			.select({ id: auditLog.id })
			.from(auditLog)
			.where(eq(auditLog.campaignId, campaignId))
			.orderBy(asc(auditLog.id))
	).map((r) => r.id);
}

describe('audit hash chain', () => {
	it('chains the entries of a campaign; verify recomputes them and gives the head', async () => {
		const db = await freshDb();
		await writeSome(db, 'cA', 5);
		await writeSome(db, 'cB', 2);
		const rows = await db.select().from(auditLog).where(eq(auditLog.campaignId, 'cA')).orderBy(asc(auditLog.id));
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(rows[0].prevHash).toBe('0'.repeat(64));
		for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
		for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(await verifyAuditChain(db, 'cA')).toEqual({ ok: true, entries: 5, head: rows[4].hash });
		// Interleaved campaigns do not disturb each other's chains.
		expect(await verifyAuditChain(db, 'cB')).toMatchObject({ ok: true, entries: 2 });
		// An unknown campaign is an empty chain.
		expect(await verifyAuditChain(db, 'none')).toEqual({ ok: true, entries: 0, head: '0'.repeat(64) });
	});

	it('entries without a campaign form their own chain; audit() outside a transaction still chains', async () => {
		const db = await freshDb();
		await audit(db, SYSTEM, { action: 'user.password_change', entity: 'user', entityId: 'u1' });
		await audit(db, SYSTEM, { action: 'user.password_change', entity: 'user', entityId: 'u2' });
		await audit(db, SYSTEM, { campaignId: 'cA', action: 'campaign.create' });
		const global = await db
			.select()
			.from(auditLog)
			.where(sql`${auditLog.campaignId} is null`);
		expect(global.map((r) => r.seq)).toEqual([1, 2]);
		expect(await verifyAuditChain(db, null)).toMatchObject({ ok: true, entries: 2 });
		expect(await verifyAuditChain(db, 'cA')).toMatchObject({ ok: true, entries: 1 });
	});

	it('names the entry whose content was edited in the database', async () => {
		const db = await freshDb();
		await writeSome(db, 'cA', 5);
		const ids = await idsOf(db, 'cA');
		await db.$client.execute({
			sql: `update audit_log set "after" = ? where id = ?`,
			args: [JSON.stringify({ name: '丙' }), ids[2]]
		});
		expect(await verifyAuditChain(db, 'cA')).toMatchObject({ ok: false, entry: ids[2], reason: 'edited' });
		// So does a changed time, actor or reason, or key order that is not a change at all.
		const db2 = await freshDb();
		await writeSome(db2, 'cA', 3);
		const ids2 = await idsOf(db2, 'cA');
		await db2.$client.execute({ sql: `update audit_log set at = at + 1 where id = ?`, args: [ids2[1]] });
		expect(await verifyAuditChain(db2, 'cA')).toMatchObject({ ok: false, entry: ids2[1] });
	});

	it('names the entry after a removed one', async () => {
		const db = await freshDb();
		await writeSome(db, 'cA', 5);
		const ids = await idsOf(db, 'cA');
		await db.$client.execute({ sql: 'delete from audit_log where id = ?', args: [ids[2]] });
		expect(await verifyAuditChain(db, 'cA')).toMatchObject({ ok: false, entry: ids[3], reason: 'broken_link' });
	});

	it('names an entry inserted by hand, with or without a made-up hash', async () => {
		const db = await freshDb();
		await writeSome(db, 'cA', 3);
		// Written around audit(): no position, no hash.
		await db.$client.execute({
			sql: `insert into audit_log (at, actor_name, campaign_id, action) values (?, 'x', 'cA', 'selection.lock')`,
			args: [Date.now()]
		});
		const forged = (await idsOf(db, 'cA')).at(-1)!;
		expect(await verifyAuditChain(db, 'cA')).toMatchObject({ ok: false, entry: forged, reason: 'out_of_chain' });

		// Slipped into the middle with an id between two entries and a copied hash.
		const db2 = await freshDb();
		await writeSome(db2, 'cA', 3);
		const [a, b] = await idsOf(db2, 'cA');
		await db2.$client.execute({ sql: 'update audit_log set id = id + 100 where id > ?', args: [a] });
		const first = (await db2.select().from(auditLog).where(eq(auditLog.id, a)))[0];
		await db2.$client.execute({
			sql: `insert into audit_log (id, at, actor_name, campaign_id, action, seq, prev_hash, hash) values (?, ?, 'x', 'cA', 'selection.lock', 99, ?, ?)`,
			args: [a + 1, first.at, first.hash, first.hash]
		});
		expect(b).toBeGreaterThan(a);
		expect(await verifyAuditChain(db2, 'cA')).toMatchObject({ ok: false, entry: a + 1 });

		// Appended with a correct-looking link but a hash that is not its own.
		const db3 = await freshDb();
		await writeSome(db3, 'cA', 2);
		const last = (await db3.select().from(auditLog).orderBy(asc(auditLog.id))).at(-1)!;
		await db3.$client.execute({
			sql: `insert into audit_log (at, actor_name, campaign_id, action, seq, prev_hash, hash) values (?, 'x', 'cA', 'selection.lock', 3, ?, ?)`,
			args: [Date.now(), last.hash, 'f'.repeat(64)]
		});
		const appended = (await idsOf(db3, 'cA')).at(-1)!;
		expect(await verifyAuditChain(db3, 'cA')).toMatchObject({ ok: false, entry: appended, reason: 'edited' });
	});

	it('refuses a second entry at the same position of a chain (the backstop against a fork)', async () => {
		const db = await freshDb();
		await writeSome(db, 'cA', 2);
		await expect(
			db.$client.execute({
				sql: `insert into audit_log (at, campaign_id, action, seq) values (1, 'cA', 'x', 2)`,
				args: []
			})
		).rejects.toThrow(/UNIQUE/);
		// The same position in another chain, and in the global chain, is fine.
		await db.$client.execute({
			sql: `insert into audit_log (at, campaign_id, action, seq) values (1, 'cB', 'x', 2)`,
			args: []
		});
		await db.$client.execute({
			sql: `insert into audit_log (at, campaign_id, action, seq) values (1, null, 'x', 2)`,
			args: []
		});
		await expect(
			db.$client.execute({
				sql: `insert into audit_log (at, campaign_id, action, seq) values (1, null, 'y', 2)`,
				args: []
			})
		).rejects.toThrow(/UNIQUE/);
	});

	it('hashes the rows written before the chain existed, once, when the database is opened', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'laurel-audit-'));
		const url = `file:${join(dir, 'legacy.db')}`;
		const db = await openDatabase(url);
		// Rows as the previous version wrote them: no seq, no hashes.
		for (let i = 0; i < 4; i++) {
			await db.$client.execute({
				sql: `insert into audit_log (at, actor_name, campaign_id, action, "after") values (?, 'organizer', ?, 'candidate.update', ?)`,
				args: [1000 + i, i === 3 ? null : 'cOld', JSON.stringify({ b: 1, a: [i] })]
			});
		}
		expect(await chainLegacyAudit(db)).toBe(4);
		expect(await verifyAuditChain(db, 'cOld')).toMatchObject({ ok: true, entries: 3 });
		expect(await verifyAuditChain(db, null)).toMatchObject({ ok: true, entries: 1 });
		// New entries continue the migrated chain.
		await writeSome(db, 'cOld', 2);
		expect(await verifyAuditChain(db, 'cOld')).toMatchObject({ ok: true, entries: 5 });
		// A row slipped in later is not silently adopted by a later start: verify names it.
		await db.$client.execute({
			sql: `insert into audit_log (at, campaign_id, action) values (1, 'cOld', 'x')`,
			args: []
		});
		const again = await openDatabase(url);
		expect(await chainLegacyAudit(again)).toBe(0);
		expect(await verifyAuditChain(again, 'cOld')).toMatchObject({ ok: false, reason: 'out_of_chain' });
	});

	it('keeps one valid chain when two app processes write to the same file at once', { timeout: 120_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'laurel-audit-'));
		const url = `file:${join(dir, 'race.db')}`;
		const db = await openDatabase(url);
		await writeSome(db, 'cRace', 1);
		const start = String(Date.now() + 4000);
		const run = (tag: string) =>
			new Promise<string>((resolve, reject) => {
				const p = spawn(join('node_modules', '.bin', 'tsx'), [
					'tests/support/audit-writer.ts',
					url,
					'cRace',
					'60',
					tag,
					start
				]);
				let out = '';
				let err = '';
				p.stdout.on('data', (d) => (out += d));
				p.stderr.on('data', (d) => (err += d));
				p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${tag} exited ${code}: ${err}`))));
			});
		// This process writes too, while the two others do.
		const local = (async () => {
			await new Promise((r) => setTimeout(r, Number(start) - Date.now()));
			for (let i = 0; i < 30; i++) {
				await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
				await writeSome(db, 'cRace', 1);
			}
		})();
		const outs = await Promise.all([run('p1'), run('p2'), local]);
		expect(outs.slice(0, 2).map((o) => JSON.parse(o as string).written)).toEqual([60, 60]);
		const verdict = await verifyAuditChain(db, 'cRace');
		expect(verdict).toMatchObject({ ok: true, entries: 1 + 30 + 120 });
		const rows = await db
			.select({ seq: auditLog.seq, actor: auditLog.actorName })
			.from(auditLog)
			.where(eq(auditLog.campaignId, 'cRace'))
			.orderBy(asc(auditLog.id));
		expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
		// The writers really did interleave (otherwise this test would prove little).
		const switches = rows.filter((r, i) => i > 0 && r.actor !== rows[i - 1].actor).length;
		expect(switches).toBeGreaterThan(10);
	});
});
