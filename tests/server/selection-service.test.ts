// The final list from a whole scored round: targets met, explanation given, hash stable, lock guarded.
import { describe, it, expect, beforeAll } from 'vitest';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, openRound, closeRound, getRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import {
	runSelection,
	lockSelection,
	buildSelectionInput,
	saveNotice,
	lockedSelection,
	unlockSelection
} from '../../src/lib/server/services/selection';
import { hashInput } from '../../src/lib/server/services/selection-solve';
import { addOfficeTarget, removeOfficeTarget } from '../../src/lib/server/services/selection-targets';
import { auditLog, campaigns as campaignsTable } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { exportCsv } from '../../src/lib/server/exports';
import { ruleViolations } from '../../src/lib/domain/selection';

const C = 'sel';
const actor = { id: null, name: 'organizer' };
let db: DB;

// Scores that depend only on the candidate (its import order, field and gender), never on random
// ids: every man outscores every woman, so that greedy by score misses "women ≥ 2" and the
// rules must lift women in.
function score(seq: number, field: string, gender: string): number {
	const base = gender === '男' ? 85 : 60;
	return Math.min(99, base + ((seq * 37) % 11) + (field === '主战场' ? 3 : 0));
}

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'selection test', prefix: 's-', seed: 11, candidates: 60 });
	const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel', aggregation: 'mean' });
	if (!r.ok) throw new Error(r.message);
	const opened = await openRound(db, actor, C, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
	if (!opened.ok) throw new Error(opened.message);
	const round = (await getRound(db, C, r.id))!;
	const pairs = await roundPairs(db, round);
	const { candidates } = await import('../../src/lib/server/db/schema');
	const rows = await db.select().from(candidates);
	const byId = new Map(rows.map((x) => [x.id, x]));
	for (const p of pairs) {
		const c = byId.get(p.candidateId)!;
		const total = score(c.seq, c.field ?? '', c.gender);
		const merit = Math.min(40, Math.round(total * 0.4));
		const story = Math.min(30, Math.round(total * 0.3));
		const res = await saveSheet(db, actor, {
			round,
			expertId: p.expertId,
			candidateId: p.candidateId,
			values: { merit, story, exemplary: Math.min(30, total - merit - story) },
			baseVersion: 0,
			submit: true
		});
		if (!res.ok) throw new Error(res.message);
	}
	await closeRound(db, actor, C, r.id);
	// no notice sets a target for the final list: the demo office's “women ≥ 2” is removed and set again by this organizer
	const seeded = (await db.select().from(campaignsTable).where(eq(campaignsTable.id, C)))[0].config;
	const w = seeded.targets.findIndex((t) => t.kind === 'atLeast' && t.group === 'woman');
	const removed = await removeOfficeTarget(db, actor, C, w, seeded.targets[w].label);
	if (!removed.ok) throw new Error(removed.message);
	const added = await addOfficeTarget(
		db,
		actor,
		C,
		{ kind: 'atLeast', group: 'woman', count: 2, label: '女性科技工作者不少于2名' },
		Date.UTC(2024, 4, 6, 1, 0)
	);
	if (!added.ok) throw new Error(added.message);
});

describe('selection service', () => {
	it('meets every balance target where greedy by score does not, and explains each lift', async () => {
		const run = await runSelection(db, actor, C);
		expect(run.ok).toBe(true);
		if (!run.ok || !run.outcome.ok) throw new Error('no selection');
		const input = await buildSelectionInput(db, C);
		if ('error' in input) throw new Error(input.error);
		const tier = run.outcome.tiers[0];
		expect(tier.selected).toHaveLength(10);
		const rules = input.tiers[0].rules!;
		const instance = { seats: 10, candidates: input.pool, atLeast: rules.atLeast ?? [], atMost: rules.atMost ?? [] };
		expect(ruleViolations(instance, tier.selected)).toEqual([]);
		expect(ruleViolations(instance, run.outcome.plain.slice(0, 10)).length).toBeGreaterThan(0);
		expect(tier.explanation.length).toBeGreaterThan(0);
		for (const e of tier.explanation) {
			expect(tier.selected).toContain(e.candidate);
			expect(tier.selected).not.toContain(e.displaced);
			expect(e.text).toMatch(/入选，替代/);
			// every lift says who set the rule that made it
			expect(e.text).toMatch(/^活动办公室设定：/);
		}
		expect(tier.explanation.map((e) => e.text)).toContainEqual(
			expect.stringMatching(/^活动办公室设定：女性科技工作者不少于2名，由organizer于2024-05-06 09:00设定：/)
		);
	});

	it('stores who set an office target and when, audits it, and refuses what it must', async () => {
		const config = (await db.select().from(campaignsTable).where(eq(campaignsTable.id, C)))[0].config;
		const woman = config.targets.find((t) => t.kind === 'atLeast' && t.group === 'woman')!;
		expect(woman).toMatchObject({ origin: 'office', setBy: 'organizer', setAt: Date.UTC(2024, 4, 6, 1, 0) });
		const log = await db.select().from(auditLog).where(eq(auditLog.action, 'selection.target.add'));
		expect(log).toHaveLength(1);
		// a second target on the same group is refused, so is removing with a stale label or a bad index
		expect(await addOfficeTarget(db, actor, C, { kind: 'atLeast', group: 'woman', count: 3 })).toMatchObject({
			ok: false
		});
		const i = config.targets.indexOf(woman);
		expect(await removeOfficeTarget(db, actor, C, i, '别的目标')).toMatchObject({
			ok: false,
			message: expect.stringContaining('已变化')
		});
		expect(await removeOfficeTarget(db, actor, C, 99)).toMatchObject({ ok: false });
		// add and remove a harmless one: both audited
		expect(
			await addOfficeTarget(db, actor, C, {
				kind: 'atMostChannel',
				channel: config.channels[0].name,
				count: 10,
				label: 'x'
			})
		).toEqual({ ok: true });
		const after = (await db.select().from(campaignsTable).where(eq(campaignsTable.id, C)))[0].config;
		expect(await removeOfficeTarget(db, actor, C, after.targets.length - 1, 'x')).toEqual({ ok: true });
		expect(await db.select().from(auditLog).where(eq(auditLog.action, 'selection.target.remove'))).toHaveLength(2);
	});

	it('gives the same list and hash on unchanged inputs, and locks only a current run', async () => {
		const a = await runSelection(db, actor, C);
		const b = await runSelection(db, actor, C);
		if (!a.ok || !b.ok || !a.outcome.ok || !b.outcome.ok) throw new Error('no selection');
		expect(b.inputHash).toBe(a.inputHash);
		expect(b.outcome.tiers).toEqual(a.outcome.tiers);
		const input = await buildSelectionInput(db, C);
		if ('error' in input) throw new Error(input.error);
		expect(hashInput(input)).toBe(a.inputHash);
		// a target added after the run makes it out of date; removed again, the run locks
		expect(
			await addOfficeTarget(db, actor, C, { kind: 'atMostChannelType', channelType: '企业', count: 10, label: 'y' })
		).toEqual({ ok: true });
		expect(await lockSelection(db, actor, C, b.id)).toMatchObject({
			ok: false,
			message: expect.stringContaining('增删')
		});
		const cfg = (await db.select().from(campaignsTable).where(eq(campaignsTable.id, C)))[0].config;
		expect(await removeOfficeTarget(db, actor, C, cfg.targets.length - 1, 'y')).toEqual({ ok: true });
		expect((await lockSelection(db, actor, C, b.id)).ok).toBe(true);
		expect((await runSelection(db, actor, C)).ok).toBe(false);
		const csv = await exportCsv(db, C, 'shortlist');
		expect(csv.ok && csv.csv.startsWith('\uFEFF名次,称号')).toBe(true);
		expect(csv.ok && csv.csv.trim().split('\r\n')).toHaveLength(11);
		const summary = await exportCsv(db, C, 'summary');
		if (!summary.ok) throw new Error(summary.message);
		const lines = summary.csv.slice(1).split('\r\n');
		expect(lines[0]).toBe('2024年广西“最美科技工作者”候选人汇总表');
		expect(lines[1]).toMatch(/^推荐单位：.*科协/);
		expect(lines[2]).toBe('序号,姓名,性别,民族,党派,出生年月,工作单位及职务职称,专业专长,备注');
		expect(lines.slice(3).filter(Boolean)).toHaveLength(10);
		const perUnit = await exportCsv(db, C, 'summary', { by: 'unit' });
		expect(perUnit.ok && perUnit.csv.match(/^推荐单位：/gm)!.length).toBeGreaterThan(1);
		// Guangxi sends nobody up: the list sent up is empty, never a second copy of the winners
		const upper = await exportCsv(db, C, 'upper');
		expect(upper.ok && upper.csv).toBe('\uFEFF序号,姓名,性别,民族,党派,出生年月,工作单位及职务职称,专业专长,备注\r\n');
		// an office target cannot change under a locked list
		expect(await addOfficeTarget(db, actor, C, { kind: 'atLeast', group: 'youth', count: 1 })).toMatchObject({
			ok: false,
			message: expect.stringContaining('已锁定')
		});
	});

	it('saves the 公示 contact line and the office’s dates with the start, audited', async () => {
		const sel = await lockedSelection(db, C);
		await saveNotice(db, actor, C, sel.id, {
			start: '2024-04-29',
			contact: '联系人：张老师 0771-1234567',
			dates: { closed: ['2024-05-07'], open: [] }
		});
		const again = await lockedSelection(db, C);
		expect(again.noticeStart).toBe('2024-04-29');
		expect(again.noticeContact).toBe('联系人：张老师 0771-1234567');
		expect(again.noticeDates).toEqual({ closed: ['2024-05-07'], open: [] });
		const log = await db.select().from(auditLog).where(eq(auditLog.action, 'notice.publish'));
		expect(log.at(-1)!.after).toMatchObject({ contact: '联系人：张老师 0771-1234567' });
		expect((await unlockSelection(db, actor, C, '测试')).ok).toBe(true);
	});

	it('says which rules conflict when they cannot all hold', async () => {
		const db2 = db;
		const r = await runSelection(db2, actor, 'nope');
		expect(r.ok).toBe(false);
		const input = await buildSelectionInput(db, C, [{ kind: 'atLeast', group: 'woman', count: 11 }]);
		if ('error' in input) throw new Error(input.error);
		const { solveInput } = await import('../../src/lib/server/services/selection-solve');
		const out = solveInput(input);
		expect(out.ok).toBe(false);
		expect(!out.ok && out.rules.map((x) => x.rule).join(' ')).toMatch(/woman/);
	});
});
