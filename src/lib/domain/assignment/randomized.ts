// Randomized assignment (CONTRACTS.md "Randomized assignment"; issue 15, after Jecmen et al. 2020):
// step 1 the fractional assignment x maximising Σ value·x with Σ_e x = k per dossier,
// Σ_d x ≤ maxLoad per expert, 0 ≤ x ≤ q (0 on conflicts); step 2 one integral assignment sampled
// with P(pair) = x exactly, from a generator seeded by SHA-256 of the public seed text.
//
// Step 1 is exact: q = p/r with small integers, and x·r is an integral flow of the same
// transportation engine as the exact optimum, with each expert split into p copies (unit arcs), so
// a pair carries at most p units. Copy loads floor/ceil(maxLoad·r / p) lose nothing: any flow with
// expert load L ≤ maxLoad·r can be spread round-robin over the copies (each dossier's ≤ p units on
// distinct copies, copy loads floor/ceil(L/p)). Pure: no I/O.
import { buildAssignmentModel, decimalsOf, type AssignmentInstance, type AssignmentInfeasible } from './';
import { minCostTransport } from './engine/mincost-flow';
import { type TransportProblem } from './engine/transport';
import { maxTransportFlow } from './engine/maxflow';
import { dependentRound } from './engine/dependent-rounding';
import { seededPrng } from './seeded-prng';

export interface RandomizedAssignmentResult {
	assignments: { expert: string; dossier: string }[];
	/** Value of this sample. */
	objective: number;
	/** Value of the fractional assignment x, i.e. the expectation over seeds. */
	expectedObjective: number;
	seed: string;
	/** Pairs with 0 < p, sorted like `assignments`. */
	marginals: { expert: string; dossier: string; p: number }[];
	warnings?: string[];
}

/** Largest expanded matrix (dossiers × experts × p) the solver accepts. */
const MAX_EXPANDED_PAIRS = 24_000_000;
const MAX_DENOMINATOR = 1000;
const SAFE = 2 ** 53;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * q as p/r in lowest terms: exact for a decimal with ≤ 3 places (r | 1000); otherwise the continued
 * fraction convergent with r ≤ 1000 that reads back as q (e.g. 0.3333333333333333 → 1/3), else null.
 */
function probabilityFraction(q: number): { p: number; r: number } | null {
	const d = decimalsOf(q);
	if (d <= 3) {
		const r = 10 ** d;
		const p = Math.round(q * r);
		const g = gcd(p, r);
		return { p: p / g, r: r / g };
	}
	let [h0, h1, k0, k1] = [0, 1, 1, 0];
	let x = q;
	for (let i = 0; i < 40; i++) {
		const a = Math.floor(x);
		[h0, h1] = [h1, a * h1 + h0];
		[k0, k1] = [k1, a * k1 + k0];
		if (k1 > MAX_DENOMINATOR) return null;
		if (h1 / k1 === q) return { p: h1, r: k1 };
		const frac = x - a;
		if (frac === 0) return null;
		x = 1 / frac;
	}
	return null;
}

export type RandomizedOutcome =
	RandomizedAssignmentResult | AssignmentInfeasible | { error: 'BAD_INPUT'; message: string };

/** The fractional optimum as numerators over r, per pair [dossier * E + expert]. */
export interface FractionalAssignment {
	dossierIds: string[];
	expertIds: string[];
	r: number;
	num: Int32Array;
	/** Pair values × scale (integers). */
	value: Float64Array;
	scale: number;
	warnings: string[];
}

function solveFractionalAssignment(
	instance: AssignmentInstance,
	q: number
): FractionalAssignment | AssignmentInfeasible | { error: 'BAD_INPUT'; message: string } {
	const frac = probabilityFraction(q);
	if (!frac || !(q > 0 && q <= 1)) {
		return {
			error: 'BAD_INPUT',
			message: `maxProbability 必须在 (0, 1] 内，且是最多三位小数或分母不超过 ${MAX_DENOMINATOR} 的分数（当前为 ${q}）`
		};
	}
	const { p, r } = frac;
	const model = buildAssignmentModel(instance);
	const { dossierIds, expertIds, k, cap, conflict, value } = model;
	const D = dossierIds.length;
	const E = expertIds.length;
	if (D * E * p > MAX_EXPANDED_PAIRS) {
		return {
			error: 'BAD_INPUT',
			message: `maxProbability = ${q} = ${p}/${r} 对此规模过细（${D}×${E}×${p} 超过上限），请取更简单的分数如 0.5`
		};
	}
	const C = E * p;
	let maxV = 0;
	for (let a = 0; a < D * E; a++) if (!conflict[a] && value[a] > maxV) maxV = value[a];
	let minV = maxV;
	for (let a = 0; a < D * E; a++) if (!conflict[a] && value[a] < minV) minV = value[a];
	// Keep the engine's integer arithmetic exact on the larger network (see mincost-flow.ts).
	const n = D + C + 1;
	let divide = 1;
	while (((maxV - minV) / divide) * 8 * n * (n + 1) >= SAFE) divide *= 10;
	const cost = new Float64Array(D * C);
	for (let i = 0; i < D; i++) {
		for (let j = 0; j < E; j++) {
			const a = i * E + j;
			const c = conflict[a] ? Infinity : Math.round((maxV - value[a]) / divide);
			for (let t = 0; t < p; t++) cost[i * C + j * p + t] = c;
		}
	}
	const colCap = new Int32Array(C);
	for (let j = 0; j < E; j++) {
		const M = cap[j] * r;
		for (let t = 0; t < p; t++) colCap[j * p + t] = Math.min(D, Math.floor(M / p) + (t < M % p ? 1 : 0));
	}
	const problem: TransportProblem = { rows: D, cols: C, demand: k * r, cost, colCap };
	const num = new Int32Array(D * E);
	const warnings: string[] = [];
	if (model.rounded || divide > 1) warnings.push('匹配度的小数位数过多，已按较低精度求解：期望值在该精度下最优');
	if (D === 0) return { dossierIds, expertIds, r, num, value, scale: model.scale, warnings };
	const flow = maxTransportFlow(problem);
	if (flow.flow < D * k * r) {
		const short: string[] = [];
		for (let i = 0; i < D; i++) {
			let s = 0;
			for (let c = 0; c < C; c++) s += flow.assigned[i * C + c];
			if (s < k * r) short.push(dossierIds[i]);
		}
		return {
			error: 'INFEASIBLE',
			message: `每对专家–材料的概率不超过 ${q} 时，无法为每份材料安排 ${k} 名专家：${short.slice(0, 8).join('、')}${short.length > 8 ? ` 等 ${short.length} 份` : ''}。请提高概率上限、增加专家或放宽评审上限`,
			dossiers: short,
			details: []
		};
	}
	const sol = E > 0 ? minCostTransport(problem) : null;
	if (sol) {
		for (let i = 0; i < D; i++) {
			for (let c = 0; c < C; c++) if (sol.assigned[i * C + c]) num[i * E + Math.floor(c / p)]++;
		}
	}
	return { dossierIds, expertIds, r, num, value, scale: model.scale, warnings };
}

export function solveRandomizedAssignment(instance: AssignmentInstance, q: number, seed: string): RandomizedOutcome {
	const fa = solveFractionalAssignment(instance, q);
	if ('error' in fa) return fa;
	return sampleAssignment(fa, seed);
}

/** Step 2: one sample from the fractional assignment; deterministic in (fa, seed). */
function sampleAssignment(fa: FractionalAssignment, seed: string): RandomizedAssignmentResult {
	const { dossierIds, expertIds, r, num, value, scale } = fa;
	const E = expertIds.length;
	const pairs: number[] = [];
	for (let a = 0; a < num.length; a++) if (num[a] > 0) pairs.push(a);
	const g = {
		left: dossierIds.length,
		right: E,
		u: Int32Array.from(pairs, (a) => Math.floor(a / E)),
		v: Int32Array.from(pairs, (a) => a % E),
		num: Int32Array.from(pairs, (a) => num[a]),
		r
	};
	dependentRound(g, seededPrng(seed));
	const assignments: { expert: string; dossier: string }[] = [];
	const marginals: { expert: string; dossier: string; p: number }[] = [];
	let total = 0;
	let expected = 0;
	pairs.forEach((a, t) => {
		const pair = { expert: expertIds[g.v[t]], dossier: dossierIds[g.u[t]] };
		marginals.push({ ...pair, p: num[a] / r });
		expected += num[a] * value[a];
		if (g.num[t] === r) {
			assignments.push(pair);
			total += value[a];
		}
	});
	const result: RandomizedAssignmentResult = {
		assignments,
		objective: total / scale,
		expectedObjective: expected / (scale * r),
		seed,
		marginals
	};
	if (fa.warnings.length) result.warnings = fa.warnings;
	return result;
}
