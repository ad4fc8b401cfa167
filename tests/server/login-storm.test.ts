import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { loginThrottle, users } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { login } from '../../src/lib/server/services/accounts';
import { THROTTLE } from '../../src/lib/server/auth/login-throttle';

let db: DB;
beforeEach(async () => {
	db = await freshDb();
});

describe('the login storm (issue 16)', () => {
	it('more experts than the address budget sign in at once from one address (a meeting room behind NAT): none is throttled', async () => {
		const n = THROTTLE.addressFree + 10;
		const hash = await hashPassword('right-password');
		for (let i = 0; i < n; i++)
			await db
				.insert(users)
				.values({ id: `u${i}`, username: `e${i}`, displayName: 'E', passwordHash: hash, createdAt: Date.now() });
		// All posted before any hash is done: the attempts waiting for their turn are not counted yet.
		const results = await Promise.all(
			Array.from({ length: n }, (_, i) => login(db, `e${i}`, 'right-password', '10.9.9.9'))
		);
		expect(results.filter((r) => !r.ok)).toEqual([]);
		const row = (await db.select().from(loginThrottle).where(eq(loginThrottle.key, 'address:10.9.9.9')))[0];
		expect(row.failures).toBe(0);
	}, 120_000);

	it('the queue does not weaken the throttle: a parallel burst of wrong guesses from one address is still cut off', async () => {
		await db.insert(users).values({
			id: 'u1',
			username: 'chair',
			displayName: '组长',
			passwordHash: await hashPassword('right-password'),
			createdAt: Date.now()
		});
		const burst = await Promise.all(
			Array.from({ length: THROTTLE.pairFree + 5 }, (_, i) => login(db, 'chair', `guess-${i}`, '203.0.113.7'))
		);
		expect(burst.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(5);
		expect(burst.every((r) => !r.ok)).toBe(true);
		expect((await login(db, 'chair', 'right-password', '203.0.113.7')).ok).toBe(false);
	}, 60_000);
});
