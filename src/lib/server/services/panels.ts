// 评审组: the experts of one field or group with a chair. Creating, staffing and the automatic
// build by the experts' main field; every action is one audited transaction.
import { and, asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, experts, memberships, panelMembers, panels, users } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import type { Tx } from './candidates';
import { configOf } from './campaigns';

export type PanelRow = typeof panels.$inferSelect;
export type PanelResult = { ok: true; id?: string } | { ok: false; status: 400 | 404; message: string };

export interface PanelView {
	id: string;
	name: string;
	field: string;
	chair: { userId: string; name: string; username: string } | null;
	members: { id: string; name: string; unit: string; title: string | null; fields: string[] }[];
}

/** The panels of a campaign in the order of the campaign's fields, each with chair and members. */
export async function listPanels(db: DB | Tx, campaignId: string, fieldOrder: string[] = []): Promise<PanelView[]> {
	const ps = await db
		.select({ p: panels, chairName: users.displayName, chairUsername: users.username })
		.from(panels)
		.leftJoin(users, eq(users.id, panels.chairUserId))
		.where(eq(panels.campaignId, campaignId))
		.orderBy(asc(panels.createdAt), asc(panels.name));
	const ms = await db
		.select({ panelId: panelMembers.panelId, e: experts })
		.from(panelMembers)
		.innerJoin(experts, eq(experts.id, panelMembers.expertId))
		.where(eq(experts.campaignId, campaignId))
		.orderBy(asc(experts.createdAt), asc(experts.name));
	const rank = (f: string) => (fieldOrder.includes(f) ? fieldOrder.indexOf(f) : fieldOrder.length);
	return ps
		.map(({ p, chairName, chairUsername }) => ({
			id: p.id,
			name: p.name,
			field: p.field,
			chair:
				p.chairUserId && chairUsername
					? { userId: p.chairUserId, name: chairName ?? chairUsername, username: chairUsername }
					: null,
			members: ms
				.filter((m) => m.panelId === p.id)
				.map(({ e }) => ({ id: e.id, name: e.name, unit: e.unit, title: e.title, fields: e.fields }))
		}))
		.sort((a, b) => rank(a.field) - rank(b.field));
}

/** The campaign's panels, bare: id, name and field. */
export async function panelsOf(
	db: DB | Tx,
	campaignId: string
): Promise<{ id: string; name: string; field: string }[]> {
	return db
		.select({ id: panels.id, name: panels.name, field: panels.field })
		.from(panels)
		.where(eq(panels.campaignId, campaignId));
}

/** Users who may chair a panel: the campaign's members with role chair. */
export async function chairsOf(db: DB | Tx, campaignId: string) {
	return db
		.select({ userId: users.id, name: users.displayName, username: users.username })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.campaignId, campaignId), eq(memberships.role, 'chair')))
		.orderBy(asc(users.username));
}

/** expertId → names of the panels the expert sits on. */
export async function panelNamesByExpert(db: DB, campaignId: string): Promise<Map<string, string[]>> {
	const rows = await db
		.select({ expertId: panelMembers.expertId, name: panels.name })
		.from(panelMembers)
		.innerJoin(panels, eq(panels.id, panelMembers.panelId))
		.where(eq(panels.campaignId, campaignId))
		.orderBy(asc(panels.name));
	const out = new Map<string, string[]>();
	for (const r of rows) out.set(r.expertId, [...(out.get(r.expertId) ?? []), r.name]);
	return out;
}

async function fieldsOf(tx: Tx, campaignId: string): Promise<string[]> {
	const c = (await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1))[0];
	return c ? configOf(c).fields : [];
}

async function panelOf(tx: Tx, campaignId: string, panelId: string): Promise<PanelRow | null> {
	return (
		(
			await tx
				.select()
				.from(panels)
				.where(and(eq(panels.id, panelId), eq(panels.campaignId, campaignId)))
		)[0] ?? null
	);
}

async function isChair(tx: Tx, campaignId: string, userId: string): Promise<boolean> {
	const m = await tx
		.select()
		.from(memberships)
		.where(and(eq(memberships.campaignId, campaignId), eq(memberships.userId, userId), eq(memberships.role, 'chair')));
	return m.length > 0;
}

const NOT_FOUND = { ok: false as const, status: 404 as const, message: '没有找到该评审组' };
const bad = (message: string) => ({ ok: false as const, status: 400 as const, message });

export async function createPanel(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: { name: string; field: string; chairUserId: string | null }
): Promise<PanelResult> {
	const name = (input.name.trim() || `${input.field}组`).replace(/[\s\u3000]+/g, ' ');
	if (name.length > 50) return bad('评审组名称过长（最多 50 字）');
	return db.transaction(async (tx) => {
		const fields = await fieldsOf(tx, campaignId);
		if (!fields.includes(input.field)) return bad(`领域“${input.field}”不属于本活动，应为 ${fields.join('、')} 之一`);
		if (input.chairUserId && !(await isChair(tx, campaignId, input.chairUserId)))
			return bad('所选组长不是本活动的评审组长');
		const same = await tx
			.select()
			.from(panels)
			.where(and(eq(panels.campaignId, campaignId), eq(panels.name, name)));
		if (same.length) return bad(`已有名为“${name}”的评审组`);
		const row = {
			id: newId('p_'),
			campaignId,
			name,
			field: input.field,
			chairUserId: input.chairUserId,
			createdAt: Date.now()
		};
		await tx.insert(panels).values(row);
		await audit(tx, actor, { campaignId, action: 'panel.create', entity: 'panel', entityId: row.id, after: row });
		return { ok: true as const, id: row.id };
	});
}

export async function setPanelChair(
	db: DB,
	actor: Actor,
	campaignId: string,
	panelId: string,
	chairUserId: string | null
): Promise<PanelResult> {
	return db.transaction(async (tx) => {
		const p = await panelOf(tx, campaignId, panelId);
		if (!p) return NOT_FOUND;
		if (chairUserId && !(await isChair(tx, campaignId, chairUserId))) return bad('所选组长不是本活动的评审组长');
		if (p.chairUserId === chairUserId) return { ok: true as const };
		await tx.update(panels).set({ chairUserId }).where(eq(panels.id, p.id));
		await audit(tx, actor, {
			campaignId,
			action: 'panel.chair',
			entity: 'panel',
			entityId: p.id,
			before: { chairUserId: p.chairUserId },
			after: { chairUserId }
		});
		return { ok: true as const };
	});
}

export async function addPanelMember(
	db: DB,
	actor: Actor,
	campaignId: string,
	panelId: string,
	expertId: string
): Promise<PanelResult> {
	return db.transaction(async (tx) => {
		const p = await panelOf(tx, campaignId, panelId);
		if (!p) return NOT_FOUND;
		const e = (
			await tx
				.select()
				.from(experts)
				.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
		)[0];
		if (!e) return { ok: false as const, status: 404 as const, message: '没有找到该专家' };
		const have = await tx
			.select()
			.from(panelMembers)
			.where(and(eq(panelMembers.panelId, p.id), eq(panelMembers.expertId, e.id)));
		if (have.length) return bad(`${e.name}已在“${p.name}”中`);
		await tx.insert(panelMembers).values({ panelId: p.id, expertId: e.id });
		await audit(tx, actor, {
			campaignId,
			action: 'panel.member.add',
			entity: 'panel',
			entityId: p.id,
			after: { expertId: e.id, name: e.name }
		});
		return { ok: true as const };
	});
}

export async function removePanelMember(
	db: DB,
	actor: Actor,
	campaignId: string,
	panelId: string,
	expertId: string
): Promise<PanelResult> {
	return db.transaction(async (tx) => {
		const p = await panelOf(tx, campaignId, panelId);
		if (!p) return NOT_FOUND;
		const removed = await tx
			.delete(panelMembers)
			.where(and(eq(panelMembers.panelId, p.id), eq(panelMembers.expertId, expertId)))
			.returning();
		if (!removed.length) return { ok: false as const, status: 404 as const, message: '该专家不在此评审组中' };
		await audit(tx, actor, {
			campaignId,
			action: 'panel.member.remove',
			entity: 'panel',
			entityId: p.id,
			before: { expertId }
		});
		return { ok: true as const };
	});
}

/** Deletes an empty panel (one with members must be emptied first, so nothing vanishes by accident). */
export async function deletePanel(db: DB, actor: Actor, campaignId: string, panelId: string): Promise<PanelResult> {
	return db.transaction(async (tx) => {
		const p = await panelOf(tx, campaignId, panelId);
		if (!p) return NOT_FOUND;
		const members = await tx.select().from(panelMembers).where(eq(panelMembers.panelId, p.id));
		if (members.length) return bad(`“${p.name}”还有 ${members.length} 名专家，请先移出后再删除`);
		await tx.delete(panels).where(eq(panels.id, p.id));
		await audit(tx, actor, { campaignId, action: 'panel.delete', entity: 'panel', entityId: p.id, before: p });
		return { ok: true as const };
	});
}

/**
 * 按领域自动组建: one panel per field of the campaign that has none yet, with every expert whose
 * first (main) field it is. Existing panels are left as they are. When the campaign has exactly
 * one chair, the new panels get that chair.
 */
export async function autoBuildPanels(
	db: DB,
	actor: Actor,
	campaignId: string
): Promise<{ created: { id: string; name: string; field: string; members: number }[] }> {
	return db.transaction(async (tx) => {
		const fields = await fieldsOf(tx, campaignId);
		const existing = await tx.select().from(panels).where(eq(panels.campaignId, campaignId));
		const roster = await tx
			.select()
			.from(experts)
			.where(eq(experts.campaignId, campaignId))
			.orderBy(asc(experts.createdAt));
		const chairs = await chairsOf(tx, campaignId);
		const chairUserId = chairs.length === 1 ? chairs[0].userId : null;
		const names = new Set(existing.map((p) => p.name));
		const created: { id: string; name: string; field: string; members: number }[] = [];
		for (const field of fields) {
			if (existing.some((p) => p.field === field)) continue;
			let name = `${field}组`;
			for (let i = 2; names.has(name); i++) name = `${field}组${i}`;
			names.add(name);
			const row = { id: newId('p_'), campaignId, name, field, chairUserId, createdAt: Date.now() };
			await tx.insert(panels).values(row);
			const members = roster.filter((e) => e.fields[0] === field);
			if (members.length)
				await tx.insert(panelMembers).values(members.map((e) => ({ panelId: row.id, expertId: e.id })));
			await audit(tx, actor, {
				campaignId,
				action: 'panel.autobuild',
				entity: 'panel',
				entityId: row.id,
				after: { ...row, members: members.map((e) => e.id) }
			});
			created.push({ id: row.id, name, field, members: members.length });
		}
		return { created };
	});
}
