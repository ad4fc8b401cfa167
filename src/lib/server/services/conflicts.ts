// Conflicts of interest: detection results persisted with the chair's decisions, declarations,
// organizer-added ties and recusals. `blockedPairs` is the single rule every access path uses.
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, conflicts, experts } from '../db/schema';
import type { Tx } from './candidates';
import { chairBlockedPairs, chairsCandidatePanel } from './chair-seats';

export type ConflictRow = typeof conflicts.$inferSelect;

// re-detection has a module of its own (conflict-refresh.ts); callers keep importing it from here
export { refreshDetectedConflicts } from './conflict-refresh';

/**
 * A pair is blocked by a confirmed tie, or by a detected conflict (from the roster and the
 * nominations, which only the office edits) not yet dismissed. A tie derived from the expert's own
 * declaration blocks only once the office confirms it: if it blocked while pending, declaring a
 * name and watching which dossier disappears would tell the expert who they judge (an oracle).
 */
export function blocks(c: Pick<ConflictRow, 'severity' | 'status' | 'source'>): boolean {
	if (c.status === 'confirmed') return true;
	return c.status === 'pending' && c.severity === 'conflict' && c.source !== 'declared';
}

/** Kinds whose decision needs the candidate's identity (the expert's declared person or unit). */
const DECLARED_KINDS = new Set(['declared_unit', 'declared_person']);

export type Decider = 'organizer' | 'chair';

/**
 * Who may decide what. The chair sees review codes and the kind of tie only, never the unit or
 * name behind it, so the chair may only take the safe direction on detected ties (confirm: the
 * expert steps aside), and dismiss a same-school 提示 (severity 'warning', "the chair decides").
 * Dismissing a 回避-level tie means judging the units or names themselves, and every tie from a
 * declaration or added by the office is the office's to decide.
 */
export function mayDecide(
	by: Decider,
	row: Pick<ConflictRow, 'kind' | 'source' | 'severity'>,
	decision: 'confirmed' | 'dismissed'
): string | null {
	if (decision === 'dismissed' && row.kind === 'recusal') return '专家主动回避不能被排除';
	if (by === 'organizer') return null;
	if (row.kind === 'organizer') return decision === 'dismissed' ? '活动办公室添加的回避关系只能由活动办公室排除' : null;
	if (row.source === 'declared' || DECLARED_KINDS.has(row.kind)) return '专家申报产生的回避关系由活动办公室核实决定';
	if (decision === 'dismissed' && row.severity !== 'warning')
		return '排除“回避”级别的关系需核对候选人身份信息，由活动办公室决定';
	return null;
}

export const pairKey = (expertId: string, candidateId: string) => `${expertId}|${candidateId}`;

/** The assignment row of one pair within its campaign (a `where` condition). */
export const assignmentPair = (campaignId: string, expertId: string, candidateId: string) =>
	and(
		eq(assignments.campaignId, campaignId),
		eq(assignments.expertId, expertId),
		eq(assignments.candidateId, candidateId)
	);

/** The expert and the candidate of one pair, both of this campaign (undefined where either is not). */
export async function pairInCampaign(db: DB | Tx, campaignId: string, expertId: string, candidateId: string) {
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
	)[0];
	const c = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, campaignId)))
	)[0];
	return { e, c };
}

/**
 * Where a caller asks about blocked pairs: one expert's (their desk), or a few candidates' (a later
 * round). The answer is then the campaign's blocked pairs within that scope, read through an index
 * instead of the whole campaign's ties (hundreds of thousands at national scale).
 */
export interface PairScope {
	expertId?: string;
	candidateIds?: string[];
	/**
	 * Only pairs someone reviews: with a sheet in one of these rounds, or a published assignment on a
	 * candidate of one of them. For callers whose pairs are exactly those (rounds by assignment, their sheets): the ties of
	 * pairs nobody reviews, most of them at national scale, are then never read.
	 */
	reviewedIn?: string[];
}

/** Up to this many candidates a scope's list is sent to SQL; beyond it the campaign is read whole. */
const SCOPE_LIST_MAX = 500;

/**
 * The ties of reviewed pairs, probed pair by pair from the rounds' sheets and their candidates'
 * published assignments (~25,000 index probes), instead of testing each of the campaign's ~150,000
 * ties for a sheet or an assignment: one packed row, as in blockedPairs.
 */
async function reviewedTies(
	db: DB | Tx,
	campaignId: string,
	scope: PairScope,
	few: string[] | null,
	packed: boolean
): Promise<unknown[]> {
	const rounds = sql.join(
		scope.reviewedIn!.map((r) => sql`${r}`),
		sql`, `
	);
	const mine = (column: SQL) => (scope.expertId ? sql` and ${column} = ${scope.expertId}` : sql``);
	const someOf = few?.length
		? sql` and c.candidate_id in (${sql.join(
				few.map((id) => sql`${id}`),
				sql`, `
			)})`
		: sql``;
	const columns = packed
		? sql`group_concat(c.expert_id || char(31) || c.candidate_id || char(31) || c.severity || char(31) || c.status || char(31) || c.source, char(30)) as ties`
		: sql`c.expert_id as expertId, c.candidate_id as candidateId, c.severity, c.status, c.source`;
	return db.all(sql`
		select ${columns}
		from (
			select s.expert_id as e, s.candidate_id as k from sheets s where s.round_id in (${rounds})${mine(sql`s.expert_id`)}
			union
			select a.expert_id, a.candidate_id from assignments a
			where a.campaign_id = ${campaignId} and a.state = 'published'${mine(sql`a.expert_id`)}
				and exists (select 1 from round_candidates rc where rc.round_id in (${rounds}) and rc.candidate_id = a.candidate_id)
		) p
		cross join conflicts c
		where c.campaign_id = ${campaignId} and c.expert_id = p.e and c.candidate_id = p.k and c.status != 'dismissed'${someOf}`);
}

type TieFields = Pick<ConflictRow, 'expertId' | 'candidateId' | 'severity' | 'status' | 'source'>;

export async function blockedPairs(db: DB | Tx, campaignId: string, scope: PairScope = {}): Promise<Set<string>> {
	const few = scope.candidateIds && scope.candidateIds.length <= SCOPE_LIST_MAX ? scope.candidateIds : null;
	if (few && !few.length) return new Set();
	// Only what `blocks` reads, and never a dismissed tie (blocks() is false for every one of them).
	const where = and(
		eq(conflicts.campaignId, campaignId),
		ne(conflicts.status, 'dismissed'),
		scope.expertId ? eq(conflicts.expertId, scope.expertId) : undefined,
		few ? inArray(conflicts.candidateId, few) : undefined
	);
	// Read as one string: the whole campaign's ties are ~150,000 rows at national scale, and a row
	// object each took most of the time (ids and the enums never hold the separators).
	const [packed] = scope.reviewedIn
		? ((await reviewedTies(db, campaignId, scope, few, true)) as { ties: string | null }[])
		: await db
				.select({
					ties: sql<
						string | null
					>`group_concat(${conflicts.expertId} || char(31) || ${conflicts.candidateId} || char(31) || ${conflicts.severity} || char(31) || ${conflicts.status} || char(31) || ${conflicts.source}, char(30))`
				})
				.from(conflicts)
				.where(where);
	const fields = packed?.ties ? packed.ties.split('\x1e').map((t) => t.split('\x1f')) : [];
	const rows: TieFields[] = fields.every((f) => f.length === 5)
		? fields.map(([expertId, candidateId, severity, status, source]) => ({
				expertId,
				candidateId,
				severity: severity as ConflictRow['severity'],
				status: status as ConflictRow['status'],
				source: source as ConflictRow['source']
			}))
		: scope.reviewedIn
			? ((await reviewedTies(db, campaignId, scope, few, false)) as TieFields[])
			: await db
					.select({
						expertId: conflicts.expertId,
						candidateId: conflicts.candidateId,
						severity: conflicts.severity,
						status: conflicts.status,
						source: conflicts.source
					})
					.from(conflicts)
					.where(where);
	// A chair who also reviews never reviews the panel they chair (chair-seats.ts).
	return new Set([
		...rows.filter(blocks).map((r) => pairKey(r.expertId, r.candidateId)),
		...(await chairBlockedPairs(db, campaignId, scope.expertId))
	]);
}

export async function isBlocked(db: DB | Tx, expertId: string, candidateId: string): Promise<boolean> {
	const rows = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, expertId), eq(conflicts.candidateId, candidateId)));
	// Both asked every time: a refused dossier costs the same work whatever blocks it.
	const chairs = await chairsCandidatePanel(db, expertId, candidateId);
	return rows.some(blocks) || chairs;
}

export async function listConflicts(db: DB, campaignId: string) {
	return db
		.select({
			c: conflicts,
			expertName: experts.name,
			reviewCode: candidates.reviewCode,
			candidateName: candidates.name
		})
		.from(conflicts)
		.innerJoin(experts, eq(experts.id, conflicts.expertId))
		.innerJoin(candidates, eq(candidates.id, conflicts.candidateId))
		.where(eq(conflicts.campaignId, campaignId))
		.orderBy(conflicts.status, experts.name, candidates.reviewCode);
}
