import { describe, expect, it, beforeAll } from 'vitest';
import { maximize } from './engine/solver';
import type { SearchStats } from './engine/types';
import { maximizeSifted } from './engine/sift';
import { quantizeScores } from './plain';
import { coreProblem } from './explain';
import { greedyByScore, isInfeasible, resolveRules, ruleViolations, solveSelection, type SelectionInstance } from './';
import { rng } from '../../server/demo/synthetic/random';
import {
	randomInstance,
	overlapInstance,
	largeInstance,
	highsSolve,
	initHighs,
	bruteForce,
	solved,
	scoreSum,
	SLOW
} from '../../../../tests/support/selection-instances';

beforeAll(initHighs);

// ---------------------------------------------------------------- optimality

describe('solveSelection is exact', () => {
	it(
		'matches the HiGHS MIP optimum on 40 random instances (and agrees on infeasibility)',
		() => {
			let feasibleCount = 0;
			for (let seed = 1; seed <= 40; seed++) {
				const inst = randomInstance(seed);
				const res = solveSelection(inst);
				const ref = highsSolve(inst);
				if (isInfeasible(res)) {
					expect(ref.Status, `seed ${seed}`).toBe('Infeasible');
					continue;
				}
				feasibleCount++;
				expect(ref.Status, `seed ${seed}`).toBe('Optimal');
				expect(res.total, `seed ${seed}`).toBeCloseTo(ref.ObjectiveValue, 6);
				expect(res.selected).toHaveLength(Math.min(inst.seats, inst.candidates.length));
				expect(ruleViolations(inst, res.selected)).toEqual([]);
				expect(res.total).toBeCloseTo(scoreSum(inst, res.selected), 9);
			}
			expect(feasibleCount).toBeGreaterThanOrEqual(25);
		},
		SLOW
	);

	it(
		'matches HiGHS on 30 instances of many small overlapping groups (weak LP)',
		() => {
			for (let seed = 1; seed <= 30; seed++) {
				const inst = overlapInstance(seed);
				const res = solveSelection(inst);
				const ref = highsSolve(inst);
				if (isInfeasible(res)) expect(ref.Status, `seed ${seed}`).toBe('Infeasible');
				else expect(res.total, `seed ${seed}`).toBeCloseTo(ref.ObjectiveValue, 6);
			}
		},
		SLOW
	);

	it(
		'prunes exactly at the boundary: given a floor one step below the optimum, it still finds it',
		() => {
			let tested = 0;
			for (let seed = 1; seed <= 60; seed++) {
				const inst = seed % 2 ? overlapInstance(seed) : randomInstance(seed);
				const { units } = quantizeScores(inst.candidates.map((c) => c.score));
				const k = Math.min(inst.seats, inst.candidates.length);
				const problem = coreProblem(inst.candidates, k, resolveRules(inst));
				const best = maximize(problem, units, false);
				if (!best) continue;
				tested++;
				const step = units.reduce((g, u) => {
					let [a, b] = [g, Math.abs(u)];
					while (b) [a, b] = [b, a % b];
					return a;
				}, 0);
				expect(maximize(problem, units, false, undefined, best.value - step)?.value, `seed ${seed}`).toBe(best.value);
				expect(maximize(problem, units, false, undefined, best.value), `seed ${seed}`).toBeNull();
			}
			expect(tested).toBeGreaterThan(40);
		},
		SLOW
	);

	it(
		'matches exhaustive enumeration, tie-break included, on small instances full of ties',
		() => {
			for (let seed = 101; seed <= 140; seed += 2) {
				const inst = randomInstance(seed, { n: 16, seats: 3 + (seed % 5) });
				const expected = bruteForce(inst);
				const res = solveSelection(inst);
				if (expected === null) expect(isInfeasible(res), `seed ${seed}`).toBe(true);
				else expect(isInfeasible(res) ? null : res.selected, `seed ${seed}`).toEqual(expected);
			}
		},
		SLOW
	);

	it(
		'settles the tie-break on the reduced problem exactly as on the whole model',
		() => {
			// ties on odd seeds, and instances from 16 to 400 candidates: the reduction (reduce.ts)
			// must leave exactly the winner that lexBest picks over every candidate
			let reduced = 0;
			for (let seed = 201; seed <= 260; seed++) {
				const n = [16, 40, 120, 400][seed % 4];
				const inst = seed % 3 ? randomInstance(seed, { n, seats: 4 + (seed % 9) }) : overlapInstance(seed);
				const { units } = quantizeScores(inst.candidates.map((c) => c.score));
				const problem = coreProblem(inst.candidates, Math.min(inst.seats, inst.candidates.length), resolveRules(inst));
				const whole = maximize(problem, units, true, undefined, -Infinity, false);
				const stats = { nodes: 0, lpIterations: 0, checks: 0 };
				const fast = maximize(problem, units, true, stats, -Infinity, true);
				expect(fast, `seed ${seed}`).toEqual(whole);
				if (whole) reduced++;
			}
			expect(reduced).toBeGreaterThan(40);
		},
		SLOW
	);

	it(
		'sifting (solve on a working set, price out the rest) gives the whole model’s selection',
		() => {
			// small instances sifted from a start of a few candidates, so that pricing must add the rest,
			// and a few large ones in the bench's shape (many channels capped at one, scarce groups)
			let sifted = 0;
			for (let seed = 301; seed <= 360; seed++) {
				const inst =
					seed % 10 === 0
						? largeInstance(seed, 800 + 100 * (seed % 7))
						: seed % 3
							? randomInstance(seed, { n: [16, 40, 120][seed % 3], seats: 3 + (seed % 7) })
							: overlapInstance(seed);
				const { units } = quantizeScores(inst.candidates.map((c) => c.score));
				const problem = coreProblem(inst.candidates, Math.min(inst.seats, inst.candidates.length), resolveRules(inst));
				const whole = maximize(problem, units, true);
				const stats: SearchStats = { nodes: 0, lpIterations: 0, checks: 0 };
				const tuning = { minSize: 0, start: seed % 10 === 0 ? 1 : 0.1, maxShare: 1 };
				expect(maximizeSifted(problem, units, stats, tuning), `seed ${seed}`).toEqual(whole);
				if (whole && (stats.rounds ?? 0) > 1) sifted++;
			}
			expect(sifted).toBeGreaterThan(30);
		},
		SLOW
	);

	it('meets the rules where the plain score order breaks them', () => {
		let broken = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const inst = randomInstance(seed);
			const res = solveSelection(inst);
			if (isInfeasible(res)) continue;
			if (ruleViolations(inst, greedyByScore(inst)).length > 0) {
				broken++;
				expect(ruleViolations(inst, res.selected)).toEqual([]);
			}
		}
		expect(broken).toBeGreaterThanOrEqual(10);
	});

	it('gives the same answer whatever the input order', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const inst = randomInstance(seed);
			const base = solveSelection(inst);
			const r = rng(seed * 31);
			const shuffled = {
				...inst,
				candidates: inst.candidates
					.map((c) => ({ c, k: r() }))
					.sort((a, b) => a.k - b.k)
					.map((x) => x.c)
			};
			expect(solveSelection(shuffled), `seed ${seed}`).toEqual(base);
		}
	});

	it('lists the selection by descending score, ties by id, and adds totals without float noise', () => {
		const inst: SelectionInstance = {
			seats: 3,
			candidates: [
				{ id: 'B', score: 0.1, groups: [] },
				{ id: 'A', score: 0.1, groups: [] },
				{ id: 'C', score: 0.2, groups: [] },
				{ id: 'D', score: 0.05, groups: [] }
			],
			atLeast: [],
			atMost: []
		};
		const res = solved(inst);
		expect(res.selected).toEqual(['C', 'A', 'B']);
		expect(res.total).toBe(0.4);
	});
});

// ---------------------------------------------------------------- shares

describe('share rounding', () => {
	/** The count a share rule resolves to for `seats` (resolveRules, as the engine and the explanation read it). */
	const shareToCount = (share: number, seats: number, kind: 'atLeast' | 'atMost') =>
		resolveRules({ seats, atLeast: [], atMost: [], [kind]: [{ field: '前沿', share }] })[0].count;
	it('is ceil(share × seats) without float artefacts', () => {
		expect(shareToCount(0.2, 10, 'atLeast')).toBe(2); // 0.2*10 = 2.0000000000000004 in floats
		expect(shareToCount(0.7, 10, 'atLeast')).toBe(7);
		expect(shareToCount(0.15, 20, 'atLeast')).toBe(3);
		expect(shareToCount(0.21, 10, 'atLeast')).toBe(3);
		expect(shareToCount(0.2, 7, 'atLeast')).toBe(2);
		expect(shareToCount(0.29, 100, 'atMost')).toBe(29);
	});

	it('asks for exactly two youth of ten seats at 20 %, not three', () => {
		const candidates = Array.from({ length: 14 }, (_, i) => ({
			id: `P${String(i).padStart(2, '0')}`,
			score: 100 - i,
			groups: i >= 10 ? ['youth'] : []
		}));
		const res = solved({ seats: 10, candidates, atLeast: [{ group: 'youth', share: 0.2 }], atMost: [] });
		expect(res.selected.filter((id) => Number(id.slice(1)) >= 10)).toEqual(['P10', 'P11']);
		expect(res.explanation.map((e) => e.rule)).toEqual(['youth ≥ 2', 'youth ≥ 2']);
	});
});
