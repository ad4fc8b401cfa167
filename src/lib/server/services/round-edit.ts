// What may change in a round, by state: a draft can be edited or deleted; an open round can only be
// closed (rounds.ts) or have its deadline extended; a closed one only reopened with a reason. Every
// refusal is a Chinese sentence naming the state.
import { and, eq, gt } from 'drizzle-orm';
import type { DB } from '../db';
import { rounds } from '../db/schema';
import { audit, type Actor } from '../audit';
import type { CampaignConfig } from '../../domain/types';
import { campaigns } from '../db/schema';
import { getRound, validateRoundInput, type Result, type RoundInput } from './rounds';
import { ROUND_STATE_LABELS } from '../../shared/labels';

const notDraft = (state: 'draft' | 'open' | 'closed', what: string) =>
	state === 'open'
		? `该轮次进行中，不能${what}；进行中的轮次只能结束或延长截止时间`
		: `该轮次${ROUND_STATE_LABELS[state]}，不能${what}`;

/** Edits a draft round: every setting of the create form. */
export async function updateRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string,
	input: RoundInput
): Promise<Result> {
	const problem = validateRoundInput(input);
	if (problem) return { ok: false, status: 400, message: problem };
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'draft')
			return { ok: false as const, status: 409 as const, message: notDraft(round.state, '修改设置') };
		const config = (
			await tx.select({ config: campaigns.config }).from(campaigns).where(eq(campaigns.id, campaignId))
		)[0]?.config as CampaignConfig | undefined;
		const next = {
			name: input.name.trim(),
			type: input.type,
			reviewers: input.reviewers,
			rubric:
				input.type === 'score'
					? (input.rubric ?? (round.type === 'score' && round.rubric ? round.rubric : (config?.rubric ?? null)))
					: null,
			threshold: input.type === 'vote' ? (input.threshold ?? { num: 2, den: 3 }) : null,
			aggregation: input.aggregation ?? round.aggregation,
			deadline: input.deadline || null,
			requiredSheets: input.type === 'score' ? (input.requiredSheets ?? null) : null,
			maxYes: input.type === 'vote' ? (input.maxYes ?? null) : null
		};
		const before = Object.fromEntries(Object.keys(next).map((k) => [k, round[k as keyof typeof round]]));
		await tx.update(rounds).set(next).where(eq(rounds.id, roundId));
		await audit(tx, actor, {
			campaignId,
			action: 'round.update',
			entity: 'round',
			entityId: roundId,
			before,
			after: next
		});
		return { ok: true as const };
	});
}

/** Deletes a draft round, only the last one (later rounds take their candidates from it). */
export async function deleteRound(db: DB, actor: Actor, campaignId: string, roundId: string): Promise<Result> {
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'draft')
			return { ok: false as const, status: 409 as const, message: notDraft(round.state, '删除') };
		const later = await tx
			.select({ name: rounds.name })
			.from(rounds)
			.where(and(eq(rounds.campaignId, campaignId), gt(rounds.seq, round.seq)));
		if (later.length)
			return { ok: false as const, status: 409 as const, message: `请先删除后面的轮次“${later[0].name}”` };
		await tx.delete(rounds).where(eq(rounds.id, roundId));
		await audit(tx, actor, {
			campaignId,
			action: 'round.delete',
			entity: 'round',
			entityId: roundId,
			before: { name: round.name, seq: round.seq, type: round.type }
		});
		return { ok: true as const };
	});
}

/** Moves an open round's deadline later. `deadline` is an ISO time with its zone. */
export async function extendRound(
	db: DB,
	actor: Actor,
	campaignId: string,
	roundId: string,
	deadline: string,
	reason = ''
): Promise<Result> {
	const at = Date.parse(deadline);
	if (!deadline || Number.isNaN(at)) return { ok: false, status: 400, message: '请填写新的截止时间' };
	return db.transaction(async (tx) => {
		const round = await getRound(tx, campaignId, roundId);
		if (!round) return { ok: false as const, status: 404 as const, message: '没有找到该轮次' };
		if (round.state !== 'open')
			return {
				ok: false as const,
				status: 409 as const,
				message: `该轮次${ROUND_STATE_LABELS[round.state]}，只有进行中的轮次可以延长截止时间`
			};
		if (round.deadline && at <= Date.parse(round.deadline))
			return { ok: false as const, status: 400 as const, message: '新的截止时间应晚于原截止时间（延期只能往后）' };
		if (at <= Date.now())
			return { ok: false as const, status: 400 as const, message: '新的截止时间已经过去，请选择以后的时间' };
		await tx.update(rounds).set({ deadline }).where(eq(rounds.id, roundId));
		await audit(tx, actor, {
			campaignId,
			action: 'round.extend',
			entity: 'round',
			entityId: roundId,
			before: { deadline: round.deadline },
			after: { deadline },
			reason: reason.trim() || undefined
		});
		return { ok: true as const };
	});
}
