// addMember (the service behind `laurel member add`) and the observer role: an observer is a
// member, and every role list of requireRole that does not name it refuses it (403).
import { describe, it, expect, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDb } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { requireRole, roleHome } from '../../src/lib/server/authz';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { addMember, invitationLink } from '../../src/lib/server/services/members';
import { acceptInvitation } from '../../src/lib/server/services/accounts';
import { campaignNav } from '../../src/lib/shared/nav';
import { verifyAuditChain } from '../../src/lib/server/audit';

const office = { id: null, name: 'test' };

// requireRole reads the process-wide handle (getDb), so this file points it at a fresh database.
const savedUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'laurel-test-')), 'test.db')}`;
afterAll(() => {
	if (savedUrl === undefined) delete process.env.DATABASE_URL;
	else process.env.DATABASE_URL = savedUrl;
});

describe('addMember and the observer role', () => {
	it('refuses the observer on every organizer-only (or chair, expert) check, lets it through the member-only layout', async () => {
		const db = await getDb();
		const c = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'A' });
		if (!c.ok) throw new Error(c.message);
		const r = await addMember(db, office, c.id, { username: 'Watcher', role: 'observer', name: '纪检' });
		if (!r.ok) throw new Error(r.message);
		expect(r.username).toBe('watcher');
		const u = (await db.select().from(users).where(eq(users.id, r.userId)))[0];
		const event = {
			locals: { user: { id: u.id, username: u.username, displayName: u.displayName, canCreateCampaigns: false } },
			url: new URL('http://x/c')
		} as never;
		for (const roles of [
			['organizer'],
			['organizer', 'chair'],
			['chair'],
			['expert'],
			['organizer', 'chair', 'expert']
		] as const) {
			await expect(requireRole(event, c.id, ...roles)).rejects.toMatchObject({ status: 403 });
		}
		await expect(requireRole(event, c.id)).resolves.toMatchObject({ role: 'observer' });
		expect(campaignNav(c.id, 'observer').map((n) => n.href)).toEqual([
			`/c/${c.id}/progress`,
			`/c/${c.id}/audit`,
			`/c/${c.id}/final`
		]);
		expect(roleHome(c.id, 'observer')).toBe(`/c/${c.id}/progress`);
		// Another campaign: not a member there.
		const other = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'B' });
		if (!other.ok) throw new Error(other.message);
		await expect(requireRole(event, other.id, 'organizer')).rejects.toMatchObject({ status: 404 });
	});

	it('one account, roles in two campaigns: a second campaign reuses it and sends no new link once it has a password', async () => {
		const db = await freshDb();
		const a = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'A' });
		const b = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'B' });
		if (!a.ok || !b.ok) throw new Error('campaign');
		const first = await addMember(db, office, a.id, { username: 'li4', role: 'chair', name: '李四' });
		if (!first.ok || !first.token) throw new Error('first');
		expect(invitationLink(first.token, 'https://x.org/')).toBe(`https://x.org/invite/${first.token}`);
		expect(await acceptInvitation(db, first.token, 'long-enough-pass-1')).toMatchObject({ ok: true });
		const second = await addMember(db, office, b.id, {
			username: 'li4',
			role: 'expert',
			name: '李四',
			unit: '某大学',
			fields: ['前沿']
		});
		expect(second).toMatchObject({ ok: true, userId: first.userId, role: 'expert', token: null });
		expect(await addMember(db, office, b.id, { username: 'li4', role: 'observer' })).toMatchObject({
			ok: false,
			code: 'ALREADY_MEMBER'
		});
		expect(await addMember(db, office, b.id, { username: 'wang5', role: 'expert', fields: ['火星学'] })).toMatchObject({
			ok: false,
			code: 'BAD_INPUT'
		});
		// Every write above is in the audit chains.
		expect(await verifyAuditChain(db, a.id)).toMatchObject({ ok: true });
		expect(await verifyAuditChain(db, b.id)).toMatchObject({ ok: true });
	});
});

// ───────────── the members page's services (issue 12) on a seeded campaign ─────────────

import { and } from 'drizzle-orm';
import { seedCampaign } from '../../src/lib/server/demo';
import { listMembers, setMemberPanels } from '../../src/lib/server/services/members';
import { removeMember, resetMemberPassword } from '../../src/lib/server/services/members-admin';
import { login } from '../../src/lib/server/services/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth';
import { auditLog, experts, memberships, panels, sessions } from '../../src/lib/server/db/schema';
import { closeRound, createRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { closedRoundResults, observerProgress } from '../../src/lib/server/services/observer';
import { auditLogPage } from '../../src/lib/server/services/audit-log';
import { audit } from '../../src/lib/server/audit';
import { addPanelMember } from '../../src/lib/server/services/panels';
import { candidates } from '../../src/lib/server/db/schema';
import type { DB } from '../../src/lib/server/db';

async function seeded(prefix: string) {
	const db = await freshDb();
	const { campaign } = await seedCampaign(db, {
		id: `c-${prefix}`,
		name: `测试 ${prefix}`,
		prefix: `${prefix}-`,
		seed: 3,
		candidates: 12
	});
	const org = (
		await db
			.select()
			.from(users)
			.where(eq(users.username, `${prefix}-organizer`))
	)[0];
	return { db, campaign, actor: { id: org.id, name: org.username } };
}

const userId = async (db: DB, username: string) =>
	(await db.select().from(users).where(eq(users.username, username)))[0].id;

describe('members: list, panels, removal, password reset', () => {
	it('lists members with role, panels and invited/active status', async () => {
		const { db, campaign, actor } = await seeded('ls');
		const obs = await addMember(db, actor, campaign, { username: 'ls-watch', role: 'observer', name: '纪检' });
		expect(obs.ok).toBe(true);
		const ps = await db.select().from(panels).where(eq(panels.campaignId, campaign));
		expect(
			await addMember(db, actor, campaign, { username: 'ls-chair2', role: 'chair', panels: [ps[0].name, ps[1].name] })
		).toMatchObject({ ok: true });
		const list = await listMembers(db, campaign);
		const byName = new Map(list.map((m) => [m.username, m]));
		expect(byName.get('ls-watch')).toMatchObject({ role: 'observer', status: 'invited', chairs: [], seats: [] });
		expect(byName.get('ls-chair')).toMatchObject({ role: 'chair', status: 'active' });
		expect(byName.get('ls-expert01')).toMatchObject({ role: 'expert', status: 'active' });
		expect(byName.get('ls-expert01')!.seats).toHaveLength(1);
		expect(
			byName
				.get('ls-chair2')!
				.chairs.map((p) => p.id)
				.sort()
		).toEqual([ps[0].id, ps[1].id].sort());
		expect(list[0].role).toBe('organizer');
	});

	it('reset: a new link, the old password and links dead, every session ended, audited', async () => {
		const { db, campaign, actor } = await seeded('rs');
		const uid = await userId(db, 'rs-expert02');
		const { token } = await createSession(db, uid);
		expect(await validateSessionToken(db, token)).not.toBeNull();
		const r = await resetMemberPassword(db, actor, campaign, uid);
		if (!r.ok) throw new Error(r.message);
		expect(r.sessionsEnded).toBe(1);
		expect((await db.select().from(sessions).where(eq(sessions.userId, uid))).length).toBe(0);
		expect((await validateSessionToken(db, token))?.user ?? null).toBeNull();
		expect(await login(db, 'rs-expert02', 'laurel-demo', '10.0.0.1')).toMatchObject({ ok: false });
		const again = await resetMemberPassword(db, actor, campaign, uid);
		if (!again.ok) throw new Error(again.message);
		// The first reset's link was revoked by the second.
		expect(await acceptInvitation(db, r.token, 'a-new-password-1')).toMatchObject({ ok: false });
		expect(await acceptInvitation(db, again.token, 'a-new-password-2')).toMatchObject({ ok: true });
		expect(await login(db, 'rs-expert02', 'a-new-password-2', '10.0.0.1')).toMatchObject({ ok: true });
		const rows = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, campaign), eq(auditLog.action, 'member.reset_password')));
		expect(rows).toHaveLength(2);
		expect(await verifyAuditChain(db, campaign)).toMatchObject({ ok: true });
		// Never oneself; never an account of another campaign the actor does not run.
		expect(await resetMemberPassword(db, actor, campaign, actor.id)).toMatchObject({ ok: false, status: 409 });
		const other = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'B' });
		if (!other.ok) throw new Error(other.message);
		await addMember(db, office, other.id, { username: 'rs-expert03', role: 'observer' });
		expect(await resetMemberPassword(db, actor, campaign, await userId(db, 'rs-expert03'))).toMatchObject({
			ok: false,
			status: 403
		});
		// An account that may create campaigns (the office's own staff) is the administrator's.
		expect(await resetMemberPassword(db, actor, campaign, await userId(db, 'rs-organizer'))).toMatchObject({
			ok: false
		});
	});

	it('removal: audited with a reason, never oneself nor the last organizer, never a reviewer with sheets', async () => {
		const { db, campaign, actor } = await seeded('rm');
		const obs = await addMember(db, actor, campaign, { username: 'rm-watch', role: 'observer' });
		if (!obs.ok) throw new Error(obs.message);
		expect(await removeMember(db, actor, campaign, obs.userId, '')).toMatchObject({ ok: false, status: 400 });
		expect(await removeMember(db, actor, campaign, obs.userId, '任期结束')).toMatchObject({ ok: true });
		expect(
			await db
				.select()
				.from(memberships)
				.where(and(eq(memberships.campaignId, campaign), eq(memberships.userId, obs.userId)))
		).toHaveLength(0);
		const row = (
			await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.campaignId, campaign), eq(auditLog.action, 'member.remove')))
		)[0];
		expect(row).toMatchObject({ reason: '任期结束', entityId: obs.userId });
		expect(await removeMember(db, actor, campaign, actor.id, '自己')).toMatchObject({ ok: false, status: 409 });
		const round = await openScoreRound(db, actor, campaign);
		const [pair] = await roundPairs(db, round);
		await submitFull(db, actor, round.id, campaign, pair.expertId, pair.candidateId);
		const e = (await db.select().from(experts).where(eq(experts.id, pair.expertId)))[0];
		expect(await removeMember(db, actor, campaign, e.userId!, '退出')).toMatchObject({ ok: false, status: 409 });
		// The chair: chaired panels lose their chair; the log still has everything.
		const chair = await userId(db, 'rm-chair');
		expect(await removeMember(db, actor, campaign, chair, '调整')).toMatchObject({ ok: true });
		expect(
			(await db.select().from(panels).where(eq(panels.campaignId, campaign))).every((p) => p.chairUserId === null)
		).toBe(true);
		expect(await verifyAuditChain(db, campaign)).toMatchObject({ ok: true });
	});

	it('a chair also reviews on panels they do not chair, never on their own', async () => {
		const { db, campaign, actor } = await seeded('cr');
		const ps = await db.select().from(panels).where(eq(panels.campaignId, campaign));
		const [own, other] = ps;
		const c = await addMember(db, actor, campaign, {
			username: 'cr-chair2',
			role: 'chair',
			name: '组长乙',
			panels: [own.name]
		});
		if (!c.ok) throw new Error(c.message);
		expect(await setMemberPanels(db, actor, campaign, c.userId, { chairs: [own.id], seats: [own.id] })).toMatchObject({
			ok: false,
			status: 409
		});
		const ok = await setMemberPanels(db, actor, campaign, c.userId, { chairs: [own.id], seats: [other.id] });
		expect(ok).toMatchObject({ ok: true });
		const me = (await listMembers(db, campaign)).find((m) => m.userId === c.userId)!;
		expect(campaignNav(campaign, 'chair', true).map((n) => n.label)).toContain('我的评审任务');
		expect(campaignNav(campaign, 'chair').map((n) => n.label)).not.toContain('我的评审任务');
		expect(me).toMatchObject({ role: 'chair', chairs: [{ id: own.id }], seats: [{ id: other.id }] });
		// Even seated on their own panel behind the members page's back, no dossier of it reaches them.
		expect(await addPanelMember(db, actor, campaign, own.id, me.expertId!)).toMatchObject({ ok: true });
		const round = await openScoreRound(db, actor, campaign);
		const mine = await roundPairs(db, round, me.expertId!);
		const fieldOf = new Map(
			(await db.select().from(candidates).where(eq(candidates.campaignId, campaign))).map((x) => [x.id, x.field])
		);
		expect(mine.some((p) => fieldOf.get(p.candidateId) === other.field)).toBe(true);
		expect(mine.filter((p) => fieldOf.get(p.candidateId) === own.field)).toEqual([]);
		// An expert's panels are set the same way; an observer has none.
		const obs = await addMember(db, actor, campaign, { username: 'cr-watch', role: 'observer' });
		if (!obs.ok) throw new Error(obs.message);
		expect(await setMemberPanels(db, actor, campaign, obs.userId, { seats: [other.id] })).toMatchObject({
			ok: false,
			status: 400
		});
	});
});

async function openScoreRound(db: DB, actor: { id: string | null; name: string }, campaign: string) {
	const r = await createRound(db, actor, campaign, {
		name: '初评',
		type: 'score',
		reviewers: 'panel',
		deadline: '2030-06-30'
	});
	if (!r.ok) throw new Error(r.message);
	// the seed may leave a candidate whose whole panel must step aside; the refusal is round-guards' to test
	const o = await openRound(db, actor, campaign, r.id, { excludeUncovered: '测试：本组专家均须回避' });
	if (!o.ok) throw new Error(o.message);
	return (await getRound(db, campaign, r.id))!;
}

async function submitFull(
	db: DB,
	actor: { id: string | null; name: string },
	roundId: string,
	campaign: string,
	expertId: string,
	candidateId: string,
	share = 0.9
) {
	const round = (await getRound(db, campaign, roundId))!;
	const values = Object.fromEntries((round.rubric ?? []).map((c) => [c.key, Math.round(c.max * share)]));
	const r = await saveSheet(db, actor, {
		round,
		expertId,
		candidateId,
		values,
		comment: '材料翔实，事迹突出，建议推荐。',
		baseVersion: 0,
		submit: true
	});
	if (!r.ok) throw new Error(r.message);
	return r;
}

describe("the observer never receives an open round's scores", () => {
	it('progress counts sheets only; results and the audit content wait for the round to close', async () => {
		const { db, campaign, actor } = await seeded('ob');
		const round = await openScoreRound(db, actor, campaign);
		const pairs = await roundPairs(db, round);
		// 87 of 100 on a distinctive total, and a draft of 33 %: neither may appear anywhere.
		await submitFull(db, actor, round.id, campaign, pairs[0].expertId, pairs[0].candidateId, 0.87);
		const draft = await saveSheet(db, actor, {
			round,
			expertId: pairs[1].expertId,
			candidateId: pairs[1].candidateId,
			values: { merit: 13 },
			comment: '草稿意见甲乙丙',
			baseVersion: 0,
			submit: false
		});
		expect(draft.ok).toBe(true);
		const progress = await observerProgress(db, campaign);
		expect(progress[0]).toMatchObject({ state: 'open', submitted: 1, expected: pairs.length });
		const text = JSON.stringify(progress);
		for (const leak of ['total', 'values', 'comment', '草稿意见', 'draft"']) expect(text).not.toContain(leak);
		expect(progress[0].experts.reduce((s, e) => s + e.submitted, 0)).toBe(1);
		expect(await closedRoundResults(db, round)).toBeNull();
		const sealed = await auditLogPage(
			db,
			campaign,
			{ action: 'sheet.submit' },
			{ identities: true, sealedRounds: [round.id] }
		);
		expect(sealed.rows).toHaveLength(1);
		expect(sealed.rows[0]).toMatchObject({ sealed: true, hidden: true, diff: [] });
		const office = await auditLogPage(db, campaign, { action: 'sheet.submit' }, { identities: true });
		expect(office.rows[0].diff.length).toBeGreaterThan(0);

		// Names yes (纪检监察 supervises the whole process), nomination records no.
		const cand = (await db.select().from(candidates).where(eq(candidates.campaignId, campaign)))[0];
		await audit(db, actor, {
			campaignId: campaign,
			action: 'candidate.update',
			entity: 'candidate',
			entityId: cand.id,
			before: { phone: '13800000001' },
			after: { phone: '13900000002' }
		});
		const observed = await auditLogPage(
			db,
			campaign,
			{ action: 'candidate.update' },
			{ identities: true, identityContent: false, sealedRounds: [round.id] }
		);
		expect(observed.rows[0]).toMatchObject({ hidden: true, diff: [], object: `候选人 ${cand.name}` });
		expect(JSON.stringify(observed.rows)).not.toContain('1380000');

		expect(await closeRound(db, actor, campaign, round.id)).toMatchObject({ ok: true });
		const closed = await closedRoundResults(db, (await getRound(db, campaign, round.id))!);
		expect(closed!.ranking).toHaveLength(1);
		expect(closed!.ranking[0]).toMatchObject({ rank: 1, n: 1 });
	});
});

describe('adding an existing account', () => {
	it("never hands this campaign a link that would set the password of another campaign's member", async () => {
		const { db, campaign, actor } = await seeded('ex');
		const other = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'B' });
		if (!other.ok) throw new Error(other.message);
		const pending = await addMember(db, office, other.id, { username: 'ex-pending', role: 'chair' });
		if (!pending.ok || !pending.token) throw new Error('pending');
		const r = await addMember(db, actor, campaign, { username: 'ex-pending', role: 'observer' });
		expect(r).toMatchObject({ ok: true, token: null, userId: pending.userId });
		// The account's own link still sets its password, for both campaigns.
		expect(await acceptInvitation(db, pending.token, 'pending-password-1')).toMatchObject({ ok: true });
	});
});
