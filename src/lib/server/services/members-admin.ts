// Removing a member and resetting a member's password (split from members.ts): both end access, so both refuse oneself and guard accounts shared with other campaigns.
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import {
	assignments,
	conflicts,
	experts,
	invitations,
	memberships,
	panelMembers,
	panels,
	sessions,
	sheets,
	users
} from '../db/schema';
import { audit, type Actor } from '../audit';
import { createInvitation } from './accounts';

export type MemberResult<T = object> =
	({ ok: true } & T) | { ok: false; status: 400 | 403 | 404 | 409; message: string };
export const refuse = (status: 400 | 403 | 404 | 409, message: string) => ({ ok: false as const, status, message });

export async function memberOf(db: DB, campaignId: string, userId: string) {
	return (
		(
			await db
				.select({ m: memberships, u: users })
				.from(memberships)
				.innerJoin(users, eq(users.id, memberships.userId))
				.where(and(eq(memberships.campaignId, campaignId), eq(memberships.userId, userId)))
		)[0] ?? null
	);
}

/**
 * Ends a member's access to the campaign. The audit log keeps everything; what the member did
 * stays: a roster entry with sheets, assignments or decided conflicts cannot be removed (the office
 * adjusts the assignment or records a recusal instead). Never oneself, never the last organizer.
 */
export async function removeMember(
	db: DB,
	actor: Actor,
	campaignId: string,
	userId: string,
	reason: string
): Promise<MemberResult> {
	const who = await memberOf(db, campaignId, userId);
	if (!who) return refuse(404, '没有找到该成员');
	if (userId === actor.id) return refuse(409, '不能移除自己');
	if (!reason.trim()) return refuse(400, '请填写移除理由（记入操作日志）');
	const role = who.m.role;
	if (role === 'organizer') {
		const orgs = await db
			.select()
			.from(memberships)
			.where(and(eq(memberships.campaignId, campaignId), eq(memberships.role, 'organizer')));
		if (orgs.length <= 1) return refuse(409, '不能移除活动的最后一名办公室成员');
	}
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, userId)))
	)[0];
	if (e) {
		const s = await db.select({ id: sheets.id }).from(sheets).where(eq(sheets.expertId, e.id)).limit(1);
		const a = await db
			.select({ e: assignments.expertId })
			.from(assignments)
			.where(eq(assignments.expertId, e.id))
			.limit(1);
		const decided = (
			await db.select({ d: conflicts.decidedAt }).from(conflicts).where(eq(conflicts.expertId, e.id))
		).some((x) => x.d !== null);
		if (s.length) return refuse(409, `${e.name}已有评分记录，不能移除；如需停止其评审，请在分配页调整或登记回避`);
		if (a.length) return refuse(409, `${e.name}在分配方案中有评审任务，请先在分配页移出后再移除`);
		if (decided) return refuse(409, `${e.name}有已决定的回避记录，不能移除`);
	}
	const before = { username: who.u.username, name: who.u.displayName, role };
	await db.transaction(async (tx) => {
		const chaired = await tx
			.update(panels)
			.set({ chairUserId: null })
			.where(and(eq(panels.campaignId, campaignId), eq(panels.chairUserId, userId)))
			.returning({ id: panels.id });
		if (e) {
			await tx.delete(panelMembers).where(eq(panelMembers.expertId, e.id));
			await tx.delete(experts).where(eq(experts.id, e.id));
		}
		await tx.delete(memberships).where(and(eq(memberships.campaignId, campaignId), eq(memberships.userId, userId)));
		// Unused links of this campaign die with the membership.
		await tx
			.update(invitations)
			.set({ revokedAt: Date.now() })
			.where(
				and(
					eq(invitations.userId, userId),
					eq(invitations.campaignId, campaignId),
					isNull(invitations.usedAt),
					isNull(invitations.revokedAt)
				)
			);
		await audit(tx, actor, {
			campaignId,
			action: 'member.remove',
			entity: 'user',
			entityId: userId,
			before: { ...before, chairOf: chaired.map((p) => p.id), expertId: e?.id ?? null },
			reason: reason.trim()
		});
	});
	return { ok: true };
}

/**
 * A new one-time link: the old password stops working at once, every unused older link is revoked
 * and every session of the account ends. An account that also belongs to a campaign where the actor
 * is not an organizer is refused: otherwise the office of one campaign could take over the account
 * of another campaign's member by adding and resetting it.
 */
export async function resetMemberPassword(
	db: DB,
	actor: Actor,
	campaignId: string,
	userId: string
): Promise<
	MemberResult<{
		token: string;
		expiresAt: number;
		username: string;
		name: string;
		expertId: string | null;
		sessionsEnded: number;
	}>
> {
	const who = await memberOf(db, campaignId, userId);
	if (!who) return refuse(404, '没有找到该成员');
	if (userId === actor.id) return refuse(409, '不能重置自己的密码，请在“账号”页修改');
	if (who.u.canCreateCampaigns) return refuse(403, '该账号可以创建活动，其密码只能由系统管理员重置');
	const theirs = await db.select().from(memberships).where(eq(memberships.userId, userId));
	const mine = actor.id
		? await db
				.select()
				.from(memberships)
				.where(and(eq(memberships.userId, actor.id), eq(memberships.role, 'organizer')))
		: [];
	const managed = new Set(mine.map((m) => m.campaignId));
	if (theirs.some((m) => !managed.has(m.campaignId)))
		return refuse(403, '该账号还参加其他活动（您不是其活动办公室成员），请由系统管理员重置密码');
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, userId)))
	)[0];
	const out = await db.transaction(async (tx) => {
		const now = Date.now();
		const revoked = await tx
			.update(invitations)
			.set({ revokedAt: now })
			.where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
			.returning({ t: invitations.tokenHash });
		await tx.update(users).set({ passwordHash: null, passwordChangedAt: now }).where(eq(users.id, userId));
		const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
		await audit(tx, actor, {
			campaignId,
			action: 'member.reset_password',
			entity: 'user',
			entityId: userId,
			after: { username: who.u.username, linksRevoked: revoked.length, sessionsEnded: ended.length }
		});
		const inv = await createInvitation(tx, actor, userId, campaignId);
		return { ...inv, sessionsEnded: ended.length };
	});
	return { ok: true, ...out, username: who.u.username, name: e?.name ?? who.u.displayName, expertId: e?.id ?? null };
}
