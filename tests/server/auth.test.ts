import { describe, it, expect, beforeEach, vi } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { sessions, auditLog, users, loginThrottle, invitations } from '../../src/lib/server/db/schema';
import { createSession, validateSessionToken, SESSION_TTL, invalidateSession } from '../../src/lib/server/auth';
import {
	login,
	insertUser,
	createInvitation,
	acceptInvitation,
	inspectInvitation,
	changePassword
} from '../../src/lib/server/services/accounts';
import { THROTTLE, claimAttempt } from '../../src/lib/server/auth/login-throttle';

// Counts password verifications, to prove that throttled attempts never reach the check.
const verifyCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/lib/server/auth/password', async (original) => {
	const actual = await original<typeof import('../../src/lib/server/auth/password')>();
	return {
		...actual,
		verifyPassword: async (stored: string, password: string) => {
			verifyCalls.n++;
			return actual.verifyPassword(stored, password);
		}
	};
});

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
		expect(v?.extended).toBe(false); // a fresh session: nothing written, no cookie to send again
		expect((await db.select().from(sessions))[0].expiresAt).toBe(rows[0].expiresAt);
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
		expect(v!.extended).toBe(true);
		expect((await db.select().from(sessions))[0].expiresAt).toBe(v!.session.expiresAt);
		await db
			.update(sessions)
			.set({ expiresAt: Date.now() - 1 })
			.where(eq(sessions.id, session.id));
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

	it('refuses a burst of parallel guesses before evaluating them: 40 wrong, then the right one is throttled', async () => {
		await insertUser(db, { username: 'chair', displayName: '组长', password: 'right-password' });
		const evaluated = verifyCalls.n;
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) => login(db, 'chair', `guess-${i}`, '203.0.113.9'))
		);
		const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		const throttled = results.filter((r) => !r.ok && r.reason === 'throttled').length;
		// At most the free attempts were evaluated; the others never reached the password check.
		expect(invalid).toBe(THROTTLE.pairFree);
		expect(throttled).toBe(40 - THROTTLE.pairFree);
		expect(verifyCalls.n - evaluated).toBe(THROTTLE.pairFree);
		// The real password from the attacker's address: throttled, not accepted, not even verified.
		const right = await login(db, 'chair', 'right-password', '203.0.113.9');
		expect(right.ok).toBe(false);
		expect(right.ok === false && right.reason).toBe('throttled');
		expect(right.ok === false && right.reason === 'throttled' && right.retryAfterSeconds).toBeGreaterThanOrEqual(1);
		expect(verifyCalls.n - evaluated).toBe(THROTTLE.pairFree);
		// The chair from another address signs in at once: the attacker cannot lock them out.
		expect((await login(db, 'chair', 'right-password', '198.51.100.4')).ok).toBe(true);
	});

	it('waits grow: 2 s after the free failures, then 4 s, 8 s … and the wait is not extended by refused attempts', async () => {
		await insertUser(db, { username: 'x', displayName: 'X', password: 'right-password' });
		for (let i = 0; i < THROTTLE.pairFree; i++)
			expect(await login(db, 'x', 'bad-password', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		const t1 = await login(db, 'x', 'bad-password', '10.0.0.1');
		expect(t1).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 2 });
		// After each wait one more attempt is evaluated, and the next wait doubles, up to the cap; an
		// attempt refused during a wait is not counted and does not extend it.
		const waits = [2];
		let at = Date.now();
		for (let i = 0; i < 12; i++) {
			at += waits[i] * 1000 + 1;
			expect(await claimAttempt(db, 'x', '10.0.0.1', at)).toBeNull();
			waits.push((await claimAttempt(db, 'x', '10.0.0.1', at + 1))!);
			expect(await claimAttempt(db, 'x', '10.0.0.1', at + 1001)).toBe(waits[i + 1] - 1);
		}
		const cap = THROTTLE.maxDelaySeconds;
		expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, cap, cap, cap, cap]);
		// a key a thousand failures deep still waits the cap (no overflow of the doubling)
		await db.update(loginThrottle).set({ failures: 999 }).where(like(loginThrottle.key, 'pair:%'));
		at += cap * 1000 + 1;
		expect(await claimAttempt(db, 'x', '10.0.0.1', at)).toBeNull();
		expect(await claimAttempt(db, 'x', '10.0.0.1', at + 1)).toBe(cap);
		// An hour of quiet forgets the pair.
		expect(await claimAttempt(db, 'x', '10.0.0.1', at + THROTTLE.forgetAfterMs + 5000)).toBeNull();
	});

	it('the right password resets the pair; other accounts from the same address are not throttled', async () => {
		await insertUser(db, { username: 'x', displayName: 'X', password: 'right-password' });
		await insertUser(db, { username: 'y', displayName: 'Y', password: 'right-password' });
		for (let i = 0; i < THROTTLE.pairFree - 1; i++) await login(db, 'x', 'bad-password', '10.0.0.2');
		expect((await login(db, 'x', 'right-password', '10.0.0.2')).ok).toBe(true);
		for (let i = 0; i < THROTTLE.pairFree - 1; i++)
			expect((await login(db, 'x', 'bad-password', '10.0.0.2')).ok).toBe(false);
		expect((await login(db, 'x', 'right-password', '10.0.0.2')).ok).toBe(true);
		for (let i = 0; i < THROTTLE.pairFree; i++) await login(db, 'x', 'bad-password', '10.0.0.2');
		expect((await login(db, 'y', 'right-password', '10.0.0.2')).ok).toBe(true);
	});

	it('an address that guesses across many accounts waits too, for every account; other addresses do not', async () => {
		await insertUser(db, { username: 'z', displayName: 'Z', password: 'right-password' });
		for (let i = 0; i < THROTTLE.addressFree; i++) await login(db, `user${i}`, 'bad-password', '192.0.2.7');
		const r = await login(db, 'z', 'right-password', '192.0.2.7');
		expect(r.ok === false && r.reason).toBe('throttled');
		expect((await login(db, 'z', 'right-password', '192.0.2.8')).ok).toBe(true);
	});

	it('signing in to an own account between guesses does not reset the address count', async () => {
		await insertUser(db, { username: 'own', displayName: 'Own', password: 'right-password' });
		for (let i = 0; i < THROTTLE.addressFree; i++) {
			await login(db, `victim${i}`, 'bad-password', '192.0.2.9');
			if (i % 10 === 0) expect((await login(db, 'own', 'right-password', '192.0.2.9')).ok).toBe(true);
		}
		const r = await login(db, 'victim-last', 'bad-password', '192.0.2.9');
		expect(r.ok === false && r.reason).toBe('throttled');
	});

	it('successful logins in parallel from one address (an office behind NAT) are not throttled', async () => {
		for (let i = 0; i < 20; i++)
			await insertUser(db, { username: `e${i}`, displayName: 'E', password: 'right-password' });
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => login(db, `e${i}`, 'right-password', '10.1.1.1'))
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const row = (await db.select().from(loginThrottle).where(eq(loginThrottle.key, 'address:10.1.1.1')))[0];
		expect(row.failures).toBe(0);
	});

	it('keys stay small whatever is posted as the user name', async () => {
		await login(db, 'u'.repeat(100_000), 'x', '::1');
		const rows = await db.select().from(loginThrottle);
		expect(Math.max(...rows.map((r) => r.key.length))).toBeLessThan(200);
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

describe('invitations: one link at a time', () => {
	it('an older link never works after a newer one was used', async () => {
		const uid = await insertUser(db, { username: 'e3', displayName: '专家' });
		const older = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		const newer = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		expect((await acceptInvitation(db, newer.token, 'newer-password-1')).ok).toBe(true);
		const state = await inspectInvitation(db, older.token);
		expect(state.ok).toBe(false);
		expect(!state.ok && state.message).toContain('另一个链接已经使用过');
		const again = await acceptInvitation(db, older.token, 'older-password-2');
		expect(again.ok).toBe(false);
		expect((await login(db, 'e3', 'older-password-2', '::1')).ok).toBe(false);
		expect((await login(db, 'e3', 'newer-password-1', '::1')).ok).toBe(true);
		const rows = await db.select().from(invitations).where(eq(invitations.userId, uid));
		expect(rows.filter((r) => r.usedAt).length).toBe(1);
		expect(rows.filter((r) => r.revokedAt).length).toBe(1);
	});

	it('the older link used first: the newer one is revoked as well', async () => {
		const uid = await insertUser(db, { username: 'e4', displayName: '专家' });
		const older = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		const newer = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		expect((await acceptInvitation(db, older.token, 'older-password-1')).ok).toBe(true);
		expect((await acceptInvitation(db, newer.token, 'newer-password-2')).ok).toBe(false);
		expect((await login(db, 'e4', 'older-password-1', '::1')).ok).toBe(true);
	});

	it('accepting a link (a password reset) ends every session of the account', async () => {
		const uid = await insertUser(db, { username: 'e5', displayName: '专家', password: 'first-password' });
		const s1 = await login(db, 'e5', 'first-password', '::1');
		const s2 = await login(db, 'e5', 'first-password', '::2');
		if (!s1.ok || !s2.ok) throw new Error('login failed');
		const reset = await createInvitation(db, { id: null, name: 'test' }, uid, null);
		expect((await acceptInvitation(db, reset.token, 'second-password')).ok).toBe(true);
		expect(await validateSessionToken(db, s1.token)).toBeNull();
		expect(await validateSessionToken(db, s2.token)).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.userId, uid))).toHaveLength(0);
		const accepted = (await db.select().from(auditLog)).find((a) => a.action === 'invitation.accept');
		expect(accepted?.after).toEqual({ otherLinksRevoked: 0, sessionsEnded: 2 });
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
