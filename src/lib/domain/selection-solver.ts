// Exact engine behind solveSelection: candidates with the same signature (the set of constraint
// rows they count toward) are interchangeable, so only "how many from each class" matters, and a
// class always gives its best members first. The engine is a branch and bound over those class
// counts whose bounds come from the LP relaxation (selection-lp.ts); the LP has one row per rule,
// so it is tiny even for 5,000 candidates, and it is tight for these quota systems (a handful of
// overlapping group rules on top of two partitions — fields and channels — which alone form a
// network and are integral). Exactness: nodes are pruned only when a valid upper bound proves they
// cannot hold a better (phase 1) or an equally good (phase 2) solution; the search never stops early.
import { DualSimplex, type Basis } from './selection-lp';

/** One constraint on the number of selected members; members are candidate indices. */
export interface CoreRow {
	members: readonly number[];
	lo: number;
	up: number;
	/** caller's label, handed back in conflict reports */
	tag?: unknown;
}

/** Candidates are 0..n−1 in rank order (best first); choose exactly k. */
export interface CoreProblem {
	n: number;
	k: number;
	rows: readonly CoreRow[];
}

export interface CoreSolution {
	/** chosen candidate indices, ascending (= rank order) */
	chosen: number[];
	value: number;
}

export interface SearchStats {
	nodes: number;
	/** nodes spent finding the best total (the rest went to the tie-break and diagnosis) */
	phase1Nodes?: number;
	lpIterations: number;
	checks: number;
}

/** Count ranges per class (lo/hi) and per LP row (rlo/rhi), and the warm-start basis. */
/** A split of a class count or a rule count at t: ≤ ⌊t⌋ | ≥ ⌊t⌋ + 1. */
interface Branch {
	onRow: boolean;
	index: number;
	t: number;
	basis: Basis | null;
	downDead?: boolean;
	upDead?: boolean;
}

const STRONG_CANDIDATES = Number(process.env.SC ?? 8);
const TRIAL_ITERATIONS = Number(process.env.TI ?? 40);
const RELIABLE = Number(process.env.REL ?? 2);
const LOOKAHEAD = Number(process.env.LA ?? 4);

interface Node {
	lo: Int32Array;
	hi: Int32Array;
	rlo: Int32Array;
	rhi: Int32Array;
	basis: Basis | null;
}

/** The class model of one problem for one integer objective (values per candidate). */
export class ClassModel {
	readonly classes: number;
	readonly classStart: Int32Array; // units of class c: classStart[c] .. classStart[c+1)
	readonly unitCand: Int32Array;
	readonly classOf: Int32Array; // −1 when a candidate can never be chosen (beyond its class cap)
	readonly posInClass: Int32Array;
	private readonly unitValue: Float64Array;
	private readonly classRows: Int32Array[]; // LP rows (without the cardinality row 0)
	private readonly live: number[]; // problem row of LP row i+1
	private readonly rowLo: number[];
	private readonly rowUp: number[];
	private readonly lp: DualSimplex | null;
	private readonly scale: number;
	/** every total is a multiple of this (gcd of the values): a better total is at least this much better */
	private readonly step: number;
	readonly trivialInfeasible: boolean;
	stats: SearchStats = { nodes: 0, lpIterations: 0, checks: 0 };
	/** per split candidate (class c, or row i as −1−i): [down loss sum, count, up loss sum, count] */
	private readonly pseudo = new Map<number, number[]>();
	/** when the root LP is infeasible: problem rows of its Farkas certificate */
	conflict: number[] | null = null;

	constructor(
		private readonly problem: CoreProblem,
		values: ArrayLike<number>
	) {
		const { n, k, rows } = problem;
		// rows that can bind; a row already implied by its bounds only splits classes needlessly
		const live: number[] = (this.live = []);
		rows.forEach((r, i) => {
			if (r.lo > 0 || r.up < r.members.length) live.push(i);
		});
		// refine the partition of candidates row by row: same class ⇔ same set of live rows
		const cid = new Int32Array(n);
		const mark = new Uint8Array(n);
		let count = n > 0 ? 1 : 0;
		for (const ri of live) {
			for (const c of rows[ri].members) mark[c] = 1;
			const remap = new Int32Array(count * 2).fill(-1);
			let next = 0;
			for (let c = 0; c < n; c++) {
				const key = cid[c] * 2 + mark[c];
				if (remap[key] < 0) remap[key] = next++;
				cid[c] = remap[key];
			}
			for (const c of rows[ri].members) mark[c] = 0;
			count = next;
		}
		// classes numbered by their best member, so the model does not depend on input order
		const order = new Int32Array(count).fill(-1);
		const groups: number[][] = [];
		for (let c = 0; c < n; c++) {
			if (order[cid[c]] < 0) {
				order[cid[c]] = groups.length;
				groups.push([]);
			}
			groups[order[cid[c]]].push(c);
		}
		const rowsOfClass: number[][] = groups.map(() => []);
		live.forEach((ri, li) => {
			for (const c of rows[ri].members) {
				const list = rowsOfClass[order[cid[c]]];
				if (list[list.length - 1] !== li + 1) list.push(li + 1);
			}
		});
		this.classes = groups.length;
		this.classStart = new Int32Array(groups.length + 1);
		this.classOf = new Int32Array(n).fill(-1);
		this.posInClass = new Int32Array(n).fill(-1);
		this.classRows = [];
		const units: number[] = [];
		groups.forEach((members, c) => {
			const rowsOf = rowsOfClass[c];
			let cap = Math.min(members.length, k);
			for (const r of rowsOf) cap = Math.min(cap, rows[live[r - 1]].up);
			// best value first, then rank: the top of a class is then also the best for the tie-break
			members.sort((a, b) => values[b] - values[a] || a - b);
			this.classStart[c] = units.length;
			for (let p = 0; p < Math.max(0, cap); p++) {
				this.classOf[members[p]] = c;
				this.posInClass[members[p]] = p;
				units.push(members[p]);
			}
			this.classRows.push(Int32Array.from(rowsOf));
		});
		this.classStart[groups.length] = units.length;
		this.unitCand = Int32Array.from(units);
		this.unitValue = Float64Array.from(units, (c) => values[c]);
		// row bounds, clipped to what the units can reach
		const m = live.length + 1;
		const reach = new Array<number>(m).fill(0);
		reach[0] = units.length;
		for (let c = 0; c < this.classes; c++) {
			const size = this.classStart[c + 1] - this.classStart[c];
			for (const r of this.classRows[c]) reach[r] += size;
		}
		this.rowLo = [k];
		this.rowUp = [k];
		for (const ri of live) {
			this.rowLo.push(Math.max(0, rows[ri].lo));
			this.rowUp.push(Math.min(rows[ri].up, reach[this.rowUp.length]));
		}
		this.trivialInfeasible = this.rowLo.some((lo, i) => lo > this.rowUp[i] || lo > reach[i]);
		let maxAbs = 0;
		for (const v of this.unitValue) maxAbs = Math.max(maxAbs, Math.abs(v));
		this.scale = maxAbs > 0 ? maxAbs : 1;
		let g = 0;
		for (const v of this.unitValue) g = gcd(g, Math.abs(v));
		this.step = g > 0 ? g : 1;
		if (this.trivialInfeasible) {
			this.lp = null;
			return;
		}
		const colStart = new Int32Array(units.length + 1);
		let nnz = 0;
		for (let c = 0; c < this.classes; c++) nnz += (this.classStart[c + 1] - this.classStart[c]) * (1 + this.classRows[c].length);
		const colRows = new Int32Array(nnz);
		nnz = 0;
		for (let c = 0; c < this.classes; c++) {
			for (let u = this.classStart[c]; u < this.classStart[c + 1]; u++) {
				colStart[u] = nnz;
				colRows[nnz++] = 0;
				for (const r of this.classRows[c]) colRows[nnz++] = r;
			}
		}
		colStart[units.length] = nnz;
		const cost = Float64Array.from(this.unitValue, (v) => v / this.scale);
		this.lp = new DualSimplex(m, colStart, colRows, cost, this.rowLo, this.rowUp);
	}

	rootBounds(): { lo: Int32Array; hi: Int32Array } {
		const hi = new Int32Array(this.classes);
		for (let c = 0; c < this.classes; c++) hi[c] = this.classStart[c + 1] - this.classStart[c];
		return { lo: new Int32Array(this.classes), hi };
	}

	private rootNode(lo: Int32Array, hi: Int32Array): Node {
		return { lo: lo.slice(), hi: hi.slice(), rlo: Int32Array.from(this.rowLo), rhi: Int32Array.from(this.rowUp), basis: null };
	}

	/** Value of taking the top `count` units of each class, or null when a row is broken. */
	evaluate(counts: Int32Array, rlo: ArrayLike<number> = this.rowLo, rhi: ArrayLike<number> = this.rowUp): number | null {
		const act = new Array<number>(this.rowLo.length).fill(0);
		let value = 0;
		for (let c = 0; c < this.classes; c++) {
			const t = counts[c];
			if (t === 0) continue;
			act[0] += t;
			for (const r of this.classRows[c]) act[r] += t;
			for (let u = this.classStart[c]; u < this.classStart[c] + t; u++) value += this.unitValue[u];
		}
		for (let i = 0; i < act.length; i++) if (act[i] < rlo[i] || act[i] > rhi[i]) return null;
		return value;
	}

	chosen(counts: Int32Array): number[] {
		const out: number[] = [];
		for (let c = 0; c < this.classes; c++)
			for (let u = this.classStart[c]; u < this.classStart[c] + counts[c]; u++) out.push(this.unitCand[u]);
		return out.sort((a, b) => a - b);
	}

	/** Solves the node's LP; returns its bound (in value units) or null when infeasible. */
	private solveNode(node: Node, current: { basis: Basis | null }, maxIter?: number): { bound: number; exact: boolean } | null {
		const lp = this.lp!;
		if (node.basis && node.basis !== current.basis) lp.load(node.basis);
		current.basis = null;
		for (let c = 0; c < this.classes; c++) {
			const a = this.classStart[c];
			for (let u = a; u < this.classStart[c + 1]; u++) {
				lp.lo[u] = u - a < node.lo[c] ? 1 : 0;
				lp.up[u] = u - a < node.hi[c] ? 1 : 0;
			}
		}
		const n = this.unitCand.length;
		for (let i = 0; i < node.rlo.length; i++) {
			lp.lo[n + i] = node.rlo[i];
			lp.up[n + i] = node.rhi[i];
		}
		const before = lp.iterations;
		const status = lp.solve(maxIter);
		this.stats.lpIterations += lp.iterations - before;
		if (status === 'infeasible') return null;
		return { bound: lp.bound() * this.scale, exact: status === 'optimal' };
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
		if (!this.lp) return null;
		for (let c = 0; c < this.classes; c++) if (rootLo[c] > rootHi[c]) return null;
		let best: { counts: Int32Array; value: number } | null = null;
		// integer values: a node must be able to reach floor (find) or beat the incumbent by a step (max)
		let need = mode === 'max' ? floor + this.step - 0.5 : floor - 0.5;
		const stack: Node[] = [this.rootNode(rootLo, rootHi)];
		const current: { basis: Basis | null } = { basis: null };
		const accept = (counts: Int32Array, node: Node): boolean => {
			const value = this.evaluate(counts, node.rlo, node.rhi);
			if (value === null || value < need) return false;
			best = { counts, value };
			need = value + this.step - 0.5;
			return true;
		};
		while (stack.length) {
			const node = stack.pop()!;
			this.stats.nodes++;
			const res = this.solveNode(node, current);
			if (!res && this.stats.nodes === 1 && this.lp.ray) this.conflict = this.conflictRows(this.lp.ray);
			if (!res || res.bound < need) continue;
			let branch: Branch | null;
			if (res.exact) {
				if (!this.fixByReducedCost(node, res.bound, need)) continue;
				const cands = this.fractional(node);
				if (cands.length === 0) {
					const counts = this.lpCounts(node);
					if (accept(counts, node)) {
						if (mode === 'find') return best;
						continue;
					}
					branch = this.widestBranch(node); // rounding trouble: fall back to splitting ranges
				} else if (!strong) branch = { ...cands[0], basis: this.lp.snapshot() };
				else {
					branch = this.strongBranch(node, res.bound, need, cands, current);
					if (!branch) continue; // both sides of some split are hopeless
				}
			} else branch = this.widestBranch(node); // LP stopped early: its bound is valid, keep splitting
			if (!branch) {
				if (accept(node.lo.slice(), node) && mode === 'find') return best;
				continue;
			}
			// explore the side the LP leans to first (pushed last); skip a side proven hopeless
			const [down, up] = this.children(node, branch, branch.basis);
			const first = branch.t - Math.floor(branch.t) >= 0.5 ? up : down;
			const second = first === up ? down : up;
			if (!(second === up ? branch.upDead : branch.downDead)) stack.push(second);
			if (!(first === up ? branch.upDead : branch.downDead)) stack.push(first);
		}
		return best;
	}

	/**
	 * Problem rows carrying weight in the certificate. Rows whose bound shaped the class caps count
	 * too, so the caller must still confirm the subset is infeasible.
	 */
	private conflictRows(ray: Float64Array): number[] {
		const out: number[] = [];
		for (let i = 1; i < ray.length; i++) if (Math.abs(ray[i]) > 1e-9) out.push(this.live[i - 1]);
		return out;
	}

	/** Fractional class counts and rule counts of the node's LP optimum, most fractional first. */
	private fractional(node: Node): Branch[] {
		const lp = this.lp!;
		const out: Branch[] = [];
		const n = this.unitCand.length;
		for (let i = 1; i < node.rlo.length; i++) {
			const t = lp.value(n + i);
			if (Math.abs(t - Math.round(t)) > 1e-6) out.push({ onRow: true, index: i, t, basis: null });
		}
		for (let c = 0; c < this.classes; c++) {
			if (node.lo[c] === node.hi[c]) continue;
			let t = 0;
			for (let u = this.classStart[c]; u < this.classStart[c + 1]; u++) t += lp.value(u);
			if (Math.abs(t - Math.round(t)) > 1e-6) out.push({ onRow: false, index: c, t, basis: null });
		}
		const frac = (b: Branch) => Math.abs(b.t - Math.floor(b.t) - 0.5);
		return out.sort((a, b) => frac(a) - frac(b) || Number(b.onRow) - Number(a.onRow) || a.index - b.index);
	}

	private lpCounts(node: Node): Int32Array {
		const lp = this.lp!;
		const counts = new Int32Array(this.classes);
		for (let c = 0; c < this.classes; c++) {
			let t = 0;
			for (let u = this.classStart[c]; u < this.classStart[c + 1]; u++) t += lp.value(u);
			counts[c] = Math.min(node.hi[c], Math.max(node.lo[c], Math.round(t)));
		}
		return counts;
	}

	private children(node: Node, b: Branch, basis: Basis | null): [Node, Node] {
		const down: Node = { ...node, basis };
		const up: Node = { ...node, basis };
		const cut = Math.floor(b.t);
		if (b.onRow) {
			down.rhi = node.rhi.slice();
			down.rhi[b.index] = cut;
			up.rlo = node.rlo.slice();
			up.rlo[b.index] = cut + 1;
		} else {
			down.hi = node.hi.slice();
			down.hi[b.index] = cut;
			up.lo = node.lo.slice();
			up.lo[b.index] = cut + 1;
		}
		return [down, up];
	}

	/**
	 * Reliability branching: a candidate split whose pseudocosts (bound lost per unit of
	 * fractionality, learnt from earlier trials) are not yet reliable is tried on both sides with a
	 * short warm-started LP; the others are scored from their pseudocosts. Split where the weaker side
	 * loses the most bound (product rule). Trial bounds are Lagrangian bounds, valid even when a
	 * trial stops early, so a side found hopeless is dropped.
	 */
	private strongBranch(node: Node, bound: number, need: number, cands: Branch[], current: { basis: Basis | null }): Branch | null {
		const snap = this.lp!.snapshot();
		current.basis = snap;
		let pick: Branch = { ...cands[0], basis: snap };
		if (cands.length === 1) return pick;
		let bestScore = -Infinity;
		const eps = 1e-6 * this.scale;
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
				const [down, up] = this.children(node, cand, snap);
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

	private widestBranch(node: Node): Branch | null {
		let best = -1;
		for (let c = 0; c < this.classes; c++)
			if (node.hi[c] > node.lo[c] && (best < 0 || node.hi[c] - node.lo[c] > node.hi[best] - node.lo[best])) best = c;
		return best < 0 ? null : { onRow: false, index: best, t: (node.lo[best] + node.hi[best]) / 2, basis: null };
	}

	/**
	 * Reduced-cost fixing: moving unit u off its LP value costs at least |gain(u)| of the bound,
	 * so a class whose next unit cannot be added (or whose last unit cannot be dropped) without the
	 * bound falling below `need` has its count range narrowed for the whole subtree.
	 * Returns false when the node is then empty. Works on the node's own arrays (children copy).
	 */
	private fixByReducedCost(node: Node, bound: number, need: number): boolean {
		const lp = this.lp!;
		const slack = bound - need;
		let lo = node.lo;
		let hi = node.hi;
		for (let c = 0; c < this.classes; c++) {
			if (lo[c] === hi[c]) continue;
			const a = this.classStart[c];
			let newLo = lo[c];
			let newHi = hi[c];
			for (let q = lo[c]; q < hi[c]; q++) {
				const g = lp.gain(a + q) * this.scale;
				if (g > slack) newLo = q + 1; // dropping it loses more than the slack
				else if (-g > slack) {
					newHi = q; // adding it (and the weaker ones after it) costs more than the slack
					break;
				}
			}
			if (newLo !== lo[c] || newHi !== hi[c]) {
				if (lo === node.lo) lo = lo.slice();
				if (hi === node.hi) hi = hi.slice();
				lo[c] = newLo;
				hi[c] = Math.max(newHi, 0);
				if (lo[c] > hi[c]) return false;
			}
		}
		node.lo = lo;
		node.hi = hi;
		return true;
	}

	/**
	 * Phase 2: among solutions of value `target`, the one that wins the tie-break (the set holding
	 * the best-ranked candidate of any symmetric difference). Greedy in rank order: a candidate is
	 * kept iff some optimal solution agreeing with the decisions so far contains it — each such
	 * question is answered by an LP reduced-cost test or, when that is inconclusive, by a search.
	 */
	lexBest(target: number, start: Int32Array): Int32Array {
		const lp = this.lp!;
		const { lo, hi } = this.rootBounds();
		const k = this.problem.k;
		let have: Int32Array = start.slice();
		let forced = 0;
		let filter: { phi: number; gain: Float64Array; lo: Int32Array } | null = null;
		for (let i = 0; i < this.problem.n && forced < k; i++) {
			const c = this.classOf[i];
			if (c < 0) continue;
			const p = this.posInClass[i];
			if (p < lo[c] || p >= hi[c]) continue;
			if (have[c] > p) {
				lo[c] = p + 1;
				forced++;
				continue;
			}
			if (!filter) {
				const res = this.solveNode({ ...this.rootNode(lo, hi), lo, hi }, { basis: null });
				const gain = new Float64Array(this.unitCand.length);
				for (let u = 0; u < gain.length; u++) gain[u] = lp.gain(u) * this.scale;
				filter = res ? { phi: res.bound, gain, lo: lo.slice() } : { phi: -Infinity, gain, lo: lo.slice() };
			}
			// forcing units filter.lo[c]..p of class c to 1 costs at least their negative gains
			let est = filter.phi;
			for (let q = filter.lo[c]; q <= p; q++) est -= Math.max(0, -filter.gain[this.classStart[c] + q]);
			if (est < target - 0.5) {
				hi[c] = p;
				continue;
			}
			this.stats.checks++;
			const tryLo = lo.slice();
			tryLo[c] = p + 1;
			const found = this.search(tryLo, hi, 'find', target, -Infinity < 0 && process.env.LEXSTRONG !== '0');
			if (found) {
				have = found.counts;
				lo[c] = p + 1;
				forced++;
			} else hi[c] = p;
			filter = null;
		}
		return lo;
	}
}

function gcd(a: number, b: number): number {
	while (b > 0.5) [a, b] = [b, a % b];
	return a;
}

/** Best value, tie-break applied; null when no selection meets every row. */
export function maximize(problem: CoreProblem, values: ArrayLike<number>, lex = true, stats?: SearchStats): CoreSolution | null {
	const model = new ClassModel(problem, values);
	if (model.trivialInfeasible) return null;
	const { lo, hi } = model.rootBounds();
	const best = model.search(lo, hi, 'max');
	model.stats.phase1Nodes = model.stats.nodes;
	if (process.env.DBG) console.log("phase1", JSON.stringify(model.stats), performance.now());
	let result: CoreSolution | null = null;
	if (best) {
		const counts = lex ? model.lexBest(best.value, best.counts) : best.counts;
		result = { chosen: model.chosen(counts), value: best.value };
	}
	if (stats) Object.assign(stats, model.stats);
	return result;
}

/**
 * Whether some selection meets every row. The scores (when given) only steer the search towards
 * near-integral LP points; `conflict` lists problem rows of a Farkas certificate when the LP
 * relaxation itself is infeasible.
 */
export function feasible(problem: CoreProblem, values?: ArrayLike<number>): { ok: boolean; conflict: number[] | null } {
	const model = new ClassModel(problem, values ?? new Float64Array(problem.n));
	if (model.trivialInfeasible) return { ok: false, conflict: null };
	const { lo, hi } = model.rootBounds();
	const ok = model.search(lo, hi, 'find', -Infinity, false) !== null;
	return { ok, conflict: ok ? null : model.conflict };
}
