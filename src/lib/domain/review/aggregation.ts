// Aggregation of one round's score sheets: per-candidate statistics, expert calibration,
// outliers, ranking, the score matrix, expert leniency, progress and sheet validation.
// Pure functions: no database, no Svelte, no I/O. Same input → same output, in the same order.
// Small statistics live in statistics.ts, outlier detection in outliers.ts, sheet validation in score-sheet.ts.
import { EPS, groupBy, mean, median, stdDev, sum, trimmedMean } from './statistics';
import { findOutliers, type Outlier } from './outliers';

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

// ---------- leniency, progress ----------

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
