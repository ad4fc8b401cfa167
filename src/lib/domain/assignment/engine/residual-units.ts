// Choosing the cheapest residual units of one node in the cost-scaling engine (mincost-flow.ts),
// and the price drop that goes with pushing to them (the "bid").

const GAPS = [701, 301, 132, 57, 23, 10, 4, 1]; // Ciura's Shell sort gaps

export class UnitSelection {
	// Candidate units of the node being discharged: reduced cost, target, multiplicity, tie key.
	readonly candR: Float64Array;
	readonly candI: Int32Array;
	readonly candM: Int32Array;
	readonly candK: Int32Array;
	/** Units bid() takes from each candidate. */
	readonly take: Int32Array;
	cnt = 0;
	eps = 1;

	constructor(size: number) {
		this.candR = new Float64Array(size);
		this.candI = new Int32Array(size);
		this.candM = new Int32Array(size);
		this.candK = new Int32Array(size);
		this.take = new Int32Array(size);
	}

	/** Shell sort of the candidates by (cost, key); no comparator calls, no allocation. */
	sortCandidates(): void {
		const { candR, candI, candM, candK, cnt } = this;
		for (let g = cnt > 16 ? 0 : GAPS.length - 1; g < GAPS.length; g++) {
			const gap = GAPS[g];
			for (let a = gap; a < cnt; a++) {
				const r = candR[a];
				const id = candI[a];
				const m = candM[a];
				const key = candK[a];
				let b = a - gap;
				while (b >= 0 && (candR[b] > r || (candR[b] === r && candK[b] > key))) {
					candR[b + gap] = candR[b];
					candI[b + gap] = candI[b];
					candM[b + gap] = candM[b];
					candK[b + gap] = candK[b];
					b -= gap;
				}
				candR[b + gap] = r;
				candI[b + gap] = id;
				candM[b + gap] = m;
				candK[b + gap] = key;
			}
		}
	}

	/**
	 * Chooses the x cheapest units (fills take[]) and returns the price drop δ: as large as
	 * ε-optimality allows, and either 0 (pure push) or ≥ ε, so admissible arcs never form a cycle.
	 */
	bid(x: number): number {
		const { candR, candM, take, cnt } = this;
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
		if (rx1 === Infinity) return Math.max(rx, 0) + this.eps;
		return rx1 >= 0 ? rx1 + this.eps : 0;
	}
}
