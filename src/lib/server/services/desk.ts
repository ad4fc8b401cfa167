// The expert's side: their roster row, their tasks per open round and the anonymized dossiers they
// may open. Nothing here reads another expert's sheet or any aggregate: the desk never needs them.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, candidates, experts } from '../db/schema';
import { dossierAccess, NO_CANDIDATE, tasksInRound, type RoundTask } from './access';
import { listRounds, type RoundRow } from './rounds';
import { yesVotesCast, type SheetRow } from './sheets';
import { expertView } from './dossiers';
import { type TaskStatus } from '../../shared/labels/rounds';
import type { DeskRound, OwnSheet } from '../../shared/desk-views';

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

export type { TaskStatus, DeskRound, OwnSheet };

export interface RoundTasks {
	round: RoundRow;
	tasks: RoundTask[];
	counts: Record<TaskStatus, number>;
	/** vote rounds: 赞成 the expert has submitted (for the 限额投票 countdown) */
	yesCast: number;
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
		rubric: r.type === 'score' ? (r.rubric ?? []) : []
	};
}

/** The expert's own sheet only, as the desk needs it. */
function ownSheet(s: SheetRow | null): OwnSheet | null {
	if (!s || s.status === 'withdrawn') return null;
	const raw = s.values ?? {};
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
	const access = await dossierAccess(db, campaignId, expertId, row?.id ?? NO_CANDIDATE, roundId);
	if (!row || !access) return null;
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return null;
	const config = campaign.config;
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
