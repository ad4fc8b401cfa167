// Reduced-cost presolve for the tie-break (phase 2 of solver.ts). Once the best total is known,
// only selections worth at least that total matter, and the root LP's reduced costs settle most
// candidates for all of them: moving a unit off the side its reduced cost favours costs at least
// |gain| of the Lagrangian bound, so when bound − |gain| falls below the total the unit is fixed
// (in or out) in every optimal selection. What is left — the candidates whose reduced cost is
// within half a value step of zero, typically the LP's basic ones — forms a problem of a few dozen
// candidates with the fixed-in ones folded into k and the row bounds. Its tie-break winner, plus
// the fixed-in candidates, is the tie-break winner of the whole problem: every optimal selection
// contains the fixed-in ones and none of the fixed-out ones, so two optimal selections differ only
// among the free candidates, whose rank order the subproblem keeps.
import type { ClassModel, CoreProblem, CoreRow } from './model';

export interface Reduction {
	/** the problem over the free candidates (indices 0..free.length−1, in rank order) */
	problem: CoreProblem;
	values: Float64Array;
	/** original index of each subproblem candidate */
	free: Int32Array;
	/** subproblem index of each original candidate, −1 when fixed */
	index: Int32Array;
	/** candidates in every selection worth at least the total */
	forced: number[];
	forcedValue: number;
}

/**
 * Fixes units by their reduced costs (`gain` per unit, in value units, from an LP over the
 * model's root boxes whose Lagrangian bound is `bound`) for selections worth at least `need`.
 * Candidates beyond their class cap (classOf −1) are out already: a class gives its best first.
 * Returns null when the fixings contradict a row (then no selection reaches `need`).
 */
export function reduceByReducedCost(
	model: ClassModel,
	values: ArrayLike<number>,
	gain: Float64Array,
	bound: number,
	need: number
): Reduction | null {
	const { n, k, rows } = model.problem;
	const slack = bound - need;
	// 0 out, 1 free, 2 in
	const state = new Uint8Array(n);
	for (let u = 0; u < model.unitCand.length; u++) {
		const g = gain[u];
		state[model.unitCand[u]] = g > slack ? 2 : -g > slack ? 0 : 1;
	}
	const newIndex = new Int32Array(n).fill(-1);
	const free: number[] = [];
	const forced: number[] = [];
	let forcedValue = 0;
	for (let i = 0; i < n; i++) {
		if (state[i] === 1) {
			newIndex[i] = free.length;
			free.push(i);
		} else if (state[i] === 2) {
			forced.push(i);
			forcedValue += values[i];
		}
	}
	const subRows: CoreRow[] = [];
	for (const r of rows) {
		const members: number[] = [];
		let inRow = 0;
		for (const c of r.members) {
			if (state[c] === 2) inRow++;
			else if (state[c] === 1) members.push(newIndex[c]);
		}
		const lo = Math.max(0, r.lo - inRow);
		const up = r.up - inRow;
		if (up < lo || lo > members.length) return null;
		subRows.push({ members, lo, up, tag: r.tag });
	}
	const subK = k - forced.length;
	if (subK < 0 || subK > free.length) return null;
	return {
		problem: { n: free.length, k: subK, rows: subRows },
		values: Float64Array.from(free, (i) => values[i]),
		free: Int32Array.from(free),
		index: newIndex,
		forced,
		forcedValue
	};
}
