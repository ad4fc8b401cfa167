// Flow engines for the transportation problem behind expert assignment:
// rows (dossiers) each send exactly `demand` units, one per column at most (unit arcs),
// columns (experts) absorb at most colCap[j]; a sink T collects everything.
// Dense row-major cost matrix because almost every pair is allowed (conflicts are a few %).
// Pure TS over typed arrays; no I/O.
import { exactPotentials, type Potentials } from './transport-potentials';

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
	stats: { phases: number; discharges: number; globalUpdates: number };
}

export interface CostScalingOptions {
	/** ε shrinks by this factor per phase. */
	alpha?: number;
	/** A global price update runs after this many discharges per node. */
	globalUpdateFactor?: number;
}

/**
 * Min-cost transportation by cost scaling (Goldberg's push-relabel refine, FIFO, global price
 * updates), specialised to the bipartite network: one discharge pushes a node's whole excess to
 * its cheapest residual units and lowers its price to the next unit (an auction bid), so a row
 * costs one scan of its columns. Costs are multiplied by n+1, hence ε = 1 at the end means
 * optimal for the integral costs. The problem must be feasible (see maxTransportFlow).
 */
export function minCostTransport(p: TransportProblem, options: CostScalingOptions = {}): TransportSolution {
	const alpha = options.alpha ?? 16;
	const { rows: R, cols: C, demand: k, colCap } = p;
	const n = R + C + 1;
	const T = R + C; // node ids: rows 0..R-1, columns R..R+C-1, sink T
	const mult = n + 1;
	const cost = new Float64Array(R * C);
	const costT = new Float64Array(R * C); // column-major copy for the global update
	let maxC = 1;
	for (let i = 0; i < R; i++) {
		for (let j = 0; j < C; j++) {
			const c = p.cost[i * C + j] * mult;
			cost[i * C + j] = c;
			costT[j * R + i] = c;
			if (c !== Infinity && Math.abs(c) > maxC) maxC = Math.abs(c);
		}
	}
	const X = new Uint8Array(R * C);
	const XT = new Uint8Array(R * C);
	const holders = new Int32Array(R * C); // column j's rows at [j*R, j*R+hcount[j])
	const hcount = new Int32Array(C);
	const fT = new Int32Array(C);
	const ex = new Float64Array(n);
	const price = new Float64Array(n);
	const queue = new Int32Array(n);
	const inQ = new Uint8Array(n);
	let qh = 0;
	let qn = 0;
	const enqueue = (u: number): void => {
		if (inQ[u]) return;
		inQ[u] = 1;
		queue[(qh + qn++) % n] = u;
	};
	let eps = maxC;

	// Sorted cheapest residual units of the node being discharged (ties: lower index first).
	const candR = new Float64Array(Math.max(R, C) + 2);
	const candI = new Int32Array(candR.length);
	const candM = new Int32Array(candR.length);
	const candK = new Int32Array(candR.length); // tie-break key
	let cnt = 0;
	const sortCandidates = (): void => {
		// Insertion sort: lists are short (a column's holders, k+1 for rows).
		for (let a = 1; a < cnt; a++) {
			const r = candR[a];
			const id = candI[a];
			const m = candM[a];
			const key = candK[a];
			let b = a - 1;
			while (b >= 0 && (candR[b] > r || (candR[b] === r && candK[b] > key))) {
				candR[b + 1] = candR[b];
				candI[b + 1] = candI[b];
				candM[b + 1] = candM[b];
				candK[b + 1] = candK[b];
				b--;
			}
			candR[b + 1] = r;
			candI[b + 1] = id;
			candM[b + 1] = m;
			candK[b + 1] = key;
		}
	};
	const take = new Int32Array(candR.length);
	// Chooses the x cheapest units (fills take[]) and returns the price drop δ: as large as
	// ε-optimality allows, and either 0 (pure push) or ≥ ε, so admissible arcs never form a cycle.
	const bid = (x: number): number => {
		let units = 0;
		let rx = -Infinity;
		let rx1 = Infinity;
		for (let t = 0; t < cnt; t++) {
			const u = Math.min(x - units, candM[t]);
			take[t] = u > 0 ? u : 0;
			if (u > 0) rx = candR[t];
			if (units + candM[t] > x && rx1 === Infinity) rx1 = candR[t];
			units += candM[t];
		}
		if (units < x) throw new Error('minCostTransport: infeasible discharge');
		if (rx1 === Infinity) return Math.max(rx, 0) + eps;
		return rx1 >= 0 ? rx1 + eps : 0;
	};

	const dischargeRow = (i: number): void => {
		const x = ex[i];
		const b = i * C;
		const pi = price[i];
		cnt = 0;
		// Each row scans from its own offset, so equal-cost columns are not all rushed in index order.
		const start = (i * k) % C;
		for (let t = 0, j = start; t < C; t++, j = j + 1 === C ? 0 : j + 1) {
			if (X[b + j]) continue;
			const c = cost[b + j];
			if (c === Infinity) continue;
			const rc = c + pi - price[R + j];
			if (cnt <= x) {
				candR[cnt] = rc;
				candI[cnt] = j;
				candK[cnt] = t;
				candM[cnt++] = 1;
				if (cnt === x + 1) sortCandidates();
			} else if (rc < candR[x]) {
				let pos = x;
				while (pos > 0 && candR[pos - 1] > rc) {
					candR[pos] = candR[pos - 1];
					candI[pos] = candI[pos - 1];
					candK[pos] = candK[pos - 1];
					pos--;
				}
				candR[pos] = rc;
				candI[pos] = j;
				candK[pos] = t;
			}
		}
		if (cnt <= x) sortCandidates();
		price[i] -= bid(x);
		for (let t = 0; t < cnt; t++) {
			if (!take[t]) continue;
			const j = candI[t];
			X[b + j] = 1;
			XT[j * R + i] = 1;
			holders[j * R + hcount[j]++] = i;
			if (++ex[R + j] > 0) enqueue(R + j);
		}
		ex[i] = 0;
	};

	const dischargeCol = (j: number): void => {
		const u = R + j;
		const pj = price[u];
		cnt = 0;
		// Sink units carry index -1 so that on ties flow moves on instead of back.
		if (fT[j] < colCap[j]) (candR[cnt] = pj - price[T]), (candI[cnt] = -1), (candK[cnt] = -1), (candM[cnt++] = colCap[j] - fT[j]);
		for (let h = 0, hb = j * R; h < hcount[j]; h++) {
			const i = holders[hb + h];
			candR[cnt] = -cost[i * C + j] + pj - price[i];
			candI[cnt] = i;
			candK[cnt] = i;
			candM[cnt++] = 1;
		}
		sortCandidates();
		price[u] -= bid(ex[u]);
		for (let t = 0; t < cnt; t++) {
			if (!take[t]) continue;
			const i = candI[t];
			if (i < 0) {
				fT[j] += take[t];
				ex[T] += take[t];
				if (ex[T] > 0) enqueue(T);
			} else {
				X[i * C + j] = 0;
				XT[j * R + i] = 0;
				ex[i]++;
				enqueue(i);
			}
		}
		let w = 0; // compact the holder list, keeping its order
		for (let h = 0, hb = j * R; h < hcount[j]; h++) {
			const i = holders[hb + h];
			if (X[i * C + j]) holders[hb + w++] = i;
		}
		hcount[j] = w;
		ex[u] = 0;
	};

	const dischargeSink = (): void => {
		cnt = 0;
		for (let j = 0; j < C; j++) {
			if (fT[j] > 0) (candR[cnt] = price[T] - price[R + j]), (candI[cnt] = j), (candK[cnt] = j), (candM[cnt++] = fT[j]);
		}
		sortCandidates();
		price[T] -= bid(ex[T]);
		for (let t = 0; t < cnt; t++) {
			if (!take[t]) continue;
			const j = candI[t];
			fT[j] -= take[t];
			ex[R + j] += take[t];
			if (ex[R + j] > 0) enqueue(R + j);
		}
		ex[T] = 0;
	};

	// Global price update: ε-distances from the deficits backwards over residual arcs (Dijkstra on
	// integer ranks), then each node's price drops by rank·ε. Keeps ε-optimality (floor below)
	// and gives every active node an admissible path, which stops long price wars.
	const rank = new Float64Array(n);
	const done = new Uint8Array(n);
	const heap: number[] = [];
	const heapPush = (key: number): void => {
		let a = heap.length;
		heap.push(key);
		while (a > 0) {
			const up = (a - 1) >> 1;
			if (heap[up] <= key) break;
			heap[a] = heap[up];
			a = up;
		}
		heap[a] = key;
	};
	const heapPop = (): number => {
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
	};
	const MAX_RANK = 1e9;
	const lower = (v: number, r: number, rc: number): void => {
		if (done[v] || rc >= (rank[v] - r - 1) * eps) return;
		const q = rc / eps;
		if (q >= MAX_RANK) return;
		const cand = r + 1 + Math.floor(q);
		if (cand < rank[v]) {
			rank[v] = cand;
			heapPush(cand * n + v);
		}
	};
	const globalUpdate = (): void => {
		heap.length = 0;
		let active = 0;
		for (let u = 0; u < n; u++) {
			done[u] = 0;
			if (ex[u] < 0) {
				rank[u] = 0;
				heapPush(u);
			} else {
				rank[u] = MAX_RANK;
				active += ex[u];
			}
		}
		if (active === 0) return;
		let r = 0;
		while (heap.length > 0 && active > 0) {
			const key = heapPop();
			const u = key % n;
			if (done[u] || (key - u) / n !== rank[u]) continue;
			done[u] = 1;
			r = rank[u];
			const pu = price[u];
			if (u < R) {
				for (let j = 0, b = u * C; j < C; j++) if (X[b + j]) lower(R + j, r, -cost[b + j] + price[R + j] - pu);
			} else if (u < T) {
				const j = u - R;
				for (let i = 0, b = j * R; i < R; i++) {
					if (!XT[b + i] && costT[b + i] !== Infinity) lower(i, r, costT[b + i] + price[i] - pu);
				}
				if (fT[j] > 0) lower(T, r, price[T] - pu);
			} else {
				for (let j = 0; j < C; j++) if (fT[j] < colCap[j]) lower(R + j, r, price[R + j] - pu);
			}
			if (ex[u] > 0) active -= ex[u];
		}
		for (let u = 0; u < n; u++) {
			const d = Math.min(rank[u], r);
			if (d > 0) price[u] -= eps * d;
		}
	};

	// Σ over rows of the k cheapest allowed costs: no flow can cost less.
	let lowerBound = 0;
	for (let i = 0; i < R; i++) {
		cnt = 0;
		for (let j = 0; j < C; j++) {
			const c = p.cost[i * C + j];
			if (c === Infinity || (cnt === k && c >= candR[k - 1])) continue;
			let pos = cnt < k ? cnt++ : k - 1;
			while (pos > 0 && candR[pos - 1] > c) (candR[pos] = candR[pos - 1]), pos--;
			candR[pos] = c;
		}
		for (let t = 0; t < cnt; t++) lowerBound += candR[t];
	}
	let lastCost = NaN;
	let pot: Potentials | null = null;
	let phases = 0;
	let discharges = 0;
	let globalUpdates = 0;
	const updateEvery = Math.max(1, Math.round((options.globalUpdateFactor ?? 4) * n));
	const dischargeLimit = 50 * n * n + 1e6; // far beyond any feasible run; guards against a hang
	do {
		eps = Math.max(1, Math.floor(eps / alpha));
		phases++;
		// Refine start: saturate every residual arc with negative reduced cost.
		hcount.fill(0);
		for (let i = 0; i < R; i++) {
			const b = i * C;
			const pi = price[i];
			let deg = 0;
			for (let j = 0; j < C; j++) {
				const c = cost[b + j];
				if (c === Infinity) continue;
				const rc = c + pi - price[R + j];
				const was = X[b + j];
				const on = was ? rc <= eps : rc < -eps;
				if (on !== (was === 1)) {
					X[b + j] = on ? 1 : 0;
					XT[j * R + i] = X[b + j];
				}
				if (on) {
					holders[j * R + hcount[j]++] = i;
					deg++;
				}
			}
			ex[i] = k - deg;
		}
		ex[T] = -R * k;
		for (let j = 0; j < C; j++) {
			const rc = price[R + j] - price[T];
			if (rc < -eps) fT[j] = colCap[j];
			else if (rc > eps) fT[j] = 0;
			ex[R + j] = hcount[j] - fT[j];
			ex[T] += fT[j];
		}
		for (let u = 0; u < n; u++) if (ex[u] > 0) enqueue(u);
		let sinceUpdate = 0;
		while (qn > 0) {
			const u = queue[qh];
			qh = (qh + 1) % n;
			qn--;
			inQ[u] = 0;
			if (ex[u] <= 0) continue;
			if (++discharges > dischargeLimit) throw new Error('minCostTransport: no convergence');
			if (u < R) dischargeRow(u);
			else if (u < T) dischargeCol(u - R);
			else dischargeSink();
			if (++sinceUpdate >= updateEvery && qn > 0) {
				sinceUpdate = 0;
				globalUpdates++;
				globalUpdate();
			}
		}
		// The flow is often optimal well before ε = 1: when its cost meets the row-wise lower bound
		// or stops improving, try to prove optimality (bounded effort) and stop early.
		if (eps > 1) {
			let flowCost = 0;
			for (let j = 0; j < C; j++) for (let h = 0; h < hcount[j]; h++) flowCost += p.cost[holders[j * R + h] * C + j];
			if (flowCost === lowerBound || flowCost === lastCost) {
				pot = exactPotentials(p, { X, holders, hcount, fT, price, mult }, 2 * R * C);
				if (pot) break;
			}
			lastCost = flowCost;
		}
	} while (eps > 1);

	pot ??= exactPotentials(p, { X, holders, hcount, fT, price, mult }, Infinity);
	if (!pot) throw new Error('minCostTransport: flow not optimal');
	return { assigned: X, ...pot, stats: { phases, discharges, globalUpdates } };
}
