// Dense helpers of the dual simplex in lp.ts that run outside its pivot loop: the basis inversion
// (on refactorisation only), the Farkas infeasibility check (only when no column can enter), and
// the column lists with the slacks appended, and the heap of the ratio test's breakpoints.

/**
 * colStart/colRows of the structurals followed by the m slacks (slack i: row i; its coefficient −1
 * is the caller's to apply), so that the pivot loop treats every variable in one code path.
 */
export function withSlackColumns(
	m: number,
	n: number,
	colStart: Int32Array,
	colRows: Int32Array
): [Int32Array, Int32Array] {
	const nnz = colStart[n];
	const start = new Int32Array(n + m + 1);
	start.set(colStart.subarray(0, n + 1));
	const rows = new Int32Array(nnz + m);
	rows.set(colRows.subarray(0, nnz));
	for (let i = 0; i < m; i++) {
		start[n + i + 1] = nnz + i + 1;
		rows[nnz + i] = i;
	}
	return [start, rows];
}

/**
 * Gauss–Jordan with partial pivoting on the dense basis matrix; writes the inverse into `I`.
 * Returns false when the basis is singular.
 */
export function invertBasis(
	m: number,
	n: number,
	basis: Int32Array,
	colStart: Int32Array,
	colRows: Int32Array,
	I: Float64Array
): boolean {
	const B = new Float64Array(m * m);
	for (let p = 0; p < m; p++) {
		const v = basis[p];
		if (v < n) for (let k = colStart[v]; k < colStart[v + 1]; k++) B[colRows[k] * m + p] = 1;
		else B[(v - n) * m + p] = -1;
	}
	I.fill(0);
	for (let i = 0; i < m; i++) I[i * m + i] = 1;
	for (let c = 0; c < m; c++) {
		let piv = c;
		let best = Math.abs(B[c * m + c]);
		for (let r = c + 1; r < m; r++) {
			const a = Math.abs(B[r * m + c]);
			if (a > best) {
				best = a;
				piv = r;
			}
		}
		if (best < 1e-10) return false;
		// swapped even when piv === c (a no-op): a branch first taken late costs V8 a re-optimisation
		for (let k = 0; k < m; k++) {
			let t = B[c * m + k];
			B[c * m + k] = B[piv * m + k];
			B[piv * m + k] = t;
			t = I[c * m + k];
			I[c * m + k] = I[piv * m + k];
			I[piv * m + k] = t;
		}
		const inv = 1 / B[c * m + c];
		for (let k = 0; k < m; k++) {
			B[c * m + k] *= inv;
			I[c * m + k] *= inv;
		}
		for (let r = 0; r < m; r++) {
			if (r === c) continue;
			const f = B[r * m + c];
			if (f === 0) continue;
			for (let k = 0; k < m; k++) {
				B[r * m + k] -= f * B[c * m + k];
				I[r * m + k] -= f * I[c * m + k];
			}
		}
	}
	return true;
}

/**
 * Farkas check on row ρ of the inverse: every feasible point satisfies Σ_v α_v·v = 0,
 * so if the range of Σ α_v·v over the boxes excludes 0 the LP is infeasible.
 */
export function certifiesInfeasible(
	m: number,
	n: number,
	nt: number,
	rho: Float64Array,
	colStart: Int32Array,
	colRows: Int32Array,
	boxLo: Float64Array,
	boxUp: Float64Array
): boolean {
	let lo = 0;
	let hi = 0;
	for (let v = 0; v < nt; v++) {
		let a: number;
		if (v < n) {
			a = 0;
			for (let k = colStart[v]; k < colStart[v + 1]; k++) a += rho[colRows[k]];
		} else a = -rho[v - n];
		if (a > 0) {
			lo += a * boxLo[v];
			hi += a * boxUp[v];
		} else if (a < 0) {
			lo += a * boxUp[v];
			hi += a * boxLo[v];
		}
	}
	const scale = 1e-6 * (1 + m);
	return hi < -scale || lo > scale;
}

/** Breakpoint order: smallest ratio, then the larger pivot (stabler), then the lower index. */
function before(key: Float64Array, alpha: Float64Array, a: number, b: number): boolean {
	const ka = key[a];
	const kb = key[b];
	if (ka !== kb) return ka < kb;
	const aa = Math.abs(alpha[a]);
	const ab = Math.abs(alpha[b]);
	return aa !== ab ? aa > ab : a < b;
}

/** Restores the min-heap heap[0..size) of breakpoints below position i (order: before). */
export function siftDown(heap: Int32Array, size: number, i: number, key: Float64Array, alpha: Float64Array): void {
	for (;;) {
		const l = 2 * i + 1;
		if (l >= size) return;
		let c = l;
		if (l + 1 < size && before(key, alpha, heap[l + 1], heap[l])) c = l + 1;
		if (!before(key, alpha, heap[c], heap[i])) return;
		const t = heap[c];
		heap[c] = heap[i];
		heap[i] = t;
		i = c;
	}
}
