import { describe, expect, it } from 'vitest';
import {
	aggregateRound,
	calibrateSheets,
	expertLeniency,
	rankCandidates,
	roundProgress,
	type CandidateAggregate,
	type ScoreEntry
} from './aggregation';
import { findOutliers } from './outliers';
import { median, stdDev, trimmedMean } from './statistics';
import { validateDraft, validateSheet } from './score-sheet';
import { compareReviewCodes, sortReviewCodes } from '../../shared/review-codes';
import type { RubricCriterion } from '../types';

const S100 = { max: 100 };
/** Sheets of one candidate from a list of scores, experts E1…En. */
const sheets = (candidate: string, scores: number[]): ScoreEntry[] =>
	scores.map((total, i) => ({ expert: `E${i + 1}`, candidate, total }));
const agg = (candidate: string, scores: number[]) => aggregateRound(sheets(candidate, scores), S100)[0];

describe('per-candidate statistics', () => {
	it('averages only the experts who scored the candidate', () => {
		const entries: ScoreEntry[] = [
			{ expert: 'E1', candidate: 'A', total: 80 },
			{ expert: 'E2', candidate: 'A', total: 90 },
			{ expert: 'E3', candidate: 'B', total: 10 }, // E3 did not score A: must not drag A down
			{ expert: 'E1', candidate: 'B', total: 70 }
		];
		const [a, b] = aggregateRound(entries, S100);
		expect(a).toMatchObject({ candidate: 'A', n: 2, mean: 85, min: 80, max: 90, range: 10 });
		expect(b).toMatchObject({ candidate: 'B', n: 2, mean: 40 });
	});

	it('drops explicitly excluded (recused) experts per candidate', () => {
		const a = aggregateRound(sheets('A', [80, 90, 20]), S100, { excludedExperts: { A: ['E3'] } })[0];
		expect(a.n).toBe(2);
		expect(a.mean).toBe(85);
	});

	it('trims one highest and one lowest only from 5 scores on', () => {
		expect(trimmedMean([60, 70, 80, 100])).toBe(77.5); // 4 scores: plain mean
		expect(agg('A', [60, 70, 80, 100]).trimmedMean).toBe(77.5);
		expect(trimmedMean([50, 70, 80, 90, 100])).toBe(80); // 5: mean of 70, 80, 90
		expect(trimmedMean([40, 70, 72, 74, 76, 78, 99])).toBe(74); // 7: mean of the middle 5
		expect(trimmedMean([80, 80, 80, 80, 80])).toBe(80); // only one copy of each extreme dropped
		expect(trimmedMean([60, 90, 90, 90, 90])).toBe(90);
	});

	it('takes the median of odd and even counts', () => {
		expect(median([90, 70, 80])).toBe(80);
		expect(median([90, 70, 80, 60])).toBe(75);
		expect(agg('A', [3, 1, 2, 10]).median).toBe(2.5);
	});

	it('uses the sample SD, 0 below two scores', () => {
		expect(stdDev([70, 72, 74, 76], true)).toBeCloseTo(Math.sqrt(20 / 3), 12);
		expect(agg('A', [70, 72, 74, 76]).sd).toBeCloseTo(2.582, 4);
		expect(agg('A', [70]).sd).toBe(0);
	});

	it('refuses a duplicated sheet', () => {
		expect(() => aggregateRound([...sheets('A', [80]), ...sheets('A', [81])], S100)).toThrow(/重复/);
	});
});

describe('calibration', () => {
	// A strict and a lenient expert who order the same four candidates the same way.
	const strict = [60, 64, 68, 72];
	const lenient = [85, 89, 93, 97]; // strict + 25
	const wide = [40, 60, 80, 100]; // same order, 5× the spread
	const round = (b: number[]): ScoreEntry[] => [
		...strict.map((total, i) => ({ expert: 'S', candidate: `C${i + 1}`, total })),
		...b.map((total, i) => ({ expert: 'L', candidate: `C${i + 1}`, total }))
	];

	it('gives a strict and a lenient expert equal calibrated scores at equal relative position', () => {
		for (const other of [lenient, wide]) {
			const cal = calibrateSheets(round(other), S100);
			for (let i = 1; i <= 4; i++) {
				const s = cal.find((x) => x.expert === 'S' && x.candidate === `C${i}`)!;
				const l = cal.find((x) => x.expert === 'L' && x.candidate === `C${i}`)!;
				expect(l.z).toBeCloseTo(s.z, 12);
				expect(l.calibrated).toBeCloseTo(s.calibrated, 12);
			}
		}
	});

	it('also equalizes experts who scored different candidates', () => {
		const e: ScoreEntry[] = [
			...strict.map((total, i) => ({ expert: 'S', candidate: `A${i}`, total })),
			...lenient.map((total, i) => ({ expert: 'L', candidate: `B${i}`, total }))
		];
		const aggs = aggregateRound(e, S100);
		const c = (k: string) => aggs.find((a) => a.candidate === k)!.calibrated;
		for (let i = 0; i < 4; i++) expect(c(`B${i}`)).toBeCloseTo(c(`A${i}`), 12);
		expect(c('B0')).toBeLessThan(c('A3')); // raw 85 > raw 72, but it is L's lowest
	});

	it('follows globalMean + z × globalSd (population SDs) without panels', () => {
		const e = round(lenient);
		const all = e.map((x) => x.total);
		const gm = all.reduce((a, b) => a + b) / all.length;
		const gsd = stdDev(all, false);
		const z0 = (60 - 66) / stdDev(strict, false);
		expect(calibrateSheets(e, S100)[0].calibrated).toBeCloseTo(gm + z0 * gsd, 12);
	});

	it('is invariant to adding a constant to one expert’s scores (same z, same order, affine values)', () => {
		const base: ScoreEntry[] = [
			...[70, 75, 81, 90, 62].map((total, i) => ({ expert: 'E1', candidate: `C${i}`, total })),
			...[66, 80, 79, 85, 70].map((total, i) => ({ expert: 'E2', candidate: `C${i}`, total })),
			...[55, 60, 72].map((total, i) => ({ expert: 'E3', candidate: `C${i}`, total })) // C0–C2 only
		];
		const shifted = base.map((e) => (e.expert === 'E3' ? { ...e, total: e.total + 20 } : e));
		const a = calibrateSheets(base, S100);
		const b = calibrateSheets(shifted, S100);
		a.forEach((x, i) => expect(b[i].z).toBeCloseTo(x.z, 12));
		const ra = rankCandidates(aggregateRound(base, S100), 'calibrated').map((r) => r.candidate);
		const rb = rankCandidates(aggregateRound(shifted, S100), 'calibrated').map((r) => r.candidate);
		expect(rb).toEqual(ra);
		// The raw mean ranking does change (E3 scored only some): that is what calibration removes.
		const raw = (e: ScoreEntry[]) => rankCandidates(aggregateRound(e, S100), 'mean').map((r) => r.candidate);
		expect(raw(shifted)).not.toEqual(raw(base));
		const ma = aggregateRound(base, S100).map((x) => x.calibrated);
		const mb = aggregateRound(shifted, S100).map((x) => x.calibrated);
		const slope = (mb[1] - mb[0]) / (ma[1] - ma[0]);
		for (let i = 2; i < 5; i++) expect(mb[i] - mb[0]).toBeCloseTo(slope * (ma[i] - ma[0]), 9);
	});

	it('treats an expert with one score or no spread as average (z = 0 → reference mean)', () => {
		const e: ScoreEntry[] = [
			{ expert: 'E1', candidate: 'A', total: 60 },
			{ expert: 'E1', candidate: 'B', total: 80 },
			{ expert: 'E2', candidate: 'A', total: 99 }, // single sheet
			{ expert: 'E3', candidate: 'A', total: 75 },
			{ expert: 'E3', candidate: 'B', total: 75 } // zero variance
		];
		const gm = (60 + 80 + 99 + 75 + 75) / 5;
		const cal = calibrateSheets(e, S100);
		expect(cal.filter((s) => s.expert !== 'E1').map((s) => s.calibrated)).toEqual([gm, gm, gm]);
		expect(cal.filter((s) => s.expert !== 'E1').every((s) => s.z === 0)).toBe(true);
	});

	it('clamps calibrated sheets to [0, max]', () => {
		const e: ScoreEntry[] = [
			...[50, 50, 50, 98].map((total, i) => ({ expert: 'A', candidate: `C${i}`, total })),
			...[95, 96, 97, 98].map((total, i) => ({ expert: 'B', candidate: `C${i}`, total }))
		];
		const cal = calibrateSheets(e, S100);
		expect(cal[3].calibrated).toBe(100); // 79.25 + 1.73 × 22.7 ≈ 118.5 before the clamp
		expect(cal.every((s) => s.calibrated >= 0 && s.calibrated <= 100)).toBe(true);
	});

	describe('merged panels', () => {
		// Panel P scores around 60, panel Q around 90; each expert varies within their panel.
		const e: ScoreEntry[] = [
			...[55, 60, 65].map((total, i) => ({ expert: 'P1', candidate: `P${i}`, total, panel: 'P' })),
			...[57, 60, 63].map((total, i) => ({ expert: 'P2', candidate: `P${i}`, total, panel: 'P' })),
			...[85, 90, 95].map((total, i) => ({ expert: 'Q1', candidate: `Q${i}`, total, panel: 'Q' })),
			...[80, 90, 100].map((total, i) => ({ expert: 'Q2', candidate: `Q${i}`, total, panel: 'Q' }))
		];
		const panelMean = (aggs: CandidateAggregate[], p: string) => {
			const xs = aggs.filter((a) => a.candidate.startsWith(p)).map((a) => a.calibrated);
			return xs.reduce((a, b) => a + b) / xs.length;
		};
		it('keeps each panel’s own level by default', () => {
			const aggs = aggregateRound(e, S100);
			expect(panelMean(aggs, 'P')).toBeCloseTo(60, 9);
			expect(panelMean(aggs, 'Q')).toBeCloseTo(90, 9);
		});
		it('aligns panel means on the round mean with calibrateAcrossPanels', () => {
			const aggs = aggregateRound(e, S100, { calibrateAcrossPanels: true });
			expect(panelMean(aggs, 'P')).toBeCloseTo(75, 9);
			expect(panelMean(aggs, 'Q')).toBeCloseTo(75, 9);
			const c = (k: string) => aggs.find((a) => a.candidate === k)!.calibrated;
			expect(c('P2')).toBeCloseTo(c('Q2'), 9); // top of each panel meet
		});
		it('still aligns panels when an expert sits on both (second, panel-level z-scoring)', () => {
			const x = [
				...e,
				{ expert: 'X', candidate: 'P1', total: 58, panel: 'P' },
				{ expert: 'X', candidate: 'Q1', total: 92, panel: 'Q' }
			];
			const aggs = aggregateRound(x, S100, { calibrateAcrossPanels: true });
			const m = (p: string) => {
				const xs = calibrateSheets(x, S100, { calibrateAcrossPanels: true }).filter((s) => s.panel === p);
				return xs.reduce((a, b) => a + b.calibrated, 0) / xs.length;
			};
			const gm = x.reduce((a, b) => a + b.total, 0) / x.length;
			expect(m('P')).toBeCloseTo(gm, 9);
			expect(m('Q')).toBeCloseTo(gm, 9);
			expect(aggs).toHaveLength(6);
		});
	});
});

describe('outliers (leave-one-out)', () => {
	it('flags more than 15 points from the others’ mean, with two others at least', () => {
		const o = agg('A', [80, 80, 96]).outliers;
		expect(o).toEqual([
			{ expert: 'E3', score: 96, reason: '高于其余专家均值 80 分 16 分（超过 15 分）', rule: 'points', deviation: 16 }
		]);
		expect(agg('A', [80, 80, 95]).outliers).toEqual([]); // exactly 15: not "more than"
		expect(agg('A', [80, 99]).outliers).toEqual([]); // one other score is no reference
		expect(agg('A', [90, 90, 90, 71.5]).outliers[0].reason).toBe('低于其余专家均值 90 分 18.5 分（超过 15 分）');
	});

	it('flags more than 2 SD of the others, with three others and spread > 0', () => {
		expect(findOutliers(sheets('A', [70, 72, 74, 76]))).toEqual([]); // 76 is exactly 2 SD off
		const o = findOutliers(sheets('A', [70, 72, 74, 76.1]));
		expect(o.map((x) => [x.expert, x.rule])).toEqual([['E4', 'sd']]);
		expect(o[0].reason).toBe('高于其余专家均值 72 分 4.1 分（超过其余专家 2 倍标准差 2）');
		expect(findOutliers(sheets('A', [70, 72, 80]))).toEqual([]); // 4.5 SD, but only two others
		expect(findOutliers(sheets('A', [80, 80, 80, 81]))).toEqual([]); // others' SD 0: rule off
	});

	it('takes the most deviant score out first, so agreeing scores are not flagged with it', () => {
		const o = findOutliers(sheets('A', [90, 88, 35]));
		expect(o.map((x) => x.score)).toEqual([35]);
		// two wild scores on opposite sides are both found, one after the other
		expect(
			findOutliers(sheets('A', [80, 80, 80, 80, 40, 99]))
				.map((x) => x.score)
				.sort()
		).toEqual([40, 99]);
	});

	it('does not cascade the SD rule through a large panel of close scores', () => {
		const close = [70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 95];
		expect(findOutliers(sheets('A', close)).map((x) => x.score)).toEqual([95]);
	});

	it('reports both rules at once', () => {
		const o = findOutliers(sheets('A', [70, 72, 74, 76, 95]));
		expect(o).toHaveLength(1);
		expect(o[0]).toMatchObject({ expert: 'E5', rule: 'both' });
		expect(o[0].reason).toMatch(/^高于其余专家均值 73 分 22 分（超过 15 分，超过其余专家 2 倍标准差 2.6）$/);
	});
});

describe('ranking', () => {
	const a = (candidate: string, mean: number): CandidateAggregate => ({
		candidate,
		n: 1,
		mean,
		trimmedMean: mean,
		median: mean,
		calibrated: mean,
		sd: 0,
		range: 0,
		min: mean,
		max: mean,
		outliers: []
	});
	it('gives equal values distinct ranks by review code ascending (natural order)', () => {
		const r = rankCandidates([a('C10', 80), a('C2', 80), a('C1', 70), a('C3', 90)], 'mean');
		expect(r.map((x) => [x.candidate, x.rank, x.tied])).toEqual([
			['C3', 1, false],
			['C2', 2, true],
			['C10', 3, true],
			['C1', 4, false]
		]);
	});
	it('does not let float noise break a tie, and honours a custom tie-break', () => {
		const r = rankCandidates([a('B', 0.1 + 0.2), a('A', 0.3)], 'median');
		expect(r.map((x) => x.candidate)).toEqual(['A', 'B']);
		const rev = rankCandidates([a('B', 0.1 + 0.2), a('A', 0.3)], 'median', (x, y) => compareReviewCodes(y, x));
		expect(rev.map((x) => x.candidate)).toEqual(['B', 'A']);
	});
	it('orders codes naturally and locale-free', () => {
		expect(sortReviewCodes(['A10', 'A2', 'B1', 'A02', '前沿-12', '前沿-3'])).toEqual([
			'A02',
			'A2',
			'A10',
			'B1',
			'前沿-3',
			'前沿-12'
		]);
	});
});

describe('leniency, progress', () => {
	const e: ScoreEntry[] = [
		{ expert: 'E2', candidate: 'C2', total: 90 },
		{ expert: 'E1', candidate: 'C1', total: 70 },
		{ expert: 'E2', candidate: 'C1', total: 84 },
		{ expert: 'E3', candidate: 'C1', total: 80 }
	];
	it('measures leniency against the other experts on the same candidates', () => {
		const l = expertLeniency(e);
		expect(l.map((x) => x.expert)).toEqual(['E1', 'E2', 'E3']);
		expect(l[0]).toMatchObject({ n: 1, mean: 70, compared: 1, panelMean: 82, difference: -12 });
		expect(l[1]).toMatchObject({ n: 2, mean: 87, compared: 1, ownMean: 84, panelMean: 75, difference: 9 });
	});
	it('counts done / draft / not started per expert over assigned pairs', () => {
		const p = roundProgress(
			[
				{ expert: 'E1', candidate: 'C1' },
				{ expert: 'E1', candidate: 'C2' },
				{ expert: 'E1', candidate: 'C3' },
				{ expert: 'E2', candidate: 'C1' }
			],
			[
				{ expert: 'E1', candidate: 'C1', status: 'submitted' },
				{ expert: 'E1', candidate: 'C1', status: 'draft' }, // stale draft after submission
				{ expert: 'E1', candidate: 'C2', status: 'draft' },
				{ expert: 'E9', candidate: 'C1', status: 'submitted' } // not assigned
			]
		);
		expect(p).toEqual([
			{ expert: 'E1', assigned: 3, done: 1, draft: 1, notStarted: 1 },
			{ expert: 'E2', assigned: 1, done: 0, draft: 0, notStarted: 1 }
		]);
	});
});

describe('sheet validation', () => {
	const rubric: RubricCriterion[] = [
		{ key: 'merit', name: '业绩突出', max: 40, description: '' },
		{ key: 'ethic', name: '品德高尚', max: 30, description: '' },
		{ key: 'story', name: '事迹感人', max: 30, description: '' }
	];
	it('accepts one decimal within [0, max] and sums exactly', () => {
		expect(validateSheet(rubric, { merit: 37.5, ethic: 0.1, story: '0.2' })).toEqual({
			ok: true,
			total: 37.8,
			errors: {}
		});
		expect(validateSheet(rubric, { merit: 40, ethic: 30, story: 30 }).total).toBe(100);
	});
	it('explains each bad criterion in Chinese', () => {
		const r = validateSheet(rubric, { merit: 41, ethic: 12.25, story: 'abc' });
		expect(r.ok).toBe(false);
		expect(r.errors).toEqual({
			merit: '“业绩突出”应在 0–40 之间',
			ethic: '“品德高尚”最多保留一位小数',
			story: '“事迹感人”应为数字'
		});
		expect(validateSheet(rubric, { merit: -1, ethic: 1, story: 1 }).errors.merit).toBe('“业绩突出”应在 0–40 之间');
		expect(validateSheet(rubric, { merit: 10, ethic: 10 }).errors).toEqual({ story: '请填写“事迹感人”' });
		expect(validateSheet(rubric, { merit: '1e1', ethic: Infinity, story: NaN }).ok).toBe(false);
	});
	it('lets a draft be partial but never invalid', () => {
		expect(validateDraft(rubric, {})).toEqual({ ok: true, total: 0, errors: {}, complete: false });
		expect(validateDraft(rubric, { merit: 20, ethic: '' })).toMatchObject({ ok: true, total: 20, complete: false });
		expect(validateDraft(rubric, { merit: 45 }).errors).toEqual({ merit: '“业绩突出”应在 0–40 之间' });
		expect(validateDraft(rubric, { merit: 1, ethic: 2, story: 3 })).toMatchObject({
			ok: true,
			complete: true,
			total: 6
		});
	});
});
