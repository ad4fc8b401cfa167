// Exact engine behind solveSelection: branch and bound over the class counts of ClassModel, with
// bounds from the LP relaxation (lp.ts). The LP has one row per rule, so it is tiny even
// for 5,000 candidates, and it is tight for these quota systems (a few overlapping group rules on
// top of two partitions — fields and channels — which alone form a network and are integral).
// Exactness: a node is pruned only when a valid upper bound proves it cannot hold a better
// (phase 1) or an equally good (phase 2, tie-break) solution; the search never stops early, and
// with integer values (quantised scores) and the gcd step the pruning tests have half a unit of slack.
// Worst case exponential (the problem is NP-hard with arbitrary overlapping groups); in practice a
// few dozen nodes, each a warm-started dual simplex of a handful of iterations.
import type { Basis } from './lp';
import type { CoreSolution, SearchStats } from './types';
import { ClassModel, type CoreProblem } from './model';
import { reduceByReducedCost, type Reduction } from './reduce';
import { children, fixByReducedCost, rootNode, widestBranch, type Branch, type Node } from './solver-nodes';

// branching effort: candidates examined, dual iterations per trial, trials before pseudocosts are
// trusted, and how many non-improving candidates end the look-ahead (tuned on random instances)
const STRONG_CANDIDATES = 8;
const TRIAL_ITERATIONS = 20;
const RELIABLE = 2;
const LOOKAHEAD = 4;

/** The branch and bound over one class model; pseudocosts are shared by all its searches. */
class BranchAndBound {
	stats: SearchStats = { nodes: 0, lpIterations: 0, checks: 0 };
	/** per split candidate (class c, or row i as −1−i): [down loss sum, count, up loss sum, count] */
	private readonly pseudo = new Map<number, number[]>();
	/** when the root LP is infeasible: problem rows of its Farkas certificate */
	conflict: number[] | null = null;
	/** the root LP's row duals in value units (LP row 0 is the cardinality row), once reduceAt ran */
	rootDuals: Float64Array | null = null;

	constructor(private readonly model: ClassModel) {}

	/** Solves the node's LP; returns its bound (in value units) or null when infeasible. */
	private solveNode(
		node: Node,
		current: { basis: Basis | null },
		maxIter?: number
	): { bound: number; exact: boolean } | null {
		const lp = this.model.lp!;
		if (node.basis && node.basis !== current.basis) lp.load(node.basis);
		current.basis = null;
		for (let c = 0; c < this.model.classes; c++) {
			const a = this.model.classStart[c];
			for (let u = a; u < this.model.classStart[c + 1]; u++) {
				lp.lo[u] = u - a < node.lo[c] ? 1 : 0;
				lp.up[u] = u - a < node.hi[c] ? 1 : 0;
			}
		}
		const n = this.model.unitCand.length;
		for (let i = 0; i < node.rlo.length; i++) {
			lp.lo[n + i] = node.rlo[i];
			lp.up[n + i] = node.rhi[i];
		}
		const before = lp.iterations;
		const status = lp.solve(maxIter);
		this.stats.lpIterations += lp.iterations - before;
		if (status === 'infeasible') return null;
		return { bound: lp.bound() * this.model.scale, exact: status === 'optimal' };
	}

	/**
	 * Depth-first branch and bound over class counts.
	 * mode 'max': the best solution strictly above `floor` (integer values), or null.
	 * mode 'find': the first solution with value ≥ floor, or null if none exists.
	 */
	search(
		rootLo: Int32Array,
		rootHi: Int32Array,
		mode: 'max' | 'find',
		floor = -Infinity,
		strong = true
	): { counts: Int32Array; value: number } | null {
		const lp = this.model.lp;
		if (!lp) return null;
		for (let c = 0; c < this.model.classes; c++) if (rootLo[c] > rootHi[c]) return null;
		let best: { counts: Int32Array; value: number } | null = null;
		// integer values: a node must be able to reach floor (find) or beat the incumbent by a step (max)
		let need = mode === 'max' ? floor + this.model.step - 0.5 : floor - 0.5;
		const root = rootNode(this.model, rootLo, rootHi);
		const stack: Node[] = [root];
		const current: { basis: Basis | null } = { basis: null };
		const accept = (counts: Int32Array, node: Node): boolean => {
			const value = this.model.evaluate(counts, node.rlo, node.rhi);
			if (value === null || value < need) return false;
			best = { counts, value };
			need = value + this.model.step - 0.5;
			this.stats.incumbents = (this.stats.incumbents ?? 0) + 1;
			return true;
		};
		while (stack.length) {
			const node = stack.pop()!;
			this.stats.nodes++;
			const res = this.solveNode(node, current);
			if (!res && node === root && lp.ray) this.conflict = this.conflictRows(lp.ray);
			if (!res || res.bound < need) continue;
			let branch: Branch | null;
			if (res.exact) {
				if (!fixByReducedCost(this.model, node, res.bound, need)) continue;
				const cands = this.fractional(node);
				if (cands.length === 0) {
					const counts = this.lpCounts(node);
					if (accept(counts, node)) {
						if (mode === 'find') return best;
						continue;
					}
					branch = widestBranch(this.model.classes, node); // rounding trouble: fall back to splitting ranges
				} else if (!strong) branch = { ...cands[0], basis: lp.snapshot() };
				else {
					branch = this.strongBranch(node, res.bound, need, cands, current);
					if (!branch) continue; // both sides of some split are hopeless
				}
			} else branch = widestBranch(this.model.classes, node); // LP stopped early: its bound is valid, keep splitting
			if (!branch) {
				if (accept(node.lo.slice(), node) && mode === 'find') return best;
				continue;
			}
			// explore the side the LP leans to first (pushed last); skip a side proven hopeless
			const [down, up] = children(node, branch, branch.basis);
			const first = branch.t - Math.floor(branch.t) >= 0.5 ? up : down;
			const second = first === up ? down : up;
			if (!(second === up ? branch.upDead : branch.downDead)) stack.push(second);
			if (!(first === up ? branch.upDead : branch.downDead)) stack.push(first);
		}
		return best;
	}

	/**
	 * The candidates left open for selections worth at least `target` once the root LP's reduced
	 * costs have fixed the rest (reduce.ts); null when the LP says no such selection exists.
	 */
	reduceAt(target: number, values: ArrayLike<number>): Reduction | null {
		const { lo, hi } = this.model.rootBounds();
		const res = this.solveNode(rootNode(this.model, lo, hi), { basis: null });
		if (!res) return null;
		const lp = this.model.lp!;
		const gain = new Float64Array(this.model.unitCand.length);
		for (let u = 0; u < gain.length; u++) gain[u] = lp.gain(u) * this.model.scale;
		this.rootDuals = new Float64Array(lp.m);
		for (let r = 0; r < lp.m; r++) this.rootDuals[r] = lp.gain(gain.length + r) * this.model.scale;
		return reduceByReducedCost(this.model, values, gain, res.bound, target - 0.5);
	}

	/**
	 * Problem rows carrying weight in the certificate. Rows whose bound shaped the class caps count
	 * too, so the caller must still confirm the subset is infeasible.
	 */
	private conflictRows(ray: Float64Array): number[] {
		const out: number[] = [];
		for (let i = 1; i < ray.length; i++) if (Math.abs(ray[i]) > 1e-9) out.push(this.model.live[i - 1]);
		return out;
	}

	/** Fractional class counts and rule counts of the node's LP optimum, most fractional first. */
	private fractional(node: Node): Branch[] {
		const lp = this.model.lp!;
		const out: Branch[] = [];
		const n = this.model.unitCand.length;
		for (let i = 1; i < node.rlo.length; i++) {
			const t = lp.value(n + i);
			if (Math.abs(t - Math.round(t)) > 1e-6) out.push({ onRow: true, index: i, t, basis: null });
		}
		for (let c = 0; c < this.model.classes; c++) {
			if (node.lo[c] === node.hi[c]) continue;
			let t = 0;
			for (let u = this.model.classStart[c]; u < this.model.classStart[c + 1]; u++) t += lp.value(u);
			if (Math.abs(t - Math.round(t)) > 1e-6) out.push({ onRow: false, index: c, t, basis: null });
		}
		const frac = (b: Branch) => Math.abs(b.t - Math.floor(b.t) - 0.5);
		return out.sort((a, b) => frac(a) - frac(b) || Number(b.onRow) - Number(a.onRow) || a.index - b.index);
	}

	private lpCounts(node: Node): Int32Array {
		const lp = this.model.lp!;
		const counts = new Int32Array(this.model.classes);
		for (let c = 0; c < this.model.classes; c++) {
			let t = 0;
			for (let u = this.model.classStart[c]; u < this.model.classStart[c + 1]; u++) t += lp.value(u);
			counts[c] = Math.min(node.hi[c], Math.max(node.lo[c], Math.round(t)));
		}
		return counts;
	}

	/**
	 * Reliability branching: a candidate split whose pseudocosts (bound lost per unit of
	 * fractionality, learnt from earlier trials) are not yet reliable is tried on both sides with a
	 * short warm-started LP; the others are scored from their pseudocosts. Split where the weaker side
	 * loses the most bound (product rule). Trial bounds are Lagrangian bounds, valid even when a
	 * trial stops early, so a side found hopeless is dropped.
	 */
	private strongBranch(
		node: Node,
		bound: number,
		need: number,
		cands: Branch[],
		current: { basis: Basis | null }
	): Branch | null {
		const snap = this.model.lp!.snapshot();
		current.basis = snap;
		let pick: Branch = { ...cands[0], basis: snap };
		if (cands.length === 1) return pick;
		let bestScore = -Infinity;
		const eps = 1e-6 * this.model.scale;
		let stale = 0;
		for (const cand of cands.slice(0, STRONG_CANDIDATES)) {
			const key = cand.onRow ? -1 - cand.index : cand.index;
			const fd = cand.t - Math.floor(cand.t);
			const fu = 1 - fd;
			let pc = this.pseudo.get(key);
			let lossDown: number;
			let lossUp: number;
			if (pc && pc[1] >= RELIABLE && pc[3] >= RELIABLE) {
				lossDown = (pc[0] / pc[1]) * fd;
				lossUp = (pc[2] / pc[3]) * fu;
			} else {
				const [down, up] = children(node, cand, snap);
				const bd = this.solveNode(down, current, TRIAL_ITERATIONS)?.bound ?? -Infinity;
				const bu = this.solveNode(up, current, TRIAL_ITERATIONS)?.bound ?? -Infinity;
				const downDead = bd < need;
				const upDead = bu < need;
				if (downDead && upDead) return null;
				if (downDead || upDead) return { ...cand, basis: snap, downDead, upDead };
				lossDown = bound - bd;
				lossUp = bound - bu;
				if (!pc) this.pseudo.set(key, (pc = [0, 0, 0, 0]));
				pc[0] += lossDown / fd;
				pc[1]++;
				pc[2] += lossUp / fu;
				pc[3]++;
			}
			const score = Math.max(lossDown, eps) * Math.max(lossUp, eps);
			if (score > bestScore) {
				bestScore = score;
				pick = { ...cand, basis: snap };
				stale = 0;
			} else if (++stale >= LOOKAHEAD) break;
		}
		return pick;
	}

	/**
	 * Phase 2: among solutions of value `target`, the one that wins the tie-break (the set holding
	 * the best-ranked candidate of any symmetric difference). Greedy in rank order: a candidate is
	 * kept iff some optimal solution agreeing with the decisions so far contains it — each such
	 * question is answered by an LP reduced-cost test or, when that is inconclusive, by a search.
	 */
	lexBest(target: number, start: Int32Array): Int32Array {
		const lp = this.model.lp!;
		const { lo, hi } = this.model.rootBounds();
		const k = this.model.problem.k;
		let have: Int32Array = start.slice();
		let forced = 0;
		let filter: { phi: number; gain: Float64Array; lo: Int32Array } | null = null;
		for (let i = 0; i < this.model.problem.n && forced < k; i++) {
			const c = this.model.classOf[i];
			if (c < 0) continue;
			const p = this.model.posInClass[i];
			if (p < lo[c] || p >= hi[c]) continue;
			if (have[c] > p) {
				lo[c] = p + 1;
				forced++;
				continue;
			}
			if (!filter) {
				const res = this.solveNode({ ...rootNode(this.model, lo, hi), lo, hi }, { basis: null });
				const gain = new Float64Array(this.model.unitCand.length);
				for (let u = 0; u < gain.length; u++) gain[u] = lp.gain(u) * this.model.scale;
				filter = res ? { phi: res.bound, gain, lo: lo.slice() } : { phi: -Infinity, gain, lo: lo.slice() };
			}
			// forcing units filter.lo[c]..p of class c to 1 costs at least their negative gains
			let est = filter.phi;
			for (let q = filter.lo[c]; q <= p; q++) est -= Math.max(0, -filter.gain[this.model.classStart[c] + q]);
			if (est < target - 0.5) {
				hi[c] = p;
				continue;
			}
			this.stats.checks++;
			const tryLo = lo.slice();
			tryLo[c] = p + 1;
			const found = this.search(tryLo, hi, 'find', target);
			if (found) {
				have = found.counts;
				lo[c] = p + 1;
				forced++;
			} else hi[c] = p;
			filter = null; // re-solve with the new decision: a tighter filter saves searches
		}
		return lo;
	}
}

/**
 * Best value, tie-break applied; null when no selection meets every row (or, with `floor`, when
 * none is strictly better than floor — a known solution's value can be passed to prune early).
 * `reduce` (default) settles the tie-break on the candidates the reduced costs leave open.
 */
export function maximize(
	problem: CoreProblem,
	values: ArrayLike<number>,
	lex = true,
	stats?: SearchStats,
	floor = -Infinity,
	reduce = true
): CoreSolution | null {
	return solveCore(problem, values, lex, stats, floor, reduce).solution;
}

export interface CoreOutcome {
	solution: CoreSolution | null;
	model: ClassModel;
	/** the root LP's row duals (value units, by LP row) when the reduced tie-break computed them */
	rootDuals: Float64Array | null;
}

/** maximize, with the class model and root duals it used (sift.ts prices the candidates left out). */
export function solveCore(
	problem: CoreProblem,
	values: ArrayLike<number>,
	lex = true,
	stats?: SearchStats,
	floor = -Infinity,
	reduce = true,
	/** the problem's class model, when the caller has built it already */
	model = new ClassModel(problem, values)
): CoreOutcome {
	if (model.trivialInfeasible) return { solution: null, model, rootDuals: null };
	const bb = new BranchAndBound(model);
	const { lo, hi } = model.rootBounds();
	const best = bb.search(lo, hi, 'max', floor);
	bb.stats.phase1Nodes = bb.stats.nodes;
	const incumbents = bb.stats.incumbents ?? 0;
	let solution: CoreSolution | null = null;
	if (best) {
		const chosen = !lex
			? model.chosen(best.counts)
			: ((reduce ? reducedTieBreak(bb, model, values, best) : null) ??
				model.chosen(bb.lexBest(best.value, best.counts)));
		solution = { chosen, value: best.value };
	}
	if (stats) Object.assign(stats, bb.stats, { incumbents });
	return { solution, model, rootDuals: bb.rootDuals };
}

/**
 * The tie-break on the few candidates the reduced costs leave open (reduce.ts): the same lexBest,
 * on a model of a few dozen units instead of thousands. Null (the caller then runs lexBest on the
 * whole model) if the incumbent does not fit the reduction, which only numerical trouble could cause.
 */
function reducedTieBreak(
	bb: BranchAndBound,
	model: ClassModel,
	values: ArrayLike<number>,
	best: { counts: Int32Array; value: number }
): number[] | null {
	const red = bb.reduceAt(best.value, values);
	if (!red) return null;
	const incumbent = model.chosen(best.counts);
	const rest = incumbent.filter((i) => red.index[i] >= 0).map((i) => red.index[i]);
	if (rest.length + red.forced.length !== incumbent.length) return null;
	if (red.problem.k === 0) return rest.length === 0 ? red.forced : null;
	const sub = new ClassModel(red.problem, red.values);
	if (sub.trivialInfeasible) return null;
	const start = new Int32Array(sub.classes);
	for (const j of rest) {
		if (sub.classOf[j] < 0) return null;
		start[sub.classOf[j]]++;
	}
	const target = best.value - red.forcedValue;
	if (sub.evaluate(start) !== target) return null;
	const subBB = new BranchAndBound(sub);
	const counts = subBB.lexBest(target, start);
	bb.stats.nodes += subBB.stats.nodes;
	bb.stats.lpIterations += subBB.stats.lpIterations;
	bb.stats.checks += subBB.stats.checks;
	const chosen = sub.chosen(counts).map((j) => red.free[j]);
	return [...red.forced, ...chosen].sort((a, b) => a - b);
}

/**
 * Whether some selection meets every row. The scores (when given) only steer the search towards
 * near-integral LP points; `conflict` lists problem rows of a Farkas certificate when the LP
 * relaxation itself is infeasible.
 */
export function feasible(problem: CoreProblem, values?: ArrayLike<number>): { ok: boolean; conflict: number[] | null } {
	const model = new ClassModel(problem, values ?? new Float64Array(problem.n));
	if (model.trivialInfeasible) return { ok: false, conflict: null };
	const bb = new BranchAndBound(model);
	const { lo, hi } = model.rootBounds();
	const ok = bb.search(lo, hi, 'find', -Infinity, false) !== null;
	return { ok, conflict: ok ? null : bb.conflict };
}
