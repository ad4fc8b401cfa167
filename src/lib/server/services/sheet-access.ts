// Everything a save needs to know, in one prepared statement: the user's role in the campaign,
// their roster entry, the round (read fresh: it may have closed while the expert was typing), the
// candidate behind the review code, whether the selection is locked, whether the pair may be
// reviewed in this round (in the round, not blocked, assigned / on the panel), and the sheet as
// it stands. A save used to ask a dozen small queries for this; under a crowd each costs.
import { and, eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, experts, memberships, rounds, sheets } from '../db/schema';
import { blocks } from './conflicts';
import type { RoundRow } from './rounds';
import type { SheetRow } from './sheets';
import type { Role } from '../../domain/types';

export interface SaveAccess {
	role: Role;
	expertId: string | null;
	round: RoundRow | null;
	candidateId: string | null;
	locked: boolean;
	/** the expert may review this candidate in this round (the same rule as rounds.ts reviewsInRound) */
	reviewable: boolean;
	sheet: SheetRow | null;
}

const p = {
	user: sql.placeholder('user'),
	campaign: sql.placeholder('campaign'),
	round: sql.placeholder('round'),
	code: sql.placeholder('code')
};

// The pair's eligibility, as reviewsInRound decides it (kept in step with it; tests/server/sheet-access.test.ts
// compares the two on every kind of pair).
const inRound = sql<number>`exists (select 1 from round_candidates rc
	where rc.round_id = ${rounds.id} and rc.candidate_id = ${candidates.id})`;
const ties = sql<string>`(select json_group_array(json_object('status', c.status, 'severity', c.severity, 'source', c.source))
	from conflicts c where c.expert_id = ${experts.id} and c.candidate_id = ${candidates.id})`;
// The expert's own account chairs the candidate's panel (chair-seats.ts chairsCandidatePanel).
const chairs = sql<number>`exists (select 1 from panels pc
	join experts ec on ec.user_id = pc.chair_user_id and ec.campaign_id = pc.campaign_id
	where pc.campaign_id = ${candidates.campaignId} and pc.field = ${candidates.field} and ec.id = ${experts.id})`;
const assigned = sql<number>`exists (select 1 from assignments a
	where a.campaign_id = ${rounds.campaignId} and a.expert_id = ${experts.id}
	and a.candidate_id = ${candidates.id} and a.state = 'published')`;
const onPanel = sql<number>`exists (select 1 from panel_members pm join panels pp on pp.id = pm.panel_id
	where pm.expert_id = ${experts.id} and pp.campaign_id = ${rounds.campaignId} and pp.field = ${candidates.field})`;
const locked = sql<number>`exists (select 1 from selections sl where sl.campaign_id = ${p.campaign} and sl.state = 'locked')`;

function prepare(db: DB) {
	return db
		.select({
			role: memberships.role,
			expertId: experts.id,
			round: rounds,
			candidateId: candidates.id,
			sheet: sheets,
			locked,
			inRound,
			ties,
			chairs,
			assigned,
			onPanel
		})
		.from(memberships)
		.leftJoin(experts, and(eq(experts.campaignId, memberships.campaignId), eq(experts.userId, memberships.userId)))
		.leftJoin(rounds, and(eq(rounds.id, p.round), eq(rounds.campaignId, memberships.campaignId)))
		.leftJoin(candidates, and(eq(candidates.campaignId, memberships.campaignId), eq(candidates.reviewCode, p.code)))
		.leftJoin(
			sheets,
			and(eq(sheets.roundId, rounds.id), eq(sheets.expertId, experts.id), eq(sheets.candidateId, candidates.id))
		)
		.where(and(eq(memberships.campaignId, p.campaign), eq(memberships.userId, p.user)))
		.limit(1)
		.prepare();
}

const prepared = new WeakMap<DB, ReturnType<typeof prepare>>();

/**
 * The refusals before anything of the body is read, in requireReviewer's order (so that who may
 * not save learns nothing): not a member 404, not a reviewer 403, a chair without a roster entry
 * 403, an expert without one 404. null: go on (the round and the pair are decided after).
 */
export function memberRefusal(access: SaveAccess | null): { status: 403 | 404; message: string } | null {
	if (!access) return { status: 404, message: '没有找到该活动' };
	if (access.role !== 'expert' && access.role !== 'chair') return { status: 403, message: '您没有权限访问此页面' };
	if (!access.expertId)
		return access.role === 'chair'
			? { status: 403, message: '您没有权限访问此页面' }
			: { status: 404, message: '没有找到该材料' };
	return null;
}

/** null: the user is not a member of the campaign (or there is no such campaign). */
export async function saveAccess(
	db: DB,
	q: { userId: string; campaignId: string; roundId: string; code: string }
): Promise<SaveAccess | null> {
	let stmt = prepared.get(db);
	if (!stmt) prepared.set(db, (stmt = prepare(db)));
	const row = (await stmt.all({ user: q.userId, campaign: q.campaignId, round: q.roundId, code: q.code }))[0];
	if (!row) return null;
	const round = row.round;
	let reviewable = false;
	if (round && row.expertId && row.candidateId && row.inRound) {
		const blocked = (JSON.parse(row.ties ?? '[]') as Parameters<typeof blocks>[0][]).some(blocks) || !!row.chairs;
		if (!blocked)
			reviewable = round.reviewers === 'assigned' ? !!row.assigned : round.reviewers === 'all' || !!row.onPanel;
	}
	return {
		role: row.role as Role,
		expertId: row.expertId,
		round,
		candidateId: row.candidateId,
		locked: !!row.locked,
		reviewable,
		sheet: row.sheet
	};
}
