// Min-cost flow engine for the transportation problem behind expert assignment:
// rows (dossiers) each send exactly `demand` units, one per column at most (unit arcs),
// columns (experts) absorb at most colCap[j]; a sink T collects everything.
// Dense row-major cost matrix because almost every pair is allowed (conflicts are a few %).
// Pure TS over typed arrays; no I/O.
import { exactPotentials, type Potentials } from './potentials';
import { globalUpdate } from './global-update';
import { UnitSelection } from './residual-units';
import { rowLowerBound, type CostScalingOptions, type TransportProblem, type TransportSolution } from './transport';

/**
 * Min-cost transportation by cost scaling (Goldberg's push-relabel refine, FIFO, global price
 * updates), specialised to the bipartite network: one discharge pushes a node's whole excess to
 * its cheapest residual units and lowers its price to the next unit (an auction bid), so a row
 * costs one scan of its columns. Costs are multiplied by n+1, hence ε = 1 at the end means
 * optimal for the integral costs. The problem must be feasible (see maxTransportFlow), and
 * maxCost·(n+1)·8n must stay below 2^53 (the caller scales accordingly) so that every price and
 * reduced cost is an exact integer: prices fall by O(n·ε) per phase, in practice < 10⁻³ of that.
 */
export function minCostTransport(p: TransportProblem, options: CostScalingOptions = {}): TransportSolution {
	return new CostScaling(p, options).solve();
}

// A class rather than closures: each hot loop is a small method that V8 optimizes on its own,
// and state lives in fields of one stable shape (closure contexts made it several times slower).
class CostScaling extends UnitSelection {
	readonly R: number;
	readonly C: number;
	readonly k: number;
	readonly n: number;
	readonly T: number; // node ids: rows 0..R-1, columns R..R+C-1, sink T
	readonly mult: number;
	readonly cost: Float64Array; // the problem's costs; scaled by `mult` on the fly
	readonly colCap: Int32Array;
	readonly X: Uint8Array;
	readonly holders: Int32Array; // column j's rows at [j*R, j*R+hcount[j])
	readonly hcost: Float64Array; // their scaled costs, alongside (saves a cache miss per holder)
	readonly hcount: Int32Array;
	readonly fT: Int32Array;
	readonly ex: Float64Array;
	readonly price: Float64Array;
	readonly queue: Int32Array;
	readonly inQ: Uint8Array;
	qh = 0;
	qn = 0;
	// Global update state (transport-global-update.ts); column-major copies built on first use.
	readonly rank: Float64Array;
	readonly done: Uint8Array;
	heap: number[] = [];
	costT: Float64Array | null = null;
	XT: Uint8Array | null = null;
	// Per-row memory of the cheapest columns (see dischargeRow).
	readonly L: number;
	readonly LC: number; // capacity: L plus room for columns the row loses later
	readonly cacheCol: Int32Array;
	readonly cacheLen: Int32Array;
	readonly cacheTheta: Float64Array;
	discharges = 0;
	globalUpdates = 0;
	rowScans = 0;

	constructor(
		readonly p: TransportProblem,
		readonly options: CostScalingOptions
	) {
		super(Math.max(p.rows, p.cols) + 2);
		this.R = p.rows;
		this.C = p.cols;
		this.k = p.demand;
		this.n = this.R + this.C + 1;
		this.T = this.R + this.C;
		this.mult = this.n + 1;
		this.cost = p.cost;
		this.colCap = p.colCap;
		const { R, C, n } = this;
		this.X = new Uint8Array(R * C);
		this.holders = new Int32Array(R * C);
		this.hcost = new Float64Array(R * C);
		this.hcount = new Int32Array(C);
		this.fT = new Int32Array(C);
		this.ex = new Float64Array(n);
		this.price = new Float64Array(n);
		this.queue = new Int32Array(n);
		this.inQ = new Uint8Array(n);
		this.rank = new Float64Array(n);
		this.done = new Uint8Array(n);
		this.L = 2 * this.k + 2;
		this.LC = this.L + 2 * this.k;
		this.cacheCol = new Int32Array(R * this.LC);
		this.cacheLen = new Int32Array(R);
		this.cacheTheta = new Float64Array(R);
	}

	solve(): TransportSolution {
		const { R, C, cost, hcount, options } = this;
		let maxC = 1;
		for (let a = 0; a < R * C; a++) if (cost[a] !== Infinity && Math.abs(cost[a]) > maxC) maxC = Math.abs(cost[a]);
		let eps = maxC * this.mult;
		const alpha = options.alpha ?? 16;
		const updateEvery = Math.max(1, Math.round((options.globalUpdateFactor ?? 4) * this.n));
		const dischargeLimit = 50 * this.n * this.n + 1e6; // far beyond any feasible run; guards a hang
		const lowerBound = rowLowerBound(this.p, this.candR);
		let lastCost = NaN;
		let pot: Potentials | null = null;
		let phases = 0;
		do {
			eps = Math.max(1, Math.floor(eps / alpha));
			this.eps = eps;
			phases++;
			this.refineStart();
			let sinceUpdate = 0;
			while (this.qn > 0) {
				const u = this.dequeue();
				if (this.ex[u] <= 0) continue;
				if (++this.discharges > dischargeLimit) throw new Error('minCostTransport: no convergence');
				if (u < R) this.dischargeRow(u);
				else if (u < this.T) this.dischargeCol(u - R);
				else this.dischargeSink();
				if (++sinceUpdate >= updateEvery && this.qn > 0) {
					sinceUpdate = 0;
					this.globalUpdates++;
					globalUpdate(this);
				}
			}
			options.onPhase?.({ eps, discharges: this.discharges, globalUpdates: this.globalUpdates });
			// The flow is often optimal well before ε = 1: when its cost meets the row-wise lower
			// bound or stops improving, try to prove optimality (bounded effort) and stop early.
			if (eps > 1) {
				let flowCost = 0; // scaled by mult, like hcost
				for (let j = 0; j < C; j++) for (let h = 0; h < hcount[j]; h++) flowCost += this.hcost[j * R + h];
				if (flowCost === lowerBound * this.mult || flowCost === lastCost) {
					pot = exactPotentials(this.p, this, 2 * R * C);
					if (pot) break;
				}
				lastCost = flowCost;
			}
		} while (eps > 1);
		pot ??= exactPotentials(this.p, this, Infinity);
		if (!pot) throw new Error('minCostTransport: flow not optimal');
		return {
			assigned: this.X,
			...pot,
			stats: { phases, discharges: this.discharges, globalUpdates: this.globalUpdates, rowScans: this.rowScans }
		};
	}

	enqueue(u: number): void {
		if (this.inQ[u]) return;
		this.inQ[u] = 1;
		this.queue[(this.qh + this.qn++) % this.n] = u;
	}

	dequeue(): number {
		const u = this.queue[this.qh];
		this.qh = this.qh + 1 === this.n ? 0 : this.qh + 1;
		this.qn--;
		this.inQ[u] = 0;
		return u;
	}

	/** Makes the pseudoflow ε-optimal: flips every residual arc with reduced cost below −ε. */
	refineStart(): void {
		const { R, C, k, T, cost, mult, price, X, XT, holders, hcount, fT, ex, colCap, eps } = this;
		hcount.fill(0);
		for (let i = 0; i < R; i++) {
			const b = i * C;
			const pi = price[i];
			let deg = 0;
			for (let j = 0; j < C; j++) {
				const c = cost[b + j];
				if (c === Infinity) continue;
				const rc = c * mult + pi - price[R + j];
				const was = X[b + j];
				const on = was ? rc <= eps : rc < -eps;
				if (on !== (was === 1)) {
					X[b + j] = on ? 1 : 0;
					if (XT) XT[j * R + i] = X[b + j];
					if (!on) this.remember(i, j);
				}
				if (on) {
					this.hcost[j * R + hcount[j]] = c * mult;
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
		for (let u = 0; u < this.n; u++) if (ex[u] > 0) this.enqueue(u);
	}

	/**
	 * Prices only ever fall, so key_ij = c_ij·mult − price_j only rises. A row remembers its L
	 * cheapest keys from its last full scan and θ, the next key then, plus every column it loses
	 * afterwards: each column not remembered is still ≥ θ, so while x+1 remembered columns are
	 * ≤ θ they are the x+1 cheapest, without a scan.
	 */
	dischargeRow(i: number): void {
		const { R, C, cost, mult, price, X, XT, holders, hcount, ex, candR, candI, candK, candM } = this;
		const { cacheCol, cacheLen, cacheTheta } = this;
		const x = ex[i];
		const b = i * C;
		const pi = price[i];
		const cb = i * this.LC;
		let cnt = 0;
		const theta = cacheTheta[i];
		for (let t = 0; t < cacheLen[i]; t++) {
			const j = cacheCol[cb + t];
			if (X[b + j]) continue;
			const key = cost[b + j] * mult - price[R + j];
			if (key > theta) continue;
			((candR[cnt] = key + pi), (candI[cnt] = j), (candK[cnt] = t), (candM[cnt++] = 1));
		}
		if (cnt > x) {
			this.cnt = cnt;
			this.sortCandidates();
		} else {
			cnt = this.scanRow(i);
			this.cnt = cnt;
		}
		price[i] -= this.bid(x);
		const take = this.take;
		for (let t = 0; t < cnt; t++) {
			if (!take[t]) continue;
			const j = candI[t];
			X[b + j] = 1;
			if (XT) XT[j * R + i] = 1;
			this.hcost[j * R + hcount[j]] = cost[b + j] * mult;
			holders[j * R + hcount[j]++] = i;
			if (++ex[R + j] > 0) this.enqueue(R + j);
		}
		ex[i] = 0;
	}

	/** Row i just lost column j: keep it in the row's memory, or forget the memory when full. */
	remember(i: number, j: number): void {
		const len = this.cacheLen[i];
		const cb = i * this.LC;
		for (let t = 0; t < len; t++) if (this.cacheCol[cb + t] === j) return;
		if (len < this.LC) {
			this.cacheCol[cb + len] = j;
			this.cacheLen[i] = len + 1;
		} else this.cacheLen[i] = 0;
	}

	/** Full scan of row i: the L+1 cheapest residual columns, sorted, into cand*; refreshes the cache. */
	scanRow(i: number): number {
		const { R, C, L, k, cost, mult, price, X, candR, candI, candK, candM } = this;
		const b = i * C;
		const pi = price[i];
		let cnt = 0;
		this.rowScans++;
		// Each row scans from its own offset, so equal-cost columns are not all rushed in index order.
		// The L+1 cheapest so far sit in a max-heap on (cost, scan position): one compare rejects
		// the rest.
		const start = (i * k) % C;
		const M = L + 1;
		for (let t = 0, j = start; t < C; t++, j = j + 1 === C ? 0 : j + 1) {
			if (X[b + j]) continue;
			const c = cost[b + j];
			if (c === Infinity) continue;
			const rc = c * mult + pi - price[R + j];
			if (cnt < M) {
				// sift up
				let a = cnt++;
				while (a > 0) {
					const up = (a - 1) >> 1;
					if (candR[up] > rc) break; // equal cost: the later position counts as larger
					((candR[a] = candR[up]), (candI[a] = candI[up]), (candK[a] = candK[up]));
					a = up;
				}
				((candR[a] = rc), (candI[a] = j), (candK[a] = t));
			} else if (rc < candR[0]) {
				// replace the largest, sift down
				let a = 0;
				for (;;) {
					let ch = 2 * a + 1;
					if (ch >= M) break;
					if (ch + 1 < M && (candR[ch + 1] > candR[ch] || (candR[ch + 1] === candR[ch] && candK[ch + 1] > candK[ch])))
						ch++;
					if (candR[ch] < rc || (candR[ch] === rc && candK[ch] < t)) break;
					((candR[a] = candR[ch]), (candI[a] = candI[ch]), (candK[a] = candK[ch]));
					a = ch;
				}
				((candR[a] = rc), (candI[a] = j), (candK[a] = t));
			}
		}
		for (let t = 0; t < cnt; t++) candM[t] = 1;
		this.cnt = cnt;
		this.sortCandidates();
		const kept = Math.min(cnt, L);
		for (let t = 0; t < kept; t++) this.cacheCol[i * this.LC + t] = candI[t];
		this.cacheLen[i] = kept;
		this.cacheTheta[i] = cnt > L ? candR[L] - pi : Infinity;
		return cnt;
	}

	dischargeCol(j: number): void {
		const { R, C, T, price, X, XT, holders, hcount, fT, ex, colCap, candR, candI, candK, candM } = this;
		const u = R + j;
		const pj = price[u];
		let cnt = 0;
		// Sink units carry key -1 so that on ties flow moves on instead of back.
		if (fT[j] < colCap[j])
			((candR[cnt] = pj - price[T]), (candI[cnt] = -1), (candK[cnt] = -1), (candM[cnt++] = colCap[j] - fT[j]));
		const hcost = this.hcost;
		const hb = j * R;
		for (let h = 0; h < hcount[j]; h++) {
			const i = holders[hb + h];
			candR[cnt] = -hcost[hb + h] + pj - price[i];
			candI[cnt] = h; // position in the holder list
			candK[cnt] = i;
			candM[cnt++] = 1;
		}
		this.cnt = cnt;
		this.sortCandidates();
		price[u] -= this.bid(ex[u]);
		const take = this.take;
		for (let t = 0; t < cnt; t++) {
			if (!take[t]) continue;
			const h = candI[t];
			if (h < 0) {
				fT[j] += take[t];
				ex[T] += take[t];
				if (ex[T] > 0) this.enqueue(T);
			} else {
				const i = holders[hb + h];
				holders[hb + h] = -1;
				X[i * C + j] = 0;
				if (XT) XT[hb + i] = 0;
				this.remember(i, j);
				ex[i]++;
				this.enqueue(i);
			}
		}
		let w = 0; // compact the holder list, keeping its order
		for (let h = 0; h < hcount[j]; h++) {
			if (holders[hb + h] >= 0) ((hcost[hb + w] = hcost[hb + h]), (holders[hb + w++] = holders[hb + h]));
		}
		hcount[j] = w;
		ex[u] = 0;
	}

	dischargeSink(): void {
		const { R, C, T, price, fT, ex, candR, candI, candK, candM } = this;
		let cnt = 0;
		for (let j = 0; j < C; j++) {
			if (fT[j] > 0)
				((candR[cnt] = price[T] - price[R + j]), (candI[cnt] = j), (candK[cnt] = j), (candM[cnt++] = fT[j]));
		}
		this.cnt = cnt;
		this.sortCandidates();
		price[T] -= this.bid(ex[T]);
		for (let t = 0; t < cnt; t++) {
			if (!this.take[t]) continue;
			const j = candI[t];
			fT[j] -= this.take[t];
			ex[R + j] += this.take[t];
			if (ex[R + j] > 0) this.enqueue(R + j);
		}
		ex[T] = 0;
	}
}
