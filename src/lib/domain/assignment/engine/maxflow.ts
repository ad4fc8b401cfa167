// Maximum flow for the assignment's transportation network: decides feasibility and, when the
// demand cannot be met, yields the min cut that names the dossiers in the way.
import type { TransportProblem } from './transport';

export interface MaxFlowResult {
	flow: number;
	assigned: Uint8Array;
	/** Residual reachability from the source after the max flow (the min cut's source side). */
	rowReach: Uint8Array;
	colReach: Uint8Array;
}

/** Dinic on the unit-arc bipartite network, seeded with a round-robin greedy. */
export function maxTransportFlow(p: TransportProblem): MaxFlowResult {
	const { rows: R, cols: C, demand: k, cost, colCap } = p;
	const X = new Uint8Array(R * C);
	const holders = new Int32Array(R * C); // column j's rows at [j*R, j*R+hcount[j])
	const hcount = new Int32Array(C);
	const deficit = new Int32Array(R);
	let flow = 0;
	// Greedy seed: a rotating start column spreads load so few augmentations remain.
	let start = 0;
	for (let i = 0; i < R; i++) {
		let need = k;
		for (let t = 0; t < C && need > 0; t++) {
			const j = (start + t) % C;
			if (cost[i * C + j] === Infinity || hcount[j] >= colCap[j]) continue;
			X[i * C + j] = 1;
			holders[j * R + hcount[j]++] = i;
			need--;
		}
		start = C > 0 ? (start + k) % C : 0;
		deficit[i] = need;
		flow += k - need;
	}
	const level = new Int32Array(R + C);
	const queue = new Int32Array(R + C);
	const ptr = new Int32Array(R + C);
	const stack = new Int32Array(R + C + 1);
	for (;;) {
		// BFS levels from rows with deficit; dT = level of the sink.
		level.fill(-1);
		let qh = 0;
		let qt = 0;
		for (let i = 0; i < R; i++) if (deficit[i] > 0) ((level[i] = 0), (queue[qt++] = i));
		let dT = Infinity;
		while (qh < qt) {
			const u = queue[qh++];
			if (level[u] + 1 >= dT) continue;
			if (u < R) {
				for (let j = 0, b = u * C; j < C; j++) {
					if (!X[b + j] && cost[b + j] !== Infinity && level[R + j] < 0) {
						level[R + j] = level[u] + 1;
						queue[qt++] = R + j;
					}
				}
			} else {
				const j = u - R;
				if (hcount[j] < colCap[j]) dT = Math.min(dT, level[u] + 1);
				for (let h = 0, b = j * R; h < hcount[j]; h++) {
					const i = holders[b + h];
					if (level[i] < 0) ((level[i] = level[u] + 1), (queue[qt++] = i));
				}
			}
		}
		if (dT === Infinity) break;
		ptr.fill(0);
		for (let s = 0; s < R; s++) {
			while (deficit[s] > 0 && level[s] === 0) {
				// Iterative DFS along level+1 arcs; dead ends get level -2.
				let sp = 0;
				stack[sp++] = s;
				let found = false;
				while (sp > 0 && !found) {
					const u = stack[sp - 1];
					let next = -1;
					if (u < R) {
						const b = u * C;
						for (; ptr[u] < C; ptr[u]++) {
							const j = ptr[u];
							if (!X[b + j] && cost[b + j] !== Infinity && level[R + j] === level[u] + 1) {
								next = R + j;
								break;
							}
						}
					} else {
						const j = u - R;
						if (hcount[j] < colCap[j] && level[u] + 1 === dT) {
							found = true;
							break;
						}
						for (; ptr[u] < hcount[j]; ptr[u]++) {
							const i = holders[j * R + ptr[u]];
							if (level[i] === level[u] + 1 && level[i] < dT) {
								next = i;
								break;
							}
						}
					}
					if (next >= 0) stack[sp++] = next;
					else {
						level[u] = -2;
						sp--;
					}
				}
				if (!found) {
					level[s] = -2;
					break;
				}
				// Augment s=r0 → c1 → r1 → c2 … → ct → T: r_a takes c_{a+1}, and in c_a's
				// holder list r_a is replaced in place by r_{a-1} (its pointer sits on it).
				for (let a = 0; a + 1 < sp; a += 2) {
					const i = stack[a];
					X[i * C + stack[a + 1] - R] = 1;
					if (a > 0) {
						const pj = stack[a - 1] - R;
						X[i * C + pj] = 0;
						holders[pj * R + ptr[R + pj]] = stack[a - 2];
					}
				}
				const last = stack[sp - 1] - R;
				holders[last * R + hcount[last]++] = stack[sp - 2];
				deficit[s]--;
				flow++;
			}
		}
	}
	const rowReach = new Uint8Array(R);
	const colReach = new Uint8Array(C);
	for (let i = 0; i < R; i++) rowReach[i] = level[i] >= 0 ? 1 : 0;
	for (let j = 0; j < C; j++) colReach[j] = level[R + j] >= 0 ? 1 : 0;
	return { flow, assigned: X, rowReach, colReach };
}
