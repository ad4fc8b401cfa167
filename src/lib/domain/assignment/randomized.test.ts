import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentInstance } from './';
import { solveRandomizedAssignment, type RandomizedAssignmentResult } from './randomized';
import { dependentRound } from './engine/dependent-rounding';
import { seededPrng, sha256Hex } from './seeded-prng';
import { rng } from '../../server/demo/synthetic/random';
import {
	expectFeasible,
	highsOptimum as lpOptimum,
	loadHighs,
	semantics,
	type Highs
} from '../../../../tests/support/assignment-instances';

let highs: Highs;
beforeAll(async () => {
	highs = await loadHighs();
});
const highsOptimum = (inst: AssignmentInstance, q: number) => lpOptimum(highs, inst, q);

const FIELDS = ['前沿', '主战场', '重大需求'];

function randomInstance(seed: number, maxD: number, maxE: number): AssignmentInstance {
	const r = rng(seed);
	const D = 1 + Math.floor(r() * maxD);
	const E = 3 + Math.floor(r() * (maxE - 2));
	const k = 1 + Math.floor(r() * Math.min(3, E - 1));
	const dossiers = Array.from({ length: D }, (_, i) => ({
		id: `D${String(i).padStart(3, '0')}`,
		field: FIELDS[Math.floor(r() * 3)]
	}));
	const experts = Array.from({ length: E }, (_, j) => ({
		id: `E${String(j).padStart(2, '0')}`,
		fields: FIELDS.filter(() => r() < 0.5),
		...(r() < 0.5 ? { maxLoad: Math.floor(r() * ((2 * D * k) / E + 2)) } : {})
	}));
	const conflicts: { expert: string; dossier: string }[] = [];
	const affinity: { expert: string; dossier: string; value: number }[] = [];
	for (const d of dossiers) {
		for (const e of experts) {
			if (r() < 0.1) conflicts.push({ expert: e.id, dossier: d.id });
			if (r() < 0.3) affinity.push({ expert: e.id, dossier: d.id, value: Math.round((r() * 4 - 0.5) * 100) / 100 });
		}
	}
	return { reviewsPerDossier: k, dossiers, experts, conflicts, affinity };
}

/** Every constraint of the contract on one sample, and its objective recomputed. */
const expectValidSample = (inst: AssignmentInstance, res: RandomizedAssignmentResult) => expectFeasible(inst, res);

describe('maxProbability as an exact fraction p/r', () => {
	const inst: AssignmentInstance = {
		reviewsPerDossier: 2,
		dossiers: Array.from({ length: 6 }, (_, i) => ({ id: `D${i}`, field: '前沿' })),
		experts: Array.from({ length: 9 }, (_, j) => ({ id: `E${j}`, fields: ['前沿'] })),
		affinity: [
			{ expert: 'E0', dossier: 'D0', value: 3 },
			{ expert: 'E1', dossier: 'D1', value: 2 }
		]
	};
	/** Each marginal is a whole number of 1/r and at most q: the cap is q itself, not a rounding of it. */
	const expectMarginalsIn = (q: number, r: number) => {
		const out = solveRandomizedAssignment(inst, q, 's');
		expect('error' in out, `q = ${q}`).toBe(false);
		const res = out as RandomizedAssignmentResult;
		expect(res.marginals.some((m) => m.p < 1)).toBe(r > 1);
		for (const m of res.marginals) {
			expect(Math.abs(m.p * r - Math.round(m.p * r)), `q = ${q}, p = ${m.p}`).toBeLessThan(1e-9);
			expect(m.p).toBeLessThanOrEqual(q);
		}
		// the capped pair sits at the cap exactly (a rounded r would put it just below or above q)
		expect(res.marginals.find((m) => m.expert === 'E0' && m.dossier === 'D0')?.p).toBe(Math.round(q * r) / r);
	};
	it('represents decimals and simple fractions exactly, refuses the rest', () => {
		expectMarginalsIn(0.5, 2);
		expectMarginalsIn(0.35, 20);
		expectMarginalsIn(1, 1);
		expectMarginalsIn(1 / 3, 3);
		const out = solveRandomizedAssignment(inst, 0.123456789, 's');
		expect('error' in out && out.error).toBe('BAD_INPUT');
	});
});

describe('seeded generator', () => {
	it('is SHA-256 based and reproducible', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		const a = seededPrng('37 12 88');
		const b = seededPrng('37 12 88');
		const c = seededPrng('37 12 89');
		const xs = Array.from({ length: 5 }, () => a.next32());
		expect(Array.from({ length: 5 }, () => b.next32())).toEqual(xs);
		expect(Array.from({ length: 5 }, () => c.next32())).not.toEqual(xs);
	});
	it('draws integers in range and roughly uniformly', () => {
		const g = seededPrng('u');
		const counts = new Array(6).fill(0);
		for (let i = 0; i < 6000; i++) counts[g.int(6)]++;
		for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(4 * Math.sqrt(6000 * (1 / 6) * (5 / 6)));
	});
});

describe('randomized assignment: step 1 vs HiGHS', () => {
	it(
		'expectedObjective equals the capped LP optimum on 30 random instances, infeasibility included',
		{ timeout: 60_000 },
		() => {
			let feasible = 0;
			for (let seed = 1; seed <= 30; seed++) {
				const inst = randomInstance(seed, 10, 7);
				const q = [0.5, 0.35, 1, 1 / 3, 0.75][seed % 5];
				const out = solveRandomizedAssignment(inst, q, `s${seed}`);
				const opt = highsOptimum(inst, q);
				if (opt === 'INFEASIBLE') {
					expect('error' in out && out.error, `seed ${seed}`).toBe('INFEASIBLE');
					continue;
				}
				expect('error' in out, `seed ${seed}`).toBe(false);
				const res = out as RandomizedAssignmentResult;
				expect(res.expectedObjective, `seed ${seed}`).toBeCloseTo(opt, 6);
				expectValidSample(inst, res);
				// marginals: within the cap, k per dossier, within loads, zero on conflicts
				const { conflicted, load } = semantics(inst);
				const byDossier = new Map<string, number>();
				const byExpert = new Map<string, number>();
				for (const m of res.marginals) {
					expect(m.p).toBeGreaterThan(0);
					expect(m.p).toBeLessThanOrEqual(q + 1e-12);
					expect(conflicted.has(`${m.expert}|${m.dossier}`)).toBe(false);
					byDossier.set(m.dossier, (byDossier.get(m.dossier) ?? 0) + m.p);
					byExpert.set(m.expert, (byExpert.get(m.expert) ?? 0) + m.p);
				}
				for (const d of inst.dossiers) expect(byDossier.get(d.id)).toBeCloseTo(inst.reviewsPerDossier, 9);
				for (const e of inst.experts) expect(byExpert.get(e.id) ?? 0).toBeLessThanOrEqual(load(e.id) + 1e-9);
				feasible++;
			}
			expect(feasible).toBeGreaterThan(12);
		}
	);
});

describe('randomized assignment: step 2 sampling', () => {
	it(
		'over 2,000 seeds every pair frequency is within 4 standard errors of its marginal; samples always valid',
		{ timeout: 60_000 },
		() => {
			let checkedInstances = 0;
			for (let seed = 1; checkedInstances < 4; seed++) {
				const inst = randomInstance(seed, 8, 10);
				const q = seed % 2 ? 1 / 3 : 0.5;
				if ('error' in solveRandomizedAssignment(inst, q, 'probe')) continue;
				checkedInstances++;
				const N = 2000;
				const counts = new Map<string, number>();
				let first: RandomizedAssignmentResult | null = null;
				for (let s = 0; s < N; s++) {
					const res = solveRandomizedAssignment(inst, q, `seed-${s}`) as RandomizedAssignmentResult;
					first ??= res;
					expectValidSample(inst, res);
					for (const a of res.assignments)
						counts.set(`${a.expert}|${a.dossier}`, (counts.get(`${a.expert}|${a.dossier}`) ?? 0) + 1);
				}
				const marg = new Map(first!.marginals.map((m) => [`${m.expert}|${m.dossier}`, m.p]));
				for (const key of counts.keys()) expect(marg.has(key), key).toBe(true); // never a pair with p = 0
				for (const [key, p] of marg) {
					const freq = (counts.get(key) ?? 0) / N;
					const se = Math.sqrt((p * (1 - p)) / N);
					expect(Math.abs(freq - p), `${key} p=${p} freq=${freq}`).toBeLessThanOrEqual(4 * se + 1e-12);
					expect(freq).toBeLessThanOrEqual(q + 4 * se + 1e-12);
				}
			}
		}
	);

	it('same seed gives byte-identical output; different seeds differ in most cases', () => {
		const inst: AssignmentInstance = {
			reviewsPerDossier: 2,
			dossiers: Array.from({ length: 6 }, (_, i) => ({ id: `D${i}`, field: '前沿' })),
			experts: Array.from({ length: 8 }, (_, j) => ({ id: `E${j}`, fields: ['前沿'] })),
			conflicts: [{ expert: 'E0', dossier: 'D0' }]
		};
		expect('error' in solveRandomizedAssignment(inst, 0.5, 'probe')).toBe(false);
		const a = JSON.stringify(solveRandomizedAssignment(inst, 0.5, '2024-05-06 纪检 37 12 88'));
		const b = JSON.stringify(solveRandomizedAssignment(structuredClone(inst), 0.5, '2024-05-06 纪检 37 12 88'));
		expect(b).toBe(a);
		const seen = new Set<string>();
		for (let s = 0; s < 20; s++) {
			const res = solveRandomizedAssignment(inst, 0.5, `x${s}`) as RandomizedAssignmentResult;
			seen.add(JSON.stringify(res.assignments));
		}
		expect(seen.size).toBeGreaterThan(10);
	});

	it('keeps fractional degrees within floor/ceil (expert loads not whole)', () => {
		// Random fractional bipartite graphs with denominator 4: every vertex's rounded degree is
		// the floor or ceil of its fractional degree, and whole degrees are kept exactly.
		const r = rng(5);
		for (let trial = 0; trial < 200; trial++) {
			const L = 2 + Math.floor(r() * 5);
			const R = 2 + Math.floor(r() * 5);
			const u: number[] = [];
			const v: number[] = [];
			const num: number[] = [];
			for (let a = 0; a < L; a++)
				for (let b = 0; b < R; b++)
					if (r() < 0.6) {
						u.push(a);
						v.push(b);
						num.push(Math.floor(r() * 5));
					}
			const g = { left: L, right: R, u: Int32Array.from(u), v: Int32Array.from(v), num: Int32Array.from(num), r: 4 };
			const before = new Float64Array(L + R);
			num.forEach((x, t) => ((before[u[t]] += x / 4), (before[L + v[t]] += x / 4)));
			dependentRound(g, seededPrng(`t${trial}`));
			const after = new Float64Array(L + R);
			g.num.forEach((x, t) => {
				expect(x === 0 || x === 4).toBe(true);
				after[u[t]] += x / 4;
				after[L + v[t]] += x / 4;
			});
			for (let x = 0; x < L + R; x++) {
				expect(after[x]).toBeGreaterThanOrEqual(Math.floor(before[x] + 1e-9));
				expect(after[x]).toBeLessThanOrEqual(Math.ceil(before[x] - 1e-9));
			}
		}
	});

	it('refuses a q that cannot be represented exactly', () => {
		const inst = randomInstance(3, 5, 5);
		const out = solveRandomizedAssignment(inst, 0.123456789, 's');
		expect('error' in out && out.error).toBe('BAD_INPUT');
	});
});

describe('laurel assign with maxProbability (CLI)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-rassign-test-'));
	const run = (inst: unknown, ...extra: string[]) => {
		const file = join(dir, `i${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(inst));
		return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'assign', '--in', file, ...extra], {
			encoding: 'utf8'
		});
	};
	const inst = {
		reviewsPerDossier: 2,
		maxProbability: 0.5,
		seed: '2024-05-06 纪检 37 12 88',
		dossiers: Array.from({ length: 5 }, (_, i) => ({ id: `D${i}`, field: '前沿' })),
		experts: Array.from({ length: 6 }, (_, j) => ({ id: `E${j}`, fields: ['前沿'] }))
	};

	it('replays byte for byte; --seed overrides the key; the answer has the contract keys', { timeout: 60_000 }, () => {
		const a = run(inst);
		const b = run(inst);
		expect(a.status).toBe(0);
		expect(b.stdout).toBe(a.stdout);
		const json = JSON.parse(a.stdout);
		expect(Object.keys(json)).toEqual(['assignments', 'objective', 'expectedObjective', 'seed', 'marginals']);
		expect(json.seed).toBe(inst.seed);
		expect(json.expectedObjective).toBe(10);
		expect(json.marginals.every((m: { p: number }) => m.p > 0 && m.p <= 0.5)).toBe(true);
		const c = run(inst, '--seed', 'other');
		expect(JSON.parse(c.stdout).seed).toBe('other');
		expect(run({ ...inst, seed: 'other' }).stdout).toBe(c.stdout);
	});

	it('refuses a bad maxProbability with exit 2 and reports infeasibility with exit 3', { timeout: 60_000 }, () => {
		const bad = run({ ...inst, maxProbability: 1.5 });
		expect(bad.status).toBe(2);
		expect(JSON.parse(bad.stdout).path).toBe('maxProbability');
		// 6 experts × 0.3 < 2 reviews per dossier
		const tight = run({ ...inst, maxProbability: 0.3 });
		expect(tight.status).toBe(3);
		expect(JSON.parse(tight.stdout).error).toBe('INFEASIBLE');
	});
});
