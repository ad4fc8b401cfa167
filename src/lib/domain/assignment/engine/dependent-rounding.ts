// Dependent rounding on a bipartite graph (Gandhi, Khuller, Parthasarathy, Srinivasan, J. ACM
// 2006): turns fractional pair values into 0/1 so that every pair is 1 with probability exactly its
// value, every vertex keeps its degree when that is whole and otherwise ends at its floor or ceil.
// Values are integers over a common denominator r, so every step is exact arithmetic and every coin
// has an exactly rational probability (SeededPrng.int). Pure: no I/O.
import type { SeededPrng } from '../seeded-prng';

export interface FractionalEdges {
	/** Number of left (u) and right (v) vertices; edge t joins u[t] and v[t]. */
	left: number;
	right: number;
	u: Int32Array;
	v: Int32Array;
	/** Numerators in [0, r]; rounded in place to 0 or r. */
	num: Int32Array;
	r: number;
}

/**
 * Rounds `num` in place. Each step takes a cycle or a maximal path of fractional edges, labels its
 * edges alternately + and −, and either adds α to + edges and takes it from − edges (probability
 * β/(α+β)) or the reverse with β; α, β are the largest shifts keeping every value in [0, r], so at
 * least one edge becomes whole and each value's expectation is unchanged.
 */
export function dependentRound(g: FractionalEdges, prng: SeededPrng): void {
	const { left, u, v, num, r } = g;
	const n = left + g.right;
	const m = num.length;
	const other = (t: number, x: number): number => (u[t] === x ? left + v[t] : u[t]);
	// Incidence lists of fractional edges, with positions for O(1) removal.
	const deg = new Int32Array(n);
	for (let t = 0; t < m; t++) {
		if (num[t] > 0 && num[t] < r) {
			deg[u[t]]++;
			deg[left + v[t]]++;
		}
	}
	const start = new Int32Array(n + 1);
	for (let x = 0; x < n; x++) start[x + 1] = start[x] + deg[x];
	const adj = new Int32Array(start[n]);
	const posU = new Int32Array(m);
	const posV = new Int32Array(m);
	const len = new Int32Array(n);
	for (let t = 0; t < m; t++) {
		if (!(num[t] > 0 && num[t] < r)) continue;
		const a = u[t];
		const b = left + v[t];
		posU[t] = start[a] + len[a];
		adj[posU[t]] = t;
		len[a]++;
		posV[t] = start[b] + len[b];
		adj[posV[t]] = t;
		len[b]++;
	}
	const ones: number[] = [];
	for (let x = n - 1; x >= 0; x--) if (len[x] === 1) ones.push(x);
	const removeAt = (x: number, p: number): void => {
		const last = start[x] + len[x] - 1;
		const moved = adj[last];
		adj[p] = moved;
		if (u[moved] === x) posU[moved] = p;
		else posV[moved] = p;
		len[x]--;
		if (len[x] === 1) ones.push(x);
	};
	const remove = (t: number): void => {
		removeAt(u[t], posU[t]);
		removeAt(left + v[t], posV[t]);
	};

	const onWalk = new Int32Array(n).fill(-1); // index in the current walk, or -1
	const walkV: number[] = [];
	const walkE: number[] = [];
	let scan = 0;
	for (;;) {
		let s = -1;
		while (ones.length > 0) {
			const x = ones.pop() as number;
			if (len[x] === 1) {
				s = x;
				break;
			}
		}
		if (s < 0) {
			while (scan < n && len[scan] === 0) scan++;
			if (scan === n) return;
			s = scan;
		}
		// Walk without turning back until a vertex repeats (cycle) or the walk is stuck (path end).
		let edges: number[] = [];
		for (;;) {
			for (const x of walkV) onWalk[x] = -1;
			walkV.length = 0;
			walkE.length = 0;
			let cur = s;
			let prev = -1;
			onWalk[cur] = 0;
			walkV.push(cur);
			let stuck = -1;
			for (;;) {
				let t = -1;
				const b = start[cur];
				if (len[cur] > 0) t = adj[b] !== prev ? adj[b] : len[cur] > 1 ? adj[b + 1] : -1;
				if (t < 0) {
					stuck = cur;
					break;
				}
				const nx = other(t, cur);
				walkE.push(t);
				if (onWalk[nx] >= 0) {
					edges = walkE.slice(onWalk[nx]);
					break;
				}
				onWalk[nx] = walkV.length;
				walkV.push(nx);
				prev = t;
				cur = nx;
			}
			if (stuck < 0) break;
			if (len[s] === 1) {
				edges = walkE.slice();
				break;
			}
			s = stuck; // started inside a path: walk again from its end, which has one edge
		}
		for (const x of walkV) onWalk[x] = -1;
		walkV.length = 0;
		let alpha = r;
		let beta = r;
		for (let i = 0; i < edges.length; i++) {
			const f = num[edges[i]];
			if (i % 2 === 0) {
				alpha = Math.min(alpha, r - f);
				beta = Math.min(beta, f);
			} else {
				alpha = Math.min(alpha, f);
				beta = Math.min(beta, r - f);
			}
		}
		const up = prng.int(alpha + beta) < beta; // P = β/(α+β) keeps E[num] unchanged
		for (let i = 0; i < edges.length; i++) {
			const t = edges[i];
			const plus = i % 2 === 0;
			if (up) num[t] += plus ? alpha : -alpha;
			else num[t] += plus ? -beta : beta;
			if (num[t] === 0 || num[t] === r) remove(t);
		}
	}
}
