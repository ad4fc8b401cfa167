// The chair's home (评审组概览; the organizer's 评审进度): the review rounds with their progress and
// life cycle, a form for a new round, and the panels with their experts below.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb, type DB } from '$lib/server/db';
import { roundCandidates, sheets } from '$lib/server/db/schema';
import { campaignCounts, panelsWithMembers } from '$lib/server/services/overview';
import {
	listRounds,
	missingSheets,
	missingText,
	roundDefaults,
	roundPairs,
	type RoundRow
} from '$lib/server/services/rounds';
import { pairKey } from '$lib/server/services/conflicts';
import type { CampaignConfig } from '$lib/domain/types';
import type { RoundSummary } from '$lib/components/rounds/format';
import { roundActions } from '../rounds/round-forms.server';

async function progressOf(db: DB, round: RoundRow): Promise<{ done: number; total: number } | null> {
	if (round.state === 'draft') return null;
	const pairs = await roundPairs(db, round);
	const submitted = new Set(
		(
			await db
				.select({ e: sheets.expertId, c: sheets.candidateId })
				.from(sheets)
				.where(and(eq(sheets.roundId, round.id), eq(sheets.status, 'submitted')))
		).map((s) => pairKey(s.e, s.c))
	);
	return { done: pairs.filter((p) => submitted.has(pairKey(p.expertId, p.candidateId))).length, total: pairs.length };
}

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const counts = await campaignCounts(db, campaign.id);
	const list = await listRounds(db, campaign.id);
	const sizes = list.length
		? await db
				.select({ roundId: roundCandidates.roundId, n: sql<number>`count(*)` })
				.from(roundCandidates)
				.where(
					inArray(
						roundCandidates.roundId,
						list.map((r) => r.id)
					)
				)
				.groupBy(roundCandidates.roundId)
		: [];
	const sizeOf = new Map(sizes.map((s) => [s.roundId, Number(s.n)]));
	const rounds: RoundSummary[] = [];
	for (const r of list)
		rounds.push({
			id: r.id,
			seq: r.seq,
			name: r.name,
			type: r.type,
			state: r.state,
			reviewers: r.reviewers,
			aggregation: r.aggregation,
			threshold: (r.threshold as { num: number; den: number } | null) ?? null,
			deadline: r.deadline,
			candidates: sizeOf.get(r.id) ?? 0,
			progress: await progressOf(db, r),
			missing: r.state === 'open' ? missingText(await missingSheets(db, r)) : null
		});
	return {
		rounds,
		rubric: (campaign.config as CampaignConfig).rubric ?? [],
		panels: await panelsWithMembers(db, campaign.id),
		byField: counts.byField,
		roundDefaults: await roundDefaults(db, campaign.id)
	};
};

export const actions: Actions = { ...roundActions };
