// Accounts: login with throttling, invitations with one-time links, password changes.
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { invitations, sessions, users } from '../db/schema';
import { attemptSucceeded, claimAttempt } from '../auth/login-throttle';
import { hashPassword, inPasswordTurn, verifyPassword, passwordProblem } from '../auth/password';
import { createSession, hashToken, invalidateUserSessions, newRandomToken } from '../auth';
import { audit, type Actor } from '../audit';

const MINUTE = 60_000;

// A hash to verify against when the user does not exist, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;

export type LoginResult =
	| { ok: true; userId: string; token: string; expiresAt: number }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The attempt is counted before the password is verified (see login-throttle.ts), so parallel
 * guesses are evaluated at most as often as the throttle allows; a throttled attempt is answered
 * without looking at the password at all, the right one included.
 */
export async function login(db: DB, username: string, password: string, address: string): Promise<LoginResult> {
	dummyHash ??= hashPassword('laurel-dummy-password');
	const dummy = await dummyHash;
	// Counted and checked in the sign-in queue's turn (see password.ts inPasswordTurn).
	const checked = await inPasswordTurn(async () => {
		const wait = await claimAttempt(db, username, address);
		if (wait !== null) return { wait };
		const user = (await db.select().from(users).where(eq(users.username, username.trim())).limit(1))[0];
		const valid = user?.passwordHash
			? await verifyPassword(user.passwordHash, password)
			: (await verifyPassword(dummy, password), false);
		return { user, valid };
	});
	if (checked.wait !== undefined) return { ok: false, reason: 'throttled', retryAfterSeconds: checked.wait };
	const { user, valid } = checked;
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	await attemptSucceeded(db, username, address);
	const { token, session } = await createSession(db, user.id);
	return { ok: true, userId: user.id, token, expiresAt: session.expiresAt };
}

export function newId(prefix: string): string {
	const b = new Uint8Array(9);
	crypto.getRandomValues(b);
	return prefix + Buffer.from(b).toString('base64url');
}

export interface NewUser {
	username: string;
	displayName: string;
	password?: string;
	canCreateCampaigns?: boolean;
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

export async function insertUser(tx: Tx | DB, u: NewUser): Promise<string> {
	const id = newId('u_');
	await tx.insert(users).values({
		id,
		username: u.username,
		displayName: u.displayName,
		passwordHash: u.password ? await hashPassword(u.password) : null,
		canCreateCampaigns: u.canCreateCampaigns ?? false,
		createdAt: Date.now()
	});
	return id;
}

export async function findUserByUsername(db: DB | Tx, username: string) {
	return (await db.select().from(users).where(eq(users.username, username)).limit(1))[0] ?? null;
}

export const INVITATION_TTL = 7 * 24 * 60 * MINUTE;

/** Creates a one-time invitation link token for a user (an expert without a password yet). */
export async function createInvitation(
	tx: Tx | DB,
	actor: Actor,
	userId: string,
	campaignId: string | null
): Promise<{ token: string; expiresAt: number }> {
	const token = newRandomToken();
	const now = Date.now();
	await tx.insert(invitations).values({
		tokenHash: hashToken(token),
		userId,
		campaignId,
		createdBy: actor.id,
		createdAt: now,
		expiresAt: now + INVITATION_TTL
	});
	await audit(tx, actor, { campaignId, action: 'invitation.create', entity: 'user', entityId: userId });
	return { token, expiresAt: now + INVITATION_TTL };
}

const REVOKED = '该邀请链接已失效：之后发出的另一个链接已经使用过。请直接登录，或向活动办公室索取新的链接。';

export type InvitationState =
	{ ok: true; userId: string; username: string; displayName: string } | { ok: false; message: string };

export async function inspectInvitation(db: DB, token: string): Promise<InvitationState> {
	const row = (
		await db
			.select({ inv: invitations, u: users })
			.from(invitations)
			.innerJoin(users, eq(users.id, invitations.userId))
			.where(eq(invitations.tokenHash, hashToken(token)))
			.limit(1)
	)[0];
	if (!row) return { ok: false, message: '邀请链接无效，请向活动办公室索取新的链接。' };
	if (row.inv.usedAt) return { ok: false, message: '该邀请链接已经使用过，请直接登录。' };
	if (row.inv.revokedAt) return { ok: false, message: REVOKED };
	if (row.inv.expiresAt < Date.now())
		return { ok: false, message: '邀请链接已过期（有效期 7 天），请向活动办公室索取新的链接。' };
	return { ok: true, userId: row.u.id, username: row.u.username, displayName: row.u.displayName };
}

/**
 * Sets the password once; the link is dead afterwards (marked used inside the same transaction).
 * Every other link of the user dies with it (an older link that leaked must not set the password
 * again later), and every session of the account ends, as after a password change.
 */
export async function acceptInvitation(
	db: DB,
	token: string,
	password: string
): Promise<{ ok: true; userId: string } | { ok: false; message: string }> {
	const problem = passwordProblem(password);
	if (problem) return { ok: false, message: problem };
	const hash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const inv = (
			await tx
				.select()
				.from(invitations)
				.where(eq(invitations.tokenHash, hashToken(token)))
				.limit(1)
		)[0];
		if (!inv || inv.usedAt || inv.expiresAt < Date.now())
			return { ok: false as const, message: '邀请链接无效或已失效。' };
		if (inv.revokedAt) return { ok: false as const, message: REVOKED };
		const now = Date.now();
		const used = await tx
			.update(invitations)
			.set({ usedAt: now })
			.where(and(eq(invitations.tokenHash, inv.tokenHash), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
			.returning();
		if (used.length !== 1) return { ok: false as const, message: '邀请链接已经使用过。' };
		const revoked = await tx
			.update(invitations)
			.set({ revokedAt: now })
			.where(and(eq(invitations.userId, inv.userId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
			.returning({ tokenHash: invitations.tokenHash });
		await tx.update(users).set({ passwordHash: hash, passwordChangedAt: now }).where(eq(users.id, inv.userId));
		const ended = await tx.delete(sessions).where(eq(sessions.userId, inv.userId)).returning({ id: sessions.id });
		const u = (await tx.select().from(users).where(eq(users.id, inv.userId)))[0];
		await audit(
			tx,
			{ id: u.id, name: u.username },
			{
				campaignId: inv.campaignId,
				action: 'invitation.accept',
				entity: 'user',
				entityId: u.id,
				after: { otherLinksRevoked: revoked.length, sessionsEnded: ended.length }
			}
		);
		return { ok: true as const, userId: inv.userId };
	});
}

export async function changePassword(
	db: DB,
	userId: string,
	current: string,
	next: string
): Promise<{ ok: true } | { ok: false; message: string }> {
	const u = (await db.select().from(users).where(eq(users.id, userId)).limit(1))[0];
	if (!u?.passwordHash || !(await verifyPassword(u.passwordHash, current)))
		return { ok: false, message: '当前密码不正确' };
	const problem = passwordProblem(next);
	if (problem) return { ok: false, message: problem };
	const hash = await hashPassword(next);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash: hash, passwordChangedAt: Date.now() }).where(eq(users.id, userId));
		await audit(tx, { id: u.id, name: u.username }, { action: 'user.password_change', entity: 'user', entityId: u.id });
	});
	// Every session of the account ends; the caller signs the user in again.
	await invalidateUserSessions(db, userId);
	return { ok: true };
}
