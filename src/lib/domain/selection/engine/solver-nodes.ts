// Branch-and-bound nodes of solver.ts and the per-node steps that need no search state: the two
// children of a split, the fallback split of the widest count range, and reduced-cost fixing.
import type { Basis } from './lp';
import type { ClassModel } from './model';

/** A split of a class count or a rule count at t: ≤ ⌊t⌋ | ≥ ⌊t⌋ + 1. */
export interface Branch {
	onRow: boolean;
	index: number;
	t: number;
	basis: Basis | null;
	downDead?: boolean;
	upDead?: boolean;
}

export interface Node {
	lo: Int32Array;
	hi: Int32Array;
	rlo: Int32Array;
	rhi: Int32Array;
	basis: Basis | null;
}

/** The two children of a split: ≤ ⌊t⌋ and ≥ ⌊t⌋ + 1 (copies only the arrays they change). */
/** A search's root: the given class bounds, the model's row bounds, no basis yet. */
export function rootNode(model: ClassModel, lo: Int32Array, hi: Int32Array): Node {
	return {
		lo: lo.slice(),
		hi: hi.slice(),
		rlo: Int32Array.from(model.rowLo),
		rhi: Int32Array.from(model.rowUp),
		basis: null
	};
}

export function children(node: Node, b: Branch, basis: Basis | null): [Node, Node] {
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

/** Fallback split: the class with the widest count range, at its middle. */
export function widestBranch(classes: number, node: Node): Branch | null {
	let best = -1;
	for (let c = 0; c < classes; c++)
		if (node.hi[c] > node.lo[c] && (best < 0 || node.hi[c] - node.lo[c] > node.hi[best] - node.lo[best])) best = c;
	return best < 0 ? null : { onRow: false, index: best, t: (node.lo[best] + node.hi[best]) / 2, basis: null };
}

/**
 * Reduced-cost fixing: moving unit u off its LP value costs at least |gain(u)| of the bound,
 * so a class whose next unit cannot be added (or whose last unit cannot be dropped) without the
 * bound falling below `need` has its count range narrowed for the whole subtree.
 * Returns false when the node is then empty. Works on the node's own arrays (children copy).
 */
export function fixByReducedCost(model: ClassModel, node: Node, bound: number, need: number): boolean {
	const lp = model.lp!;
	const slack = bound - need;
	let lo = node.lo;
	let hi = node.hi;
	for (let c = 0; c < model.classes; c++) {
		if (lo[c] === hi[c]) continue;
		const a = model.classStart[c];
		let newLo = lo[c];
		let newHi = hi[c];
		for (let q = lo[c]; q < hi[c]; q++) {
			const g = lp.gain(a + q) * model.scale;
			if (g > slack)
				newLo = q + 1; // dropping it loses more than the slack
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
