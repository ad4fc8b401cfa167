// The audit log read as a record (page read model and CSV): names instead of ids, Chinese
// actions, the short difference, Beijing time, filters, pages, identities only for the office,
// the chain status, and the hashes in the export.
import { describe, it, expect, beforeAll } from 'vitest';
import Papa from 'papaparse';
import { and, asc, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { auditLog, candidates, panels, users } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { setPanelChair } from '../../src/lib/server/services/panels';
import { updateCandidate } from '../../src/lib/server/services/candidate-edit';
import { recordOf } from '../../src/lib/server/services/candidates';
import { auditLogPage, AUDIT_PAGE_SIZE } from '../../src/lib/server/services/audit-log';
import { exportCsv } from '../../src/lib/server/exports';
import { audit } from '../../src/lib/server/audit';
import { formatBeijing } from '../../src/lib/shared/time';

const beijingTime = (ms: number) => formatBeijing(ms, 'seconds');

let db: DB;
const C = 'audit-log-test';
let organizer: { id: string; username: string; displayName: string };
let cand: typeof candidates.$inferSelect;

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: '日志测试', prefix: 'al', seed: 7, candidates: 12 });
	organizer = (await db.select().from(users).where(eq(users.username, 'alorganizer')))[0];
	const actor = { id: organizer.id, name: organizer.username };
	const p = (await db.select().from(panels).where(eq(panels.campaignId, C)).orderBy(asc(panels.name)))[0];
	// The office appoints a chair to a panel that has none (the seed's chair is taken off first, unaudited).
	await db.update(panels).set({ chairUserId: null }).where(eq(panels.id, p.id));
	const chair = (await db.select().from(users).where(eq(users.username, 'alchair')))[0];
	await setPanelChair(db, actor, C, p.id, chair.id);
	cand = (await db.select().from(candidates).where(eq(candidates.campaignId, C)).orderBy(asc(candidates.seq)))[0];
	const rec = recordOf(cand);
	const r = await updateCandidate(db, actor, C, cand.id, {
		...rec,
		ethnicity: rec.ethnicity === '壮族' ? '汉族' : '壮族'
	});
	expect(r.ok).toBe(true);
	// Enough entries for three pages.
	for (let i = 0; i < 2 * AUDIT_PAGE_SIZE; i++)
		await audit(
			db,
			{ id: null, name: '命令行(test)' },
			{ campaignId: C, action: 'note.add', entity: 'candidate', entityId: cand.id, after: { note: `第${i}条` } }
		);
}, 60_000);

describe('audit log page', () => {
	it('reads as a record: names, Chinese actions, changed keys only, Beijing time', async () => {
		const page = await auditLogPage(db, C, { action: 'panel.chair' }, { identities: true });
		expect(page.rows).toHaveLength(1);
		const row = page.rows[0];
		expect(row.person).toBe(organizer.displayName);
		expect(row.action).toBe('更换评审组长');
		expect(row.object).toMatch(/^评审组 .+组$/);
		expect(row.diff).toEqual([{ key: 'chairUserId', label: '评审组长', before: '（空）', after: '评审组长（演示）' }]);
		expect(row.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		const raw = (await db.select().from(auditLog).where(eq(auditLog.id, row.id)))[0];
		expect(row.time).toBe(beijingTime(raw.at));

		const edit = (await auditLogPage(db, C, { action: 'candidate.update' }, { identities: true })).rows[0];
		expect(edit.object).toBe(`候选人 ${cand.name}`);
		expect(edit.diff.map((d) => d.label)).toEqual(['民族']);
		// No account ids in what is shown (the person filter keeps them as option values only).
		expect(JSON.stringify(page.rows)).not.toMatch(/u_[A-Za-z0-9_-]{6,}/);
	});

	it('without identities, candidates are review codes and their content is withheld', async () => {
		const page = await auditLogPage(db, C, { action: 'candidate.update' }, { identities: false });
		expect(page.rows[0].object).toBe(`候选人 评审编号 ${cand.reviewCode}`);
		expect(page.rows[0].hidden).toBe(true);
		expect(page.rows[0].diff).toEqual([]);
		const all = await auditLogPage(db, C, {}, { identities: false });
		expect(JSON.stringify(all)).not.toContain(cand.name);
	});

	it('filters by person, action and Beijing date range; pages through the rest', async () => {
		const everything = await auditLogPage(db, C, {}, { identities: true });
		expect(everything.total).toBeGreaterThan(2 * AUDIT_PAGE_SIZE);
		expect(everything.pages).toBe(Math.ceil(everything.total / AUDIT_PAGE_SIZE));
		expect(everything.rows).toHaveLength(AUDIT_PAGE_SIZE);
		const second = await auditLogPage(db, C, { page: 2 }, { identities: true });
		expect(second.rows[0].id).toBeLessThan(everything.rows.at(-1)!.id);
		expect((await auditLogPage(db, C, { page: 999 }, { identities: true })).page).toBe(everything.pages);

		const mine = await auditLogPage(db, C, { person: organizer.id }, { identities: true });
		expect(mine.total).toBe(2);
		expect(everything.people.map((p) => p.label)).toEqual(
			expect.arrayContaining([organizer.displayName, '命令行(test)', '系统'])
		);
		const cli = await auditLogPage(db, C, { person: 'name:命令行(test)' }, { identities: true });
		expect(cli.total).toBe(2 * AUDIT_PAGE_SIZE);
		expect(everything.actions.find((a) => a.value === 'note.add')?.label).toBe('添加备注');

		const today = beijingTime(Date.now()).slice(0, 10);
		expect((await auditLogPage(db, C, { from: today, to: today }, { identities: true })).total).toBe(everything.total);
		expect((await auditLogPage(db, C, { from: '2099-01-01' }, { identities: true })).total).toBe(0);
		expect((await auditLogPage(db, C, { to: '2000-01-01' }, { identities: true })).total).toBe(0);
	});

	it('says whether the chain verifies, and from which entry it is broken', async () => {
		expect((await auditLogPage(db, C, {}, { identities: true })).chain).toMatchObject({ ok: true });
		const other = await freshDb();
		await seedCampaign(other, { id: C, name: '日志测试', prefix: 'al', seed: 7, candidates: 3 });
		for (let i = 0; i < 3; i++)
			await audit(other, { id: null, name: 'x' }, { campaignId: C, action: 'note.add', after: { i } });
		const victim = (
			await other
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'note.add')))
				.orderBy(asc(auditLog.id))
		)[1];
		await other.$client.execute({ sql: `update audit_log set reason = '补记' where id = ?`, args: [victim.id] });
		const chain = (await auditLogPage(other, C, {}, { identities: true })).chain;
		expect(chain).toMatchObject({ ok: false, entry: victim.id, position: victim.seq });
	});
});

describe('audit CSV', () => {
	it('has Beijing time, names, Chinese actions and every entry with its hashes', async () => {
		const r = await exportCsv(db, C, 'audit');
		if (!r.ok) throw new Error(r.message);
		expect(r.csv.startsWith('\uFEFF')).toBe(true);
		const [header, ...rows] = Papa.parse<string[]>(r.csv.slice(1), { skipEmptyLines: true }).data;
		for (const h of ['序号', '时间（北京时间）', '操作人', '操作', '对象', '变化', '前一条哈希', '本条哈希'])
			expect(header).toContain(h);
		const col = (name: string) => header.indexOf(name);
		const stored = await db.select().from(auditLog).where(eq(auditLog.campaignId, C)).orderBy(asc(auditLog.id));
		expect(rows).toHaveLength(stored.length);
		expect(rows.map((x) => x[col('本条哈希')])).toEqual(stored.map((s) => s.hash));
		expect(rows.map((x) => x[col('前一条哈希')])).toEqual(stored.map((s) => s.prevHash));
		expect(rows.map((x) => x[col('时间（北京时间）')])).toEqual(stored.map((s) => beijingTime(s.at)));
		const chairRow = rows.find((x) => x[col('操作代码')] === 'panel.chair')!;
		expect(chairRow[col('操作')]).toBe('更换评审组长');
		expect(chairRow[col('操作人')]).toBe(organizer.displayName);
		expect(chairRow[col('变化')]).toBe('评审组长：（空） → 评审组长（演示）');
	});
});
