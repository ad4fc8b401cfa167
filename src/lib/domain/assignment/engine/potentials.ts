// Exact dual certificate for a transportation flow (see mincost-flow.ts).
import type { TransportProblem } from './transport';

export interface Potentials {
	rowPotential: Float64Array;
	colPotential: Float64Array;
	sinkPotential: number;
}

/** The flow as minCostTransport keeps it: assignment matrix, column holder lists, sink flows. */
export interface FlowState {
	X: Uint8Array;
	holders: Int32Array;
	hcount: Int32Array;
	fT: Int32Array;
	/** Scaled prices (costs × mult) of rows, columns, sink. */
	price: Float64Array;
	mult: number;
}

/**
 * Turns the 1/(n+1)-optimal scaled prices into exact potentials for the original costs by
 * label-correcting shortest paths on the residual graph. Converges only without negative cycles,
 * so success proves optimality; null when `budget` arc scans did not suffice.
 */
export function exactPotentials(p: TransportProblem, s: FlowState, budget: number): Potentials | null {
	const { rows: R, cols: C, cost, colCap } = p;
	const { X, holders, hcount, fT, price, mult } = s;
	const n = R + C + 1;
	const T = R + C;
	const P = new Float64Array(n);
	for (let u = 0; u < n; u++) P[u] = Math.round(price[u] / mult);
	const queue = new Int32Array(n);
	const inQ = new Uint8Array(n).fill(1);
	for (let u = 0; u < n; u++) queue[u] = u;
	let qh = 0;
	let qn = n;
	let scans = 0;
	let pops = 0;
	while (qn > 0) {
		const u = queue[qh];
		qh = qh + 1 === n ? 0 : qh + 1;
		qn--;
		inQ[u] = 0;
		// Bellman-Ford bound: more than n passes per node means a negative cycle.
		if (++pops > n * n + n || scans > budget) return null;
		const pu = P[u];
		if (u < R) {
			scans += C;
			for (let j = 0, b = u * C; j < C; j++) {
				if (X[b + j]) continue;
				const d = pu + cost[b + j]; // Infinity for forbidden pairs never relaxes
				const v = R + j;
				if (d < P[v]) {
					P[v] = d;
					if (!inQ[v]) ((inQ[v] = 1), (queue[(qh + qn++) % n] = v));
				}
			}
		} else if (u < T) {
			const j = u - R;
			scans += hcount[j] + 1;
			for (let h = 0; h < hcount[j]; h++) {
				const i = holders[j * R + h];
				const d = pu - cost[i * C + j];
				if (d < P[i]) {
					P[i] = d;
					if (!inQ[i]) ((inQ[i] = 1), (queue[(qh + qn++) % n] = i));
				}
			}
			if (fT[j] < colCap[j] && pu < P[T]) {
				P[T] = pu;
				if (!inQ[T]) ((inQ[T] = 1), (queue[(qh + qn++) % n] = T));
			}
		} else {
			scans += C;
			for (let j = 0; j < C; j++) {
				const v = R + j;
				if (fT[j] > 0 && pu < P[v]) {
					P[v] = pu;
					if (!inQ[v]) ((inQ[v] = 1), (queue[(qh + qn++) % n] = v));
				}
			}
		}
	}
	return { rowPotential: P.slice(0, R), colPotential: P.slice(R, T), sinkPotential: P[T] };
}
