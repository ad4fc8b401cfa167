// The expert's desk on a real database: tasks come from open rounds only, and a dossier opens only
// for the expert's own, unblocked pairs.
import { describe, it, expect, beforeAll } from 'vitest';

import { and, eq } from 'drizzle-orm';

import { freshDb } from '../support/db';

import type { DB } from '../../src/lib/server/db';

import { assignments, candidates, experts } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';

import { freeCandidates, panelExperts, scoreRound } from '../support/panel';

import { closeRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';

import { blockedPairs, pairKey } from '../../src/lib/server/services/conflicts';

import { recuse } from '../../src/lib/server/services/conflict-decisions';

import { dossierForExpert, expertRoundTasks } from '../../src/lib/server/services/desk';
import { saveAccess } from '../../src/lib/server/services/sheet-access';

const C = 'desk';
const chair = { id: null, name: 'chair' };
let db: DB;
let roundId: string;
let me: string; // an expert of the 前沿 panel
let other: string; // an expert of another panel
let mine: { id: string; code: string }[]; // 前沿 candidates not blocked for `me`
let foreign: { id: string; code: string }[]; // candidates of other fields

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'desk test', prefix: 'd-', seed: 5, candidates: 60 });
	roundId = await scoreRound(db, chair, C, { deadline: '2030-06-30' }, { open: false });
	const members = await panelExperts(db, C);
	me = members[0];
	const all = await db.select().from(experts).where(eq(experts.campaignId, C));
	other = all.find((e) => !members.includes(e.id))!.id;
	mine = (await freeCandidates(db, C, [me], '前沿', 4)).map((c) => ({ id: c.id, code: c.reviewCode! }));
	const cs = await db.select().from(candidates).where(eq(candidates.campaignId, C));
	foreign = cs.filter((c) => c.field !== '前沿').map((c) => ({ id: c.id, code: c.reviewCode! }));
});

describe('expert desk', () => {
	it('shows no task and no dossier while the round is a draft', async () => {
		expect(await expertRoundTasks(db, C, me)).toEqual([]);
		expect(await dossierForExpert(db, C, me, mine[0].code)).toBeNull();
		expect(await dossierForExpert(db, C, me, mine[0].code, roundId)).toBeNull();
	});

	it('lists the open round with the expert’s own panel only, in code order', async () => {
		const opened = await openRound(db, chair, C, roundId, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!opened.ok) throw new Error(opened.message);
		const groups = await expertRoundTasks(db, C, me);
		expect(groups).toHaveLength(1);
		const [g] = groups;
		expect(g.round.id).toBe(roundId);
		expect(g.round.deadline).toBe('2030-06-30');
		expect(g.tasks.map((t) => t.candidateId).sort()).toEqual(mine.map((c) => c.id).sort());
		expect(g.tasks.every((t) => t.field === '前沿' && t.status === 'not_started')).toBe(true);
		expect(g.counts).toEqual({ submitted: 0, draft: 0, not_started: mine.length, rescore: 0 });
		const codes = g.tasks.map((t) => t.code);
		expect(codes).toEqual([...codes].sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1])));
		// another panel's expert sees none of these
		const theirs = (await expertRoundTasks(db, C, other))[0].tasks.map((t) => t.candidateId);
		expect(theirs.some((id) => mine.some((c) => c.id === id))).toBe(false);
	});

	it('reflects the expert’s own sheets: draft, submitted, rescore requested', async () => {
		const round = (await getRound(db, C, roundId))!;
		const [a, b] = mine;
		expect(
			(
				await saveSheet(db, chair, {
					round,
					expertId: me,
					candidateId: a.id,
					values: { merit: 30 },
					baseVersion: 0,
					submit: false
				})
			).ok
		).toBe(true);
		const values = { merit: 30, story: 20, exemplary: 20 };
		expect(
			(await saveSheet(db, chair, { round, expertId: me, candidateId: b.id, values, baseVersion: 0, submit: true })).ok
		).toBe(true);
		let status = new Map((await expertRoundTasks(db, C, me))[0].tasks.map((t) => [t.candidateId, t.status]));
		expect(status.get(a.id)).toBe('draft');
		expect(status.get(b.id)).toBe('submitted');
		expect((await requestRescore(db, chair, round, me, b.id, '请复核')).ok).toBe(true);
		const g = (await expertRoundTasks(db, C, me))[0];
		status = new Map(g.tasks.map((t) => [t.candidateId, t.status]));
		expect(status.get(b.id)).toBe('rescore');
		expect(g.counts).toMatchObject({ draft: 1, rescore: 1, submitted: 0 });
		const d = await dossierForExpert(db, C, me, b.code, roundId);
		expect(d?.sheet?.rescoreRequested).toBe('请复核');
		expect(d?.sheet?.values).toEqual(values);
	});

	it('opens the expert’s dossier with its round and prev/next inside that round', async () => {
		const tasks = (await expertRoundTasks(db, C, me))[0].tasks;
		const d = await dossierForExpert(db, C, me, tasks[1].code, roundId);
		expect(d).not.toBeNull();
		expect(d!.round?.id).toBe(roundId);
		expect(d!.round?.rubric.map((c) => c.name)).toEqual(['业绩突出', '事迹感人', '示范引领']);
		expect(d!.prev).toBe(tasks[0].code);
		expect(d!.next).toBe(tasks[2]?.code ?? null);
		expect(d!.position).toBe(2);
		expect(d!.total).toBe(tasks.length);
		expect(JSON.stringify(d!.dossier)).not.toContain('redactions');
		// without the round parameter the open round is found as well
		expect((await dossierForExpert(db, C, me, tasks[1].code))?.round?.id).toBe(roundId);
	});

	it('refuses other panels’ codes, unknown codes and a wrong round', async () => {
		for (const c of foreign.slice(0, 10)) {
			expect(await dossierForExpert(db, C, me, c.code, roundId)).toBeNull();
			expect(await dossierForExpert(db, C, me, c.code)).toBeNull();
		}
		expect(await dossierForExpert(db, C, me, 'nonexistent')).toBeNull();
		expect(await dossierForExpert(db, C, me, foreign[0].code, 'r_nonexistent')).toBeNull();
		// a save that names a round that is not there finds none (the desk answers 404)
		const userId = (await db.select({ u: experts.userId }).from(experts).where(eq(experts.id, me)))[0].u!;
		const access = await saveAccess(db, { userId, campaignId: C, roundId: 'r_nonexistent', code: mine[0].code });
		expect(access).toMatchObject({ expertId: me, candidateId: mine[0].id, round: null, reviewable: false });
	});

	it('refuses conflicted pairs: detected ties and a recusal', async () => {
		const blocked = await blockedPairs(db, C);
		const cs = await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, C), eq(candidates.field, '前沿')));
		const tied = cs.filter((c) => blocked.has(pairKey(me, c.id)));
		for (const c of tied) expect(await dossierForExpert(db, C, me, c.reviewCode!, roundId)).toBeNull();
		const target = mine[2];
		expect(await dossierForExpert(db, C, me, target.code, roundId)).not.toBeNull();
		expect((await recuse(db, chair, C, me, target.id, '认识候选人')).ok).toBe(true);
		expect(await dossierForExpert(db, C, me, target.code, roundId)).toBeNull();
		expect((await expertRoundTasks(db, C, me))[0].tasks.some((t) => t.candidateId === target.id)).toBe(false);
	});

	it('a published assignment opens a dossier for reading; a closed round lists nothing', async () => {
		const target = mine[3];
		await db.insert(assignments).values({
			campaignId: C,
			expertId: me,
			candidateId: target.id,
			state: 'published',
			source: 'manual',
			createdAt: Date.now()
		});
		expect((await closeRound(db, chair, C, roundId)).ok).toBe(true);
		expect(await expertRoundTasks(db, C, me)).toEqual([]);
		const reading = await dossierForExpert(db, C, me, target.code, roundId);
		expect(reading?.round).toBeNull();
		expect(reading?.sheet).toBeNull();
		expect(await dossierForExpert(db, C, me, mine[0].code, roundId)).toBeNull();
	});
});
