// The transportation problem solved by mincost-flow.ts, its solution and options, and the row-wise
// lower bound on its cost that lets the engine stop early.

export interface TransportProblem {
	rows: number;
	cols: number;
	/** Units every row must send (k). */
	demand: number;
	/** rows*cols integral costs (min-cost sense), Infinity = forbidden pair. */
	cost: Float64Array;
	/** Column capacities, each ≤ rows. */
	colCap: Int32Array;
}

export interface TransportSolution {
	assigned: Uint8Array;
	/**
	 * Exact potentials in cost units: c_ij + row_i − col_j ≥ 0 on unassigned allowed pairs and ≤ 0 on
	 * assigned ones; col_j − sink ≥ 0 when column j is below capacity and ≤ 0 when it carries flow.
	 */
	rowPotential: Float64Array;
	colPotential: Float64Array;
	sinkPotential: number;
	stats: { phases: number; discharges: number; globalUpdates: number; rowScans: number };
}

export interface CostScalingOptions {
	/** ε shrinks by this factor per phase. */
	alpha?: number;
	/** A global price update runs after this many discharges per node. */
	globalUpdateFactor?: number;
	/** Diagnostics after each phase (benchmarks). */
	onPhase?: (info: { eps: number; discharges: number; globalUpdates: number }) => void;
}

/**
 * Σ over rows of the k cheapest allowed costs: no flow can cost less. `scratch` holds k numbers
 * (the engine lends its candidate buffer).
 */
export function rowLowerBound(p: TransportProblem, scratch: Float64Array): number {
	const { rows: R, cols: C, demand: k, cost } = p;
	const candR = scratch;
	let bound = 0;
	for (let i = 0; i < R; i++) {
		let cnt = 0;
		for (let j = 0, b = i * C; j < C; j++) {
			const c = cost[b + j];
			if (c === Infinity || (cnt === k && c >= candR[k - 1])) continue;
			let pos = cnt < k ? cnt++ : k - 1;
			while (pos > 0 && candR[pos - 1] > c) ((candR[pos] = candR[pos - 1]), pos--);
			candR[pos] = c;
		}
		for (let t = 0; t < cnt; t++) bound += candR[t];
	}
	return bound;
}
