// The expert's side: their roster row, their tasks and the anonymized dossiers they may open.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, campaigns, candidates, experts } from '../db/schema';
import { blockedPairs, pairKey } from './conflicts';
import { recordOf } from './candidates';
import { buildDossier, expertDossier } from '../../domain/anonymize';
import type { CampaignConfig } from '../../domain/types';
import { compareCodes } from '../../domain/aggregation';

export async function expertOfUser(db: DB, campaignId: string, userId: string) {
	return (await db.select().from(experts).where(and(eq(experts.campaignId, campaignId), eq(experts.userId, userId))))[0] ?? null;
}

export interface Task {
	candidateId: string;
	code: string;
	field: string;
}

/** Published, non-conflicted assignments of an expert, in review-code order. */
export async function expertTasks(db: DB, campaignId: string, expertId: string): Promise<Task[]> {
	const rows = await db
		.select({ candidateId: candidates.id, code: candidates.reviewCode, field: candidates.field })
		.from(assignments)
		.innerJoin(candidates, eq(candidates.id, assignments.candidateId))
		.where(and(eq(assignments.campaignId, campaignId), eq(assignments.expertId, expertId), eq(assignments.state, 'published')));
	const blocked = await blockedPairs(db, campaignId);
	return rows
		.filter((r) => !blocked.has(pairKey(expertId, r.candidateId)))
		.map((r) => ({ candidateId: r.candidateId, code: r.code ?? '', field: r.field ?? '' }))
		.sort((a, b) => compareCodes(a.code, b.code));
}

/**
 * The dossier behind a review code, only when the expert holds a published assignment to it and
 * no tie blocks the pair; otherwise null, which every route turns into the same 404.
 */
export async function dossierForExpert(db: DB, campaignId: string, expertId: string, code: string) {
	const tasks = await expertTasks(db, campaignId, expertId);
	const index = tasks.findIndex((t) => t.code === code);
	if (index < 0) return null;
	const task = tasks[index];
	const row = (await db.select().from(candidates).where(and(eq(candidates.id, task.candidateId), eq(candidates.campaignId, campaignId))))[0];
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!row || !campaign) return null;
	const config = campaign.config as CampaignConfig;
	const manual = (row.redactions as { add: string[]; remove: string[] } | null) ?? undefined;
	const dossier = expertDossier(buildDossier(recordOf(row), { code, referenceDate: config.referenceDate, manual }));
	return {
		candidateId: row.id,
		dossier,
		prev: index > 0 ? tasks[index - 1].code : null,
		next: index < tasks.length - 1 ? tasks[index + 1].code : null,
		position: index + 1,
		total: tasks.length
	};
}
