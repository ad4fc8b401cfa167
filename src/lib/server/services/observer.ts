// What the observer (纪检监察) reads: how far each round is (sheets in, per expert), the results of
// a round once it is closed, and the locked selection. Built so that nothing here can carry a score
// of a round that is not closed, nor anything of a draft: progress counts submitted sheets only, and
// results are computed for closed rounds alone (the caller gets null otherwise).
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, experts } from '../db/schema';
import { listRounds, type RoundRow } from './rounds';
import { campaignReviewedScope, roundCandidateIds, roundPairsWith, roundSheetStates } from './round-pairs';
import { ROUND_STATE_LABELS, ROUND_TYPE_LABELS } from '../../shared/labels';
import { roundResults } from './results';
import { memoizedCampaignView } from './results-cache';
import { blockedPairs, pairKey } from './conflicts';
import { lockedSelection } from './selection';
import { type SelectionOutcome } from './selection-solve';
import { recordOf } from './candidates';

export interface RoundProgressView {
	id: string;
	name: string;
	type: string;
	state: RoundRow['state'];
	stateLabel: string;
	deadline: string | null;
	candidates: number;
	expected: number;
	submitted: number;
	experts: { name: string; submitted: number; assigned: number }[];
}

export async function observerProgress(db: DB, campaignId: string): Promise<RoundProgressView[]> {
	// Unchanged until a sheet, round, assignment or tie of the campaign changes (results-cache.ts).
	return memoizedCampaignView(db, campaignId, 'observer-progress', () => computeProgress(db, campaignId));
}

async function computeProgress(db: DB, campaignId: string): Promise<RoundProgressView[]> {
	const rounds = await listRounds(db, campaignId);
	const names = new Map(
		(
			await db.select({ id: experts.id, name: experts.name }).from(experts).where(eq(experts.campaignId, campaignId))
		).map((e) => [e.id, e.name])
	);
	const blocked = await blockedPairs(db, campaignId, campaignReviewedScope(rounds));
	const out: RoundProgressView[] = [];
	for (const r of rounds) {
		// The campaign's blocked pairs are read once for every round, not once per round.
		const ids = await roundCandidateIds(db, r.id);
		const pairs = await roundPairsWith(db, r, ids, blocked);
		// Only the status of each sheet is read: never values, totals, choices or comments.
		const done = new Set(
			(await roundSheetStates(db, r.id, false))
				.filter((s) => s.status === 'submitted' && !blocked.has(pairKey(s.expertId, s.candidateId)))
				.map((s) => pairKey(s.expertId, s.candidateId))
		);
		const per = new Map<string, { name: string; submitted: number; assigned: number }>();
		for (const p of pairs) {
			const x = per.get(p.expertId) ?? { name: names.get(p.expertId) ?? '专家', submitted: 0, assigned: 0 };
			x.assigned++;
			if (done.has(pairKey(p.expertId, p.candidateId))) x.submitted++;
			per.set(p.expertId, x);
		}
		out.push({
			id: r.id,
			name: r.name,
			type: ROUND_TYPE_LABELS[r.type] ?? r.type,
			state: r.state,
			stateLabel: ROUND_STATE_LABELS[r.state as keyof typeof ROUND_STATE_LABELS] ?? r.state,
			deadline: r.deadline ?? null,
			candidates: ids.length,
			expected: pairs.length,
			submitted: pairs.filter((p) => done.has(pairKey(p.expertId, p.candidateId))).length,
			experts: [...per.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
		});
	}
	return out;
}

export interface ClosedRoundView {
	name: string;
	type: string;
	/** score rounds: rank, review code, field, the value ranked by, sheets it rests on */
	ranking: { rank: number; code: string; field: string; value: number; n: number }[];
	/** vote rounds */
	votes: { rank: number; code: string; field: string; yes: number; no: number; abstain: number }[];
}

/** The results of a closed round; null for a draft or open round (nothing leaves before closing). */
export async function closedRoundResults(db: DB, round: RoundRow): Promise<ClosedRoundView | null> {
	if (round.state !== 'closed') return null;
	const r = await roundResults(db, round, { ranking: true });
	return {
		name: round.name,
		type: ROUND_TYPE_LABELS[round.type] ?? round.type,
		ranking: r.aggregates.map((a) => ({ rank: a.rank, code: a.candidate, field: a.field, value: a.value, n: a.n })),
		votes: r.votes.map((v) => ({
			rank: v.rank,
			code: v.candidate,
			field: v.field,
			yes: v.yes,
			no: v.no,
			abstain: v.abstain
		}))
	};
}

/** The locked selection as the 公示 lists it (names: 纪检监察 supervises the whole process). */
export async function finalList(db: DB, campaignId: string) {
	const sel = await lockedSelection(db, campaignId);
	const outcome = (sel?.result ?? null) as SelectionOutcome | null;
	if (!sel || !outcome?.ok) return null;
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const byId = new Map(rows.map((r) => [r.id, r]));
	const zh = new Intl.Collator('zh-CN');
	return {
		lockedAt: sel.lockedAt,
		noticeStart: sel.noticeStart,
		tiers: outcome.tiers.map((t) => ({
			name: t.name,
			people: t.selected
				.map((id) => byId.get(id))
				.filter((r) => !!r)
				.map((r) => {
					const rec = recordOf(r);
					return { code: r.reviewCode ?? '', name: rec.name, gender: rec.gender, unitAndTitle: rec.unitAndTitle };
				})
				.sort((a, b) => zh.compare(a.name, b.name))
		}))
	};
}
