// Rounds and sheets on a real database: versions, double submits, closing while typing, rescores.
import { describe, it, expect, beforeAll } from 'vitest';

import { and, eq } from 'drizzle-orm';

import { freshDb } from '../support/db';

import type { DB } from '../../src/lib/server/db';

import { experts, sheetHistory, sheets } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';

import { freeCandidates, panelExperts, scoreRound, scores as v } from '../support/panel';

import {
	createRound,
	openRound,
	closeRound,
	reopenRound,
	getRound,
	advanceCandidates
} from '../../src/lib/server/services/rounds';

import { saveSheet, requestRescore } from '../../src/lib/server/services/sheets';

import { roundResults } from '../../src/lib/server/services/results';

import { recuse } from '../../src/lib/server/services/conflict-decisions';

const C = 'rev';
const chair = { id: null, name: 'chair' };
let db: DB;
let roundId: string;
let panel: { expertIds: string[]; candidateIds: string[] };

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'review test', prefix: 'r-', seed: 3, candidates: 60 });
	roundId = await scoreRound(db, chair, C, { aggregation: 'trimmedMean' });
	const expertIds = await panelExperts(db, C);
	const free = await freeCandidates(db, C, expertIds, '前沿', 6);
	panel = { expertIds, candidateIds: free.map((c) => c.id) };
});

const round = async () => (await getRound(db, C, roundId))!;

describe('sheets', () => {
	it('saves drafts with versions and refuses a stale save from another tab', async () => {
		const [e] = panel.expertIds;
		const cand = panel.candidateIds[0];
		const a = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: { merit: 30 },
			baseVersion: 0,
			submit: false
		});
		expect(a.ok && a.version).toBe(1);
		const b = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: { merit: 31 },
			baseVersion: 1,
			submit: false
		});
		expect(b.ok && b.version).toBe(2);
		// the other tab still thinks version 1
		const stale = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: { merit: 10 },
			baseVersion: 1,
			submit: false
		});
		expect(stale.ok).toBe(false);
		expect(!stale.ok && stale.code).toBe('STALE');
		expect(!stale.ok && (stale.current?.values as { merit: number }).merit).toBe(31);
	});

	it('validates every criterion and refuses out-of-range values with the criterion named', async () => {
		const [e] = panel.expertIds;
		const r = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: panel.candidateIds[1],
			values: v(45, 20, 20),
			baseVersion: 0,
			submit: true
		});
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors?.merit).toBe('“业绩突出”应在 0–40 之间');
	});

	it('a double submit creates one submission', async () => {
		const [e] = panel.expertIds;
		const cand = panel.candidateIds[2];
		const input = {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: v(35, 25, 25),
			baseVersion: 0,
			submit: true
		};
		const [x, y] = await Promise.all([saveSheet(db, chair, input), saveSheet(db, chair, input)]);
		expect(x.ok && y.ok).toBe(true);
		const s = (
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.expertId, e), eq(sheets.candidateId, cand)))
		)[0];
		expect(s.status).toBe('submitted');
		expect(s.total).toBe(85);
		expect(await db.select().from(sheetHistory).where(eq(sheetHistory.sheetId, s.id))).toHaveLength(1);
	});

	it('an expert not on the panel cannot save, and a recusal withdraws the sheet', async () => {
		const outsider = (await db.select().from(experts).where(eq(experts.campaignId, C))).find(
			(x) => !panel.expertIds.includes(x.id)
		)!;
		const r = await saveSheet(db, chair, {
			round: await round(),
			expertId: outsider.id,
			candidateId: panel.candidateIds[0],
			values: v(1, 1, 1),
			baseVersion: 0,
			submit: true
		});
		expect(!r.ok && r.status).toBe(404);
		const e = panel.expertIds[1];
		const cand = panel.candidateIds[3];
		await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: v(20, 20, 20),
			baseVersion: 0,
			submit: true
		});
		await recuse(db, chair, C, e, cand, '认识候选人');
		const s = (
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.expertId, e), eq(sheets.candidateId, cand)))
		)[0];
		expect(s.status).toBe('withdrawn');
		const again = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: cand,
			values: v(20, 20, 20),
			baseVersion: s.version,
			submit: false
		});
		expect(!again.ok && again.status).toBe(404);
	});

	it('flags an outlier, reopens the sheet on a rescore request, keeps both versions', async () => {
		const cand = panel.candidateIds[4];
		const [e1, e2, e3] = panel.expertIds;
		for (const [e, vals] of [
			[e1, v(36, 27, 27)],
			[e2, v(35, 26, 27)],
			[e3, v(15, 10, 10)]
		] as const)
			expect(
				(
					await saveSheet(db, chair, {
						round: await round(),
						expertId: e,
						candidateId: cand,
						values: vals,
						baseVersion: 0,
						submit: true
					})
				).ok
			).toBe(true);
		const res = await roundResults(db, await round());
		const agg = res.aggregates.find((a) => a.id === cand)!;
		expect(agg.outliers.map((o) => o.score)).toEqual([35]);
		expect((await requestRescore(db, chair, await round(), e3, cand, '请复核业绩突出一项')).ok).toBe(true);
		const s = (
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.expertId, e3), eq(sheets.candidateId, cand)))
		)[0];
		expect(s.status).toBe('draft');
		expect(s.rescoreRequested).toBe('请复核业绩突出一项');
		const again = await saveSheet(db, chair, {
			round: await round(),
			expertId: e3,
			candidateId: cand,
			values: v(33, 25, 25),
			baseVersion: s.version,
			submit: true
		});
		expect(again.ok).toBe(true);
		const hist = await db.select().from(sheetHistory).where(eq(sheetHistory.sheetId, s.id));
		expect(hist.map((h) => h.total)).toEqual([35, 83]);
		const after = (await roundResults(db, await round())).aggregates.find((a) => a.id === cand)!;
		expect(after.outliers).toHaveLength(0);
	});

	it('closing a round refuses saves with a clear message; reopening needs a reason', async () => {
		const [e] = panel.expertIds;
		expect((await closeRound(db, chair, C, roundId)).ok).toBe(true);
		const r = await saveSheet(db, chair, {
			round: await round(),
			expertId: e,
			candidateId: panel.candidateIds[5],
			values: { merit: 3 },
			baseVersion: 0,
			submit: false
		});
		expect(!r.ok && r.code).toBe('ROUND_CLOSED');
		expect((await reopenRound(db, chair, C, roundId, '')).ok).toBe(false);
		expect((await reopenRound(db, chair, C, roundId, '补评一份')).ok).toBe(true);
		expect((await closeRound(db, chair, C, roundId)).ok).toBe(true);
	});

	it('advances candidates to a vote round and tallies two-thirds', async () => {
		const vote = await createRound(db, chair, C, {
			name: '终评',
			type: 'vote',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!vote.ok) throw new Error(vote.message);
		const cand = panel.candidateIds[4];
		expect((await advanceCandidates(db, chair, C, vote.id, [cand], 'top', '')).ok).toBe(true);
		expect((await openRound(db, chair, C, vote.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok).toBe(
			true
		);
		const vr = (await getRound(db, C, vote.id))!;
		const choices = ['yes', 'yes', 'no'] as const;
		for (const [i, e] of panel.expertIds.entries())
			expect(
				(
					await saveSheet(db, chair, {
						round: vr,
						expertId: e,
						candidateId: cand,
						values: {},
						choice: choices[i],
						baseVersion: 0,
						submit: true
					})
				).ok
			).toBe(true);
		const res = await roundResults(db, vr);
		expect(res.votes).toHaveLength(1);
		expect(res.votes[0]).toMatchObject({ yes: 2, no: 1, present: 3, needed: 2, passed: true });
	});
});
