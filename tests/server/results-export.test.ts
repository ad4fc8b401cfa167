// The scores export: BOM, the rubric's criteria as columns, one row per submitted sheet (drafts and
// reopened sheets left out), ballots in their own column, and comments neutralized for spreadsheets.
import { describe, it, expect, beforeAll } from 'vitest';

import Papa from 'papaparse';
import { freshDb } from '../support/db';

import type { DB } from '../../src/lib/server/db';

import { seedCampaign } from '../../src/lib/server/demo';

import { freeCandidates, panelExperts, scoreRound, scores as v } from '../support/panel';

import {
	advanceCandidates,
	closeRound,
	createRound,
	getRound,
	listRounds,
	openRound
} from '../../src/lib/server/services/rounds';

import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';

import { recuse } from '../../src/lib/server/services/conflict-decisions';

import { roundResults } from '../../src/lib/server/services/results';

import { exportCsv } from '../../src/lib/server/exports';

const C = 'exp';
const actor = { id: null, name: 'chair' };
let db: DB;
let roundId = '';
let expertIds: string[] = [];
let cands: { id: string; code: string }[] = [];

function parse(csv: string): string[][] {
	return Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
}

const round = async () => (await getRound(db, C, roundId))!;

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'export test', prefix: 'x-', seed: 5, candidates: 40 });
	roundId = await scoreRound(db, actor, C, { aggregation: 'mean' });
	expertIds = await panelExperts(db, C);
	cands = (await freeCandidates(db, C, expertIds, '前沿', 3)).map((c) => ({ id: c.id, code: c.reviewCode! }));
});

describe('scores export', () => {
	it('has a BOM, the criteria columns and one row per submitted sheet; a leading "=" is neutralized', async () => {
		const [e1, e2, e3] = expertIds;
		const save = async (
			expertId: string,
			candidateId: string,
			values: Record<string, number>,
			submit: boolean,
			comment = ''
		) => {
			const r = await saveSheet(db, actor, {
				round: await round(),
				expertId,
				candidateId,
				values,
				comment,
				baseVersion: 0,
				submit
			});
			if (!r.ok) throw new Error(r.message);
		};
		await save(e1, cands[0].id, v(36, 27, 26), true, '=HYPERLINK("http://x","点我")');
		await save(e2, cands[0].id, v(35, 25, 25), true, '事迹突出');
		await save(e3, cands[0].id, v(30, 20, 20), true);
		await save(e1, cands[1].id, v(33, 22, 21), true);
		await save(e2, cands[1].id, v(20, 10, 10), false); // a draft: not exported
		await save(e3, cands[2].id, v(25, 25, 25), true);
		// reopened for a rescore: a draft again, so not in the file until resubmitted
		expect((await requestRescore(db, actor, await round(), e3, cands[2].id, '请复核')).ok).toBe(true);

		const r = await exportCsv(db, C, 'scores');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.csv.startsWith('\uFEFF')).toBe(true);
		expect(r.filename).toContain('评分');
		const rows = parse(r.csv);
		expect(rows[0]).toEqual([
			'轮次',
			'评审编号',
			'领域',
			'专家',
			'业绩突出',
			'事迹感人',
			'示范引领',
			'总分',
			'投票',
			'评语',
			'提交时间'
		]);
		expect(rows.length - 1).toBe(4);
		const first = rows.find((x) => x[1] === cands[0].code && x[9].includes('HYPERLINK'))!;
		expect(first[0]).toBe('初评');
		expect(first[2]).toBe('前沿');
		expect(first.slice(4, 8)).toEqual(['36', '27', '26', '89']);
		expect(first[9].startsWith("'=")).toBe(true);
		expect(first[10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
		expect(rows.filter((x) => x[1] === cands[1].code)).toHaveLength(1);
		expect(rows.some((x) => x[1] === cands[2].code)).toBe(false);
		// the same inputs give the same bytes
		expect(await exportCsv(db, C, 'scores')).toEqual(r);
	});

	it('exports ballots of a vote round in the 投票 column, criteria left empty', async () => {
		expect((await closeRound(db, actor, C, roundId)).ok).toBe(true);
		const vote = await createRound(db, actor, C, { name: '终评', type: 'vote', reviewers: 'panel' });
		if (!vote.ok) throw new Error(vote.message);
		expect((await advanceCandidates(db, actor, C, vote.id, [cands[0].id], 'top', '')).ok).toBe(true);
		expect((await openRound(db, actor, C, vote.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok).toBe(
			true
		);
		const vr = (await getRound(db, C, vote.id))!;
		const s = await saveSheet(db, actor, {
			round: vr,
			expertId: expertIds[0],
			candidateId: cands[0].id,
			values: {},
			choice: 'yes',
			baseVersion: 0,
			submit: true
		});
		expect(s.ok).toBe(true);
		const r = await exportCsv(db, C, 'scores');
		if (!r.ok) throw new Error(r.message);
		const rows = parse(r.csv);
		const ballot = rows.find((x) => x[0] === '终评')!;
		expect(ballot.slice(4, 9)).toEqual(['', '', '', '', '赞成']);
		// rounds in order: 初评 rows first
		expect(rows[rows.length - 1][0]).toBe('终评');
	});

	it('a vote candidate whom every reviewer is blocked from shows nobody present instead of failing', async () => {
		const vr = (await listRounds(db, C)).find((r) => r.name === '终评')!;
		// a further vote round in which the whole panel has recused from one of the two candidates
		expect(vr.state).toBe('open');
		expect((await closeRound(db, actor, C, vr.id)).ok).toBe(true);
		const again = await createRound(db, actor, C, { name: '复议', type: 'vote', reviewers: 'panel' });
		if (!again.ok) throw new Error(again.message);
		expect((await advanceCandidates(db, actor, C, again.id, [cands[1].id, cands[2].id], 'manual', '复议两名')).ok).toBe(
			true
		);
		for (const e of expertIds) await recuse(db, actor, C, e, cands[2].id, '认识候选人');
		const res = await roundResults(db, (await getRound(db, C, again.id))!);
		const t = res.votes.find((x) => x.id === cands[2].id)!;
		expect(t).toMatchObject({ present: 0, yes: 0, needed: 0, passed: false });
		expect(res.votes.find((x) => x.id === cands[1].id)!.present).toBe(3);
	});
});
