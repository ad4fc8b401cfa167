// Bench: aggregation of one round, 2,000 candidates × 7 sheets, with calibration and outliers.
// Prints the median time against the 100 ms target and against a naive implementation
// (arrays of objects, repeated filtering) measured in the same run; checks both agree.
// Exit 1 when the target is missed or the results differ.
import { aggregateRound, type CandidateAggregate, type ScoreEntry } from '../../src/lib/domain/review/aggregation';
import { printFigures } from './figures';

const CANDIDATES = 2000;
const PER_CANDIDATE = 7;
const PANELS = 5;
const EXPERTS_PER_PANEL = 10;
const TARGET_MS = 100;
const SCALE = { max: 100 };

// Deterministic PRNG (mulberry32) so every run measures the same round.
function rng(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function makeRound(): ScoreEntry[] {
	const r = rng(20240506);
	const leniency = Array.from({ length: PANELS * EXPERTS_PER_PANEL }, () => (r() - 0.5) * 16);
	const out: ScoreEntry[] = [];
	for (let c = 0; c < CANDIDATES; c++) {
		const panel = c % PANELS;
		const quality = 60 + r() * 30;
		const pool = Array.from({ length: EXPERTS_PER_PANEL }, (_, i) => panel * EXPERTS_PER_PANEL + i);
		for (let k = 0; k < PER_CANDIDATE; k++) {
			const e = pool.splice(Math.floor(r() * pool.length), 1)[0];
			let x = quality + leniency[e] + (r() - 0.5) * 8;
			if (r() < 0.02) x += r() < 0.5 ? -25 : 25; // a few outliers to flag
			out.push({
				expert: `E${String(e).padStart(2, '0')}`,
				candidate: `C${String(c + 1).padStart(4, '0')}`,
				total: Math.round(Math.min(100, Math.max(0, x)) * 10) / 10,
				panel: `P${panel}`
			});
		}
	}
	return out;
}

// ---- the naive reference: same definitions, computed the obvious way ----
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sdOf = (xs: number[], sample: boolean) => {
	if (xs.length < (sample ? 2 : 1)) return 0;
	const m = avg(xs);
	const v = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - (sample ? 1 : 0)));
	return v < 1e-9 ? 0 : v;
};
function naive(entries: ScoreEntry[]): {
	candidate: string;
	mean: number;
	trimmedMean: number;
	median: number;
	calibrated: number;
	sd: number;
	outliers: number;
}[] {
	const experts = entries.map((e) => e.expert).filter((x, i, a) => a.indexOf(x) === i);
	const panels = entries.map((e) => e.panel ?? '').filter((x, i, a) => a.indexOf(x) === i);
	const expertStats = experts.map((x) => {
		const xs = entries.filter((e) => e.expert === x).map((e) => e.total);
		return { expert: x, m: avg(xs), sd: sdOf(xs, false) };
	});
	const panelStats = panels.map((p) => {
		const xs = entries.filter((e) => (e.panel ?? '') === p).map((e) => e.total);
		return { panel: p, m: avg(xs), sd: sdOf(xs, false) };
	});
	const candidates = entries
		.map((e) => e.candidate)
		.filter((x, i, a) => a.indexOf(x) === i)
		.sort();
	return candidates.map((c) => {
		const mine = entries.filter((e) => e.candidate === c);
		const xs = mine.map((e) => e.total);
		const cal = mine.map((e) => {
			const s = expertStats.find((x) => x.expert === e.expert)!;
			const p = panelStats.find((x) => x.panel === (e.panel ?? ''))!;
			const z = s.sd > 0 ? (e.total - s.m) / s.sd : 0;
			return Math.min(SCALE.max, Math.max(0, p.m + z * p.sd));
		});
		const sorted = [...xs].sort((a, b) => a - b);
		const h = sorted.length >> 1;
		// The domain's rule, written plainly: take out the most deviant flagged score and test the
		// rest again; the 2-SD rule only in the first pass (see findOutliers).
		let outliers = 0;
		for (let rest = [...xs]; rest.length >= 3;) {
			let pick = -1;
			let dev = 0;
			rest.forEach((x, i) => {
				const others = rest.filter((_, j) => j !== i);
				const d = x - avg(others);
				const s = others.length >= 3 ? sdOf(others, true) : 0;
				const hit = Math.abs(d) > 15 + 1e-9 || (outliers === 0 && s > 0 && Math.abs(d) > 2 * s + 1e-9);
				if (hit && (pick < 0 || Math.abs(d) > Math.abs(dev))) [pick, dev] = [i, d];
			});
			if (pick < 0) break;
			rest.splice(pick, 1);
			outliers++;
		}
		return {
			candidate: c,
			mean: avg(xs),
			trimmedMean: xs.length >= 5 ? avg(sorted.slice(1, -1)) : avg(xs),
			median: sorted.length % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2,
			calibrated: avg(cal),
			sd: sdOf(xs, true),
			outliers
		};
	});
}

function time<T>(fn: () => T, runs: number, warmup: number): { median: number; result: T } {
	let result = fn();
	for (let i = 1; i < warmup; i++) result = fn();
	const ts: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		result = fn();
		ts.push(performance.now() - t0);
	}
	ts.sort((a, b) => a - b);
	return { median: ts[ts.length >> 1], result };
}

function agree(fast: CandidateAggregate[], slow: ReturnType<typeof naive>): boolean {
	if (fast.length !== slow.length) return false;
	const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
	return fast.every((f, i) => {
		const s = slow[i];
		return (
			f.candidate === s.candidate &&
			close(f.mean, s.mean) &&
			close(f.trimmedMean, s.trimmedMean) &&
			close(f.median, s.median) &&
			close(f.calibrated, s.calibrated) &&
			close(f.sd, s.sd) &&
			f.outliers.length === s.outliers
		);
	});
}

const entries = makeRound();
const fast = time(() => aggregateRound(entries, SCALE), 21, 10);
const slow = time(() => naive(entries), 5, 1);
const same = agree(fast.result, slow.result);
const flagged = fast.result.reduce((a, c) => a + c.outliers.length, 0);

console.log(
	`aggregateRound: ${CANDIDATES} candidates × ${PER_CANDIDATE} sheets = ${entries.length} sheets, ` +
		`${PANELS * EXPERTS_PER_PANEL} experts in ${PANELS} panels; calibration + outliers (${flagged} flagged)`
);
console.log(
	`  fast   median ${fast.median.toFixed(2)} ms (21 runs)   ratio to ${TARGET_MS} ms target: ${(fast.median / TARGET_MS).toFixed(3)}`
);
console.log(
	`  naive  median ${slow.median.toFixed(2)} ms (5 runs)    fast / naive: ` +
		`${(fast.median / slow.median).toFixed(3)} (${(slow.median / fast.median).toFixed(1)}× faster)`
);
console.log(`  results agree with the naive reference: ${same ? 'yes' : 'NO'}`);
printFigures('aggregate', {
	sheets: entries.length,
	medianMs: +fast.median.toFixed(2),
	targetMs: TARGET_MS,
	naiveMs: +slow.median.toFixed(2),
	same
});
if (!same || fast.median > TARGET_MS) process.exitCode = 1;
