// The numbers behind the charts (and the tables beside them): review progress over time, the
// score distribution of each round by panel, each expert's leniency, and the balance of the
// final list against each target. Read-only.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DB } from '../db';
import { rounds, sheets } from '../db/schema';
import { blockedPairs, pairKey } from './conflicts';
import { listRounds } from './rounds';
import { campaignReviewedScope, roundCandidateIds, roundPairsWith } from './round-pairs';
import type { RoundResults } from './results';
import { memoizedCampaignView } from './results-cache';
import type { SelectionInput, SelectionOutcome } from './selection-solve';
import { describeRule, isMember, resolveRules, type SelectionCandidate } from '../../domain/selection';
import { plainByTier } from '../../domain/selection/plain';

const DAY_MS = 86_400_000;
/** Review offices work on Beijing time: a sheet submitted at 23:30 UTC belongs to the next day. */
const BEIJING_OFFSET_MINUTES = 8 * 60;

export interface RoundProgressSeries {
	roundId: string;
	name: string;
	/** sheets the round expects (its pairs, blocked pairs left out) */
	expected: number;
	submitted: number;
	/** submitted sheets per day of `days` */
	daily: number[];
	/** running total per day of `days` */
	cumulative: number[];
}

export interface ProgressOverTime {
	/** every day from the first submission to the last, YYYY-MM-DD (local), gaps included */
	days: string[];
	rounds: RoundProgressSeries[];
}

function localDay(ms: number, offsetMinutes: number): string {
	return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function dayRange(first: string, last: string): string[] {
	const out: string[] = [];
	for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += DAY_MS)
		out.push(new Date(t).toISOString().slice(0, 10));
	return out;
}

/**
 * Submitted sheets per day and cumulatively, one series per round that has started. A sheet
 * counts on the day of its (latest) submission; drafts, withdrawn sheets and pairs blocked by a
 * conflict do not count, as in the round results.
 */
export async function progressOverTime(
	db: DB,
	campaignId: string,
	opts: { offsetMinutes?: number } = {}
): Promise<ProgressOverTime> {
	const offset = opts.offsetMinutes ?? BEIJING_OFFSET_MINUTES;
	// Unchanged until a sheet, round, assignment or tie of the campaign changes (results-cache.ts).
	return memoizedCampaignView(db, campaignId, `progress-over-time@${offset}`, () =>
		computeProgressOverTime(db, campaignId, offset)
	);
}

async function computeProgressOverTime(db: DB, campaignId: string, offset: number): Promise<ProgressOverTime> {
	const rows = await db
		.select({
			roundId: sheets.roundId,
			expertId: sheets.expertId,
			candidateId: sheets.candidateId,
			at: sheets.submittedAt
		})
		.from(sheets)
		.innerJoin(rounds, eq(rounds.id, sheets.roundId))
		.where(and(eq(rounds.campaignId, campaignId), eq(sheets.status, 'submitted'), isNotNull(sheets.submittedAt)));
	const all = await listRounds(db, campaignId);
	const blocked = await blockedPairs(db, campaignId, campaignReviewedScope(all));
	const counted = rows.filter((r) => !blocked.has(pairKey(r.expertId, r.candidateId)));
	const dayOf = counted.map((r) => localDay(r.at!, offset));
	const sorted = [...new Set(dayOf)].sort();
	const days = sorted.length ? dayRange(sorted[0], sorted[sorted.length - 1]) : [];
	const index = new Map(days.map((d, i) => [d, i]));
	const series: RoundProgressSeries[] = [];
	for (const round of all) {
		const mine = counted.map((r, i) => [r, dayOf[i]] as const).filter(([r]) => r.roundId === round.id);
		if (round.state === 'draft' && !mine.length) continue;
		const daily = days.map(() => 0);
		for (const [, d] of mine) daily[index.get(d)!]++;
		let run = 0;
		const cumulative = daily.map((n) => (run += n));
		series.push({
			roundId: round.id,
			name: round.name,
			// blocked is the campaign's, read once above: one read per view, not one per round
			expected: (await roundPairsWith(db, round, await roundCandidateIds(db, round.id), blocked)).length,
			submitted: mine.length,
			daily,
			cumulative
		});
	}
	return { days, rounds: series };
}

// ---------------------------------------------------------------- score distribution

export interface ScoreHistogram {
	roundId: string;
	name: string;
	scale: number;
	/** bins [from, to); the last one includes `scale` */
	bins: { from: number; to: number; label: string }[];
	/** candidates per bin, one row per panel (field or group) */
	panels: { name: string; counts: number[]; n: number }[];
	totals: number[];
}

const fmt = (x: number) => String(Math.round(x * 10) / 10);

/** Candidates' round scores (the ranking value) in bins of scale/20 (5 points out of 100), by panel. */
export function scoreHistogram(results: RoundResults, fieldOrder: readonly string[] = []): ScoreHistogram {
	const scale = results.scale;
	const width = scale / 20;
	const values = results.aggregates.map((a) => ({ field: a.field || '未分组', v: a.value }));
	const top = Math.ceil(scale / width) - 1;
	const binOf = (v: number) => Math.max(0, Math.min(top, Math.floor(v / width + 1e-9)));
	const lo = values.length ? Math.min(...values.map((x) => binOf(x.v))) : 0;
	const hi = values.length ? Math.max(...values.map((x) => binOf(x.v))) : -1;
	const bins: ScoreHistogram['bins'] = [];
	for (let b = lo; b <= hi; b++) {
		const from = b * width;
		const to = b === top ? scale : (b + 1) * width;
		bins.push({ from, to, label: `${fmt(from)}–${fmt(to)}` });
	}
	const fields = [...new Set(values.map((x) => x.field))].sort((a, b) => {
		const ia = fieldOrder.indexOf(a);
		const ib = fieldOrder.indexOf(b);
		return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || (a < b ? -1 : 1);
	});
	const panels = fields.map((name) => {
		const counts = bins.map(() => 0);
		for (const x of values) if (x.field === name) counts[binOf(x.v) - lo]++;
		return { name, counts, n: counts.reduce((s, c) => s + c, 0) };
	});
	const totals = bins.map((_, i) => panels.reduce((s, p) => s + p.counts[i], 0));
	return { roundId: results.round.id, name: results.round.name, scale, bins, panels, totals };
}

// ---------------------------------------------------------------- the final list

export interface BalanceRow {
	/** the Chinese wording of the target (its label, or a generated one) */
	label: string;
	/** the engine's English wording, as in the infeasible report (`youth ≥ 2`) */
	rule: string;
	kind: 'atLeast' | 'atMost';
	required: number;
	achieved: number;
	/** the same count in the plain score order (top N by score) */
	plain: number;
	ok: boolean;
}

export interface TierBalance {
	tier: string;
	size: number;
	rows: BalanceRow[];
}

/** Required vs achieved for every rule of every tier that has rules. */
export function selectionBalance(
	input: SelectionInput,
	outcome: Extract<SelectionOutcome, { ok: true }>
): TierBalance[] {
	const byId = new Map<string, SelectionCandidate>(input.pool.map((c) => [c.id, c]));
	const plain = plainByTier(input, outcome);
	const out: TierBalance[] = [];
	outcome.tiers.forEach((t, i) => {
		const spec = input.tiers[i];
		if (!spec?.rules) return;
		const rules = resolveRules({ seats: t.size, atLeast: spec.rules.atLeast ?? [], atMost: spec.rules.atMost ?? [] });
		const count = (ids: string[], r: (typeof rules)[number]) =>
			ids.filter((id) => byId.has(id) && isMember(r, byId.get(id)!)).length;
		out.push({
			tier: t.name,
			size: t.size,
			rows: rules.map((r) => {
				const achieved = count(t.selected, r);
				return {
					label: describeRule(r, 'zh'),
					rule: describeRule(r),
					kind: r.kind,
					required: r.count,
					achieved,
					plain: count(plain[i], r),
					ok: r.kind === 'atLeast' ? achieved >= r.count : achieved <= r.count
				};
			})
		});
	});
	return out;
}
