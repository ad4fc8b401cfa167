// Everything a save needs to know, in one prepared statement: the user's role in the campaign,
// their roster entry, the round (read fresh: it may have closed while the expert was typing), the
// candidate behind the review code, whether the selection is locked, whether the pair may be
// reviewed in this round (in the round, not blocked, assigned / on the panel), and the sheet as
// it stands. A save used to ask a dozen small queries for this; under a crowd each costs.
import type { DB } from '../db';
import { rounds, sheets } from '../db/schema';
import { rawRow, tableColumns } from '../db/native';
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

const R = tableColumns(rounds, 'r');
const S = tableColumns(sheets, 's');

// Raw SQL on the raw reader (db/native.ts): ?1 user, ?2 campaign, ?3 round, ?4 review code. The
// pair's eligibility as reviewsInRound decides it (kept in step with it; tests/server/sheet-access.test.ts
// compares the two on every kind of pair): in the round; its conflicts (blocks() decides which
// block); the expert's own account chairs the candidate's panel (chair-seats.ts
// chairsCandidatePanel); assigned (published); on the candidate's panel.
const ACCESS = `select m.role, e.id, k.id,
	exists (select 1 from selections sl where sl.campaign_id = ?2 and sl.state = 'locked'),
	exists (select 1 from round_candidates rc where rc.round_id = r.id and rc.candidate_id = k.id),
	(select json_group_array(json_object('status', c.status, 'severity', c.severity, 'source', c.source))
		from conflicts c where c.expert_id = e.id and c.candidate_id = k.id),
	exists (select 1 from panels pc join experts ec on ec.user_id = pc.chair_user_id and ec.campaign_id = pc.campaign_id
		where pc.campaign_id = k.campaign_id and pc.field = k.field and ec.id = e.id),
	exists (select 1 from assignments a where a.campaign_id = r.campaign_id and a.expert_id = e.id
		and a.candidate_id = k.id and a.state = 'published'),
	exists (select 1 from panel_members pm join panels pp on pp.id = pm.panel_id
		where pm.expert_id = e.id and pp.campaign_id = r.campaign_id and pp.field = k.field),
	${R.sql}, ${S.sql}
	from memberships m
	left join experts e on e.campaign_id = m.campaign_id and e.user_id = m.user_id
	left join rounds r on r.id = ?3 and r.campaign_id = m.campaign_id
	left join candidates k on k.campaign_id = m.campaign_id and k.review_code = ?4
	left join sheets s on s.round_id = r.id and s.expert_id = e.id and s.candidate_id = k.id
	where m.campaign_id = ?2 and m.user_id = ?1
	limit 1`;
const FIRST_ROUND_COLUMN = 9;

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
	const row = await rawRow(db.$client, ACCESS, [q.userId, q.campaignId, q.roundId, q.code]);
	if (!row) return null;
	const [role, expertId, candidateId, locked, inRound, ties, chairs, assigned, onPanel] = row as [
		Role,
		string | null,
		string | null,
		number,
		number,
		string | null,
		number,
		number,
		number
	];
	// a left join that found nothing gives nulls in every column, the key among them
	const round = row[FIRST_ROUND_COLUMN] == null ? null : R.read(row, FIRST_ROUND_COLUMN);
	const from = FIRST_ROUND_COLUMN + R.count;
	const sheet = row[from] == null ? null : S.read(row, from);
	let reviewable = false;
	if (round && expertId && candidateId && inRound) {
		const blocked = (JSON.parse(ties ?? '[]') as Parameters<typeof blocks>[0][]).some(blocks) || !!chairs;
		if (!blocked) reviewable = round.reviewers === 'assigned' ? !!assigned : round.reviewers === 'all' || !!onPanel;
	}
	return { role, expertId, round, candidateId, locked: !!locked, reviewable, sheet };
}
