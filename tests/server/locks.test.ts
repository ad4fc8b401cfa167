// "Locked means locked" (issue 12): after the selection is locked, and after the 公示 is published,
// every write that feeds them is refused naming the lock; unlocking needs a reason, is audited and
// returns the 公示 to draft; the 公示 and exports read the lock-time snapshot, not live rows.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, openRound, closeRound, getRound, reopenRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet, requestRescore } from '../../src/lib/server/services/sheets';
import {
	runSelection,
	lockSelection,
	saveNotice,
	unlockSelection,
	lockedSelection,
	selectionRows
} from '../../src/lib/server/services/selection';
import { createCandidate, updateCandidate, changeRedactions } from '../../src/lib/server/services/candidate-edit';
import { saveAttachment, deleteAttachment } from '../../src/lib/server/services/attachments';
import { importCandidates } from '../../src/lib/server/services/intake';
import { updateCampaignConfig } from '../../src/lib/server/services/campaigns';
import { decideConflict, addOrganizerConflict, recuse } from '../../src/lib/server/services/conflict-decisions';
import { proposeAssignment, addPair, removePair, publishAssignment } from '../../src/lib/server/services/assignment';
import { lockRefusal } from '../../src/lib/server/services/locks';
import { auditLog, campaigns, candidates, conflicts, experts } from '../../src/lib/server/db/schema';
import { exportCsv } from '../../src/lib/server/exports';
import { recordOf } from '../../src/lib/server/services/candidates';

const C = 'lk';
const actor = { id: null, name: '王主任' };
let db: DB;
let roundId: string;
const LOCK = /^遴选结果已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 王主任 锁定/;
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'lock test', prefix: 'lk-', seed: 5, candidates: 40 });
	const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel', aggregation: 'mean' });
	if (!r.ok) throw new Error(r.message);
	roundId = r.id;
	// the seed may leave a candidate whose whole panel must step aside; the refusal is round-guards' to test
	const opened = await openRound(db, actor, C, r.id, { excludeUncovered: '测试：本组专家均须回避' });
	if (!opened.ok) throw new Error(opened.message);
	const round = (await getRound(db, C, r.id))!;
	for (const p of await roundPairs(db, round)) {
		const n = p.candidateId.charCodeAt(p.candidateId.length - 1) % 10;
		const res = await saveSheet(db, actor, {
			round,
			expertId: p.expertId,
			candidateId: p.candidateId,
			values: { merit: 30 + n, story: 20 + n, exemplary: 20 },
			baseVersion: 0,
			submit: true
		});
		if (!res.ok) throw new Error(res.message);
	}
	await closeRound(db, actor, C, r.id);
	const run = await runSelection(db, actor, C);
	if (!run.ok || !run.outcome.ok) throw new Error('no selection');
});

async function firstSelected(): Promise<string> {
	const sel = await lockedSelection(db, C);
	const r = sel.result as { tiers: { selected: string[] }[] };
	return r.tiers[0].selected[0];
}

describe('locks', () => {
	it('allows writes before the lock', async () => {
		expect(await lockRefusal(db, C)).toBeNull();
		const row = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0];
		const r = await updateCandidate(db, actor, C, row.id, { ...recordOf(row), phone: '13800000000' });
		expect(r.ok).toBe(true);
	});

	it('refuses every write that feeds the selection once it is locked, naming the lock', async () => {
		const run = await runSelection(db, actor, C);
		if (!run.ok) throw new Error(run.message);
		expect(await lockSelection(db, actor, C, run.id)).toEqual({ ok: true });
		const id = await firstSelected();
		const row = (await db.select().from(candidates).where(eq(candidates.id, id)))[0];
		const rec = recordOf(row);
		const expert = (await db.select().from(experts).where(eq(experts.campaignId, C)))[0];

		const upd = await updateCandidate(db, actor, C, id, { ...rec, name: '改名' });
		expect(upd).toMatchObject({ ok: false, code: 'LOCKED', message: expect.stringMatching(LOCK) });
		expect(upd.ok ? '' : upd.message).toContain('修改候选人不能进行');
		expect(await createCandidate(db, actor, C, { ...rec, name: '新人', birth: '1990-01' })).toMatchObject({
			ok: false,
			code: 'LOCKED'
		});
		expect(await changeRedactions(db, actor, C, id, { op: 'add', text: '某某大学' })).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await saveAttachment(db, actor, C, id, { kind: 'portrait', filename: 'a.png', bytes: PNG })).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await deleteAttachment(db, actor, C, id, 'f_x')).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		const imp = await importCandidates(db, actor, C, new TextEncoder().encode('姓名\n张三\n'), { filename: 'x.csv' });
		expect(imp.ok).toBe(false);
		expect(imp.ok ? '' : imp.errors[0].message).toMatch(LOCK);
		const config = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0].config;
		const cfg = await updateCampaignConfig(db, actor, C, { ...config, youthAge: 40 });
		expect(cfg.ok ? '' : cfg.errors[0].message).toMatch(LOCK);
		const cf = (await db.select().from(conflicts).where(eq(conflicts.campaignId, C)))[0];
		if (cf)
			expect(await decideConflict(db, actor, C, cf.id, 'dismissed', '理由', 'organizer')).toMatchObject({
				ok: false,
				status: 409,
				message: expect.stringMatching(LOCK)
			});
		expect(await addOrganizerConflict(db, actor, C, expert.id, id, '举报')).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await recuse(db, actor, C, expert.id, id, '认识')).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await proposeAssignment(db, actor, C, { mode: 'panel' })).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await addPair(db, actor, C, expert.id, id)).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await removePair(db, actor, C, expert.id, id)).toMatchObject({
			ok: false,
			message: expect.stringMatching(LOCK)
		});
		expect(await publishAssignment(db, actor, C)).toMatchObject({ ok: false, message: expect.stringMatching(LOCK) });
		// scores: the round cannot reopen, no new round, no sheet saved, no rescore (these throw a 423)
		await expect(reopenRound(db, actor, C, roundId, '补评')).rejects.toMatchObject({
			status: 423,
			body: { message: expect.stringMatching(LOCK) }
		});
		await expect(
			createRound(db, actor, C, { name: '复评', type: 'score', reviewers: 'panel', aggregation: 'mean' })
		).rejects.toMatchObject({ status: 423 });
		const round = (await getRound(db, C, roundId))!;
		const pair = (await roundPairs(db, round))[0];
		await expect(
			saveSheet(db, actor, {
				round,
				expertId: pair.expertId,
				candidateId: pair.candidateId,
				values: {},
				baseVersion: 1,
				submit: false
			})
		).rejects.toMatchObject({ status: 423 });
		await expect(requestRescore(db, actor, round, pair.expertId, pair.candidateId, '请复核')).rejects.toMatchObject({
			status: 423
		});
		// nothing changed
		const after = (await db.select().from(candidates).where(eq(candidates.id, id)))[0];
		expect(after.name).toBe(row.name);
		expect((await getRound(db, C, roundId))!.state).toBe('closed');
	});

	it('says the 公示 is published once it is, and the 公示 and exports read the lock-time snapshot', async () => {
		const sel = await lockedSelection(db, C);
		await saveNotice(db, actor, C, sel.id, {
			start: '2026-12-07',
			contact: '联系人：李四',
			dates: { closed: [], open: [] }
		});
		expect(await lockRefusal(db, C)).toMatch(/锁定，公示已发布/);
		const id = await firstSelected();
		const before = (await db.select().from(candidates).where(eq(candidates.id, id)))[0];
		// the live record is changed behind the application's back
		await db
			.update(candidates)
			.set({ name: '篡改', record: { ...recordOf(before), name: '篡改' } })
			.where(eq(candidates.id, id));
		const rows = await selectionRows(db, C, await lockedSelection(db, C));
		expect(rows.get(id)!.name).toBe(before.name);
		expect(recordOf(rows.get(id)!).name).toBe(before.name);
		const csv = await exportCsv(db, C, 'shortlist');
		if (!csv.ok) throw new Error(csv.message);
		expect(csv.csv).toContain(before.name);
		expect(csv.csv).not.toContain('篡改');
		const summary = await exportCsv(db, C, 'summary');
		if (!summary.ok) throw new Error(summary.message);
		expect(summary.csv).not.toContain('篡改');
		await db.update(candidates).set({ name: before.name, record: before.record }).where(eq(candidates.id, id));
	});

	it('unlocks only with a reason, audited, returning the 公示 to draft; then edits succeed', async () => {
		expect(await unlockSelection(db, actor, C, '  ')).toMatchObject({ ok: false });
		expect(await lockedSelection(db, C)).not.toBeNull();
		expect(await unlockSelection(db, actor, C, '发现推荐单位填写有误')).toEqual({ ok: true });
		expect(await lockedSelection(db, C)).toBeNull();
		expect((await db.select().from(campaigns).where(eq(campaigns.id, C)))[0].status).toBe('review');
		const log = (
			await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'selection.unlock')))
		)[0];
		expect(log.reason).toBe('发现推荐单位填写有误');
		expect(log.before).toMatchObject({ state: 'locked', lockedBy: '王主任', campaignStatus: 'published' });
		const id = await (async () => (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0].id)();
		const row = (await db.select().from(candidates).where(eq(candidates.id, id)))[0];
		expect(await updateCandidate(db, actor, C, id, { ...recordOf(row), phone: '13900000000' })).toMatchObject({
			ok: true,
			changed: true
		});
		expect(await lockRefusal(db, C)).toBeNull();
	});
});
