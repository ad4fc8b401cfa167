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
	const expertCount = await db
		.select({ n: sql<number>`count(*)` })
		.from(experts)
		.where(eq(experts.campaignId, campaignId));
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
	const out = new Map<
		string,
		{ id: string; name: string; field: string; members: { id: string; name: string; title: string | null }[] }
	>();
	for (const r of rows) {
		const p = out.get(r.panel.id) ?? { id: r.panel.id, name: r.panel.name, field: r.panel.field, members: [] };
		if (r.expertId) p.members.push({ id: r.expertId, name: r.expertName!, title: r.expertTitle });
		out.set(r.panel.id, p);
	}
	return [...out.values()];
}
