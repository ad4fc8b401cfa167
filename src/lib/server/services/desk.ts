// The expert's side: their roster row, their tasks per open round and the anonymized dossiers they
// may open. Nothing here reads another expert's sheet or any aggregate: the desk never needs them.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, campaigns, candidates, experts, sheets } from '../db/schema';
import { blockedPairs, isBlocked, pairKey } from './conflicts';
import { getRound, listRounds, roundPairs, type RoundRow } from './rounds';
import { getSheet, yesVotesCast, type SheetRow } from './sheets';
import { expertView } from './dossiers';
import type { CampaignConfig, RubricCriterion } from '../../domain/types';
import { compareCodes } from '../../domain/review/aggregation';
import { TASK_STATUS_LABELS, type DeskRound, type OwnSheet, type TaskStatus } from '../../components/desk/types';

export async function expertOfUser(db: DB, campaignId: string, userId: string) {
	return (
		(
			await db
				.select()
				.from(experts)
				.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, userId)))
		)[0] ?? null
	);
}

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
		.sort((a, b) => compareCodes(a.code, b.code));
}

export { TASK_STATUS_LABELS };
export type { TaskStatus, DeskRound, OwnSheet };

export interface RoundTask extends Task {
	status: TaskStatus;
}

export interface RoundTasks {
	round: RoundRow;
	tasks: RoundTask[];
	counts: Record<TaskStatus, number>;
	/** vote rounds: 赞成 the expert has submitted (for the 限额投票 countdown) */
	yesCast: number;
}

function statusOf(s: Pick<SheetRow, 'status' | 'rescoreRequested'> | undefined): TaskStatus {
	if (!s) return 'not_started';
	if (s.status === 'submitted') return 'submitted';
	return s.rescoreRequested ? 'rescore' : 'draft';
}

/** The expert's tasks in one round: their pairs of the round, with their own sheet's status. */
async function tasksInRound(db: DB, round: RoundRow, expertId: string): Promise<RoundTask[]> {
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
		.sort((a, b) => compareCodes(a.code, b.code));
}

/** Every open round in which the expert has something to review, in round order. */
export async function expertRoundTasks(db: DB, campaignId: string, expertId: string): Promise<RoundTasks[]> {
	const open = (await listRounds(db, campaignId)).filter((r) => r.state === 'open');
	const out: RoundTasks[] = [];
	for (const round of open) {
		const tasks = await tasksInRound(db, round, expertId);
		if (!tasks.length) continue;
		const counts: Record<TaskStatus, number> = { submitted: 0, draft: 0, not_started: 0, rescore: 0 };
		for (const t of tasks) counts[t.status]++;
		const yesCast = round.type === 'vote' && round.maxYes != null ? await yesVotesCast(db, round.id, expertId) : 0;
		out.push({ round, tasks, counts, yesCast });
	}
	return out;
}

/** What the desk shows of a round: no results, no other experts, only how to review. */
export function deskRound(r: RoundRow, yesCast = 0): DeskRound {
	return {
		// 限额投票: the cap and the 赞成 already submitted (elsewhere than the dossier at hand)
		maxYes: r.type === 'vote' ? r.maxYes : null,
		yesCast,
		id: r.id,
		seq: r.seq,
		name: r.name,
		type: r.type,
		state: r.state,
		deadline: r.deadline,
		rubric: r.type === 'score' ? ((r.rubric ?? []) as RubricCriterion[]) : []
	};
}

/** The expert's own sheet only, as the desk needs it. */
function ownSheet(s: SheetRow | null): OwnSheet | null {
	if (!s || s.status === 'withdrawn') return null;
	const raw = (s.values ?? {}) as Record<string, unknown>;
	const values: Record<string, number> = {};
	for (const [k, v] of Object.entries(raw)) if (typeof v === 'number') values[k] = v;
	return {
		version: s.version,
		status: s.status,
		values,
		choice: s.choice,
		comment: s.comment ?? '',
		rescoreRequested: s.rescoreRequested,
		rescoreBy: s.rescoreBy,
		updatedAt: s.updatedAt,
		submittedAt: s.submittedAt
	};
}

/** Stands for an unknown code, so that it takes the same path as a known one (matches no row). */
const NO_CANDIDATE = '\u0000no-candidate';

/**
 * Where a candidate may be opened: in an open round the expert reviews it in (the given round,
 * else the first such), or — for reading only — under a published assignment. Null otherwise.
 *
 * The work does not depend on the answer: every open round's task list, the published
 * assignments, the pair's ties and the pair's sheets are read for an unknown code (dummy id), an
 * unassigned one and a conflicted one alike, in the same order, and only then is the answer
 * chosen. So neither the queries nor the time tell the three apart.
 */
async function accessFor(db: DB, campaignId: string, expertId: string, candidateId: string, roundId?: string) {
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

/**
 * The dossier behind a review code, only when the expert reviews the candidate in an open round
 * or holds a published assignment to it, and no tie blocks the pair; otherwise null, which every
 * route turns into the same 404. With a round, prev/next walk that round's task list.
 */
export async function dossierForExpert(db: DB, campaignId: string, expertId: string, code: string, roundId?: string) {
	const row = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.reviewCode, code)))
	)[0];
	const access = await accessFor(db, campaignId, expertId, row?.id ?? NO_CANDIDATE, roundId);
	if (!row || !access) return null;
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return null;
	const config = campaign.config as CampaignConfig;
	const dossier = expertView(row, config, code);
	const { tasks } = access;
	const index = tasks.findIndex((t) => t.candidateId === row.id);
	const r = access.round;
	const yesCast = r && r.type === 'vote' && r.maxYes != null ? await yesVotesCast(db, r.id, expertId, row.id) : 0;
	return {
		candidateId: row.id,
		dossier,
		round: r ? deskRound(r, yesCast) : null,
		roundRow: access.round,
		sheet: ownSheet(access.sheet),
		prev: index > 0 ? tasks[index - 1].code : null,
		next: index >= 0 && index < tasks.length - 1 ? tasks[index + 1].code : null,
		position: index + 1,
		total: tasks.length
	};
}

/**
 * The round and candidate a save names. Whether the expert may save there is the service's
 * decision (saveSheet reads the round's state fresh and checks the pair), so this only resolves.
 */
export async function saveTarget(db: DB, campaignId: string, roundId: string, code: string) {
	const round = roundId ? await getRound(db, campaignId, roundId) : null;
	const c = (
		await db
			.select({ id: candidates.id })
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.reviewCode, code)))
	)[0];
	// An unknown code goes on as a candidate no one reviews, so that saveSheet refuses it with the
	// very answer it gives for a code that exists but is not the expert's.
	return round ? { round, candidateId: c?.id ?? NO_CANDIDATE } : null;
}
