// A chair may also review as an expert (issue 12: "within a campaign a chair may also score as an
// expert on panels they do not chair"). Memberships hold one role per (campaign, account), so such a
// chair keeps the role 'chair' and has, in addition, a roster entry (experts.userId = the chair's
// account) seated on other panels. This module is the guard that keeps that entry away from every
// dossier of a panel the account chairs: panels review by field (rounds.ts roundPairs), so each
// candidate whose field is the field of a chaired panel is blocked for the chair's roster entry,
// exactly like a confirmed conflict, wherever blockedPairs/isBlocked are asked (rounds, desk,
// assignment, results).
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DB } from '../db';
import type { Tx } from './candidates';
import { candidates, experts, panels } from '../db/schema';

const key = (expertId: string, candidateId: string) => `${expertId}|${candidateId}`;

/** expert id → the fields of the panels chaired by that roster entry's account. */
async function chairedFields(db: DB | Tx, campaignId: string, expertId?: string): Promise<Map<string, Set<string>>> {
	const rows = await db
		.select({ expertId: experts.id, field: panels.field })
		.from(panels)
		.innerJoin(experts, and(eq(experts.userId, panels.chairUserId), eq(experts.campaignId, panels.campaignId)))
		.where(
			and(
				eq(panels.campaignId, campaignId),
				isNotNull(panels.chairUserId),
				expertId ? eq(experts.id, expertId) : undefined
			)
		);
	const out = new Map<string, Set<string>>();
	for (const r of rows) {
		if (!out.has(r.expertId)) out.set(r.expertId, new Set());
		out.get(r.expertId)!.add(r.field);
	}
	return out;
}

/** Every (chair's roster entry, candidate of a chaired field) pair of the campaign (of one entry when given), as `expert|candidate` keys. */
export async function chairBlockedPairs(db: DB | Tx, campaignId: string, expertId?: string): Promise<string[]> {
	const fields = await chairedFields(db, campaignId, expertId);
	if (!fields.size) return [];
	const cs = await db
		.select({ id: candidates.id, field: candidates.field })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	const out: string[] = [];
	for (const [expertId, fs] of fields)
		for (const c of cs) if (c.field && fs.has(c.field)) out.push(key(expertId, c.id));
	return out;
}

/**
 * Whether the roster entry belongs to the chair of the candidate's panel. One query whatever the
 * answer, so that a refused dossier costs the same work as any other refusal.
 */
export async function chairsCandidatePanel(db: DB | Tx, expertId: string, candidateId: string): Promise<boolean> {
	const rows = await db
		.select({ id: panels.id })
		.from(candidates)
		.innerJoin(panels, and(eq(panels.campaignId, candidates.campaignId), eq(panels.field, candidates.field)))
		.innerJoin(experts, and(eq(experts.userId, panels.chairUserId), eq(experts.campaignId, panels.campaignId)))
		.where(and(eq(candidates.id, candidateId), eq(experts.id, expertId)))
		.limit(1);
	return rows.length > 0;
}
