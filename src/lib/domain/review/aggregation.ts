// Aggregation of one round's score sheets: per-candidate statistics, expert calibration,
// outliers, ranking, the score matrix, expert leniency, progress and sheet validation.
// Pure functions: no database, no Svelte, no I/O. Same input → same output, in the same order.

/** One submitted sheet. Recused / withdrawn sheets are simply not passed in. */
export interface ScoreEntry {
	expert: string;
	candidate: string; // review code
	total: number;
	panel?: string;
}
export interface RoundScale {
	max: number;
} // e.g. { max: 100 }
export interface Outlier {
	expert: string;
	score: number;
	reason: string; // 高于其余专家均值 71.5 分 18.5 分（超过 15 分）
	rule: 'sd' | 'points' | 'both';
	deviation: number; // score − mean of the other scores (signed)
}
export interface CandidateAggregate {
	candidate: string;
	n: number;
	mean: number;
	trimmedMean: number;
	median: number;
	calibrated: number;
	sd: number; // sample SD (n − 1); 0 when n < 2
	range: number;
	min: number;
	max: number;
	outliers: Outlier[];
}
export interface AggregateOptions {
	/** Experts whose sheets on a candidate must not count (recusal recorded after scoring). */
	excludedExperts?: Record<string, readonly string[]>;
	/**
	 * false (default): each expert's z-scores are rescaled to the mean/SD of the raw sheets of
	 * the expert's panel, so a merged round keeps each panel's own level. Entries without
	 * `panel` form one implicit panel, i.e. the whole round when nobody sets a panel.
	 * true: z-scores are additionally re-standardized per panel and rescaled to the whole
	 * round's mean/SD, so every panel's calibrated mean is the round mean (panels aligned).
	 */
	calibrateAcrossPanels?: boolean;
}
export interface CalibratedSheet extends ScoreEntry {
	z: number;
	calibrated: number;
}
export type RankBy = 'mean' | 'trimmedMean' | 'median' | 'calibrated';
export interface RankedCandidate {
	candidate: string;
	rank: number; // 1-based, distinct
	value: number;
	tied: boolean; // same value (to 1e-6) as a neighbour; order then came from the tie-break
}

// Outlier thresholds of the brief; "more than" is strict, EPS keeps decimal noise off the boundary.
const OUTLIER_SD = 2;
const OUTLIER_POINTS = 15;
const EPS = 1e-9;

// ---------- small statistics ----------
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: readonly number[]): number => (xs.length ? sum(xs) / xs.length : NaN);
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
	const m = new Map<string, T[]>();
	for (const x of xs) {
		const g = m.get(key(x));
		if (g) g.push(x);
		else m.set(key(x), [x]);
	}
	return m;
}
/** Two-pass SD (no Σx² cancellation); `sample` divides by n − 1. 0 when undefined. */
export function stdDev(xs: readonly number[], sample: boolean): number {
	const n = xs.length;
	if (n < (sample ? 2 : 1)) return 0;
	const m = mean(xs);
	let q = 0;
	for (const x of xs) q += (x - m) * (x - m);
	const sd = Math.sqrt(q / (sample ? n - 1 : n));
	return sd < EPS ? 0 : sd;
}
export function median(xs: readonly number[]): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const h = s.length >> 1;
	return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
/** 去掉一个最高分和一个最低分 when n ≥ 5; otherwise the plain mean. */
export function trimmedMean(xs: readonly number[]): number {
	if (xs.length < 5) return mean(xs);
	return (sum(xs) - Math.min(...xs) - Math.max(...xs)) / (xs.length - 2);
}

// ---------- review codes ----------
// One order for review codes everywhere: review-codes.ts (numeric-aware, exact, total).
import { compareReviewCodes, sortReviewCodes } from '../../shared/review-codes';

// ---------- input hygiene ----------
function prepare(entries: readonly ScoreEntry[], opts: AggregateOptions): ScoreEntry[] {
	const ex = opts.excludedExperts ?? {};
	const seen = new Map<string, Set<string>>(); // expert → candidates; no per-sheet string keys
	const out: ScoreEntry[] = [];
	for (const e of entries) {
		if (!Number.isFinite(e.total)) throw new RangeError(`专家 ${e.expert} 对 ${e.candidate} 的总分无效`);
		let mine = seen.get(e.expert);
		if (!mine) seen.set(e.expert, (mine = new Set()));
		// A duplicated sheet would silently double an expert's weight: refuse it.
		if (mine.has(e.candidate)) throw new RangeError(`专家 ${e.expert} 对 ${e.candidate} 存在重复评分表`);
		mine.add(e.candidate);
		if (!ex[e.candidate]?.includes(e.expert)) out.push(e);
	}
	return out;
}

// ---------- calibration ----------
/** Dense ids for string keys, so per-group sums live in typed arrays instead of Maps of arrays. */
function denseIds(keys: readonly string[]): { ids: Int32Array; count: number } {
	const map = new Map<string, number>();
	const ids = new Int32Array(keys.length);
	for (let i = 0; i < keys.length; i++) {
		let id = map.get(keys[i]);
		if (id === undefined) map.set(keys[i], (id = map.size));
		ids[i] = id;
	}
	return { ids, count: map.size };
}
/** Per-group mean and population SD, two passes (no Σx² cancellation). */
function groupMoments(ids: Int32Array, count: number, xs: Float64Array) {
	const n = new Float64Array(count),
		m = new Float64Array(count),
		sd = new Float64Array(count);
	for (let i = 0; i < xs.length; i++) {
		n[ids[i]]++;
		m[ids[i]] += xs[i];
	}
	for (let g = 0; g < count; g++) m[g] /= n[g];
	for (let i = 0; i < xs.length; i++) sd[ids[i]] += (xs[i] - m[ids[i]]) ** 2;
	for (let g = 0; g < count; g++) sd[g] = Math.sqrt(sd[g] / n[g]) < EPS ? 0 : Math.sqrt(sd[g] / n[g]);
	return { m, sd };
}
/** z-score every value within its group; a group without spread gives z = 0. */
function zWithin(ids: Int32Array, count: number, xs: Float64Array): Float64Array {
	const { m, sd } = groupMoments(ids, count, xs);
	return xs.map((x, i) => (sd[ids[i]] > 0 ? (x - m[ids[i]]) / sd[ids[i]] : 0));
}

/**
 * Per-sheet calibration. z = (x − expert mean) / expert SD over all the expert's sheets of the
 * round (population SD: the sheets are the whole set, not a sample). An expert with one sheet or
 * zero spread gets z = 0: with nothing to compare, they are treated as average.
 * calibrated = ref.mean + z × ref.SD (population), clamped to [0, max], where ref is the sheet's
 * panel (default) or the whole round (`calibrateAcrossPanels`, after a second, panel-level z).
 * z is invariant under adding a constant to (or scaling) one expert's scores; ref may move, but
 * by one affine map for every sheet, so the calibrated order does not change.
 */
export function calibrateSheets(
	entries: readonly ScoreEntry[],
	scale: RoundScale,
	opts: AggregateOptions = {}
): CalibratedSheet[] {
	const list = prepare(entries, opts);
	const raw = Float64Array.from(list, (e) => e.total);
	const ex = denseIds(list.map((e) => e.expert));
	const pn = denseIds(list.map((e) => e.panel ?? ''));
	let z = zWithin(ex.ids, ex.count, raw);
	let ref: { m: Float64Array; sd: Float64Array };
	let refId: Int32Array;
	if (opts.calibrateAcrossPanels) {
		// Second stage, "the same way" one level up: z-score each panel's z-values, so a panel
		// whose experts also sit elsewhere or lack spread is still centred on the round mean.
		z = zWithin(pn.ids, pn.count, z);
		refId = new Int32Array(list.length); // one group: the whole round
		ref = groupMoments(refId, 1, raw);
	} else {
		refId = pn.ids;
		ref = groupMoments(pn.ids, pn.count, raw);
	}
	return list.map((e, i) => {
		const c = ref.m[refId[i]] + z[i] * ref.sd[refId[i]];
		const s: CalibratedSheet = {
			expert: e.expert,
			candidate: e.candidate,
			total: e.total,
			z: z[i],
			calibrated: Math.min(scale.max, Math.max(0, c))
		};
		if (e.panel !== undefined) s.panel = e.panel;
		return s;
	});
}

// ---------- outliers ----------
const fmt = (x: number) => String(Number(x.toFixed(1)));
/**
 * Leave-one-out: a score is compared with the mean (and sample SD) of the other scores of the
 * same candidate. Rule "sd": ≥ 3 others, their SD > 0, |dev| > 2 SD. Rule "points": ≥ 2 others,
 * |dev| > 15. Both strict.
 * Applied one score at a time: the most deviant flagged score is taken out and the rest tested
 * again. Otherwise one wild score drags the others' reference so far that, with three experts,
 * the two agreeing scores would be flagged as well (90, 88, 35 must flag only the 35).
 * Only the first pass uses the SD rule: once a score is out the others' spread shrinks, and in a
 * large panel of close scores the SD rule would then flag one score after another.
 */
export function findOutliers(sheets: readonly { expert: string; total: number }[]): Outlier[] {
	const out: Outlier[] = [];
	const rest = [...sheets];
	for (;;) {
		const next = mostDeviant(rest, out.length === 0);
		if (!next) return out;
		out.push(next.outlier);
		rest.splice(next.index, 1);
	}
}

function mostDeviant(
	sheets: readonly { expert: string; total: number }[],
	useSd: boolean
): { index: number; outlier: Outlier } | null {
	const n = sheets.length;
	if (n < 3) return null;
	let sum = 0;
	for (const s of sheets) sum += s.total;
	let best: { index: number; outlier: Outlier } | null = null;
	for (let i = 0; i < n; i++) {
		const x = sheets[i].total;
		const m = (sum - x) / (n - 1);
		const dev = x - m;
		let q = 0; // others' squared deviations, around their own mean (allocation-free loop)
		for (let j = 0; j < n; j++) if (j !== i) q += (sheets[j].total - m) ** 2;
		const sd = n - 1 >= 3 && Math.sqrt(q / (n - 2)) >= EPS ? Math.sqrt(q / (n - 2)) : 0;
		const bySd = useSd && sd > 0 && Math.abs(dev) > OUTLIER_SD * sd + EPS;
		const byPts = Math.abs(dev) > OUTLIER_POINTS + EPS;
		if (!bySd && !byPts) continue;
		if (best && Math.abs(best.outlier.deviation) >= Math.abs(dev)) continue;
		const why = [
			byPts ? `超过 ${OUTLIER_POINTS} 分` : '',
			bySd ? `超过其余专家 ${OUTLIER_SD} 倍标准差 ${fmt(sd)}` : ''
		];
		best = {
			index: i,
			outlier: {
				expert: sheets[i].expert,
				score: x,
				// Names the others' mean and the gap, so the sentence reads on its own: 低于其余专家均值 84.8 分 42.8 分.
				reason: `${dev > 0 ? '高于' : '低于'}其余专家均值 ${fmt(m)} 分 ${fmt(Math.abs(dev))} 分（${why.filter(Boolean).join('，')}）`,
				rule: bySd && byPts ? 'both' : bySd ? 'sd' : 'points',
				deviation: dev
			}
		};
	}
	return best;
}

// ---------- aggregation ----------
/** One aggregate per candidate that has at least one counted sheet, in review-code order. */
export function aggregateRound(
	entries: readonly ScoreEntry[],
	scale: RoundScale,
	opts: AggregateOptions = {}
): CandidateAggregate[] {
	const groups = groupBy(calibrateSheets(entries, scale, opts), (s) => s.candidate);
	return sortReviewCodes(groups.keys()).map((candidate) => {
		const g = groups.get(candidate)!;
		const xs = g.map((s) => s.total);
		const lo = Math.min(...xs),
			hi = Math.max(...xs);
		return {
			candidate,
			n: xs.length,
			mean: mean(xs),
			trimmedMean: trimmedMean(xs),
			median: median(xs),
			calibrated: mean(g.map((s) => s.calibrated)),
			sd: stdDev(xs, true),
			range: hi - lo,
			min: lo,
			max: hi,
			outliers: findOutliers(g)
		};
	});
}

/**
 * Ranks by `by`, higher first. Values are compared at 1e-6 so float noise never decides; equal
 * values still get distinct consecutive ranks, ordered by `tieBreak` (review code ascending).
 */
export function rankCandidates(
	aggs: readonly CandidateAggregate[],
	by: RankBy,
	tieBreak: (a: string, b: string) => number = compareReviewCodes
): RankedCandidate[] {
	const q = (v: number) => Math.round(v * 1e6);
	const rows = aggs.map((a) => ({ candidate: a.candidate, value: a[by], k: q(a[by]) }));
	rows.sort((a, b) => b.k - a.k || tieBreak(a.candidate, b.candidate));
	return rows.map((r, i) => ({
		candidate: r.candidate,
		rank: i + 1,
		value: r.value,
		tied: rows[i - 1]?.k === r.k || rows[i + 1]?.k === r.k
	}));
}

// ---------- matrix, leniency, progress ----------
export interface ScoreMatrix {
	candidates: string[]; // rows
	experts: string[]; // columns
	cells: (number | null)[][]; // raw totals; null = no sheet
	calibrated: (number | null)[][];
}
export function scoreMatrix(
	entries: readonly ScoreEntry[],
	scale: RoundScale = { max: Infinity },
	opts: AggregateOptions = {}
): ScoreMatrix {
	const sheets = calibrateSheets(entries, scale, opts);
	const candidates = sortReviewCodes(new Set(sheets.map((s) => s.candidate)));
	const experts = sortReviewCodes(new Set(sheets.map((s) => s.expert)));
	const ci = new Map(candidates.map((c, i) => [c, i]));
	const ei = new Map(experts.map((e, i) => [e, i]));
	const blank = () => candidates.map(() => experts.map((): number | null => null));
	const cells = blank();
	const calibrated = blank();
	for (const s of sheets) {
		cells[ci.get(s.candidate)!][ei.get(s.expert)!] = s.total;
		calibrated[ci.get(s.candidate)!][ei.get(s.expert)!] = s.calibrated;
	}
	return { candidates, experts, cells, calibrated };
}

export interface ExpertLeniency {
	expert: string;
	n: number;
	mean: number;
	sd: number; // sample SD
	compared: number; // candidates that also have other experts' sheets
	ownMean: number | null; // the expert's mean over those compared candidates
	panelMean: number | null; // mean over those candidates of the other experts' mean
	difference: number | null; // ownMean − panelMean: > 0 lenient, < 0 strict
}
/** Leniency = own score minus the others' mean on the same candidates (self excluded, else it shrinks). */
export function expertLeniency(entries: readonly ScoreEntry[], opts: AggregateOptions = {}): ExpertLeniency[] {
	const list = prepare(entries, opts);
	const byCand = groupBy(list, (e) => e.candidate);
	const byExpert = groupBy(list, (e) => e.expert);
	return sortReviewCodes(byExpert.keys()).map((expert) => {
		const xs = byExpert.get(expert)!.map((e) => e.total);
		const mine: number[] = [];
		const theirs: number[] = [];
		for (const e of byExpert.get(expert)!) {
			const c = byCand.get(e.candidate)!;
			if (c.length < 2) continue;
			mine.push(e.total);
			theirs.push((sum(c.map((x) => x.total)) - e.total) / (c.length - 1));
		}
		const [ownMean, panelMean] = mine.length ? [mean(mine), mean(theirs)] : [null, null];
		const difference = ownMean === null || panelMean === null ? null : ownMean - panelMean;
		return {
			expert,
			n: xs.length,
			mean: mean(xs),
			sd: stdDev(xs, true),
			compared: mine.length,
			ownMean,
			panelMean,
			difference
		};
	});
}

export interface ExpertProgress {
	expert: string;
	assigned: number;
	done: number; // submitted
	draft: number;
	notStarted: number;
}
/** Counts only assigned pairs; a submitted sheet wins over a stale draft of the same pair. */
export function roundProgress(
	assignments: readonly { expert: string; candidate: string }[],
	sheets: readonly { expert: string; candidate: string; status: 'draft' | 'submitted' }[]
): ExpertProgress[] {
	const key = (x: { expert: string; candidate: string }) => x.expert + '\u0000' + x.candidate;
	const status = new Map<string, 'draft' | 'submitted'>();
	for (const s of sheets) if (status.get(key(s)) !== 'submitted') status.set(key(s), s.status);
	const per = new Map<string, ExpertProgress>();
	const seen = new Set<string>();
	for (const a of assignments) {
		if (seen.has(key(a))) continue; // a pair assigned twice is still one dossier to score
		seen.add(key(a));
		const p = per.get(a.expert) ?? { expert: a.expert, assigned: 0, done: 0, draft: 0, notStarted: 0 };
		const st = status.get(key(a));
		p.assigned++;
		p[st === 'submitted' ? 'done' : st === 'draft' ? 'draft' : 'notStarted']++;
		per.set(a.expert, p);
	}
	return sortReviewCodes(per.keys()).map((e) => per.get(e)!);
}

// Score-sheet validation lives in score-sheet.ts; re-exported for the existing imports.
export { validateSheet, validateDraft, type SheetValidation } from './score-sheet';
