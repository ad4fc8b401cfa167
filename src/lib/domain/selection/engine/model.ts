// The class model of a selection problem: candidates with the same signature (the set of
// constraint rows they count toward) are interchangeable, so only "how many from each class"
// matters, and a class always gives its best members first (best value, then rank — which is also
// what the tie-break prefers). A class never needs more members than k or than the smallest atMost
// on its rows, so it is truncated there. Each kept member is one 0/1 LP column ("unit").
import { DualSimplex } from './lp';

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

/** The class model of one problem for one integer objective (values per candidate). */
export class ClassModel {
	readonly classes: number;
	readonly classStart: Int32Array; // units of class c: classStart[c] .. classStart[c+1)
	readonly unitCand: Int32Array;
	readonly classOf: Int32Array; // −1 when a candidate can never be chosen (beyond its class cap)
	readonly posInClass: Int32Array;
	readonly unitValue: Float64Array;
	readonly classRows: Int32Array[]; // LP rows of each class (the cardinality row 0 is implicit)
	readonly live: number[]; // problem row of LP row i+1
	readonly rowLo: number[];
	readonly rowUp: number[];
	readonly lp: DualSimplex | null;
	/** LP costs are values / scale, so that tolerances are relative */
	readonly scale: number;
	/** every total is a multiple of this (gcd of the values): a better total is at least this much better */
	readonly step: number;
	readonly trivialInfeasible: boolean;

	constructor(
		readonly problem: CoreProblem,
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
		for (let c = 0; c < this.classes; c++)
			nnz += (this.classStart[c + 1] - this.classStart[c]) * (1 + this.classRows[c].length);
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

	/** Value of taking the top `count` units of each class, or null when a row is broken. */
	evaluate(
		counts: Int32Array,
		rlo: ArrayLike<number> = this.rowLo,
		rhi: ArrayLike<number> = this.rowUp
	): number | null {
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
}

function gcd(a: number, b: number): number {
	while (b > 0.5) [a, b] = [b, a % b];
	return a;
}
