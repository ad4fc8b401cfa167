// The guards of a round's life cycle on a real database: uncovered candidates refuse the opening
// until excluded with a reason, what a draft / open / closed round may still do, the missing sheets
// at closing, the 赞成 cap of a vote round, and who asked for a rescore.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { auditLog, candidates, experts, sheets } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { closeRound, createRound, getRound, openRound, removeFromRound } from '../../src/lib/server/services/rounds';
import {
	missingText,
	roundCandidateIds,
	roundPairs,
	uncoveredCandidates
} from '../../src/lib/server/services/round-pairs';
import { deleteRound, extendRound, updateRound } from '../../src/lib/server/services/round-edit';
import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';
import { deskRound, dossierForExpert, expertRoundTasks } from '../../src/lib/server/services/desk';

const C = 'guard';
const V = 'guard-vote';
const office = { id: null, name: '办公室' };
let db: DB;
let roundId: string;

beforeAll(async () => {
	db = await freshDb();
	// Seed 7 leaves three candidates whose whole panel is conflicted (see the first test).
	await seedCampaign(db, { id: C, name: 'guards', prefix: 'g-', seed: 7, candidates: 60 });
	await seedCampaign(db, { id: V, name: 'guards vote', prefix: 'gv-', seed: 5, candidates: 12 });
	const r = await createRound(db, office, C, { name: '初评', type: 'score', reviewers: 'panel', requiredSheets: 3 });
	if (!r.ok) throw new Error(r.message);
	roundId = r.id;
});

const round = async () => (await getRound(db, C, roundId))!;
const actions = async (action: string) =>
	(
		await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, action)))
	).length;

describe('opening a round with uncovered candidates', () => {
	it('is refused, naming them by review code for the chair and by name for the office', async () => {
		const uncovered = await uncoveredCandidates(db, await round());
		expect(uncovered.length).toBeGreaterThan(0);
		const covered = new Set((await roundPairs(db, await round())).map((p) => p.candidateId));
		for (const u of uncovered) expect(covered.has(u.id)).toBe(false);
		const chair = await openRound(db, office, C, roundId);
		expect(chair.ok).toBe(false);
		expect(!chair.ok && chair.status).toBe(409);
		const msg = !chair.ok ? chair.message : '';
		for (const u of uncovered) {
			expect(msg).toContain(u.code);
			expect(msg).not.toContain(u.name);
		}
		const org = await openRound(db, office, C, roundId, { names: true });
		for (const u of uncovered) expect(!org.ok && org.message).toContain(`${u.name}（${u.code}）`);
		expect((await round()).state).toBe('draft');
	});

	it('opens once each is excluded with a reason (audited); no reason, no exclusion', async () => {
		const uncovered = await uncoveredCandidates(db, await round());
		const before = await actions('round.remove_candidate');
		const none = await removeFromRound(db, office, C, roundId, uncovered[0].id, '  ');
		expect(none.ok).toBe(false);
		expect(!none.ok && none.message).toContain('理由');
		expect(await removeFromRound(db, office, C, roundId, 'k_nobody', '没有这个人')).toMatchObject({
			ok: false,
			status: 404
		});
		for (const u of uncovered)
			expect((await removeFromRound(db, office, C, roundId, u.id, '本组专家均须回避')).ok).toBe(true);
		expect(await actions('round.remove_candidate')).toBe(before + uncovered.length);
		const ids = await roundCandidateIds(db, roundId);
		for (const u of uncovered) expect(ids).not.toContain(u.id);
		const opened = await openRound(db, office, C, roundId);
		expect(opened.ok).toBe(true);
	});
});

describe('what a round may do in each state', () => {
	it('an open round cannot be edited, deleted or lose a candidate; it can be extended, only later and in the future', async () => {
		const edit = await updateRound(db, office, C, roundId, { name: '初评（改）', type: 'score', reviewers: 'all' });
		expect(edit).toMatchObject({ ok: false, status: 409 });
		expect(!edit.ok && edit.message).toContain('只能结束或延长截止时间');
		expect(await deleteRound(db, office, C, roundId)).toMatchObject({ ok: false, status: 409 });
		const someone = (await roundCandidateIds(db, roundId))[0];
		expect(await removeFromRound(db, office, C, roundId, someone, '理由')).toMatchObject({ ok: false, status: 409 });
		expect((await round()).name).toBe('初评');

		expect(await extendRound(db, office, C, roundId, '2020-01-01T17:00+08:00')).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await extendRound(db, office, C, roundId, 'soon')).toMatchObject({ ok: false, status: 400 });
		const later = '2099-06-30T17:00+08:00';
		expect((await extendRound(db, office, C, roundId, later, '专家出差')).ok).toBe(true);
		expect((await round()).deadline).toBe(later);
		const earlier = await extendRound(db, office, C, roundId, '2099-06-01T17:00+08:00');
		expect(!earlier.ok && earlier.message).toContain('晚于原截止时间');
		expect(await actions('round.extend')).toBe(1);
	});

	it('closing says how many sheets are missing and whose; a closed round cannot be extended', async () => {
		const r = await round();
		const pairs = await roundPairs(db, r);
		const p = pairs[0];
		const saved = await saveSheet(db, office, {
			round: r,
			expertId: p.expertId,
			candidateId: p.candidateId,
			values: { merit: 30, story: 20, exemplary: 20 },
			baseVersion: 0,
			submit: true
		});
		expect(saved.ok).toBe(true);
		const closed = await closeRound(db, office, C, roundId);
		if (!closed.ok) throw new Error(closed.message);
		expect(closed.missing.total).toBe(pairs.length - 1);
		expect(closed.missing.experts.reduce((s, e) => s + e.missing, 0)).toBe(pairs.length - 1);
		const names = new Set((await db.select().from(experts).where(eq(experts.campaignId, C))).map((e) => e.name));
		for (const e of closed.missing.experts) expect(names.has(e.name)).toBe(true);
		expect(missingText(closed.missing)).toMatch(new RegExp(`^缺 ${pairs.length - 1} 份评分：`));
		expect(missingText({ total: 0, experts: [] })).toBe('');
		expect(await extendRound(db, office, C, roundId, '2099-12-31T17:00+08:00')).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await updateRound(db, office, C, roundId, { name: 'x', type: 'score', reviewers: 'all' })).toMatchObject({
			ok: false,
			status: 409
		});
	});

	it('a draft round can be edited and deleted, the last one only', async () => {
		const a = await createRound(db, office, C, { name: '复评', type: 'score', reviewers: 'panel' });
		const b = await createRound(db, office, C, { name: '终评', type: 'vote', reviewers: 'all' });
		if (!a.ok || !b.ok) throw new Error('create');
		expect(await updateRound(db, office, C, a.id, { name: '', type: 'score', reviewers: 'all' })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(
			(
				await updateRound(db, office, C, a.id, {
					name: '复评（会评）',
					type: 'score',
					reviewers: 'all',
					requiredSheets: 5
				})
			).ok
		).toBe(true);
		const edited = (await getRound(db, C, a.id))!;
		expect([edited.name, edited.reviewers, edited.requiredSheets]).toEqual(['复评（会评）', 'all', 5]);
		const first = await deleteRound(db, office, C, a.id);
		expect(!first.ok && first.message).toContain('请先删除后面的轮次“终评”');
		expect((await deleteRound(db, office, C, b.id)).ok).toBe(true);
		expect((await deleteRound(db, office, C, a.id)).ok).toBe(true);
		expect(await getRound(db, C, a.id)).toBeNull();
		expect(await actions('round.update')).toBe(1);
		expect(await actions('round.delete')).toBe(2);
	});
});

describe('限额投票', () => {
	it('refuses a 赞成 beyond the cap with the number in the message; no and abstain stay free', async () => {
		expect(await createRound(db, office, V, { name: '终评', type: 'vote', reviewers: 'all', maxYes: 0 })).toMatchObject(
			{ ok: false, status: 400 }
		);
		const r = await createRound(db, office, V, { name: '终评', type: 'vote', reviewers: 'all', maxYes: 2 });
		if (!r.ok) throw new Error(r.message);
		const opened = await openRound(db, office, V, r.id, { excludeUncovered: '测试' });
		if (!opened.ok) throw new Error(opened.message);
		const vote = (await getRound(db, V, r.id))!;
		const expert = (await roundPairs(db, vote))[0].expertId;
		const mine = (await roundPairs(db, vote, expert)).map((p) => p.candidateId);
		expect(mine.length).toBeGreaterThanOrEqual(4);
		const cast = (candidateId: string, choice: 'yes' | 'no' | 'abstain') =>
			saveSheet(db, office, {
				round: vote,
				expertId: expert,
				candidateId,
				values: {},
				choice,
				baseVersion: 0,
				submit: true
			});
		expect((await cast(mine[0], 'yes')).ok).toBe(true);
		expect((await cast(mine[1], 'yes')).ok).toBe(true);
		const third = await cast(mine[2], 'yes');
		expect(third).toMatchObject({ ok: false, status: 409, code: 'YES_LIMIT' });
		expect(!third.ok && third.message).toContain('最多投 2 票赞成');
		expect((await cast(mine[2], 'no')).ok).toBe(true);
		expect((await cast(mine[3], 'abstain')).ok).toBe(true);
		// the same submission again is acknowledged, not counted twice
		expect((await cast(mine[0], 'yes')).ok).toBe(true);
		// the desk counts them down: the task list and the dossier (which leaves out its own vote)
		const groups = await expertRoundTasks(db, V, expert);
		expect(deskRound(groups[0].round, groups[0].yesCast)).toMatchObject({ maxYes: 2, yesCast: 2 });
		const code = (await db.select().from(candidates).where(eq(candidates.id, mine[0])))[0].reviewCode!;
		expect((await dossierForExpert(db, V, expert, code))?.round).toMatchObject({ maxYes: 2, yesCast: 1 });
		const yes = await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.roundId, vote.id), eq(sheets.expertId, expert), eq(sheets.choice, 'yes')));
		expect(yes).toHaveLength(2);

		// a rescore request names who asked, and frees the vote it reopens
		expect((await requestRescore(db, office, vote, expert, mine[0], '请再斟酌', '评审组长 王某')).ok).toBe(true);
		const s = (
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.roundId, vote.id), eq(sheets.expertId, expert), eq(sheets.candidateId, mine[0])))
		)[0];
		expect([s.status, s.rescoreBy, s.rescoreRequested]).toEqual(['draft', '评审组长 王某', '请再斟酌']);
	});
});
