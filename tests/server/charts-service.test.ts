// Review progress over time: submitted sheets per Beijing day, gaps filled, drafts left out.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, openRound, getRound, type RoundRow } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { progressOverTime, scoreHistogram, selectionBalance } from '../../src/lib/server/services/charts';
import { plainByTier } from '../../src/lib/domain/selection/plain';
import { solveInput, type SelectionInput } from '../../src/lib/server/services/selection-solve';
import { targetsToRules } from '../../src/lib/domain/selection/balance-targets';
import type { RoundResults } from '../../src/lib/server/services/results';

const C = 'charts';
const actor = { id: null, name: 'organizer' };
let db: DB;
let round: RoundRow;
let pairs: { expertId: string; candidateId: string }[];

async function submitAt(iso: string, pair: { expertId: string; candidateId: string }, submit = true) {
	vi.setSystemTime(new Date(iso));
	const res = await saveSheet(db, actor, {
		round,
		...pair,
		values: { merit: 30, story: 20, exemplary: 20 },
		baseVersion: 0,
		submit
	});
	if (!res.ok) throw new Error(res.message);
}

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'charts test', prefix: 'ch-', seed: 5, candidates: 10 });
	const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel' });
	if (!r.ok) throw new Error(r.message);
	const opened = await openRound(db, actor, C, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
	if (!opened.ok) throw new Error(opened.message);
	round = (await getRound(db, C, r.id))!;
	pairs = await roundPairs(db, round);
	// Only Date is faked: the database driver's timers keep running.
	vi.useFakeTimers({ toFake: ['Date'] });
	await submitAt('2024-04-01T02:00:00Z', pairs[0]); // 10:00 Beijing, 1 April
	await submitAt('2024-04-01T09:00:00Z', pairs[1]);
	await submitAt('2024-04-01T15:59:00Z', pairs[2]); // 23:59 Beijing, still 1 April
	await submitAt('2024-04-02T16:30:00Z', pairs[3]); // 00:30 Beijing, 3 April (nothing on 2 April)
	await submitAt('2024-04-03T03:00:00Z', pairs[4]);
	await submitAt('2024-04-03T04:00:00Z', pairs[5], false); // a draft does not count
	vi.useRealTimers();
	// a second round that has not started is not a series
	const later = await createRound(db, actor, C, { name: '终评', type: 'vote', reviewers: 'all' });
	if (!later.ok) throw new Error(later.message);
});

afterAll(() => {
	vi.useRealTimers();
});

describe('progressOverTime', () => {
	it('counts submitted sheets per Beijing day, with the days between filled in', async () => {
		const p = await progressOverTime(db, C);
		expect(p.days).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
		expect(p.rounds).toHaveLength(1);
		const s = p.rounds[0];
		expect(s.name).toBe('初评');
		expect(s.daily).toEqual([3, 0, 2]);
		expect(s.cumulative).toEqual([3, 3, 5]);
		expect(s.submitted).toBe(5);
		expect(s.expected).toBe(pairs.length);
	});

	it('uses the offset it is given (UTC days here)', async () => {
		const p = await progressOverTime(db, C, { offsetMinutes: 0 });
		expect(p.days).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
		expect(p.rounds[0].daily).toEqual([3, 1, 1]);
	});

	it('is empty for a campaign without submissions', async () => {
		const p = await progressOverTime(db, 'no-such-campaign');
		expect(p).toEqual({ days: [], rounds: [] });
	});
});

describe('the final list beside the plain score order', () => {
	// Eleven tied at 90 with review codes in the opposite order of their ids, and two women below:
	// "women ≥ 2" must displace two of the tied, and the page must show the same two as the
	// explanation names (ties go by review code, not by the internal id).
	const pool = Array.from({ length: 13 }, (_, i) => {
		const id = `a${String(i + 1).padStart(2, '0')}`;
		return {
			id,
			score: i < 11 ? 90 : i === 11 ? 80 : 70,
			groups: i >= 11 ? ['woman'] : [],
			field: '前沿',
			channel: '南宁市',
			code: `前沿-${String(20 - i).padStart(2, '0')}`,
			name: id,
			unitAndTitle: '',
			gender: i >= 11 ? '女' : '男',
			channelType: '地区'
		};
	});
	const targets = [{ kind: 'atLeast' as const, group: 'woman' as const, count: 2, label: '女性科技工作者不少于2名' }];
	const input: SelectionInput = {
		roundId: 'r',
		roundName: '初评',
		pool,
		excluded: [],
		tiers: [{ name: '最美科技工作者', size: 10, rules: targetsToRules(targets) }],
		targets
	};
	const outcome = solveInput(input);
	if (!outcome.ok) throw new Error('infeasible');

	it('marks as displaced exactly the candidates the explanation names', () => {
		const [plain] = plainByTier(input, outcome);
		expect(plain).toHaveLength(10);
		const tier = outcome.tiers[0];
		const displaced = plain.filter((id) => !tier.selected.includes(id)).sort();
		expect(displaced).toEqual(tier.explanation.map((e) => e.displaced).sort());
		const lifted = tier.selected.filter((id) => !plain.includes(id)).sort();
		expect(lifted).toEqual(tier.explanation.map((e) => e.candidate).sort());
		expect(lifted).toEqual(['a12', 'a13']);
	});

	it('reports required, achieved and the plain order per target', () => {
		expect(selectionBalance(input, outcome)).toEqual([
			{
				tier: '最美科技工作者',
				size: 10,
				rows: [
					{
						label: '女性科技工作者不少于2名',
						rule: 'woman ≥ 2',
						kind: 'atLeast',
						required: 2,
						achieved: 2,
						plain: 0,
						ok: true
					}
				]
			}
		]);
	});
});

describe('scoreHistogram', () => {
	it('bins the round scores by panel, the top bin holding full marks', () => {
		const aggregates = [
			{ field: '前沿', value: 71.5 },
			{ field: '前沿', value: 100 },
			{ field: '主战场', value: 74.99 },
			{ field: '主战场', value: 86 }
		];
		const results = { round: { id: 'r', name: '初评' }, scale: 100, aggregates } as unknown as RoundResults;
		const h = scoreHistogram(results, ['前沿', '主战场']);
		expect(h.bins.map((b) => b.label)).toEqual(['70–75', '75–80', '80–85', '85–90', '90–95', '95–100']);
		expect(h.panels).toEqual([
			{ name: '前沿', counts: [1, 0, 0, 0, 0, 1], n: 2 },
			{ name: '主战场', counts: [1, 0, 0, 1, 0, 0], n: 2 }
		]);
		expect(h.totals).toEqual([2, 0, 0, 1, 0, 1]);
	});
});
