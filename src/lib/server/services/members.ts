// Members of a campaign: another organizer, a chair (of one or more panels), an expert or a
// read-only observer (纪检监察). A new account has no password and gets a one-time invitation
// link (accounts.ts); an expert also gets a roster entry (experts.ts); panels are staffed with
// the panels service. One account may hold roles in several campaigns, one role in each.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { experts, memberships, panelMembers, panels, users } from '../db/schema';
import { audit, type Actor } from '../audit';
import { createInvitation, findUserByUsername, insertUser, newId } from './accounts';
import { insertExpert } from './experts';
import { addPanelMember, removePanelMember, setPanelChair } from './panels';
import { refreshDetectedConflicts } from './conflicts';
import { configOf, getCampaign } from './campaigns';
import { USERNAME_PATTERN, validateExpert } from '../../domain/intake/expert-csv';
import type { Role } from '../../domain/types';
import { memberOf, refuse, type MemberResult } from './members-admin';

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
