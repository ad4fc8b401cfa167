// Round results for the chair and organizer: aggregates, ranking, matrix, progress and votes.
// Only submitted sheets of pairs not blocked by a conflict count (a recusal withdraws them anyway).
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidateNotes, candidates, experts, roundCandidates, sheets } from '../db/schema';
import { blockedPairs, pairKey } from './conflicts';
import { newId } from './accounts';
import { audit, type Actor } from '../audit';
import { type RoundRow } from './rounds';
import { memoizedResults } from './results-cache';
import { reviewedScope, roundPairsWith, roundSheetStates } from './round-pairs';
import {
	aggregateRound,
	calibrateSheets,
	rankCandidates,
	expertLeniency,
	roundProgress,
	type CandidateAggregate,
	type ScoreEntry
} from '../../domain/review/aggregation';
import { tallyVotes, type VoteChoice, type VoteTally } from '../../domain/review/votes';
import { compareReviewCodes } from '../../shared/review-codes';

export interface CandidateInfo {
	id: string;
	code: string;
	field: string;
}

export interface ScoreCell {
	expertId: string;
	candidateId: string;
	raw: number;
	cal: number;
}

export interface RoundResults {
	round: RoundRow;
	candidates: CandidateInfo[];
	experts: { id: string; name: string }[];
	scale: number;
	aggregates: (CandidateAggregate & { rank: number; value: number; field: string; id: string })[];
	votes: (VoteTally & { rank: number; field: string; id: string })[];
	/**
	 * The submitted scores, one per sheet (sparse: a national round has 25,000 sheets, not
	 * 5,000 × 500 cells), raw and calibrated; empty for a ranking-only read and for vote rounds.
	 */
	cells: ScoreCell[];
	leniency: ReturnType<typeof expertLeniency>;
	progress: (ReturnType<typeof roundProgress>[number] & { name: string })[];
	pending: { expertId: string; candidateId: string; status: 'draft' | 'none' }[];
	notes: { candidateId: string; note: string; by: string; at: number }[];
}

function roundScale(round: Pick<RoundRow, 'rubric'>): number {
	return (round.rubric ?? []).reduce((s, c) => s + c.max, 0) || 100;
}

/**
 * The round's results. `ranking`: only what a ranking needs (aggregates or vote tallies), for callers
 * that never show the matrix, progress or notes (the selection reads two rounds on every view);
 * `leniency` adds the experts' leniency (the charts; no page but the charts shows it).
 */
export async function roundResults(
	db: DB,
	round: RoundRow,
	opts: { ranking?: boolean; leniency?: boolean } = {}
): Promise<RoundResults> {
	// Read-only to every caller (frozen): the same object may answer the next view.
	return memoizedResults(db, round, `${opts.ranking ? 'ranking' : 'full'}${opts.leniency ? '+leniency' : ''}`, () =>
		computeRoundResults(db, round, opts)
	);
}

/**
 * A page's view built from the round's full results (the printed matrix of 25,000 scores),
 * memoized with them: the results are read inside, so the view is never older than its key.
 */
export async function roundResultsView<T>(
	db: DB,
	round: RoundRow,
	view: string,
	build: (results: RoundResults) => T
): Promise<T> {
	return memoizedResults(db, round, `view:${view}`, async () => build(await roundResults(db, round)));
}

async function computeRoundResults(
	db: DB,
	round: RoundRow,
	opts: { ranking?: boolean; leniency?: boolean }
): Promise<RoundResults> {
	const cs = await db
		.select({ id: candidates.id, code: candidates.reviewCode, field: candidates.field })
		.from(candidates)
		.innerJoin(
			roundCandidates,
			and(eq(roundCandidates.roundId, round.id), eq(roundCandidates.candidateId, candidates.id))
		)
		.orderBy(candidates.id);
	const ids = cs.map((c) => c.id);
	const info: CandidateInfo[] = cs.map((c) => ({ id: c.id, code: c.code ?? c.id, field: c.field ?? '' }));
	const byId = new Map(info.map((c) => [c.id, c]));
	const byCode = new Map(info.map((c) => [c.code, c]));
	const ex = await db
		.select({ id: experts.id, name: experts.name })
		.from(experts)
		.where(eq(experts.campaignId, round.campaignId));
	const nameOf = new Map(ex.map((e) => [e.id, e.name]));
	// Read once, used by the sheets' filter and by the pairs alike.
	const blocked = await blockedPairs(db, round.campaignId, { candidateIds: ids, ...reviewedScope(round) });
	// The columns the results read: never the values or comments of thousands of sheets.
	// (most rounds have no blocked reviewed pair at all: then no key is built per sheet)
	const all = (await roundSheetStates(db, round.id)).filter(
		(s) =>
			s.status !== 'withdrawn' &&
			(!blocked.size || !blocked.has(pairKey(s.expertId, s.candidateId))) &&
			byId.has(s.candidateId)
	);
	const submitted = all.filter((s) => s.status === 'submitted');
	// A score ranking needs no pairs; the progress and a vote's “present” do.
	const needPairs = !opts.ranking || round.type === 'vote';
	const pairs = needPairs ? await roundPairsWith(db, round, ids, blocked) : [];
	const scale = roundScale(round);

	const progress = opts.ranking
		? []
		: roundProgress(
				pairs.map((p) => ({ expert: p.expertId, candidate: p.candidateId })),
				all.map((s) => ({ expert: s.expertId, candidate: s.candidateId, status: s.status as 'draft' | 'submitted' }))
			).map((p) => ({ ...p, name: nameOf.get(p.expert) ?? p.expert }));
	const statusOf = new Map(all.map((s) => [pairKey(s.expertId, s.candidateId), s.status]));
	const pending: RoundResults['pending'] = [];
	for (const p of pairs) {
		const st = statusOf.get(pairKey(p.expertId, p.candidateId));
		if (st !== 'submitted') pending.push({ ...p, status: st ? 'draft' : 'none' });
	}

	let aggregates: RoundResults['aggregates'] = [];
	let votes: RoundResults['votes'] = [];
	let cells: ScoreCell[] = [];
	let leniency: RoundResults['leniency'] = [];
	if (round.type === 'score') {
		// Experts appear by name in the matrix; the chair knows the panel, not the candidates.
		const entries: ScoreEntry[] = submitted
			.filter((s) => s.total !== null)
			.map((s) => ({
				expert: nameOf.get(s.expertId) ?? s.expertId,
				candidate: byId.get(s.candidateId)!.code,
				total: s.total!,
				panel: byId.get(s.candidateId)!.field
			}));
		const aggs = aggregateRound(entries, { max: scale });
		const ranked = rankCandidates(aggs, round.aggregation);
		const rankOf = new Map(ranked.map((r) => [r.candidate, r]));
		aggregates = aggs
			.map((a) => ({
				...a,
				rank: rankOf.get(a.candidate)!.rank,
				value: rankOf.get(a.candidate)!.value,
				field: byCode.get(a.candidate)!.field,
				id: byCode.get(a.candidate)!.id
			}))
			.sort((a, b) => a.rank - b.rank);
		if (!opts.ranking) {
			// entries are in the order of `submitted` (the total-less ones never reach the matrix)
			const scored = submitted.filter((s) => s.total !== null);
			cells = calibrateSheets(entries, { max: scale }).map((c, i) => ({
				expertId: scored[i].expertId,
				candidateId: scored[i].candidateId,
				raw: c.total,
				cal: c.calibrated
			}));
		}
		if (opts.leniency) leniency = expertLeniency(entries);
	} else {
		// Every candidate has a count, 0 when every reviewer is blocked (else tallyVotes throws).
		const present: Record<string, number> = Object.fromEntries(info.map((c) => [c.code, 0]));
		for (const p of pairs) {
			const code = byId.get(p.candidateId)?.code;
			if (code) present[code] = (present[code] ?? 0) + 1;
		}
		const tallies = tallyVotes(
			submitted
				.filter((s) => s.choice)
				.map((s) => ({ expert: s.expertId, candidate: byId.get(s.candidateId)!.code, choice: s.choice as VoteChoice })),
			{
				present,
				threshold: (round.threshold as { num: number; den: number }) ?? undefined,
				candidates: info.map((c) => c.code)
			}
		);
		votes = tallies
			.sort((a, b) => b.yes - a.yes || compareReviewCodes(a.candidate, b.candidate))
			.map((t, i) => ({
				...t,
				rank: i + 1,
				field: byCode.get(t.candidate)?.field ?? '',
				id: byCode.get(t.candidate)?.id ?? ''
			}));
	}
	const notes = opts.ranking
		? []
		: await db
				.select({
					candidateId: candidateNotes.candidateId,
					note: candidateNotes.note,
					by: candidateNotes.by,
					at: candidateNotes.at
				})
				.from(candidateNotes)
				.where(eq(candidateNotes.roundId, round.id))
				.orderBy(candidateNotes.at);
	return {
		round,
		candidates: info,
		experts: ex,
		scale,
		aggregates,
		votes,
		cells,
		leniency,
		progress,
		pending,
		notes
	};
}

export async function addNote(
	db: DB,
	actor: Actor,
	round: RoundRow,
	candidateId: string,
	note: string
): Promise<{ ok: boolean; message?: string }> {
	const text = note.trim();
	if (!text) return { ok: false, message: '备注不能为空' };
	if (text.length > 1000) return { ok: false, message: '备注过长（最多 1000 字）' };
	const c = await db
		.select({ id: candidates.id })
		.from(candidates)
		.where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, round.campaignId)));
	if (!c.length) return { ok: false, message: '没有找到该候选人' };
	await db.transaction(async (tx) => {
		const id = newId('n_');
		await tx
			.insert(candidateNotes)
			.values({ id, roundId: round.id, candidateId, note: text, by: actor.name, at: Date.now() });
		await audit(tx, actor, {
			campaignId: round.campaignId,
			action: 'note.add',
			entity: 'candidate',
			entityId: candidateId,
			after: { round: round.id, note: text }
		});
	});
	return { ok: true };
}

/** One expert's submitted sheet on a dossier, as the chair reads it: per-criterion scores and the comment. */
export interface SheetDetail {
	expertId: string;
	name: string;
	values: Record<string, number>;
	total: number | null;
	choice: string | null;
	comment: string;
}

/**
 * The submitted sheets on one candidate of a round, with the experts' comments (free text written by
 * experts: the caller shows them to the chair and the office only, never to another expert).
 */
export async function sheetDetails(db: DB, round: RoundRow, candidateId: string): Promise<SheetDetail[]> {
	// One candidate's ties through the index, not the campaign's hundreds of thousands.
	const blocked = await blockedPairs(db, round.campaignId, { candidateIds: [candidateId] });
	const rows = await db
		.select({ s: sheets, name: experts.name })
		.from(sheets)
		.innerJoin(experts, eq(experts.id, sheets.expertId))
		.where(and(eq(sheets.roundId, round.id), eq(sheets.candidateId, candidateId), eq(sheets.status, 'submitted')));
	return rows
		.filter((r) => !blocked.has(pairKey(r.s.expertId, candidateId)))
		.map((r) => ({
			expertId: r.s.expertId,
			name: r.name,
			values: round.type === 'score' ? ((r.s.values ?? {}) as Record<string, number>) : {},
			total: r.s.total,
			choice: r.s.choice,
			comment: r.s.comment ?? ''
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}
