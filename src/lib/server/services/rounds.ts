// Review rounds: creation, the draft → open → closed life cycle and advancing (who reviews what:
// round-pairs.ts, re-exported here).
import { assertUnlocked } from './locks';
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, campaigns, candidates, roundCandidates, rounds } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { campaignCheck } from './intake';
import type { Tx } from './candidates';
import type { RubricCriterion } from '../../domain/types';
import type { Threshold } from '../../domain/review/votes';

export type RoundRow = typeof rounds.$inferSelect;
export type Reviewers = RoundRow['reviewers'];
export type Aggregation = RoundRow['aggregation'];

import { ROUND_STATE_LABELS } from '../../shared/labels';

export interface RoundInput {
	name: string;
	type: 'score' | 'vote';
	reviewers: Reviewers;
	aggregation?: Aggregation;
	rubric?: RubricCriterion[];
	threshold?: Threshold;
	deadline?: string | null;
	/** score rounds: sheets each dossier should rest on (the ranking flags fewer) */
	requiredSheets?: number | null;
	/** vote rounds: 限额投票, at most this many 赞成 per expert */
	maxYes?: number | null;
}

import {
	missingSheets,
	roundCandidateIds,
	uncoveredCandidates,
	type MissingSheets,
	type Uncovered
} from './round-pairs';

export type Result<T = object> = ({ ok: true } & T) | { ok: false; status: 400 | 404 | 409; message: string };

export async function listRounds(db: DB | Tx, campaignId: string): Promise<RoundRow[]> {
	return db.select().from(rounds).where(eq(rounds.campaignId, campaignId)).orderBy(asc(rounds.seq));
}

export async function getRound(db: DB | Tx, campaignId: string, roundId: string): Promise<RoundRow | null> {
	return (
		(
			await db
				.select()
				.from(rounds)
				.where(and(eq(rounds.id, roundId), eq(rounds.campaignId, campaignId)))
		)[0] ?? null
	);
}

function validateInput(input: RoundInput): string | null {
	if (!input.name.trim() || input.name.length > 50) return '请填写轮次名称（最多 50 字）';
	if (input.type === 'score' && input.rubric) {
		if (!input.rubric.length) return '评分轮次至少需要一项评分标准';
		for (const c of input.rubric) if (!(c.max > 0 && c.max <= 1000) || !c.name.trim()) return `评分项“${c.name}”无效`;
	}
	if (input.type === 'vote' && input.threshold) {
		const { num, den } = input.threshold;
		if (!Number.isInteger(num) || !Number.isInteger(den) || num < 1 || den < 1 || num > den)
			return `通过票数比例 ${num}/${den} 无效`;
	}
	if (input.deadline && Number.isNaN(Date.parse(input.deadline))) return `截止时间“${input.deadline}”无效`;
	if (
		input.requiredSheets != null &&
		!(Number.isInteger(input.requiredSheets) && input.requiredSheets >= 1 && input.requiredSheets <= 50)
	)
		return `每份材料应有的评分份数“${input.requiredSheets}”应为 1–50 的整数`;
	if (input.maxYes != null && !(Number.isInteger(input.maxYes) && input.maxYes >= 1 && input.maxYes <= 10000))
		return `每位专家最多赞成票数“${input.maxYes}”应为正整数`;
	return null;
}

export { validateInput as validateRoundInput };

/** A new round at the end. The first round takes every candidate; later ones take the advanced. */
export async function createRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: RoundInput
): Promise<Result<{ id: string }>> {
	const problem = validateInput(input);
	if (problem) return { ok: false, status: 400, message: problem };
	await assertUnlocked(db, campaignId); // locks.ts: nothing that feeds a locked selection changes
	return db.transaction(async (tx) => {
		const campaign = (await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
		if (!campaign) return { ok: false as const, status: 404 as const, message: '没有找到该活动' };
		const config = campaign.config;
		const last = await tx
			.select({ m: max(rounds.seq) })
			.from(rounds)
			.where(eq(rounds.campaignId, campaignId));
		const seq = (last[0]?.m ?? 0) + 1;
		const id = newId('r_');
		const now = Date.now();
		const row = {
			id,
			campaignId,
			seq,
			name: input.name.trim(),
			type: input.type,
			state: 'draft' as const,
			reviewers: input.reviewers,
			rubric: input.type === 'score' ? (input.rubric ?? config.rubric) : null,
			threshold: input.type === 'vote' ? (input.threshold ?? { num: 2, den: 3 }) : null,
			aggregation: input.aggregation ?? 'mean',
			deadline: input.deadline || null,
			requiredSheets: input.type === 'score' ? (input.requiredSheets ?? null) : null,
			maxYes: input.type === 'vote' ? (input.maxYes ?? null) : null,
			createdAt: now
		};
		await tx.insert(rounds).values(row);
		if (seq === 1) {
			const all = await tx
				.select({ id: candidates.id })
				.from(candidates)
				.where(and(eq(candidates.campaignId, campaignId), isNull(candidates.withdrawnAt)));
			const rows = all.map((c) => ({ roundId: id, candidateId: c.id, how: 'all', createdAt: now }));
			for (let i = 0; i < rows.length; i += 200) await tx.insert(roundCandidates).values(rows.slice(i, i + 200));
		}
		await audit(tx, actor, { campaignId, action: 'round.create', entity: 'round', entityId: id, after: row });
		return { ok: true as const, id };
	});
}

/** What a new round's form starts from: follow the published assignment when there is one. */
export async function roundDefaults(
	db: DB | Tx,
	campaignId: string
): Promise<{ published: boolean; perDossier: number | null }> {
	// counted in SQL: the published pairs are 25,000 rows at national scale
	const perDossier = db
		.select({ n: sql<number>`count(*)`.as('n') })
		.from(assignments)
		.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'published')))
		.groupBy(assignments.candidateId)
		.as('per_dossier');
	const [row] = await db.select({ most: sql<number | null>`max(${perDossier.n})` }).from(perDossier);
	const most = row?.most == null ? null : Number(row.most);
	return most ? { published: true, perDossier: most } : { published: false, perDossier: null };
}

/**
 * Opens a round. The first one needs a clean eligibility check and, if assigned, a published assignment;
 * every candidate needs at least one eligible reviewer. `names`: the office reads names in the refusal,
 * the chair review codes only.
 */
export async function openRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string,
	/** excludeUncovered: a reason to take uncovered candidates out of the round instead of refusing (demo, tests) */
	opts: { names?: boolean; excludeUncovered?: string } = {}
): Promise<Result<object> | { ok: false; status: 409; message: string; uncovered: Uncovered[] }> {
	await assertUnlocked(db, campaignId); // locks.ts: nothing that feeds a locked selection changes
	const round = await getRound(db, campaignId, roundId);
	if (!round) return { ok: false, status: 404, message: '没有找到该轮次' };
	if (round.state !== 'draft')
		return { ok: false, status: 409, message: `该轮次${ROUND_STATE_LABELS[round.state]}，不能再次开始` };
	if (round.seq === 1) {
		const report = await campaignCheck(db, campaignId);
		if (report.errors.length)
			return { ok: false, status: 409, message: `资格审查还有 ${report.errors.length} 项错误，请处理后再开始评审` };
	}
	const earlier = (await listRounds(db, campaignId)).filter((r) => r.seq < round.seq && r.state !== 'closed');
	if (earlier.length) return { ok: false, status: 409, message: `请先结束“${earlier[0].name}”` };
	const count = await db
		.select({ c: roundCandidates.candidateId })
		.from(roundCandidates)
		.where(eq(roundCandidates.roundId, roundId));
	if (!count.length) return { ok: false, status: 409, message: '该轮次还没有候选人，请先从上一轮晋级' };
	if (round.reviewers === 'assigned') {
		const pub = await db
			.select({ e: assignments.expertId })
			.from(assignments)
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'published')))
			.limit(1);
		if (!pub.length) return { ok: false, status: 409, message: '评审分配尚未发布，不能按分配方案开始评审' };
	}
	// A dossier nobody may read would silently get no score: refuse, naming each one.
	const uncovered = await uncoveredCandidates(db, round);
	const excluding = !!opts.excludeUncovered?.trim() && uncovered.length > 0 && uncovered.length < count.length;
	if (uncovered.length && !excluding) {
		const who = uncovered.map((u) => (opts.names ? `${u.name}（${u.code}）` : u.code));
		const shown = who.length > 20 ? `${who.slice(0, 20).join('、')} 等 ${who.length} 名` : who.join('、');
		return {
			ok: false,
			status: 409,
			uncovered,
			message: `以下候选人没有可评审的专家（未分配，或本组专家均须回避）：${shown}。请先为其分配专家，或填写理由将其移出本轮，再开始评审`
		};
	}
	await db.transaction(async (tx) => {
		if (excluding)
			for (const u of uncovered) {
				await tx
					.delete(roundCandidates)
					.where(and(eq(roundCandidates.roundId, roundId), eq(roundCandidates.candidateId, u.id)));
				await audit(tx, actor, {
					campaignId,
					action: 'round.remove_candidate',
					entity: 'round',
					entityId: roundId,
					after: { candidateId: u.id },
					reason: opts.excludeUncovered!.trim()
				});
			}
		await tx.update(rounds).set({ state: 'open', openedAt: Date.now() }).where(eq(rounds.id, roundId));
		await tx
			.update(campaigns)
			.set({ status: 'review' })
			.where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'setup')));
		await audit(tx, actor, {
			campaignId,
			action: 'round.open',
			entity: 'round',
			entityId: roundId,
			before: { state: 'draft' },
			after: { state: 'open' }
		});
	});
	return { ok: true };
}

/** Closes an open round; the answer says which sheets were still missing (they do not count). */
export async function closeRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string
): Promise<Result<{ missing: MissingSheets }>> {
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'open')
			return { ok: false as const, status: 409 as const, message: '只有进行中的轮次可以结束' };
		const missing = await missingSheets(tx, round);
		await tx.update(rounds).set({ state: 'closed', closedAt: Date.now() }).where(eq(rounds.id, roundId));
		await audit(tx, actor, {
			campaignId,
			action: 'round.close',
			entity: 'round',
			entityId: roundId,
			before: { state: 'open' },
			after: { state: 'closed', missing: missing.total }
		});
		return { ok: true as const, missing };
	});
}

/** Reopens a closed round; a reason is required and recorded. Not when a later round has started. */
export async function reopenRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string,
	reason: string
): Promise<Result> {
	if (!reason.trim()) return { ok: false, status: 400, message: '重新开放轮次必须填写理由' };
	await assertUnlocked(db, campaignId); // locks.ts: nothing that feeds a locked selection changes
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'closed')
			return { ok: false as const, status: 409 as const, message: '只有已结束的轮次可以重新开放' };
		const later = (await listRounds(tx, campaignId)).filter((r) => r.seq > round.seq && r.state !== 'draft');
		if (later.length)
			return { ok: false as const, status: 409 as const, message: `“${later[0].name}”已经开始，不能重新开放本轮` };
		await tx.update(rounds).set({ state: 'open', closedAt: null }).where(eq(rounds.id, roundId));
		await audit(tx, actor, {
			campaignId,
			action: 'round.reopen',
			entity: 'round',
			entityId: roundId,
			before: { state: 'closed' },
			after: { state: 'open' },
			reason: reason.trim()
		});
		return { ok: true as const };
	});
}

/** Puts candidates into a later round (top N computed by the caller, or by hand with a reason). */
export async function advanceCandidates(
	db: DB,
	actor: Actor,
	campaignId: string,
	toRoundId: string,
	candidateIds: string[],
	how: string,
	reason: string
): Promise<Result<{ added: number }>> {
	return db.transaction(async (tx) => {
		const to = await getRound(tx, campaignId, toRoundId);
		if (!to) return { ok: false as const, status: 404 as const, message: '没有找到目标轮次' };
		if (to.state !== 'draft')
			return { ok: false as const, status: 409 as const, message: '目标轮次已经开始，不能再晋级候选人' };
		const prev = (await listRounds(tx, campaignId)).filter((r) => r.seq < to.seq).pop();
		if (prev && prev.state !== 'closed')
			return { ok: false as const, status: 409 as const, message: `请先结束“${prev.name}”再晋级` };
		const valid = new Set(
			(await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.campaignId, campaignId))).map(
				(c) => c.id
			)
		);
		const bad = candidateIds.find((id) => !valid.has(id));
		if (bad) return { ok: false as const, status: 400 as const, message: `候选人 ${bad} 不属于本活动` };
		if (how === 'manual' && !reason.trim())
			return { ok: false as const, status: 400 as const, message: '手动晋级必须填写理由' };
		const existing = new Set(await roundCandidateIds(tx, toRoundId));
		const now = Date.now();
		const fresh = [...new Set(candidateIds)].filter((id) => !existing.has(id));
		for (const id of fresh)
			await tx
				.insert(roundCandidates)
				.values({ roundId: toRoundId, candidateId: id, how, reason: reason.trim() || null, createdAt: now });
		await audit(tx, actor, {
			campaignId,
			action: 'round.advance',
			entity: 'round',
			entityId: toRoundId,
			after: { how, candidates: fresh },
			reason: reason.trim() || undefined
		});
		return { ok: true as const, added: fresh.length };
	});
}

export async function removeFromRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string,
	candidateId: string,
	reason: string
): Promise<Result> {
	if (!reason.trim()) return { ok: false, status: 400, message: '请填写将候选人移出本轮的理由' };
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'draft')
			return { ok: false as const, status: 409 as const, message: '轮次已经开始，不能移除候选人' };
		const gone = await tx
			.delete(roundCandidates)
			.where(and(eq(roundCandidates.roundId, roundId), eq(roundCandidates.candidateId, candidateId)))
			.returning({ id: roundCandidates.candidateId });
		if (!gone.length) return { ok: false as const, status: 404 as const, message: '该候选人不在本轮' };
		await audit(tx, actor, {
			campaignId,
			action: 'round.remove_candidate',
			entity: 'round',
			entityId: roundId,
			after: { candidateId },
			reason: reason.trim()
		});
		return { ok: true as const };
	});
}
