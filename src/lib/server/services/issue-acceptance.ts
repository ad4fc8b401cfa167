// The office accepts a check warning for one candidate with a reason (PRIOR_TITLE “原则上不再推荐”:
// the notice leaves room for exceptions), or withdraws the acceptance. Errors cannot be accepted:
// where a notice forbids outright (“请勿”“不得”“逾期不再受理”), the office changes the data instead.
import { lockRefusal } from './locks';
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, issueAcceptances } from '../db/schema';
import { audit, type Actor } from '../audit';
import { checkCampaign } from '../../domain/intake/eligibility';
import type { IssueCode } from '../../domain/types';
import { checkInputs } from './intake';

const MAX_REASON = 500;

export type AcceptResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

export async function acceptWarning(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: { candidateId: string; code: string; reason: string }
): Promise<AcceptResult> {
	const reason = input.reason.trim();
	if (!reason) return { ok: false, status: 400, message: '请填写接受该提示的理由' };
	if ([...reason].length > MAX_REASON) return { ok: false, status: 400, message: `理由过长（最多 ${MAX_REASON} 字）` };
	if (!actor.id) return { ok: false, status: 400, message: '需要登录用户操作' };
	const locked = await lockRefusal(db, campaignId, '接受审查提示');
	if (locked) return { ok: false, status: 409, message: locked };
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { ok: false, status: 404, message: '没有找到该活动' };
	const { records, ctx } = await checkInputs(db, campaignId);
	const report = checkCampaign(campaign.config, records, ctx);
	const match = (i: { candidateId?: string; code: IssueCode }) =>
		i.candidateId === input.candidateId && i.code === input.code;
	if (report.errors.some(match))
		return { ok: false, status: 409, message: '这是错误项，通知不允许例外，不能接受；请更正材料或活动设置' };
	const warning = report.warnings.find(match);
	if (!warning) return { ok: false, status: 404, message: '资格审查中没有该候选人的这项提示（可能已处理）' };
	await db.transaction(async (tx) => {
		const before = (
			await tx
				.select()
				.from(issueAcceptances)
				.where(and(eq(issueAcceptances.candidateId, input.candidateId), eq(issueAcceptances.code, input.code)))
		)[0];
		const row = {
			campaignId,
			candidateId: input.candidateId,
			code: input.code,
			reason,
			userId: actor.id!,
			userName: actor.name,
			createdAt: Date.now()
		};
		if (before)
			await tx
				.update(issueAcceptances)
				.set(row)
				.where(and(eq(issueAcceptances.candidateId, input.candidateId), eq(issueAcceptances.code, input.code)));
		else await tx.insert(issueAcceptances).values(row);
		await audit(tx, actor, {
			campaignId,
			action: 'check.accept',
			entity: 'candidate',
			entityId: input.candidateId,
			before: before ? { code: before.code, reason: before.reason } : undefined,
			after: { code: input.code, message: warning.message },
			reason
		});
	});
	return { ok: true };
}

export async function withdrawAcceptance(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: { candidateId: string; code: string }
): Promise<AcceptResult> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '撤销接受');
		if (locked) return { ok: false, status: 409, message: locked } as const;
		const where = and(
			eq(issueAcceptances.campaignId, campaignId),
			eq(issueAcceptances.candidateId, input.candidateId),
			eq(issueAcceptances.code, input.code)
		);
		const before = (await tx.select().from(issueAcceptances).where(where))[0];
		if (!before) return { ok: false, status: 409, message: '没有找到该接受记录（可能已撤销）' } as const;
		await tx.delete(issueAcceptances).where(where);
		await audit(tx, actor, {
			campaignId,
			action: 'check.accept_withdraw',
			entity: 'candidate',
			entityId: input.candidateId,
			before: { code: before.code, reason: before.reason, by: before.userName }
		});
		return { ok: true } as const;
	});
}
