// Who may see which pair: the one owner of "may this expert open this dossier / review this
// candidate". An expert sees a candidate's anonymized dossier only
//   - in an open round they review it in (roundPairs: assigned, panel or all, per the round), or
//   - for reading, under a published assignment,
// and never when a tie blocks the pair (a confirmed conflict, a recusal, chairing its panel).
// The desk's pages (tasks, dossier), the save path (saveSheet) and the services call these; the
// office and the CLI (`laurel dossier`) read dossiers without them, as the office sees everything.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, experts, panelMembers, panels, roundCandidates, sheets } from '../db/schema';
import { blockedPairs, isBlocked, pairKey } from './conflicts';
import { listRounds, type RoundRow } from './rounds';
import { roundPairs } from './round-pairs';
import type { Tx } from './candidates';
import { compareReviewCodes } from '../../shared/review-codes';
import type { TaskStatus } from '../../shared/labels/rounds';

type SheetRow = typeof sheets.$inferSelect;

export interface Task {
	candidateId: string;
	code: string;
	field: string;
}

/** Published, non-conflicted assignments of an expert, in review-code order (reading before a round opens). */
export async function expertTasks(db: DB, campaignId: string, expertId: string): Promise<Task[]> {
	const rows = await db
		.select({ candidateId: candidates.id, code: candidates.reviewCode, field: candidates.field })
		.from(assignments)
		.innerJoin(candidates, eq(candidates.id, assignments.candidateId))
		.where(
			and(
				eq(assignments.campaignId, campaignId),
				eq(assignments.expertId, expertId),
				eq(assignments.state, 'published')
			)
		);
	const blocked = await blockedPairs(db, campaignId, { expertId });
	return rows
		.filter((r) => !blocked.has(pairKey(expertId, r.candidateId)))
		.map((r) => ({ candidateId: r.candidateId, code: r.code ?? '', field: r.field ?? '' }))
		.sort((a, b) => compareReviewCodes(a.code, b.code));
}

export interface RoundTask extends Task {
	status: TaskStatus;
}

function statusOf(s: Pick<SheetRow, 'status' | 'rescoreRequested'> | undefined): TaskStatus {
	if (!s) return 'not_started';
	if (s.status === 'submitted') return 'submitted';
	return s.rescoreRequested ? 'rescore' : 'draft';
}

/** The expert's tasks in one round: their pairs of the round, with their own sheet's status. */
export async function tasksInRound(db: DB, round: RoundRow, expertId: string): Promise<RoundTask[]> {
	const ids = (await roundPairs(db, round, expertId)).map((p) => p.candidateId);
	if (!ids.length) return [];
	const cs = await db
		.select({ id: candidates.id, code: candidates.reviewCode, field: candidates.field })
		.from(candidates)
		.where(inArray(candidates.id, ids));
	const own = await db
		.select({ candidateId: sheets.candidateId, status: sheets.status, rescoreRequested: sheets.rescoreRequested })
		.from(sheets)
		.where(and(eq(sheets.roundId, round.id), eq(sheets.expertId, expertId)));
	const byCandidate = new Map(own.map((s) => [s.candidateId, s]));
	return cs
		.filter((c) => byCandidate.get(c.id)?.status !== 'withdrawn') // a withdrawn sheet cannot be saved again
		.map((c) => ({
			candidateId: c.id,
			code: c.code ?? '',
			field: c.field ?? '',
			status: statusOf(byCandidate.get(c.id))
		}))
		.sort((a, b) => compareReviewCodes(a.code, b.code));
}

/** The expert's own sheet on a pair: what the desk shows under this rule and the save path starts from. */
export async function getSheet(
	db: DB | Tx,
	roundId: string,
	expertId: string,
	candidateId: string
): Promise<SheetRow | null> {
	return (
		(
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.roundId, roundId), eq(sheets.expertId, expertId), eq(sheets.candidateId, candidateId)))
		)[0] ?? null
	);
}

/** Whether an expert reviews a candidate in the round: a few indexed look-ups, run on every save. */
export async function reviewsInRound(
	db: DB | Tx,
	round: RoundRow,
	expertId: string,
	candidateId: string
): Promise<boolean> {
	const inRound = await db
		.select({ c: roundCandidates.candidateId })
		.from(roundCandidates)
		.where(and(eq(roundCandidates.roundId, round.id), eq(roundCandidates.candidateId, candidateId)));
	if (!inRound.length) return false;
	if (await isBlocked(db, expertId, candidateId)) return false;
	if (round.reviewers === 'assigned') {
		const a = await db
			.select({ e: assignments.expertId })
			.from(assignments)
			.where(
				and(
					eq(assignments.campaignId, round.campaignId),
					eq(assignments.expertId, expertId),
					eq(assignments.candidateId, candidateId),
					eq(assignments.state, 'published')
				)
			);
		return a.length > 0;
	}
	const e = await db
		.select({ id: experts.id })
		.from(experts)
		.where(and(eq(experts.id, expertId), eq(experts.campaignId, round.campaignId)));
	if (!e.length) return false;
	if (round.reviewers === 'all') return true;
	const c = (await db.select({ field: candidates.field }).from(candidates).where(eq(candidates.id, candidateId)))[0];
	const m = await db
		.select({ f: panels.field })
		.from(panelMembers)
		.innerJoin(panels, eq(panels.id, panelMembers.panelId))
		.where(and(eq(panelMembers.expertId, expertId), eq(panels.campaignId, round.campaignId)));
	return !!c && m.some((x) => x.f === c.field);
}

/** Stands for an unknown code, so that it takes the same path as a known one (matches no row). */
export const NO_CANDIDATE = '\u0000no-candidate';

/**
 * THE dossier rule. Where a candidate may be opened: in an open round the expert reviews it in (the given round,
 * else the first such), or — for reading only — under a published assignment. Null otherwise.
 *
 * The work does not depend on the answer: every open round's task list, the published
 * assignments, the pair's ties and the pair's sheets are read for an unknown code (dummy id), an
 * unassigned one and a conflicted one alike, in the same order, and only then is the answer
 * chosen. So neither the queries nor the time tell the three apart.
 */
export async function dossierAccess(
	db: DB,
	campaignId: string,
	expertId: string,
	candidateId: string,
	roundId?: string
) {
	const open = (await listRounds(db, campaignId)).filter((r) => r.state === 'open');
	const perRound: { round: RoundRow; tasks: RoundTask[]; sheet: SheetRow | null }[] = [];
	for (const round of open) {
		const tasks = await tasksInRound(db, round, expertId);
		const sheet = await getSheet(db, round.id, expertId, candidateId);
		perRound.push({ round, tasks, sheet });
	}
	const reading = await expertTasks(db, campaignId, expertId);
	const blocked = await isBlocked(db, expertId, candidateId);
	if (blocked) return null;
	// tasksInRound leaves out blocked pairs and withdrawn sheets already.
	const usable = perRound.filter((r) => r.tasks.some((t) => t.candidateId === candidateId));
	const chosen = usable.find((r) => r.round.id === roundId) ?? usable[0];
	if (chosen) return { round: chosen.round, sheet: chosen.sheet, tasks: chosen.tasks };
	if (reading.some((t) => t.candidateId === candidateId)) return { round: null, sheet: null, tasks: reading };
	return null;
}
