// Read models for the role home pages.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, candidates, experts, memberships, panels, panelMembers } from '../db/schema';

export async function campaignCounts(db: DB, campaignId: string) {
	const byField = await db
		.select({ field: candidates.field, n: sql<number>`count(*)` })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId))
		.groupBy(candidates.field);
	const women = await db
		.select({ n: sql<number>`count(*)` })
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), eq(candidates.gender, '女')));
	const expertCount = await db.select({ n: sql<number>`count(*)` }).from(experts).where(eq(experts.campaignId, campaignId));
	const roles = await db
		.select({ role: memberships.role, n: sql<number>`count(*)` })
		.from(memberships)
		.where(eq(memberships.campaignId, campaignId))
		.groupBy(memberships.role);
	return {
		candidates: byField.reduce((s, r) => s + Number(r.n), 0),
		byField: byField.map((r) => ({ field: r.field ?? '未填', n: Number(r.n) })),
		women: Number(women[0]?.n ?? 0),
		experts: Number(expertCount[0]?.n ?? 0),
		roles: Object.fromEntries(roles.map((r) => [r.role, Number(r.n)])) as Record<string, number>
	};
}

export async function recentAudit(db: DB, campaignId: string, limit = 8) {
	return db
		.select({ at: auditLog.at, actor: auditLog.actorName, action: auditLog.action, entity: auditLog.entity })
		.from(auditLog)
		.where(eq(auditLog.campaignId, campaignId))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit);
}

export async function panelsWithMembers(db: DB, campaignId: string) {
	const rows = await db
		.select({ panel: panels, expertId: experts.id, expertName: experts.name, expertTitle: experts.title })
		.from(panels)
		.leftJoin(panelMembers, eq(panelMembers.panelId, panels.id))
		.leftJoin(experts, eq(experts.id, panelMembers.expertId))
		.where(eq(panels.campaignId, campaignId))
		.orderBy(panels.name, experts.name);
	const out = new Map<string, { id: string; name: string; field: string; members: { id: string; name: string; title: string | null }[] }>();
	for (const r of rows) {
		const p = out.get(r.panel.id) ?? { id: r.panel.id, name: r.panel.name, field: r.panel.field, members: [] };
		if (r.expertId) p.members.push({ id: r.expertId, name: r.expertName!, title: r.expertTitle });
		out.set(r.panel.id, p);
	}
	return [...out.values()];
}

export const ACTION_LABELS: Record<string, string> = {
	'campaign.create': '创建活动',
	'campaign.update': '修改活动设置',
	'demo.seed': '生成演示数据',
	'invitation.create': '生成邀请链接',
	'invitation.accept': '专家设置密码',
	'expert.create': '添加专家',
	'candidate.import': '导入候选人',
	'candidate.create': '新增候选人',
	'candidate.update': '修改候选人',
	'candidate.redactions': '修改隐去内容',
	'attachment.create': '上传附件',
	'attachment.delete': '删除附件',
	'campaign.channels_added': '新增推荐渠道',
	'expert.update': '修改专家信息',
	'expert.declare': '专家申报利益关联',
	'expert.import': '导入专家',
	'panel.create': '组建评审组',
	'panel.chair': '更换评审组长',
	'panel.member.add': '增加评审组成员',
	'panel.member.remove': '移出评审组成员',
	'panel.delete': '删除评审组',
	'panel.autobuild': '按领域自动组建评审组',
	'conflict.detect': '自动检测回避',
	'conflict.confirm': '确认回避',
	'conflict.dismiss': '排除回避',
	'conflict.organizer': '活动办公室添加回避',
	'conflict.recusal': '专家主动回避',
	'assignment.propose': '生成分配方案',
	'assignment.add': '手动增加分配',
	'assignment.remove': '移除分配',
	'assignment.move': '调整分配',
	'assignment.publish': '发布分配',
	'round.create': '创建评审轮次',
	'round.open': '开始评审轮次',
	'round.close': '结束评审轮次',
	'round.reopen': '重新开放轮次',
	'round.advance': '晋级候选人',
	'round.remove_candidate': '移出轮次',
	'sheet.submit': '提交评分',
	'vote.submit': '提交投票',
	'sheet.rescore_request': '请求重评',
	'sheet.withdraw': '评分作废',
	'note.add': '添加备注',
	'selection.run': '运行遴选',
	'selection.lock': '锁定遴选结果',
	'selection.unlock': '解除锁定',
	'notice.publish': '发布公示',
	'user.password_change': '修改密码',
	'mail.send': '发送邮件'
};
