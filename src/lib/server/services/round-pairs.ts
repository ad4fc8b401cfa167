// Who reviews what in a round: its candidates, its (expert, candidate) pairs with blocked pairs left
// out, whether one expert reviews one candidate, who nobody may review, and the sheets still missing.
// Split from rounds.ts, which re-exports all of it.
import { compareReviewCodes } from '../../shared/review-codes';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, experts, panelMembers, panels, roundCandidates, sheets } from '../db/schema';
import { blockedPairs, pairKey } from './conflicts';
import type { Tx } from './candidates';
import type { RoundRow } from './rounds';

/** A candidate of the round whom nobody may review: no assignment, no panel, or every reviewer conflicted. */
export interface Uncovered {
	id: string;
	code: string;
	name: string;
}

/** Candidates of the round without a single eligible reviewer (roundPairs already leaves out blocked pairs). */
export async function uncoveredCandidates(db: DB | Tx, round: RoundRow): Promise<Uncovered[]> {
	const ids = await roundCandidateIds(db, round.id);
	if (!ids.length) return [];
	const covered = new Set((await roundPairs(db, round)).map((p) => p.candidateId));
	const missing = ids.filter((id) => !covered.has(id));
	if (!missing.length) return [];
	const rows = await db
		.select({ id: candidates.id, code: candidates.reviewCode, name: candidates.name })
		.from(candidates)
		.where(inArray(candidates.id, missing));
	return rows
		.map((r) => ({ id: r.id, code: r.code ?? r.id, name: r.name }))
		.sort((a, b) => compareReviewCodes(a.code, b.code));
}

/** Sheets not submitted in a round, per expert (by name), the most missing first. */
export interface MissingSheets {
	total: number;
	experts: { expertId: string; name: string; missing: number }[];
}

/** The pairs (pairKey) whose sheet of the round is submitted. */
export async function submittedPairs(db: DB | Tx, roundId: string): Promise<Set<string>> {
	const rows = await db
		.select({ e: sheets.expertId, c: sheets.candidateId })
		.from(sheets)
		.where(and(eq(sheets.roundId, roundId), eq(sheets.status, 'submitted')));
	return new Set(rows.map((s) => pairKey(s.e, s.c)));
}

export async function missingSheets(db: DB | Tx, round: RoundRow): Promise<MissingSheets> {
	const pairs = await roundPairs(db, round);
	const done = await submittedPairs(db, round.id);
	const per = new Map<string, number>();
	for (const p of pairs)
		if (!done.has(pairKey(p.expertId, p.candidateId))) per.set(p.expertId, (per.get(p.expertId) ?? 0) + 1);
	if (!per.size) return { total: 0, experts: [] };
	const names = new Map(
		(
			await db
				.select({ id: experts.id, name: experts.name })
				.from(experts)
				.where(inArray(experts.id, [...per.keys()]))
		).map((e) => [e.id, e.name])
	);
	const list = [...per].map(([expertId, missing]) => ({ expertId, name: names.get(expertId) ?? expertId, missing }));
	list.sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name, 'zh'));
	return { total: list.reduce((s, e) => s + e.missing, 0), experts: list };
}

/** “缺 5 份评分：张三 3 份、李四 2 份” — empty when nothing is missing. */
export function missingText(m: MissingSheets): string {
	if (!m.total) return '';
	const who = m.experts.map((e) => `${e.name} ${e.missing} 份`);
	return `缺 ${m.total} 份评分：${who.length > 12 ? `${who.slice(0, 12).join('、')} 等 ${who.length} 位专家` : who.join('、')}`;
}

export async function roundCandidateIds(db: DB | Tx, roundId: string): Promise<string[]> {
	return (
		await db
			.select({ id: roundCandidates.candidateId })
			.from(roundCandidates)
			.where(eq(roundCandidates.roundId, roundId))
	).map((r) => r.id);
}

/** Every (expert, candidate) pair to review in the round, blocked pairs left out; one expert's only when given. */
export async function roundPairs(
	db: DB | Tx,
	round: RoundRow,
	expertId?: string
): Promise<{ expertId: string; candidateId: string }[]> {
	const ids = await roundCandidateIds(db, round.id);
	if (!ids.length) return [];
	const blocked = await blockedPairs(db, round.campaignId, { expertId, candidateIds: ids, ...reviewedScope(round) });
	return roundPairsWith(db, round, ids, blocked, expertId);
}

/** A round by assignment reviews assigned pairs only: the ties of other pairs need not be read. */
export function reviewedScope(round: Pick<RoundRow, 'id' | 'reviewers'>): { reviewedIn?: string[] } {
	return round.reviewers === 'assigned' ? { reviewedIn: [round.id] } : {};
}

/**
 * The same for a view over every round of a campaign (progress, charts): when every round goes by
 * assignment, only the ties of reviewed pairs can block a counted pair.
 */
export function campaignReviewedScope(rounds: Pick<RoundRow, 'id' | 'reviewers'>[]): { reviewedIn?: string[] } {
	return rounds.length && rounds.every((r) => r.reviewers === 'assigned')
		? { reviewedIn: rounds.map((r) => r.id) }
		: {};
}

/**
 * roundPairs for a caller that already holds the round's candidates and the blocked pairs (the
 * results read both anyway): the whole round is then read once per view, not once per use.
 */
export async function roundPairsWith(
	db: DB | Tx,
	round: RoundRow,
	ids: string[],
	blocked: Set<string>,
	expertId?: string
): Promise<{ expertId: string; candidateId: string }[]> {
	if (!ids.length) return [];
	let pairs: { expertId: string; candidateId: string }[] = [];
	if (round.reviewers === 'assigned' && !expertId) {
		// The round's candidates by join, not by a list of thousands of ids; one row per dossier
		// (group_concat, see roundSheetStates).
		const rows = await db.all<{ c: string; e: string }>(
			sql`select ${assignments.candidateId} as c, group_concat(${assignments.expertId}, char(30)) as e from ${assignments} inner join ${roundCandidates} on ${roundCandidates.roundId} = ${round.id} and ${roundCandidates.candidateId} = ${assignments.candidateId} where ${assignments.campaignId} = ${round.campaignId} and ${assignments.state} = 'published' group by ${assignments.candidateId}`
		);
		for (const r of rows) for (const e of r.e.split(RS)) pairs.push({ expertId: e, candidateId: r.c });
	} else if (round.reviewers === 'assigned') {
		pairs = await db
			.select({ expertId: assignments.expertId, candidateId: assignments.candidateId })
			.from(assignments)
			.innerJoin(
				roundCandidates,
				and(eq(roundCandidates.roundId, round.id), eq(roundCandidates.candidateId, assignments.candidateId))
			)
			.where(
				and(
					eq(assignments.campaignId, round.campaignId),
					eq(assignments.state, 'published'),
					eq(assignments.expertId, expertId!)
				)
			);
	} else if (round.reviewers === 'all') {
		const ex = await db
			.select({ id: experts.id })
			.from(experts)
			.where(and(eq(experts.campaignId, round.campaignId), expertId ? eq(experts.id, expertId) : undefined));
		for (const c of ids) for (const e of ex) pairs.push({ expertId: e.id, candidateId: c });
	} else {
		const cs = await db
			.select({ id: candidates.id, field: candidates.field })
			.from(candidates)
			.innerJoin(
				roundCandidates,
				and(eq(roundCandidates.roundId, round.id), eq(roundCandidates.candidateId, candidates.id))
			);
		const pm = await db
			.select({ expertId: panelMembers.expertId, field: panels.field })
			.from(panelMembers)
			.innerJoin(panels, eq(panels.id, panelMembers.panelId))
			.where(and(eq(panels.campaignId, round.campaignId), expertId ? eq(panelMembers.expertId, expertId) : undefined));
		for (const c of cs)
			for (const m of pm) if (m.field === c.field) pairs.push({ expertId: m.expertId, candidateId: c.id });
	}
	return pairs.filter((p) => !blocked.has(pairKey(p.expertId, p.candidateId)));
}

// Unit and record separators: never in an id, a status, a number or a vote choice.
const US = '\u001f';
const RS = '\u001e';

/** One sheet as the round's views read it: no values, no comment. */
export interface SheetState {
	expertId: string;
	candidateId: string;
	status: string;
	total: number | null;
	choice: string | null;
}

/**
 * The round's sheets, one SQL row per dossier (group_concat): a national round has 25,000 sheets
 * and reading them as 25,000 rows of five values costs three times as much as 5,000 short strings.
 */
export async function roundSheetStates(
	db: DB | Tx,
	roundId: string,
	/** false: the status alone, no total and no choice ever leaves the database (the observer) */
	scores = true
): Promise<SheetState[]> {
	const one = scores
		? sql`${sheets.expertId} || char(31) || ${sheets.status} || char(31) || ifnull(${sheets.total}, '') || char(31) || ifnull(${sheets.choice}, '')`
		: sql`${sheets.expertId} || char(31) || ${sheets.status}`;
	const rows = await db.all<{ c: string; s: string }>(
		sql`select ${sheets.candidateId} as c, group_concat(${one}, char(30)) as s from ${sheets} where ${sheets.roundId} = ${roundId} group by ${sheets.candidateId}`
	);
	const out: SheetState[] = [];
	for (const r of rows)
		for (const one of r.s.split(RS)) {
			const [expertId, status, total, choice] = one.split(US);
			out.push({
				expertId,
				candidateId: r.c,
				status,
				total: total === '' ? null : Number(total),
				choice: choice || null
			});
		}
	return out;
}
