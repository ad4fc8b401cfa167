// Sessions as the Lucia guide teaches them: the token is `<id>.<secret>`, only SHA-256 of the
// secret is stored, the comparison is constant-time, and the expiry slides forward when used.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { sessions } from '../db/schema';
import { rawRow } from '../db/native';

export const SESSION_COOKIE = 'laurel_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	canCreateCampaigns: boolean;
}
export interface SessionInfo {
	id: string;
	expiresAt: number;
}

function randomString(bytes: number): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(hashSecret(token));
}

export function newRandomToken(): string {
	return randomString(20);
}

export async function createSession(db: DB, userId: string): Promise<{ token: string; session: SessionInfo }> {
	const id = randomString(15);
	const secret = randomString(20);
	const now = Date.now();
	const expiresAt = now + SESSION_TTL;
	await db.insert(sessions).values({
		id,
		secretHash: encodeHexLowerCase(hashSecret(secret)),
		userId,
		expiresAt,
		createdAt: now
	});
	return { token: `${id}.${secret}`, session: { id, expiresAt } };
}

// Every signed-in request asks this: one raw prepared statement (db/native.ts), no query builder.
const LOOKUP = `select s.secret_hash, s.expires_at, u.id, u.username, u.display_name, u.can_create_campaigns
	from sessions s join users u on u.id = s.user_id where s.id = ?`;

/**
 * The session behind a cookie, or null. `extended`: the expiry slid forward on this request (the
 * only case in which it writes), so the cookie must be sent again with the new expiry.
 */
export async function validateSessionToken(
	db: DB,
	token: string
): Promise<{ session: SessionInfo; user: SessionUser; extended: boolean } | null> {
	const dot = token.indexOf('.');
	if (dot <= 0) return null;
	const id = token.slice(0, dot);
	const secret = token.slice(dot + 1);
	const row = await rawRow(db.$client, LOOKUP, [id]);
	if (!row) return null;
	const [secretHash, storedExpiry, userId, username, displayName, canCreate] = row as [
		string,
		number,
		string,
		string,
		string,
		number
	];
	const given = hashSecret(secret);
	const stored = hexToBytes(secretHash);
	if (stored.length !== given.length || !constantTimeEqual(given, stored)) return null;
	const now = Date.now();
	if (now >= storedExpiry) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let expiresAt = storedExpiry;
	// Slide the expiry when less than half of it is left, so an active user stays signed in.
	const extended = expiresAt - now < SESSION_TTL / 2;
	if (extended) {
		expiresAt = now + SESSION_TTL;
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	}
	const user = { id: userId, username, displayName, canCreateCampaigns: !!canCreate };
	return { session: { id, expiresAt }, user, extended };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: DB, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

function hexToBytes(hex: string): Uint8Array {
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return out;
}
