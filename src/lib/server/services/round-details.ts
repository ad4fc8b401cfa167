// Per-round figures the chair's pages show beside the results: how many dossiers a round holds,
// the open rescore requests and the manual entries (submitted pairs: panel-progress.ts).
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { roundCandidates, sheets } from '../db/schema';

/** roundId → number of dossiers in the round. */
export async function roundSizes(db: DB, roundIds: string[]): Promise<Map<string, number>> {
	if (!roundIds.length) return new Map();
	const sizes = await db
		.select({ roundId: roundCandidates.roundId, n: sql<number>`count(*)` })
		.from(roundCandidates)
		.where(inArray(roundCandidates.roundId, roundIds))
		.groupBy(roundCandidates.roundId);
	return new Map(sizes.map((s) => [s.roundId, Number(s.n)]));
}

/** Rescore requests the expert has not answered yet (the sheet is back in draft). */
export async function openRescoreRequests(
	db: DB,
	roundId: string
): Promise<{ expertId: string; candidateId: string; message: string }[]> {
	const rows = await db
		.select({
			expertId: sheets.expertId,
			candidateId: sheets.candidateId,
			message: sheets.rescoreRequested,
			status: sheets.status
		})
		.from(sheets)
		.where(and(eq(sheets.roundId, roundId), isNotNull(sheets.rescoreRequested)));
	return rows
		.filter((s) => s.status === 'draft')
		.map((s) => ({ expertId: s.expertId, candidateId: s.candidateId, message: s.message ?? '' }));
}

/** How each dossier entered the round ('manual' with the chair's reason, or by the rules). */
export async function roundEntries(db: DB, roundId: string) {
	return db
		.select({ how: roundCandidates.how, reason: roundCandidates.reason })
		.from(roundCandidates)
		.where(eq(roundCandidates.roundId, roundId));
}
