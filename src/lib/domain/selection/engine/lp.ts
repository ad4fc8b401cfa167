// Bounded dual simplex for the LP relaxation of the selection problem.
//   maximize cost·x  subject to  A x − r = 0,  lo ≤ x ≤ up,  rowLo ≤ r ≤ rowUp
// A is 0/1 (a unit belongs to the rows of its class), every variable is boxed, so any basis can be
// made dual feasible by putting each nonbasic variable at the bound its reduced cost asks for:
// no phase 1 is needed, and branching (bound changes) keeps a warm start dual feasible.
// The dense basis inverse is fine because there are only as many rows as rules (+1).
// Correctness of the branch and bound never rests on this code being right: `bound()` evaluates
// the Lagrangian bound Σ max(−d·v) for whatever duals we hold, which is a valid upper bound for any
// duals, and `infeasible` is only reported with a checked Farkas certificate.
import { certifiesInfeasible, invertBasis, siftDown, withSlackColumns } from './lp-dense';

const TOL_PRIMAL = 1e-7; // counts are integers; anything closer is rounding noise
const TOL_DUAL = 1e-11; // costs are normalised to [−1, 1]
const TOL_PIVOT = 1e-9;
const REFACTOR_EVERY = 64;

export type LpStatus = 'optimal' | 'infeasible' | 'limit';
export interface Basis {
	basis: Int32Array;
	atUp: Uint8Array;
	/** the inverse as it was, so returning to this basis costs a copy, not an inversion */
	Binv: Float64Array;
	sinceRefactor: number;
}

export class DualSimplex {
	readonly m: number;
	readonly n: number;
	private readonly nt: number;
	readonly lo: Float64Array;
	readonly up: Float64Array;
	private readonly basis: Int32Array;
	private readonly pos: Int32Array;
	private readonly atUp: Uint8Array;
	private readonly Binv: Float64Array;
	private readonly xB: Float64Array;
	private readonly d: Float64Array;
	private readonly rho: Float64Array;
	private readonly alpha: Float64Array;
	private readonly col: Float64Array;
	private readonly work: Float64Array;
	private readonly heap: Int32Array;
	private readonly key: Float64Array;
	private readonly flipped: Int32Array;
	/** the ratio test's outcome for pivot(): flips flipped[0..nf), leaving direction (+1 up to lo) */
	private nf = 0;
	private leaving = 1;
	/** the columns of structurals and then slacks (slack i: row i, coefficient −1) */
	private readonly colStartAll: Int32Array;
	private readonly colRowsAll: Int32Array;
	private sinceRefactor = 0;
	iterations = 0;
	/** row weights of the last Farkas certificate (rows with a nonzero weight are in the conflict) */
	ray: Float64Array | null = null;

	/** colStart/colRows: rows of structural column j are colRows[colStart[j] .. colStart[j+1]). */
	constructor(
		m: number,
		private readonly colStart: Int32Array,
		private readonly colRows: Int32Array,
		private readonly cost: Float64Array,
		rowLo: ArrayLike<number>,
		rowUp: ArrayLike<number>
	) {
		this.m = m;
		this.n = cost.length;
		this.nt = this.n + m;
		this.lo = new Float64Array(this.nt);
		this.up = new Float64Array(this.nt).fill(1);
		for (let i = 0; i < m; i++) {
			this.lo[this.n + i] = rowLo[i];
			this.up[this.n + i] = rowUp[i];
		}
		this.basis = new Int32Array(m);
		this.pos = new Int32Array(this.nt);
		this.atUp = new Uint8Array(this.nt);
		this.Binv = new Float64Array(m * m);
		this.xB = new Float64Array(m);
		this.d = new Float64Array(this.nt);
		this.rho = new Float64Array(m);
		this.alpha = new Float64Array(this.nt);
		this.col = new Float64Array(m);
		this.work = new Float64Array(m);
		this.heap = new Int32Array(this.nt);
		this.key = new Float64Array(this.nt);
		this.flipped = new Int32Array(this.nt);
		[this.colStartAll, this.colRowsAll] = withSlackColumns(m, this.n, colStart, colRows);
		this.slackBasis();
	}

	slackBasis(): void {
		this.pos.fill(-1);
		for (let i = 0; i < this.m; i++) {
			this.basis[i] = this.n + i;
			this.pos[this.n + i] = i;
		}
		this.atUp.fill(0);
		// the inverse of −I, bit for bit as invert() computes it (−0 off the diagonal), without it
		this.Binv.fill(-0);
		for (let i = 0; i < this.m; i++) this.Binv[i * this.m + i] = -1;
		this.sinceRefactor = 0;
	}

	/**
	 * Starts from the slack basis with the slack of row rows[i] replaced by structural column
	 * cols[i] (a crash start, or a basis carried over from a similar LP). False, with the slack
	 * basis kept, when that basis is singular.
	 */
	startFrom(cols: readonly number[], rows: readonly number[]): boolean {
		this.slackBasis();
		for (let i = 0; i < cols.length; i++) {
			const p = rows[i]; // in the slack basis, row p's slack sits at position p
			this.pos[this.basis[p]] = -1;
			this.basis[p] = cols[i];
			this.pos[cols[i]] = p;
		}
		if (this.invert()) return true;
		this.slackBasis();
		return false;
	}

	/** Basic variables (structurals 0..n−1, then n + row). */
	basicVariables(): Int32Array {
		return this.basis.slice();
	}

	snapshot(): Basis {
		return {
			basis: this.basis.slice(),
			atUp: this.atUp.slice(),
			Binv: this.Binv.slice(),
			sinceRefactor: this.sinceRefactor
		};
	}

	load(b: Basis): void {
		this.basis.set(b.basis);
		this.atUp.set(b.atUp);
		this.pos.fill(-1);
		for (let p = 0; p < this.m; p++) this.pos[this.basis[p]] = p;
		this.Binv.set(b.Binv);
		this.sinceRefactor = b.sinceRefactor;
	}

	/** Value of variable v in the current point (structurals 0..n−1, then row activities). */
	value(v: number): number {
		const p = this.pos[v];
		if (p >= 0) return this.xB[p];
		return this.atUp[v] ? this.up[v] : this.lo[v];
	}

	/**
	 * Solve from the current basis with the current bounds. The default cap is only a safety net
	 * against numerical cycling: a capped solve still yields a valid bound, and the caller branches on.
	 */
	solve(maxIter = 2000 + 20 * this.m): LpStatus {
		this.ray = null;
		// a basis carried over from the parent node keeps its inverse; it is rebuilt every few pivots
		this.refresh(this.sinceRefactor >= REFACTOR_EVERY);
		const m = this.m;
		for (let it = 0; it < maxIter; it++) {
			if (this.sinceRefactor >= REFACTOR_EVERY) this.refresh(true);
			// leaving row: the largest bound violation (lowest position on ties, for determinism)
			let p = -1;
			let worst = TOL_PRIMAL;
			for (let q = 0; q < m; q++) {
				const v = this.basis[q];
				const x = this.xB[q];
				const viol = x < this.lo[v] ? this.lo[v] - x : x > this.up[v] ? x - this.up[v] : 0;
				if (viol > worst) {
					worst = viol;
					p = q;
				}
			}
			if (p < 0) return 'optimal';
			this.iterations++;
			const enter = this.entering(p);
			// the rare ends stay here, out of the hot pivot code (a branch first taken after V8 has
			// optimised a function throws that code away; re-optimising a small one is cheap)
			if (enter < 0) {
				if (certifiesInfeasible(m, this.n, this.nt, this.rho, this.colStart, this.colRows, this.lo, this.up)) {
					this.ray = this.rho.slice();
					return 'infeasible';
				}
				this.refresh(true); // numerical doubt: start over from a fresh factorisation
				continue;
			}
			if (!this.pivot(p, enter)) this.refresh(true);
		}
		return 'limit';
	}

	/**
	 * Upper bound on cost·x over the current boxes, valid for any duals:
	 * cost·x = Σ_v (−d_v)·v when d = c' − yA for any y, so it is at most Σ_v max over the box.
	 */
	bound(): number {
		this.computeDuals();
		let phi = 0;
		for (let v = 0; v < this.nt; v++) {
			const g = -this.d[v];
			phi += g > 0 ? g * this.up[v] : g * this.lo[v];
		}
		return phi;
	}

	/** Reduced cost (maximisation sense: gain per unit increase) after bound(). */
	gain(v: number): number {
		return -this.d[v];
	}

	// ---- internals ----

	private refresh(reinvert = true): void {
		if (reinvert) {
			if (!this.invert()) this.slackBasis();
		}
		this.computeDuals();
		this.makeDualFeasible();
		this.computePrimal();
		if (reinvert) this.sinceRefactor = 0;
	}

	/** Gauss–Jordan with partial pivoting on the dense basis matrix (lp-dense.ts). */
	private invert(): boolean {
		return invertBasis(this.m, this.n, this.basis, this.colStart, this.colRows, this.Binv);
	}

	private computeDuals(): void {
		const { m, n, Binv } = this;
		const y = this.work;
		y.fill(0);
		for (let p = 0; p < m; p++) {
			const v = this.basis[p];
			if (v >= n) continue;
			const cb = -this.cost[v];
			if (cb === 0) continue;
			for (let i = 0; i < m; i++) y[i] += cb * Binv[p * m + i];
		}
		for (let j = 0; j < n; j++) {
			let s = -this.cost[j];
			for (let k = this.colStart[j]; k < this.colStart[j + 1]; k++) s -= y[this.colRows[k]];
			this.d[j] = s;
		}
		for (let i = 0; i < m; i++) this.d[n + i] = y[i];
	}

	private makeDualFeasible(): void {
		for (let v = 0; v < this.nt; v++) {
			if (this.pos[v] >= 0) continue;
			if (this.d[v] < -TOL_DUAL) this.atUp[v] = 1;
			else if (this.d[v] > TOL_DUAL) this.atUp[v] = 0;
		}
	}

	private computePrimal(): void {
		const { m, n, Binv } = this;
		const rhs = this.work;
		rhs.fill(0);
		for (let j = 0; j < n; j++) {
			if (this.pos[j] >= 0) continue;
			const val = this.atUp[j] ? this.up[j] : this.lo[j];
			if (val === 0) continue;
			for (let k = this.colStart[j]; k < this.colStart[j + 1]; k++) rhs[this.colRows[k]] -= val;
		}
		for (let i = 0; i < m; i++) {
			const v = n + i;
			if (this.pos[v] < 0) rhs[i] += this.atUp[v] ? this.up[v] : this.lo[v];
		}
		for (let p = 0; p < m; p++) {
			let s = 0;
			for (let i = 0; i < m; i++) s += Binv[p * m + i] * rhs[i];
			this.xB[p] = s;
		}
	}

	/**
	 * The dual ratio test with bound flipping on leaving row p: the entering variable (−1 when none
	 * can enter), with the variables to flip in flipped[0..nf) and the direction in `leaving`.
	 */
	private entering(p: number): number {
		const { m, n, Binv, alpha, d, lo, up } = this;
		const leave = this.basis[p];
		const xp = this.xB[p];
		// signs as factors, both bounds read: an operation first reached late costs a re-optimisation
		const lb = lo[leave];
		const ub = up[leave];
		const s = xp < lb ? 1 : -1;
		this.leaving = s;
		let slope = s * ((s > 0 ? lb : ub) - xp);
		const rho = this.rho;
		for (let i = 0; i < m; i++) rho[i] = Binv[p * m + i];
		// α_v = ρ·column(v) for nonbasic v; collect the breakpoints of the dual step
		const heap = this.heap;
		const key = this.key;
		const pos = this.pos;
		const atUp = this.atUp;
		const colStart = this.colStartAll;
		const colRows = this.colRowsAll;
		const nt = this.nt;
		let hn = 0;
		for (let v = 0; v < nt; v++) {
			// fixed variables never enter and their reduced costs are only read after a fresh computeDuals
			if (pos[v] >= 0 || up[v] - lo[v] < TOL_PRIMAL) {
				alpha[v] = 0;
				continue;
			}
			let a = 0;
			const end = colStart[v + 1];
			for (let k = colStart[v]; k < end; k++) a += rho[colRows[k]];
			a *= v < n ? 1 : -1;
			alpha[v] = a;
			if (a < TOL_PIVOT && a > -TOL_PIVOT) continue;
			const side = atUp[v] ? -1 : 1;
			if (s * a * side < 0) {
				key[v] = Math.max(d[v] * side, 0) / Math.abs(a);
				heap[hn++] = v;
			}
		}
		for (let i = (hn >> 1) - 1; i >= 0; i--) siftDown(heap, hn, i, key, alpha);
		let nf = 0;
		this.nf = 0;
		while (hn > 0) {
			const v = heap[0];
			heap[0] = heap[--hn];
			siftDown(heap, hn, 0, key, alpha);
			const drop = Math.abs(alpha[v]) * (up[v] - lo[v]);
			if (slope - drop <= TOL_PRIMAL) {
				this.nf = nf;
				return v;
			}
			slope -= drop;
			this.flipped[nf++] = v;
		}
		return -1;
	}

	/** Flips the ratio test's variables and pivots `enter` into row p; false on a tiny pivot. */
	private pivot(p: number, enter: number): boolean {
		const { m, n, Binv, alpha, d, lo, up, xB, atUp } = this;
		const leave = this.basis[p];
		const s = this.leaving;
		const theta = -d[enter] / alpha[enter];
		for (let v = 0; v < this.nt; v++) if (this.pos[v] < 0) d[v] += theta * alpha[v];
		d[leave] = theta;
		d[enter] = 0;
		// apply the bound flips to the basic values in one pass; a slack's column is −e_row (sign −1)
		const colStart = this.colStartAll;
		const colRows = this.colRowsAll;
		const nf = this.nf;
		if (nf > 0) {
			const delta = this.work;
			delta.fill(0);
			for (let f = 0; f < nf; f++) {
				const v = this.flipped[f];
				const step = (up[v] - lo[v]) * (atUp[v] ? -1 : 1) * (v < n ? 1 : -1);
				atUp[v] ^= 1;
				for (let k = colStart[v]; k < colStart[v + 1]; k++) delta[colRows[k]] -= step;
			}
			for (let q = 0; q < m; q++) {
				let sum = 0;
				for (let i = 0; i < m; i++) sum += Binv[q * m + i] * delta[i];
				xB[q] += sum;
			}
		}
		// entering column in the current basis (one loop for structurals and slacks: no branch that
		// is first taken late, which would cost V8 a re-optimisation of this hot function)
		const col = this.col;
		col.fill(0);
		const sign = enter < n ? 1 : -1;
		for (let k = colStart[enter]; k < colStart[enter + 1]; k++) {
			const r = colRows[k];
			for (let q = 0; q < m; q++) col[q] += sign * Binv[q * m + r];
		}
		const piv = col[p];
		if (Math.abs(piv) < TOL_PIVOT) return false;
		const lb = lo[leave];
		const ub = up[leave];
		const step = (xB[p] - (s > 0 ? lb : ub)) / piv;
		const el = lo[enter];
		const eu = up[enter];
		const enterVal = (atUp[enter] ? eu : el) + step;
		for (let q = 0; q < m; q++) xB[q] -= col[q] * step;
		xB[p] = enterVal;
		this.basis[p] = enter;
		this.pos[enter] = p;
		this.pos[leave] = -1;
		atUp[leave] = s > 0 ? 0 : 1;
		const inv = 1 / piv;
		for (let i = 0; i < m; i++) Binv[p * m + i] *= inv;
		for (let q = 0; q < m; q++) {
			if (q === p) continue;
			const f = col[q];
			if (f === 0) continue;
			for (let i = 0; i < m; i++) Binv[q * m + i] -= f * Binv[p * m + i];
		}
		this.sinceRefactor++;
		return true;
	}
}
