// 不予受理: the office withdraws a nomination with a reason (issue 12). It leaves the check counts,
// the assignment, the rounds not yet closed and the selection; the row and its history stay, and
// the office may restore it with a reason. Both steps are audited.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, roundCandidates, rounds } from '../db/schema';
import { audit, type Actor } from '../audit';
import { lockRefusal } from './locks';
import type { Tx } from './candidates';

export type WithdrawResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

const WITHDRAW_REASON_MAX = 500;

function checkReason(reason: string, what: string): string | null {
	const r = reason.trim();
	if (!r) return `${what}必须填写理由`;
	if ([...r].length > WITHDRAW_REASON_MAX) return `理由过长（最多 ${WITHDRAW_REASON_MAX} 字）`;
	return null;
}

type CandidateRow = typeof candidates.$inferSelect;

/** The shared start of both steps: the lock, then the nomination of this campaign. */
async function nominationForChange(
	tx: Tx,
	campaignId: string,
	candidateId: string,
	what: string
): Promise<{ ok: true; row: CandidateRow } | { ok: false; status: 404 | 409; message: string }> {
	const locked = await lockRefusal(tx, campaignId, what);
	if (locked) return { ok: false, status: 409, message: locked };
	const row = (
		await tx
			.select()
			.from(candidates)
			.where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, campaignId)))
	)[0];
	if (!row) return { ok: false, status: 404, message: '没有找到该候选人' };
	return { ok: true, row };
}

export async function withdrawNomination(
	db: DB,
	actor: Actor,
	campaignId: string,
	candidateId: string,
	reason: string
): Promise<WithdrawResult> {
	const bad = checkReason(reason, '不予受理');
	if (bad) return { ok: false, status: 400, message: bad };
	return db.transaction(async (tx) => {
		const found = await nominationForChange(tx, campaignId, candidateId, '不予受理');
		if (!found.ok) return found;
		const row = found.row;
		if (row.withdrawnAt)
			return { ok: false as const, status: 409 as const, message: `${row.name}的推荐已于此前作不予受理处理` };
		const now = Date.now();
		await tx
			.update(candidates)
			.set({ withdrawnAt: now, withdrawnBy: actor.name, withdrawnReason: reason.trim() })
			.where(eq(candidates.id, candidateId));
		// later steps: no expert reviews it any more, and it leaves every round not yet closed
		const dropped = await tx
			.delete(assignments)
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.candidateId, candidateId)))
			.returning({ expertId: assignments.expertId });
		const live = await tx
			.select({ id: rounds.id })
			.from(rounds)
			.where(and(eq(rounds.campaignId, campaignId), ne(rounds.state, 'closed')));
		const left = live.length
			? await tx
					.delete(roundCandidates)
					.where(
						and(
							eq(roundCandidates.candidateId, candidateId),
							inArray(
								roundCandidates.roundId,
								live.map((r) => r.id)
							)
						)
					)
					.returning({ roundId: roundCandidates.roundId })
			: [];
		await audit(tx, actor, {
			campaignId,
			action: 'candidate.withdraw',
			entity: 'candidate',
			entityId: candidateId,
			before: { status: '已受理' },
			after: { status: '不予受理', assignmentsRemoved: dropped.length, roundsLeft: left.map((l) => l.roundId) },
			reason: reason.trim()
		});
		return { ok: true as const };
	});
}

/** Restores a withdrawn nomination; assignment and rounds are the office's to redo (the page says so). */
export async function restoreNomination(
	db: DB,
	actor: Actor,
	campaignId: string,
	candidateId: string,
	reason: string
): Promise<WithdrawResult> {
	const bad = checkReason(reason, '恢复受理');
	if (bad) return { ok: false, status: 400, message: bad };
	return db.transaction(async (tx) => {
		const found = await nominationForChange(tx, campaignId, candidateId, '恢复受理');
		if (!found.ok) return found;
		const row = found.row;
		if (!row.withdrawnAt)
			return { ok: false as const, status: 409 as const, message: `${row.name}的推荐未被撤回，无需恢复` };
		await tx
			.update(candidates)
			.set({ withdrawnAt: null, withdrawnBy: null, withdrawnReason: null })
			.where(eq(candidates.id, candidateId));
		// a first round still in draft takes every nomination: the restored one goes back in
		const first = (
			await tx
				.select()
				.from(rounds)
				.where(and(eq(rounds.campaignId, campaignId), eq(rounds.seq, 1)))
		)[0];
		if (first?.state === 'draft')
			await tx
				.insert(roundCandidates)
				.values({ roundId: first.id, candidateId, how: 'all', createdAt: Date.now() })
				.onConflictDoNothing();
		await audit(tx, actor, {
			campaignId,
			action: 'candidate.restore',
			entity: 'candidate',
			entityId: candidateId,
			before: { status: '不予受理', at: row.withdrawnAt, by: row.withdrawnBy, reason: row.withdrawnReason },
			after: { status: '已受理' },
			reason: reason.trim()
		});
		return { ok: true as const };
	});
}
