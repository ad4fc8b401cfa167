import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../helpers/db';
import type { DB } from '../../src/lib/server/db';
import { sessions, auditLog, users } from '../../src/lib/server/db/schema';
import { createSession, validateSessionToken, SESSION_TTL, invalidateSession } from '../../src/lib/server/auth';
import {
	login,
	insertUser,
	createInvitation,
	acceptInvitation,
	inspectInvitation,
	changePassword,
	THROTTLE_LIMITS
} from '../../src/lib/server/services/accounts';

let db: DB;
beforeEach(async () => {
	db = await freshDb();
});

describe('sessions', () => {
	it('stores only a hash of the token and validates the token', async () => {
		const uid = await insertUser(db, { username: 'a', displayName: 'A', password: 'secret-pass' });
		const { token } = await createSession(db, uid);
		const rows = await db.select().from(sessions);
		expect(rows).toHaveLength(1);
		const [id, secret] = token.split('.');
		expect(rows[0].id).toBe(id);
		expect(rows[0].secretHash).not.toContain(secret);
		expect(rows[0].secretHash).toMatch(/^[0-9a-f]{64}$/);
		const v = await validateSessionToken(db, token);
		expect(v?.user.username).toBe('a');
	});

	it('refuses a token with a wrong secret or unknown id', async () => {
		const uid = await insertUser(db, { username: 'a', displayName: 'A', password: 'secret-pass' });
		const { token } = await createSession(db, uid);
		const [id] = token.split('.');
		expect(await validateSessionToken(db, `${id}.wrongsecret`)).toBeNull();
		expect(await validateSessionToken(db, `nosuchid.${token.split('.')[1]}`)).toBeNull();
		expect(await validateSessionToken(db, 'garbage')).toBeNull();
	});

	it('slides the expiry forward when less than half is left, and expires old sessions', async () => {
		const uid = await insertUser(db, { username: 'a', displayName: 'A', password: 'secret-pass' });
		const { token, session } = await createSession(db, uid);
		const soon = Date.now() + SESSION_TTL / 4;
		await db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, session.id));
		const v = await validateSessionToken(db, token);
		expect(v!.session.expiresAt).toBeGreaterThan(soon + SESSION_TTL / 2);
		await db.update(sessions).set({ expiresAt: Date.now() - 1 }).where(eq(sessions.id, session.id));
		expect(await validateSessionToken(db, token)).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
	});

	it('logout invalidates the session', async () => {
		const uid = await insertUser(db, { username: 'a', displayName: 'A', password: 'secret-pass' });
		const { token, session } = await createSession(db, uid);
		await invalidateSession(db, session.id);
		expect(await validateSessionToken(db, token)).toBeNull();
	});
});

describe('login', () => {
	it('accepts the right password and refuses a wrong one with the same reason as an unknown user', async () => {
		await insertUser(db, { username: 'chair', displayName: '组长', password: 'right-password' });
		const ok = await login(db, 'chair', 'right-password', '127.0.0.1');
		expect(ok.ok).toBe(true);
		const wrong = await login(db, 'chair', 'wrong-password', '127.0.0.1');
		const unknown = await login(db, 'nobody', 'wrong-password', '127.0.0.1');
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks an account after repeated failures, even for the right password, but not other accounts', async () => {
		await insertUser(db, { username: 'x', displayName: 'X', password: 'right-password' });
		await insertUser(db, { username: 'y', displayName: 'Y', password: 'right-password' });
		for (let i = 0; i < THROTTLE_LIMITS.account; i++) await login(db, 'x', 'bad-password', `10.0.0.${i}`);
		const locked = await login(db, 'x', 'right-password', '10.0.1.1');
		expect(locked.ok).toBe(false);
		expect(locked.ok === false && locked.reason).toBe('throttled');
		expect((await login(db, 'y', 'right-password', '10.0.1.1')).ok).toBe(true);
	});

	it('locks an address after repeated failures across accounts', async () => {
		await insertUser(db, { username: 'z', displayName: 'Z', password: 'right-password' });
		for (let i = 0; i < THROTTLE_LIMITS.address; i++) await login(db, `user${i}`, 'bad-password', '192.0.2.7');
		const r = await login(db, 'z', 'right-password', '192.0.2.7');
		expect(r.ok === false && r.reason).toBe('throttled');
		expect((await login(db, 'z', 'right-password', '192.0.2.8')).ok).toBe(true);
	});
});

describe('invitations', () => {
	it('sets the password once, then the link is dead', async () => {
		const uid = await insertUser(db, { username: 'e1', displayName: '专家' });
		const { token } = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		expect((await inspectInvitation(db, token)).ok).toBe(true);
		expect((await login(db, 'e1', 'new-password-1', '::1')).ok).toBe(false);
		const first = await acceptInvitation(db, token, 'new-password-1');
		expect(first.ok).toBe(true);
		expect((await login(db, 'e1', 'new-password-1', '::1')).ok).toBe(true);
		const second = await acceptInvitation(db, token, 'other-password-2');
		expect(second.ok).toBe(false);
		expect((await inspectInvitation(db, token)).ok).toBe(false);
		expect((await login(db, 'e1', 'other-password-2', '::1')).ok).toBe(false);
		const actions = (await db.select().from(auditLog)).map((a) => a.action);
		expect(actions).toEqual(['invitation.create', 'invitation.accept']);
	});

	it('refuses weak passwords and leaves the link usable', async () => {
		const uid = await insertUser(db, { username: 'e2', displayName: '专家' });
		const { token } = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		expect(await acceptInvitation(db, token, '1234567')).toEqual({ ok: false, message: '密码至少需要 8 个字符' });
		expect((await inspectInvitation(db, token)).ok).toBe(true);
	});
});

describe('password change', () => {
	it('ends every session of the account', async () => {
		await insertUser(db, { username: 'p', displayName: 'P', password: 'first-password' });
		const s1 = await login(db, 'p', 'first-password', '::1');
		const s2 = await login(db, 'p', 'first-password', '::2');
		if (!s1.ok || !s2.ok) throw new Error('login failed');
		const u = (await db.select().from(users).where(eq(users.username, 'p')))[0];
		expect((await changePassword(db, u.id, 'wrong', 'second-password')).ok).toBe(false);
		expect((await changePassword(db, u.id, 'first-password', 'second-password')).ok).toBe(true);
		expect(await validateSessionToken(db, s1.token)).toBeNull();
		expect(await validateSessionToken(db, s2.token)).toBeNull();
		expect((await login(db, 'p', 'second-password', '::1')).ok).toBe(true);
	});
});
