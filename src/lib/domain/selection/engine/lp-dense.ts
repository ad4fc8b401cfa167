// Dense helpers of the dual simplex in lp.ts that run outside its pivot loop: the basis inversion
// (on refactorisation only) and the Farkas infeasibility check (only when no column can enter).

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
		if (piv !== c) {
			for (let k = 0; k < m; k++) {
				let t = B[c * m + k];
				B[c * m + k] = B[piv * m + k];
				B[piv * m + k] = t;
				t = I[c * m + k];
				I[c * m + k] = I[piv * m + k];
				I[piv * m + k] = t;
			}
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
