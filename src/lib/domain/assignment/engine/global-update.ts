// Global price update of the cost-scaling engine (mincost-flow.ts): ε-distances ("ranks") from the
// deficit nodes backwards over residual arcs by Dijkstra on integer ranks, then every node's price
// drops by rank·ε. Keeps ε-optimality (floor below) and gives every active node an admissible
// path to a deficit, which ends long price wars on tight instances.

const MAX_RANK = 1e9;

/** The engine state the update reads and writes (see CostScaling in mincost-flow.ts). */
export interface ScalingState {
	R: number;
	C: number;
	T: number;
	n: number;
	cost: Float64Array;
	mult: number;
	price: Float64Array;
	X: Uint8Array;
	fT: Int32Array;
	colCap: Int32Array;
	ex: Float64Array;
	eps: number;
	rank: Float64Array;
	done: Uint8Array;
	heap: number[];
	/** Column-major copies (scaled costs, assignment), created here on first use. */
	costT: Float64Array | null;
	XT: Uint8Array | null;
}

function heapPush(heap: number[], key: number): void {
	let a = heap.length;
	heap.push(key);
	while (a > 0) {
		const up = (a - 1) >> 1;
		if (heap[up] <= key) break;
		heap[a] = heap[up];
		a = up;
	}
	heap[a] = key;
}

function heapPop(heap: number[]): number {
	const top = heap[0];
	const last = heap.pop() as number;
	const len = heap.length;
	if (len > 0) {
		let a = 0;
		for (;;) {
			let c = 2 * a + 1;
			if (c >= len) break;
			if (c + 1 < len && heap[c + 1] < heap[c]) c++;
			if (heap[c] >= last) break;
			heap[a] = heap[c];
			a = c;
		}
		heap[a] = last;
	}
	return top;
}

/** Offers rank r + 1 + ⌊rc/ε⌋ to v (an arc v → processed node with reduced cost rc). */
function offer(s: ScalingState, v: number, r: number, rc: number): void {
	const { rank, eps } = s;
	if (s.done[v] || rc >= (rank[v] - r - 1) * eps) return;
	const q = rc / eps;
	if (q >= MAX_RANK) return;
	const cand = r + 1 + Math.floor(q);
	if (cand < rank[v]) {
		rank[v] = cand;
		heapPush(s.heap, cand * s.n + v);
	}
}

export function globalUpdate(s: ScalingState): void {
	const { R, C, T, n, cost, mult, price, X, fT, colCap, ex, eps, rank, done, heap } = s;
	if (!s.costT || !s.XT) {
		const costT = new Float64Array(R * C);
		const XT = new Uint8Array(R * C);
		for (let i = 0; i < R; i++) {
			for (let j = 0; j < C; j++) {
				costT[j * R + i] = cost[i * C + j] * mult;
				XT[j * R + i] = X[i * C + j];
			}
		}
		s.costT = costT;
		s.XT = XT;
	}
	const { costT, XT } = s;
	heap.length = 0;
	let active = 0;
	for (let u = 0; u < n; u++) {
		done[u] = 0;
		if (ex[u] < 0) {
			rank[u] = 0;
			heapPush(heap, u);
		} else {
			rank[u] = MAX_RANK;
			active += ex[u];
		}
	}
	if (active === 0) return;
	let r = 0;
	while (heap.length > 0 && active > 0) {
		const key = heapPop(heap);
		const u = key % n;
		if (done[u] || (key - u) / n !== rank[u]) continue;
		done[u] = 1;
		r = rank[u];
		const pu = price[u];
		if (u < R) {
			for (let j = 0, b = u * C; j < C; j++) if (X[b + j]) offer(s, R + j, r, -cost[b + j] * mult + price[R + j] - pu);
		} else if (u < T) {
			const j = u - R;
			for (let i = 0, b = j * R; i < R; i++) {
				if (!XT[b + i] && costT[b + i] !== Infinity) offer(s, i, r, costT[b + i] + price[i] - pu);
			}
			if (fT[j] > 0) offer(s, T, r, price[T] - pu);
		} else {
			for (let j = 0; j < C; j++) if (fT[j] < colCap[j]) offer(s, R + j, r, price[R + j] - pu);
		}
		if (ex[u] > 0) active -= ex[u];
	}
	for (let u = 0; u < n; u++) {
		const d = Math.min(rank[u], r);
		if (d > 0) price[u] -= eps * d;
	}
}
