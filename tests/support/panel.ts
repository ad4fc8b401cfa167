// The setup the review-side server tests share on a seeded campaign (seedCampaign): a score round
// created and opened, one panel's experts, the candidates of its field none of them is tied to.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../../src/lib/server/db';
import { assignments, candidates, panelMembers, panels } from '../../src/lib/server/db/schema';
import { createRound, openRound, type RoundInput } from '../../src/lib/server/services/rounds';
import { blockedPairs, pairKey } from '../../src/lib/server/services/conflicts';
import type { Actor } from '../../src/lib/server/audit';
import type { AssignmentContext } from '../../src/lib/server/services/assignment';
import { leavesPanel, panelledFields } from '../../src/lib/domain/assignment/panels';

/** The reason the tests give for opening a round that leaves some candidates unreviewed. */
export const EXCLUDE_UNCOVERED = '测试：本组专家均须回避，无人可评';

/** A score round of the panels, created (and opened unless `open: false`); its id. */
export async function scoreRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: Partial<RoundInput> = {},
	{ open = true } = {}
): Promise<string> {
	const r = await createRound(db, actor, campaignId, { name: '初评', type: 'score', reviewers: 'panel', ...input });
	if (!r.ok) throw new Error(r.message);
	if (open) {
		const o = await openRound(db, actor, campaignId, r.id, { excludeUncovered: EXCLUDE_UNCOVERED });
		if (!o.ok) throw new Error(o.message);
	}
	return r.id;
}

/** The expert ids of the panel of `field`. */
export async function panelExperts(db: DB, campaignId: string, field = '前沿'): Promise<string[]> {
	const p = (
		await db
			.select()
			.from(panels)
			.where(and(eq(panels.campaignId, campaignId), eq(panels.field, field)))
	)[0];
	return (await db.select().from(panelMembers).where(eq(panelMembers.panelId, p.id))).map((m) => m.expertId);
}

/** The candidates of `field` none of `expertIds` is tied to (the seed's detected ties block pairs). */
export async function freeCandidates(db: DB, campaignId: string, expertIds: string[], field = '前沿', least = 1) {
	const blocked = await blockedPairs(db, campaignId);
	const free = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.field, field)))
	).filter((c) => expertIds.every((e) => !blocked.has(pairKey(e, c.id))));
	if (free.length < least) throw new Error('seed has too few conflict-free candidates');
	return free;
}

/** A sheet's values in the seeded rubric. */
export const scores = (merit: number, story: number, exemplary: number) => ({ merit, story, exemplary });

/** Whether an assigned pair leaves its dossier's panel, from the whole assignment context (the slow way). */
export function outsideOf(ctx: AssignmentContext): (expertId: string, field: string) => boolean {
	const panelled = panelledFields(ctx.experts);
	const byId = new Map(ctx.experts.map((e) => [e.id, e]));
	return (expertId, field) => {
		const e = byId.get(expertId);
		return !!e && leavesPanel(panelled, e.panelFields, field);
	};
}

/** Every assignment row of a campaign, as stored (the tests' oracle beside the app's views). */
export async function assignmentRows(db: DB, campaignId: string) {
	return db.select().from(assignments).where(eq(assignments.campaignId, campaignId));
}
