// Login throttling as OWASP's Authentication cheat sheet advises: growing delays per account and
// address instead of a hard lock-out, so that an attacker who hammers an account from their
// address slows only themselves and cannot lock the real user (another address) out. A separate,
// higher budget per address across accounts slows password spraying.
//
// An attempt is counted BEFORE its password is verified, by one atomic upsert per key inside one
// transaction: 40 parallel guesses cannot all pass a check that each of them read before any of
// them was counted. Nothing lives in process memory, so several app processes may share the DB.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { loginThrottle } from '../db/schema';

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

export const THROTTLE = {
	/** failures of one account from one address that are evaluated without any wait */
	pairFree: 5,
	/** failures from one address across all accounts (offices share an address behind NAT) */
	addressFree: 50,
	/** the longest wait between two evaluated attempts */
	maxDelaySeconds: 15 * 60,
	/** a key whose last attempt is this old starts from zero again */
	forgetAfterMs: 60 * 60 * 1000
};

/** Seconds to wait after `failures` counted attempts: none below `free`, then 2, 4, 8 … capped. */
function delaySeconds(failures: number, free: number): number {
	if (failures < free) return 0;
	return Math.min(THROTTLE.maxDelaySeconds, 2 ** Math.min(failures - free + 1, 30));
}

function throttleKeys(username: string, address: string): { pair: string; address: string } {
	// Bounded keys: a megabyte "username" posted by a stranger must not become a megabyte row.
	const account = username.trim().toLowerCase().slice(0, 100);
	const addr = address.slice(0, 100);
	// JSON keeps the two parts apart: no username can make its pair collide with another address's.
	return { pair: `pair:${JSON.stringify([account, addr])}`, address: `address:${addr}` };
}

class Throttled extends Error {
	constructor(readonly nextAt: number) {
		super('throttled');
	}
}

/**
 * Counts one attempt against `key` unless the key must still wait; returns the instant it may
 * try again when it must. One statement: the check and the count cannot be interleaved.
 */
async function claimKey(tx: Tx, key: string, free: number, now: number): Promise<number | null> {
	const forgotten = now - THROTTLE.forgetAfterMs;
	const failures = sql`(CASE WHEN ${loginThrottle.lastAt} <= ${forgotten} THEN 1 ELSE ${loginThrottle.failures} + 1 END)`;
	const delay = sql`(CASE WHEN ${failures} < ${free} THEN 0 ELSE min(${THROTTLE.maxDelaySeconds}, 1 << min(${failures} - ${free} + 1, 30)) END)`;
	const claimed = await tx.all<{ failures: number }>(sql`
		INSERT INTO login_throttle (key, failures, last_at, next_at)
		VALUES (${key}, 1, ${now}, ${now + delaySeconds(1, free) * 1000})
		ON CONFLICT (key) DO UPDATE SET
			failures = ${failures},
			last_at = ${now},
			next_at = ${now} + 1000 * ${delay}
		WHERE login_throttle.next_at <= ${now}
		RETURNING failures`);
	if (claimed.length === 1) return null;
	const row = (
		await tx.select({ nextAt: loginThrottle.nextAt }).from(loginThrottle).where(eq(loginThrottle.key, key))
	)[0];
	return row?.nextAt ?? now + 1000;
}

/**
 * Claims the right to evaluate one password for `username` from `address`: counted as a failure
 * in advance (a success takes it back). Returns null when the attempt may be evaluated, otherwise
 * the seconds to wait; a refused attempt is not counted and does not extend the wait.
 */
export async function claimAttempt(
	db: DB,
	username: string,
	address: string,
	now = Date.now()
): Promise<number | null> {
	const keys = throttleKeys(username, address);
	try {
		await db.transaction(async (tx) => {
			const addressWait = await claimKey(tx, keys.address, THROTTLE.addressFree, now);
			if (addressWait !== null) throw new Throttled(addressWait);
			const pairWait = await claimKey(tx, keys.pair, THROTTLE.pairFree, now);
			if (pairWait !== null) throw new Throttled(pairWait);
		});
		return null;
	} catch (e) {
		if (e instanceof Throttled) return Math.max(1, Math.ceil((e.nextAt - now) / 1000));
		throw e;
	}
}

/**
 * The right password: the pair starts afresh; the address only gets this attempt back, so that
 * signing in to one's own account between guesses at others does not reset the address's count.
 */
export async function attemptSucceeded(db: DB, username: string, address: string, now = Date.now()): Promise<void> {
	const keys = throttleKeys(username, address);
	await db.transaction(async (tx) => {
		await tx.delete(loginThrottle).where(eq(loginThrottle.key, keys.pair));
		await tx
			.update(loginThrottle)
			.set({
				failures: sql`max(${loginThrottle.failures} - 1, 0)`,
				nextAt: sql`CASE WHEN ${loginThrottle.failures} - 1 < ${THROTTLE.addressFree} THEN 0 ELSE ${loginThrottle.nextAt} END`
			})
			.where(eq(loginThrottle.key, keys.address));
		// Forgotten keys are only rows: drop them now and then (the index on last_at keeps it cheap).
		await tx.delete(loginThrottle).where(and(lt(loginThrottle.lastAt, now - THROTTLE.forgetAfterMs)));
	});
}
