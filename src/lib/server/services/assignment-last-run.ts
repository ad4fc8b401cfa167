// The settings of the latest proposal, which the assignment page shows and reuses. The proposal
// services record them in the audit log (action 'assignment.propose'), so that log is their store.
import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog } from '../db/schema';

export interface LastAssignmentRun {
	mode: 'distributed' | 'panel' | 'randomized';
	/** Randomized runs (issue 15): the cap, the public seed and the expected value. */
	q?: number;
	seed?: string;
	expectedObjective?: number;
	k: number | null;
	borrow: boolean;
	objective: number | null;
	pairs: number;
	at: number;
	by: string;
}

/** What `proposeAssignment` / `proposeRandomizedAssignment` write into the entry's `after`. */
interface ProposeAfter {
	mode?: string;
	k?: number | null;
	borrow?: boolean | null;
	objective?: number | null;
	pairs?: number;
	q?: number;
	seed?: string;
	expectedObjective?: number;
}

/** The latest proposal's settings in the campaign, or null when none was made. */
export async function lastAssignmentRun(db: DB, campaignId: string): Promise<LastAssignmentRun | null> {
	const last = (
		await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, campaignId), eq(auditLog.action, 'assignment.propose')))
			.orderBy(desc(auditLog.id))
			.limit(1)
	)[0];
	const after = (last?.after ?? null) as ProposeAfter | null;
	if (!last || !after) return null;
	return {
		mode: after.mode === 'panel' ? 'panel' : after.mode === 'randomized' ? 'randomized' : 'distributed',
		...(after.mode === 'randomized'
			? { q: after.q, seed: after.seed, expectedObjective: after.expectedObjective }
			: {}),
		k: after.k ?? null,
		borrow: !!after.borrow,
		objective: after.objective ?? null,
		pairs: after.pairs ?? 0,
		at: last.at,
		by: last.actorName ?? ''
	};
}
