// Server tests of issue 15 on a temporary database with the demo seeded: the expert pool import,
// the audited random panel draw and its replay, and the randomized assignment proposal.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { assignments, auditLog, campaigns, candidates, panelDraws } from '../../src/lib/server/db/schema';
import { ensureDemo, DEMO_CAMPAIGN_ID as C } from '../../src/lib/server/demo';
import { configOf } from '../../src/lib/server/services/campaigns';
import { importPoolCsv, listPool } from '../../src/lib/server/services/pool';
import { drawFromPool, getDraw, replayDraw, drawInstance } from '../../src/lib/server/services/draw';
import { proposeRandomizedAssignment } from '../../src/lib/server/services/assignment-random';
import { publishAssignment } from '../../src/lib/server/services/assignment';
import { blockedPairs, pairKey } from '../../src/lib/server/services/conflicts';
import { drawPanels } from '../../src/lib/domain/assignment/panel-draw';
import { validateDrawInput } from '../../src/lib/domain/assignment/draw-schema';

const office = { id: null, name: 'organizer' };
let db: DB;
let fields: string[];
let field: string;
let tiedUnit: string;

beforeAll(async () => {
	db = await freshDb();
	await ensureDemo(db);
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
	fields = configOf(campaign).fields;
	field = fields[0];
	const c = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, C), eq(candidates.field, field)))
	)[0];
	tiedUnit = (c.record as { unitAndTitle: string }).unitAndTitle.split(/\s/)[0];
});

function poolCsv(): Uint8Array {
	const rows = ['姓名,工作单位,曾工作单位,职称,评审领域,地区'];
	// Units of no demo candidate, so that only 有关专家 is tied.
	const units = ['云杉研究所', '白桦研究院', '红松实验室', '青冈技术中心', '银杏研究所', '紫檀研究院'];
	for (let i = 0; i < 24; i++)
		rows.push(`库专家${i},${units[i % units.length]},,教授,${field},${['南宁市', '桂林市'][i % 2]}`);
	rows.push(`有关专家,${tiedUnit},,研究员,${field},南宁市`);
	return new TextEncoder().encode(rows.join('\n') + '\n');
}

describe('expert pool', () => {
	it('imports the roster headers plus 地区, updates on re-import, audits', async () => {
		const r = await importPoolCsv(db, office, C, poolCsv(), fields);
		expect(r).toMatchObject({ ok: true, added: 25, updated: 0 });
		const again = await importPoolCsv(db, office, C, poolCsv(), fields);
		expect(again).toMatchObject({ ok: true, added: 0, updated: 25 });
		const pool = await listPool(db);
		expect(pool).toHaveLength(25);
		expect(pool.find((p) => p.name === '库专家1')!.region).toBe('桂林市');
		const logs = await db.select().from(auditLog).where(eq(auditLog.action, 'pool.import'));
		expect(logs).toHaveLength(2);
	});

	it('refuses a file with errors whole', async () => {
		const bad = new TextEncoder().encode('姓名,工作单位,评审领域\n张三,,' + field + '\n');
		const r = await importPoolCsv(db, office, C, bad, fields);
		expect(r.ok).toBe(false);
		expect(await listPool(db)).toHaveLength(25);
	});
});

describe('random panel draw', () => {
	it('draws members and alternates, never a tied expert nor two from one unit; audited and replayable', async () => {
		const r = await drawFromPool(db, office, C, fields, {
			field,
			size: 4,
			alternates: 2,
			maxPerUnit: 1,
			seed: '纪检 37 12 88'
		});
		expect(r.ok, JSON.stringify(r)).toBe(true);
		const row = (await getDraw(db, C, (r as { id: string }).id))!;
		const result = row.result as { panels: { members: string[]; alternates: string[] }[] };
		const picked = [...result.panels[0].members, ...result.panels[0].alternates];
		expect(result.panels[0].members).toHaveLength(4);
		expect(result.panels[0].alternates).toHaveLength(2);
		const pool = await listPool(db);
		const tied = pool.find((p) => p.name === '有关专家')!;
		expect((row.input as { exclude: { expert: string }[] }).exclude.map((x) => x.expert)).toContain(tied.id);
		expect(picked).not.toContain(tied.id);
		const units = picked.map((id) => pool.find((p) => p.id === id)!.unit);
		expect(new Set(units).size).toBe(units.length);
		const log = (await db.select().from(auditLog).where(eq(auditLog.action, 'pool.draw')))[0];
		expect(log.after).toMatchObject({ seed: '纪检 37 12 88', poolHash: row.poolHash, field });
		// Replay: from the snapshot, and as the CLI would from the exported instance.
		expect(replayDraw(row)).toMatchObject({ same: true, message: '复核一致' });
		const inst = validateDrawInput(drawInstance(row));
		expect(inst.ok).toBe(true);
		expect(
			JSON.stringify(drawPanels((inst as { ok: true; input: Parameters<typeof drawPanels>[0] }).input, row.seed))
		).toBe(JSON.stringify(row.result));
		// Tampering with the stored result or the snapshot is detected.
		await db
			.update(panelDraws)
			.set({
				result: { ...result, panels: [{ ...result.panels[0], members: [...result.panels[0].members].reverse() }] }
			})
			.where(eq(panelDraws.id, row.id));
		expect(replayDraw((await getDraw(db, C, row.id))!).same).toBe(false);
		const input = row.input as { pool: { name: string }[] };
		await db
			.update(panelDraws)
			.set({
				result: row.result,
				input: { ...input, pool: input.pool.map((p, i) => (i === 0 ? { ...p, name: '改' } : p)) }
			})
			.where(eq(panelDraws.id, row.id));
		expect(replayDraw((await getDraw(db, C, row.id))!)).toMatchObject({ same: false, poolHashMatches: false });
	});

	it('refuses bad requests and names the shortfall', async () => {
		expect(
			await drawFromPool(db, office, C, fields, { field: '不存在', size: 3, alternates: 0, maxPerUnit: 1, seed: 's' })
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await drawFromPool(db, office, C, fields, { field, size: 0, alternates: 0, maxPerUnit: 1, seed: 's' })
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await drawFromPool(db, office, C, fields, { field, size: 3, alternates: 0, maxPerUnit: 1, seed: '' })
		).toMatchObject({ ok: false, status: 400 });
		// six units and one per unit: seven cannot be drawn
		const short = await drawFromPool(db, office, C, fields, {
			field,
			size: 7,
			alternates: 0,
			maxPerUnit: 1,
			seed: 's'
		});
		expect(short).toMatchObject({ ok: false, status: 422 });
		expect((short as { message: string }).message).toContain('缺 1 人');
	});
});

describe('randomized assignment proposal', () => {
	it('proposes a draft with k per dossier and no blocked pair, records seed/q/expectation, replays', async () => {
		const r = await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0.5, seed: '2024-05-06 纪检 37 12 88' });
		expect(r.ok, JSON.stringify(r)).toBe(true);
		const rows = await db.select().from(assignments).where(eq(assignments.campaignId, C));
		const blocked = await blockedPairs(db, C);
		expect(rows.every((a) => a.state === 'draft' && !blocked.has(pairKey(a.expertId, a.candidateId)))).toBe(true);
		const per = new Map<string, number>();
		for (const a of rows) per.set(a.candidateId, (per.get(a.candidateId) ?? 0) + 1);
		expect([...per.values()].every((n) => n === 2)).toBe(true);
		const log = (await db.select().from(auditLog).where(eq(auditLog.action, 'assignment.propose'))).at(-1)!;
		expect(log.after).toMatchObject({ mode: 'randomized', k: 2, q: 0.5, seed: '2024-05-06 纪检 37 12 88' });
		expect((log.after as { expectedObjective: number }).expectedObjective).toBeGreaterThan(0);
		const key = (xs: typeof rows) =>
			xs
				.map((a) => pairKey(a.expertId, a.candidateId))
				.sort()
				.join();
		await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0.5, seed: '2024-05-06 纪检 37 12 88' });
		expect(key(await db.select().from(assignments).where(eq(assignments.campaignId, C)))).toBe(key(rows));
		expect(await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0, seed: 'x' })).toMatchObject({ ok: false });
		expect(await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0.5, seed: '' })).toMatchObject({ ok: false });
		// infeasible cap: 0.01 × experts < 2
		expect(await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0.01, seed: 'x' })).toMatchObject({ ok: false });
		expect((await publishAssignment(db, office, C)).ok).toBe(true);
		expect(await proposeRandomizedAssignment(db, office, C, { k: 2, q: 0.5, seed: 'x' })).toMatchObject({
			ok: false,
			message: expect.stringContaining('已发布')
		});
	});
});
