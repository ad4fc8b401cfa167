// addMember (the service behind `laurel member add`) and the observer role: an observer is a
// member, and every role list of requireRole that does not name it refuses it (403).
import { describe, it, expect, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../helpers/db';
import { setDb } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { requireRole, roleHome } from '../../src/lib/server/authz';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { addMember, invitationLink } from '../../src/lib/server/services/members';
import { acceptInvitation } from '../../src/lib/server/services/accounts';
import { campaignNav } from '../../src/lib/nav';
import { verifyAuditChain } from '../../src/lib/server/audit';

const office = { id: null, name: 'test' };

afterAll(() => setDb(null));

describe('addMember and the observer role', () => {
	it('refuses the observer on every organizer-only (or chair, expert) check, lets it through the member-only layout', async () => {
		const db = await freshDb();
		setDb(db);
		const c = await createCampaign(db, office, { presetId: 'jincheng-2023', name: 'A' });
		if (!c.ok) throw new Error(c.message);
		const r = await addMember(db, office, c.id, { username: 'Watcher', role: 'observer', name: '纪检' });
		if (!r.ok) throw new Error(r.message);
		expect(r.username).toBe('watcher');
		const u = (await db.select().from(users).where(eq(users.id, r.userId)))[0];
		const event = { locals: { user: { id: u.id, username: u.username, displayName: u.displayName, canCreateCampaigns: false } }, url: new URL('http://x/c') } as never;
		for (const roles of [['organizer'], ['organizer', 'chair'], ['chair'], ['expert'], ['organizer', 'chair', 'expert']] as const) {
			await expect(requireRole(event, c.id, ...roles)).rejects.toMatchObject({ status: 403 });
		}
		await expect(requireRole(event, c.id)).resolves.toMatchObject({ role: 'observer' });
		expect(campaignNav(c.id, 'observer').map((n) => n.href)).toEqual([`/c/${c.id}/progress`, `/c/${c.id}/audit`, `/c/${c.id}/final`]);
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
		const second = await addMember(db, office, b.id, { username: 'li4', role: 'expert', name: '李四', unit: '某大学', fields: ['前沿'] });
		expect(second).toMatchObject({ ok: true, userId: first.userId, role: 'expert', token: null });
		expect(await addMember(db, office, b.id, { username: 'li4', role: 'observer' })).toMatchObject({ ok: false, code: 'ALREADY_MEMBER' });
		expect(await addMember(db, office, b.id, { username: 'wang5', role: 'expert', fields: ['火星学'] })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
		// Every write above is in the audit chains.
		expect(await verifyAuditChain(db, a.id)).toMatchObject({ ok: true });
		expect(await verifyAuditChain(db, b.id)).toMatchObject({ ok: true });
	});
});
