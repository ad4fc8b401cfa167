// Members of a campaign: another organizer, a chair (of one or more panels), an expert or a
// read-only observer (纪检监察). A new account has no password and gets a one-time invitation
// link (accounts.ts); an expert also gets a roster entry (experts.ts); panels are staffed with
// the panels service. One account may hold roles in several campaigns, one role in each.
import { and, eq, inArray, isNull } from 'drizzle-orm';
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
import { createInvitation, findUserByUsername, insertUser, newId } from './accounts';
import { insertExpert } from './experts';
import { addPanelMember, removePanelMember, setPanelChair } from './panels';
import { refreshDetectedConflicts } from './conflicts';
import { configOf, getCampaign } from './campaigns';
import { USERNAME_PATTERN, validateExpert } from '../../domain/intake/expert-csv';
import type { Role } from '../../domain/types';

const MEMBER_ROLES: readonly Role[] = ['organizer', 'chair', 'expert', 'observer'];

export interface MemberInput {
	username: string;
	role: string;
	/** 姓名; the username when absent */
	name?: string;
	/** panel names: chaired (chair) or sat on (expert) */
	panels?: string[];
	/** for an expert's roster entry */
	unit?: string;
	fields?: string[];
}

export type AddMemberResult =
	| {
			ok: true;
			userId: string;
			username: string;
			role: Role;
			token: string | null;
			expiresAt: number | null;
			notes: string[];
	  }
	| { ok: false; code: 'BAD_INPUT' | 'UNKNOWN_PANEL' | 'ALREADY_MEMBER' | 'UNKNOWN_CAMPAIGN'; message: string };

const bad = (code: 'BAD_INPUT' | 'UNKNOWN_PANEL' | 'ALREADY_MEMBER' | 'UNKNOWN_CAMPAIGN', message: string) => ({
	ok: false as const,
	code,
	message
});

/**
 * Adds one member. Everything is checked before anything is written; the account, membership,
 * roster entry and invitation are one transaction, the panel assignments follow through the
 * panels service (each audited). An account that already has a password gets no new link.
 */
export async function addMember(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: MemberInput
): Promise<AddMemberResult> {
	const campaign = await getCampaign(db, campaignId);
	if (!campaign) return bad('UNKNOWN_CAMPAIGN', `没有编号为“${campaignId}”的活动`);
	const role = input.role as Role;
	if (!MEMBER_ROLES.includes(role))
		return bad('BAD_INPUT', `角色“${input.role}”无效，应为 ${MEMBER_ROLES.join('、')} 之一`);
	const username = input.username.trim().toLowerCase();
	if (!USERNAME_PATTERN.test(username))
		return bad('BAD_INPUT', `用户名“${username}”无效：只能使用 3–32 位字母、数字、点、下划线或连字符`);
	const name = (input.name ?? '').trim() || username;
	if (name.length > 50) return bad('BAD_INPUT', '姓名过长（最多 50 字）');
	const panelNames = [...new Set((input.panels ?? []).map((p) => p.trim()).filter(Boolean))];
	if (panelNames.length && role !== 'chair' && role !== 'expert')
		return bad('BAD_INPUT', '只有评审组长（chair）和评审专家（expert）可以指定评审组');
	const all = await db.select().from(panels).where(eq(panels.campaignId, campaignId));
	const chosen = panelNames.map((n) => all.find((p) => p.name === n));
	const missing = panelNames.filter((_, i) => !chosen[i]);
	if (missing.length)
		return bad(
			'UNKNOWN_PANEL',
			`本活动没有评审组“${missing.join('”“')}”${all.length ? `（现有：${all.map((p) => p.name).join('、')}）` : '（尚未组建评审组）'}`
		);
	const existing = await findUserByUsername(db, username);
	if (existing) {
		const m = await db
			.select()
			.from(memberships)
			.where(and(eq(memberships.campaignId, campaignId), eq(memberships.userId, existing.id)));
		if (m.length) return bad('ALREADY_MEMBER', `用户“${username}”已是本活动成员（${m[0].role}）`);
	}
	const notes: string[] = [];
	// A passwordless account that belongs to another campaign (or may create campaigns) gets no link
	// from this campaign's office: whoever holds the link sets the password of the whole account.
	const linkable =
		!existing ||
		(!existing.canCreateCampaigns &&
			!(await db.select().from(memberships).where(eq(memberships.userId, existing.id))).length);
	// An expert's roster entry: 评审领域 from --field, else from the panels, else every field of the campaign.
	const config = configOf(campaign);
	const fields = input.fields?.length ? input.fields : [...new Set(chosen.map((p) => p!.field))];
	if (role === 'expert' && !fields.length) notes.push('未指定评审领域，暂按本活动全部领域登记，请在“专家”页修改');
	const expertInput = {
		name,
		username,
		unit: (input.unit ?? '').trim(),
		fields: fields.length ? fields : config.fields
	};
	if (role === 'expert') {
		// 工作单位 may be filled in later on the 专家 page (回避检测 by unit waits for it).
		const problems = validateExpert(expertInput, config.fields).filter((p) => p.key !== 'unit' || expertInput.unit);
		if (problems.length) return bad('BAD_INPUT', problems.map((p) => p.message).join('；'));
		if (!expertInput.unit) notes.push('工作单位未填，按单位的回避检测要等补填后才能进行');
	}

	const created = await db.transaction(async (tx) => {
		if (role === 'expert' && !existing) {
			const r = await insertExpert(tx, actor, campaignId, expertInput);
			return { userId: r.userId, token: r.token, expiresAt: r.expiresAt };
		}
		const userId = existing?.id ?? (await insertUser(tx, { username, displayName: name }));
		await tx.insert(memberships).values({ campaignId, userId, role, createdAt: Date.now() });
		await audit(tx, actor, {
			campaignId,
			action: 'member.add',
			entity: 'user',
			entityId: userId,
			after: { username, name, role }
		});
		if (role === 'expert') {
			// An existing account (a member of another campaign) joins this campaign's roster.
			const row = {
				id: newId('e_'),
				campaignId,
				userId,
				name,
				unit: expertInput.unit,
				formerUnits: [],
				school: null,
				title: null,
				fields: expertInput.fields,
				phone: null,
				email: null,
				maxLoad: null,
				createdAt: Date.now()
			};
			await tx.insert(experts).values(row);
			await audit(tx, actor, {
				campaignId,
				action: 'expert.create',
				entity: 'expert',
				entityId: row.id,
				after: { ...row, username }
			});
		}
		if (existing && (existing.passwordHash || !linkable)) return { userId, token: null, expiresAt: null };
		const inv = await createInvitation(tx, actor, userId, campaignId);
		return { userId, token: inv.token, expiresAt: inv.expiresAt };
	});
	if (existing?.passwordHash) notes.push('该账号已设置密码，沿用原密码登录，不再生成邀请链接');
	else if (existing && !linkable)
		notes.push('该账号尚未设置密码，且属于其他活动或可以创建活动：不在此生成链接，请本人使用原有邀请链接');

	for (const p of chosen) {
		if (role === 'chair') {
			if (p!.chairUserId) notes.push(`“${p!.name}”原组长已被替换`);
			const r = await setPanelChair(db, actor, campaignId, p!.id, created.userId);
			if (!r.ok) notes.push(r.message);
		} else {
			const e = (
				await db
					.select()
					.from(experts)
					.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, created.userId)))
			)[0];
			const r = await addPanelMember(db, actor, campaignId, p!.id, e.id);
			if (!r.ok) notes.push(r.message);
		}
	}
	if (role === 'expert') await refreshDetectedConflicts(db, actor, campaignId);
	return {
		ok: true,
		userId: created.userId,
		username,
		role,
		token: created.token,
		expiresAt: created.expiresAt,
		notes
	};
}

/** The one-time link as people open it: ORIGIN (the URL the app is served at) or the local default. */
export function invitationLink(
	token: string,
	origin = process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`
): string {
	return `${origin.replace(/\/+$/, '')}/invite/${token}`;
}

// ───────────────────────────── the members page ─────────────────────────────

export interface MemberView {
	userId: string;
	username: string;
	name: string;
	role: Role;
	/** invited: no password set yet (or reset); active: the password is set */
	status: 'invited' | 'active';
	/** panels this account chairs (chair) */
	chairs: { id: string; name: string }[];
	/** panels the account's roster entry sits on (expert; a chair who also reviews) */
	seats: { id: string; name: string }[];
	expertId: string | null;
	email: string | null;
	since: number;
}

const ROLE_ORDER: Role[] = ['organizer', 'chair', 'expert', 'observer'];

export async function listMembers(db: DB, campaignId: string): Promise<MemberView[]> {
	const rows = await db
		.select({ m: memberships, u: users })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.campaignId, campaignId));
	const ps = await db.select().from(panels).where(eq(panels.campaignId, campaignId));
	const ex = await db.select().from(experts).where(eq(experts.campaignId, campaignId));
	const seats = ps.length
		? await db
				.select()
				.from(panelMembers)
				.where(
					inArray(
						panelMembers.panelId,
						ps.map((p) => p.id)
					)
				)
		: [];
	const byName = new Intl.Collator('zh-CN');
	return rows
		.map(({ m, u }) => {
			const e = ex.find((x) => x.userId === u.id) ?? null;
			const mine = e ? new Set(seats.filter((s) => s.expertId === e.id).map((s) => s.panelId)) : new Set<string>();
			return {
				userId: u.id,
				username: u.username,
				name: e?.name ?? u.displayName,
				role: m.role,
				status: (u.passwordHash ? 'active' : 'invited') as MemberView['status'],
				chairs: ps.filter((p) => p.chairUserId === u.id).map((p) => ({ id: p.id, name: p.name })),
				seats: ps.filter((p) => mine.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
				expertId: e?.id ?? null,
				email: e?.email ?? null,
				since: m.createdAt
			};
		})
		.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byName.compare(a.name, b.name));
}

export type MemberResult<T = object> =
	({ ok: true } & T) | { ok: false; status: 400 | 403 | 404 | 409; message: string };
const refuse = (status: 400 | 403 | 404 | 409, message: string) => ({ ok: false as const, status, message });

async function memberOf(db: DB, campaignId: string, userId: string) {
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
 * Sets the panels of a member: for a chair the panels chaired (`chairs`) and the panels on which the
 * chair also reviews (`seats`, through a roster entry of the chair's own account, created here when
 * needed); for an expert the panels sat on. A chair never sits on a panel of a field they chair:
 * panels review by field, so such a seat would hand them dossiers of their own panel.
 */
export async function setMemberPanels(
	db: DB,
	actor: Actor,
	campaignId: string,
	userId: string,
	want: { chairs?: string[]; seats?: string[] }
): Promise<MemberResult<{ notes: string[] }>> {
	const who = await memberOf(db, campaignId, userId);
	if (!who) return refuse(404, '没有找到该成员');
	const role = who.m.role;
	if (role !== 'chair' && role !== 'expert') return refuse(400, '只有评审组长和评审专家可以指定评审组');
	const ps = await db.select().from(panels).where(eq(panels.campaignId, campaignId));
	const pick = (ids: string[] | undefined) => [...new Set(ids ?? [])].map((id) => ps.find((p) => p.id === id));
	const chairs = role === 'chair' ? pick(want.chairs) : [];
	const seats = pick(want.seats);
	if ([...chairs, ...seats].some((p) => !p)) return refuse(404, '所选评审组不属于本活动');
	const chairedFields = new Set(chairs.map((p) => p!.field));
	const clash = seats.filter((p) => chairedFields.has(p!.field));
	if (clash.length)
		return refuse(
			409,
			`组长不能在自己担任组长的领域评审：“${clash.map((p) => p!.name).join('”“')}”与其所任组长的评审组同属一个领域`
		);
	const notes: string[] = [];
	if (role === 'chair') {
		for (const p of ps) {
			const should = chairs.some((c) => c!.id === p.id);
			if (should && p.chairUserId !== userId) {
				if (p.chairUserId) notes.push(`“${p.name}”原组长已被替换`);
				const r = await setPanelChair(db, actor, campaignId, p.id, userId);
				if (!r.ok) return refuse(400, r.message);
			} else if (!should && p.chairUserId === userId) {
				const r = await setPanelChair(db, actor, campaignId, p.id, null);
				if (!r.ok) return refuse(400, r.message);
			}
		}
	}
	let e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, userId)))
	)[0];
	if (!e && seats.length) {
		// The chair's roster entry for reviewing: name from the account, fields from the panels.
		const row = {
			id: newId('e_'),
			campaignId,
			userId,
			name: who.u.displayName,
			unit: '',
			formerUnits: [],
			school: null,
			title: null,
			fields: [...new Set(seats.map((p) => p!.field))],
			phone: null,
			email: null,
			maxLoad: null,
			createdAt: Date.now()
		};
		await db.transaction(async (tx) => {
			await tx.insert(experts).values(row);
			await audit(tx, actor, {
				campaignId,
				action: 'expert.create',
				entity: 'expert',
				entityId: row.id,
				after: { ...row, username: who.u.username, chairReviews: true }
			});
		});
		e = (await db.select().from(experts).where(eq(experts.id, row.id)))[0];
		notes.push('已为其建立评审专家档案（工作单位待补填，按单位的回避检测要等补填后才能进行）');
	}
	if (e) {
		const have = new Set(
			(await db.select().from(panelMembers).where(eq(panelMembers.expertId, e.id))).map((x) => x.panelId)
		);
		for (const p of ps) {
			const should = seats.some((x) => x!.id === p.id);
			if (should && !have.has(p.id)) {
				const r = await addPanelMember(db, actor, campaignId, p.id, e.id);
				if (!r.ok) notes.push(r.message);
			} else if (!should && have.has(p.id)) {
				const r = await removePanelMember(db, actor, campaignId, p.id, e.id);
				if (!r.ok) notes.push(r.message);
			}
		}
		await refreshDetectedConflicts(db, actor, campaignId);
	}
	return { ok: true, notes };
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
