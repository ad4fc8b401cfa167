// Sifting for large selections: solve on a working set of candidates, then prove that nobody left
// out could be in a selection as good, and grow the set until that proof holds.
// Why: on 5,000 candidates almost everyone is far below the cut; an LP over all of them costs
// thousands of columns per dual simplex pivot although a few hundred decide the optimum.
// Exactness: the duals π of the working set's root LP give, for the whole problem, the Lagrangian
// bound L(π) = Σ_j max(0, g_j) + Σ_rows max(π·lo, π·up) with g_j = v_j − Σ_{rows ∋ j} π (valid for
// any π, as in lp.ts). A selection holding an outside candidate j with g_j < 0 is worth at most
// L(π) + g_j; when that is below the working set's optimum (minus half a value step, values are
// integers) no optimal selection — tie-break included — holds j. Candidates that fail the test join
// the working set and the round repeats; if the set grows large, or the working set alone has no
// selection, the whole problem is solved as before.
import { ClassModel, type CoreProblem, type CoreRow } from './model';
import { maximize, solveCore } from './solver';
import type { CoreSolution, SearchStats } from './types';

/** Below this many candidates the whole problem is solved directly. */
const SIFT_MIN = 600;
const MAX_ROUNDS = 8;

export interface SiftTuning {
	/** sift only problems of at least this many candidates */
	minSize: number;
	/** scales the starting set (tests start tiny so that pricing has to do the work) */
	start: number;
	/** give up sifting once the working set holds this share of the candidates */
	maxShare: number;
}
const DEFAULT_TUNING: SiftTuning = { minSize: SIFT_MIN, start: 1, maxShare: 0.5 };

export function maximizeSifted(
	problem: CoreProblem,
	values: ArrayLike<number>,
	stats?: SearchStats,
	tuning: SiftTuning = DEFAULT_TUNING
): CoreSolution | null {
	const { n, k, rows } = problem;
	if (n < tuning.minSize) return maximize(problem, values, true, stats);
	const total: SearchStats = { nodes: 0, lpIterations: 0, checks: 0, phase1Nodes: 0, incumbents: 0 };
	const inSet = new Uint8Array(n);
	// start: the best-ranked few times k, and the best members of every row that asks for some
	let grow = 1;
	const seed = () => {
		const f = grow * tuning.start;
		for (let i = 0; i < Math.min(n, Math.ceil((3 * k + 20) * f)); i++) inSet[i] = 1;
		// a capped row offers its best few, so that caps like "one per channel" leave enough to choose
		for (const r of rows) {
			const want = r.lo > 0 ? 2 * r.lo + 10 : r.up < r.members.length ? r.up + 3 : 0;
			const take = Math.min(r.members.length, Math.ceil(want * f));
			for (let t = 0; t < take; t++) inSet[r.members[t]] = 1;
		}
	};
	seed();
	let carried: Carried | null = null;
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const set: number[] = [];
		for (let i = 0; i < n; i++) if (inSet[i]) set.push(i);
		if (set.length > n * tuning.maxShare) break;
		total.rounds = round + 1;
		total.workingSet = set.length;
		const sub = restrict(problem, set);
		const subValues = Float64Array.from(set, (i) => values[i]);
		const model = new ClassModel(sub, subValues);
		const lp = model.lp;
		if (lp) startBasis(model, set, carried);
		if (!lp || lp.solve() === 'infeasible') {
			// the set cannot fill the seats under the rules (perhaps nobody can): a larger start, then the whole problem
			total.lpIterations += lp?.iterations ?? 0;
			if (grow > 1) break;
			grow *= 2;
			seed();
			continue;
		}
		const lpIterations = lp.iterations;
		carried = basisOf(model, set);
		const units = model.unitCand.length;
		const duals = new Float64Array(lp.m);
		for (let r = 0; r < lp.m; r++) duals[r] = lp.gain(units + r) * model.scale;
		let priced = price(problem, values, model, duals);
		// the set's LP is not yet the whole LP: add the most attractive of those left out, LP only
		const attractive: number[] = [];
		for (let j = 0; j < n; j++) if (!inSet[j] && priced.gain[j] > 1e-9 * model.scale) attractive.push(j);
		if (attractive.length) {
			total.lpIterations += lpIterations;
			attractive.sort((a, b) => priced.gain[b] - priced.gain[a]);
			for (const j of attractive.slice(0, 2 * (lp.m + k))) inSet[j] = 1;
			continue;
		}
		const subStats: SearchStats = { nodes: 0, lpIterations: 0, checks: 0 };
		const { solution, rootDuals } = solveCore(sub, subValues, true, subStats, -Infinity, true, model);
		addStats(total, subStats);
		total.lpIterations += lpIterations;
		if (!solution) {
			if (grow > 1) break;
			grow *= 2;
			seed();
			continue;
		}
		// the root duals after the search are those of the same root LP; price with them again
		if (rootDuals) priced = price(problem, values, model, rootDuals);
		const slack = priced.bound - (solution.value - 0.5);
		let added = false;
		for (let j = 0; j < n; j++) {
			if (!inSet[j] && -priced.gain[j] <= slack) {
				inSet[j] = 1;
				added = true;
			}
		}
		if (added) continue;
		if (stats) Object.assign(stats, total);
		return { chosen: solution.chosen.map((i) => set[i]), value: solution.value };
	}
	const res = maximize(problem, values, true, stats);
	if (stats) addStats(stats, total);
	return res;
}

/**
 * The whole problem's reduced gain of every candidate, g_j = v_j − Σ_{rows ∋ j} π, and the
 * Lagrangian bound, from the working set's LP row duals (value units; LP row 0 is the cardinality
 * row, row r the problem row live[r−1]).
 */
function price(
	problem: CoreProblem,
	values: ArrayLike<number>,
	model: ClassModel,
	duals: Float64Array
): { gain: Float64Array; bound: number } {
	const { n, k, rows } = problem;
	const pi0 = duals[0];
	const pi = new Float64Array(rows.length);
	model.live.forEach((row, r) => (pi[row] = duals[r + 1]));
	const gain = new Float64Array(n);
	for (let j = 0; j < n; j++) gain[j] = values[j] - pi0;
	let bound = pi0 * k;
	rows.forEach((r, i) => {
		if (pi[i] === 0) return;
		for (const j of r.members) gain[j] -= pi[i];
		bound += Math.max(pi[i] * r.lo, pi[i] * Math.min(r.up, r.members.length));
	});
	for (let j = 0; j < n; j++) if (gain[j] > 0) bound += gain[j];
	return { gain, bound };
}

/** A basis by what its variables are: candidates (original indices) and rows (−1 the cardinality row). */
interface Carried {
	candidates: number[];
	rows: Set<number>;
}

function basisOf(model: ClassModel, set: readonly number[]): Carried {
	const lp = model.lp!;
	const units = model.unitCand.length;
	const candidates: number[] = [];
	const rows = new Set<number>();
	for (const v of lp.basicVariables()) {
		if (v < units) candidates.push(set[model.unitCand[v]]);
		else rows.add(v === units ? -1 : model.live[v - units - 1]);
	}
	return { candidates, rows };
}

/**
 * The previous round's basis when it maps onto this model (a few pivots then suffice), else a
 * crash start: the unit of the k-th best value basic in the cardinality row, so that the LP starts
 * from the plain top k and only the rules' corrections remain.
 */
function startBasis(model: ClassModel, set: readonly number[], carried: Carried | null): void {
	const lp = model.lp!;
	const units = model.unitCand.length;
	if (carried) {
		const unitOf = new Map<number, number>();
		for (let u = 0; u < units; u++) unitOf.set(set[model.unitCand[u]], u);
		const cols: number[] = [];
		for (const c of carried.candidates) {
			const u = unitOf.get(c);
			if (u !== undefined) cols.push(u);
		}
		const freed: number[] = [];
		if (!carried.rows.has(-1)) freed.push(0);
		model.live.forEach((row, r) => {
			if (!carried.rows.has(row)) freed.push(r + 1);
		});
		if (cols.length === freed.length && lp.startFrom(cols, freed)) return;
	}
	const k = model.problem.k;
	if (k <= 0 || k > units) return;
	const order = Array.from(model.unitValue.keys()).sort((a, b) => model.unitValue[b] - model.unitValue[a] || a - b);
	lp.startFrom([order[k - 1]], [0]);
}

/** The problem on `set` (ascending, so rank order is kept), candidates renumbered 0.. */
function restrict(problem: CoreProblem, set: readonly number[]): CoreProblem {
	const index = new Int32Array(problem.n).fill(-1);
	set.forEach((i, j) => (index[i] = j));
	const rows: CoreRow[] = problem.rows.map((r) => {
		const members: number[] = [];
		for (const i of r.members) if (index[i] >= 0) members.push(index[i]);
		return { members, lo: r.lo, up: r.up, tag: r.tag };
	});
	return { n: set.length, k: problem.k, rows };
}

function addStats(into: SearchStats, s: SearchStats): void {
	into.nodes += s.nodes;
	into.lpIterations += s.lpIterations;
	into.checks += s.checks;
	into.phase1Nodes = (into.phase1Nodes ?? 0) + (s.phase1Nodes ?? 0);
	into.incumbents = (into.incumbents ?? 0) + (s.incumbents ?? 0);
}
