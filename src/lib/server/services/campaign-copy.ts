// A new campaign from last year's (issue 12): settings, channels, rubric, panels and roster come
// along; candidates, scores, conflicts, declarations and the audit log do not. The year's dates
// (reference date, youth cut-off, deadline) are asked anew, never carried over silently.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, experts, memberships, panelMembers, panels } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { validateConfig } from '../../domain/notice/config';
import type { CampaignConfig } from '../../domain/types';
import { isCalendarDate } from '../../shared/time';

export interface CopyInput {
	name: string;
	/** 年龄计算基准日 of the new year */
	referenceDate: string;
	/** 青年 cut-off as a birth date; empty: reference date − youthAge years */
	youthBornOnOrAfter: string;
	/** the submission deadline; required when last year's notice had one */
	deadline: string;
}

/** The source's dates, to show beside the empty fields (“去年：…”). */
export function previousDates(config: CampaignConfig): {
	referenceDate: string;
	youthBornOnOrAfter: string;
	deadline: string | null;
} {
	return {
		referenceDate: config.referenceDate,
		youthBornOnOrAfter: config.intake?.youthBornOnOrAfter ?? '',
		deadline: config.intake?.deadline?.date ?? null
	};
}

export async function copyCampaign(
	db: DB,
	actor: Actor,
	fromId: string,
	input: CopyInput
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
	const from = (await db.select().from(campaigns).where(eq(campaigns.id, fromId)))[0];
	if (!from) return { ok: false, message: '没有找到要复制的活动' };
	const old = from.config;
	const name = input.name.trim();
	if (!name) return { ok: false, message: '请填写新活动的名称' };
	if (name.length > 200) return { ok: false, message: '活动名称过长（最多 200 个字符）' };
	if (name === from.name) return { ok: false, message: '新活动的名称与原活动相同，请写明年度' };
	if (!isCalendarDate(input.referenceDate)) return { ok: false, message: '请填写本年度的年龄计算基准日（YYYY-MM-DD）' };
	if (input.referenceDate === old.referenceDate)
		return { ok: false, message: `年龄计算基准日与原活动相同（${old.referenceDate}），请填写本年度的日期` };
	const cutoff = input.youthBornOnOrAfter.trim();
	if (cutoff && !isCalendarDate(cutoff))
		return { ok: false, message: `青年出生日期界限“${cutoff}”无效（应为 YYYY-MM-DD）` };
	if (cutoff && cutoff === old.intake?.youthBornOnOrAfter)
		return { ok: false, message: `青年出生日期界限与原活动相同（${cutoff}），请按本年度通知填写，或留空按基准日计算` };
	const deadline = input.deadline.trim();
	if (old.intake?.deadline && !isCalendarDate(deadline))
		return { ok: false, message: '原活动设有推荐截止日期，请填写本年度的截止日期（YYYY-MM-DD）' };
	if (deadline && !isCalendarDate(deadline))
		return { ok: false, message: `截止日期“${deadline}”无效（应为 YYYY-MM-DD）` };

	const intake = { ...(old.intake ?? {}) };
	if (cutoff) intake.youthBornOnOrAfter = cutoff;
	else delete intake.youthBornOnOrAfter;
	if (intake.deadline) intake.deadline = { ...intake.deadline, date: deadline };
	const config: CampaignConfig = { ...old, referenceDate: input.referenceDate, intake };
	const errors = validateConfig(config);
	if (errors.length) return { ok: false, message: errors.map((e) => e.message).join('；') };

	const id = newId('c_');
	const now = Date.now();
	await db.transaction(async (tx) => {
		await tx
			.insert(campaigns)
			.values({ id, name, presetId: from.presetId, status: 'setup', config, createdAt: now, createdBy: actor.id });
		// the roster: experts with their accounts (declared ties are per year: not copied)
		const roster = await tx.select().from(experts).where(eq(experts.campaignId, fromId));
		const expertIds = new Map<string, string>();
		for (const e of roster) {
			const nid = newId('e_');
			expertIds.set(e.id, nid);
			await tx.insert(experts).values({
				...e,
				id: nid,
				campaignId: id,
				declaredUnits: null,
				declaredPeople: null,
				declaredAt: null,
				createdAt: now
			});
		}
		// memberships of the roster's accounts and the panels' chairs; the creator is the organizer
		const oldPanels = await tx.select().from(panels).where(eq(panels.campaignId, fromId));
		const keep = new Set<string>([
			...roster.map((e) => e.userId).filter((u): u is string => !!u),
			...oldPanels.map((p) => p.chairUserId).filter((u): u is string => !!u)
		]);
		if (actor.id) keep.delete(actor.id);
		const members = keep.size
			? await tx
					.select()
					.from(memberships)
					.where(and(eq(memberships.campaignId, fromId), inArray(memberships.userId, [...keep])))
			: [];
		if (actor.id)
			await tx.insert(memberships).values({ campaignId: id, userId: actor.id, role: 'organizer', createdAt: now });
		for (const m of members)
			if (m.role === 'expert' || m.role === 'chair')
				await tx.insert(memberships).values({ ...m, campaignId: id, createdAt: now });
		for (const p of oldPanels) {
			const pid = newId('p_');
			await tx.insert(panels).values({ ...p, id: pid, campaignId: id, createdAt: now });
			const pm = await tx.select().from(panelMembers).where(eq(panelMembers.panelId, p.id));
			for (const x of pm) {
				const e = expertIds.get(x.expertId);
				if (e) await tx.insert(panelMembers).values({ panelId: pid, expertId: e });
			}
		}
		await audit(tx, actor, {
			campaignId: id,
			action: 'campaign.copy',
			entity: 'campaign',
			entityId: id,
			before: { from: fromId, fromName: from.name, ...previousDates(old) },
			after: {
				name,
				referenceDate: config.referenceDate,
				youthBornOnOrAfter: cutoff || null,
				deadline: deadline || null,
				experts: roster.length,
				panels: oldPanels.length
			}
		});
	});
	return { ok: true, id };
}
