import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
	ARGON2_OPTIONS,
	HASH_CONCURRENCY,
	hashPassword,
	inPasswordTurn,
	verifyPassword
} from '../../src/lib/server/auth/password';

// Hashes of 'old-password-1' made with other parameters than today's (the PHC string carries them):
// an account created before a change of parameters must still sign in.
const OLD_HASHES = {
	'argon2id m=4096,t=3,p=1 (a common older default)':
		'$argon2id$v=19$m=4096,t=3,p=1$tp2AQUn0jqyQd6ET5B6Urg$Im927BiW8aL2be7gw55hr5D1jciXByOf921KUPgQOhc',
	'argon2id m=65536,t=3,p=4':
		'$argon2id$v=19$m=65536,t=3,p=4$U6ZgxWTK6lTXEG6O+QEz1Q$9N7vNM4ojL4vwK2BN9x9l0nnDo88jp4xBi6lwuPhUWY',
	'argon2i m=7168,t=5,p=1':
		'$argon2i$v=19$m=7168,t=5,p=1$a6LyLRCv/Fq8P+mOEqMgqQ$lBQu0lNPRrM5v1LZZQJTQC2tozXQYhbLP5TSclGOCy4'
};

describe('password hashing', () => {
	it('hashes with Argon2id at or above OWASP’s minimum (m ≥ 19 MiB, t ≥ 2, p = 1) and verifies the round trip', async () => {
		const stored = await hashPassword('correct horse 电池');
		const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
		expect(m, stored).not.toBeNull();
		expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
		expect(Number(m![2])).toBeGreaterThanOrEqual(2);
		expect(Number(m![3])).toBe(1);
		expect(`m=${m![1]},t=${m![2]},p=${m![3]}`).toBe(
			`m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}`
		);
		expect(await verifyPassword(stored, 'correct horse 电池')).toBe(true);
		expect(await verifyPassword(stored, 'correct horse 电池 ')).toBe(false);
		// a fresh salt every time
		expect(await hashPassword('correct horse 电池')).not.toBe(stored);
	});

	for (const [label, stored] of Object.entries(OLD_HASHES))
		it(`still verifies a hash made with older parameters: ${label}`, async () => {
			expect(await verifyPassword(stored, 'old-password-1')).toBe(true);
			expect(await verifyPassword(stored, 'old-password-2')).toBe(false);
		});

	it('answers false, not an error, for a stored value that is no hash', async () => {
		expect(await verifyPassword('', 'x')).toBe(false);
		expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'x')).toBe(false);
		expect(await verifyPassword('plain-text-password', 'plain-text-password')).toBe(false);
	});

	it('many verifications at once all get their own right answer', async () => {
		const stored = await hashPassword('storm-password');
		const answers = await Promise.all(
			Array.from({ length: 3 * HASH_CONCURRENCY + 1 }, (_, i) =>
				verifyPassword(stored, i % 2 ? 'storm-password' : 'wrong-password')
			)
		);
		expect(answers).toEqual(answers.map((_, i) => i % 2 === 1));
	});

	it('runs at most one hash per core and keeps a libuv thread free for file reads', () => {
		expect(HASH_CONCURRENCY).toBeGreaterThanOrEqual(1);
		expect(HASH_CONCURRENCY).toBeLessThanOrEqual(availableParallelism());
		expect(HASH_CONCURRENCY).toBeLessThanOrEqual((Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1);
	});
});

describe('the sign-in queue (inPasswordTurn, as hashPassword and verifyPassword take their turn)', () => {
	const deferred = () => {
		let resolve!: () => void;
		let reject!: (e: Error) => void;
		const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
		return { promise, resolve, reject };
	};
	const tick = () => new Promise((r) => setTimeout(r, 0));
	const L = HASH_CONCURRENCY;
	const first = (n: number) => Array.from({ length: n }, (_, i) => i);

	it('never runs more than HASH_CONCURRENCY at once and starts the waiting tasks first come, first served', async () => {
		const gates = Array.from({ length: L + 4 }, deferred);
		const started: number[] = [];
		let running = 0;
		let most = 0;
		const all = gates.map((g, i) =>
			inPasswordTurn(async () => {
				started.push(i);
				most = Math.max(most, ++running);
				await g.promise;
				running--;
				return i;
			})
		);
		await tick();
		expect(started).toEqual(first(L));
		// finishing out of order still hands the free slot to the oldest waiting task
		gates[L - 1].resolve();
		await tick();
		expect(started).toEqual(first(L + 1));
		gates[0].resolve();
		await tick();
		expect(started).toEqual(first(L + 2));
		for (const g of gates) g.resolve();
		expect(await Promise.all(all)).toEqual(first(L + 4));
		expect(started).toEqual(first(L + 4));
		expect(most).toBe(L);
	});

	it('gives the slot back when a task fails, throws synchronously or rejects', async () => {
		// every slot taken by a failing task, then as many by one that throws before it awaits
		const failing = first(L).map(() =>
			inPasswordTurn(async () => {
				throw new Error('async');
			})
		);
		const throwing = first(L).map(() =>
			inPasswordTurn(() => {
				throw new Error('sync');
			})
		);
		const after = inPasswordTurn(async () => 'ran');
		for (const f of failing) await expect(f).rejects.toThrow('async');
		for (const t of throwing) await expect(t).rejects.toThrow('sync');
		expect(await after).toBe('ran');
	});

	it('a hash inside a turn does not queue again', async () => {
		// with every slot held by a turn that hashes, queueing again would wait forever
		const hashes = await Promise.all(first(L).map(() => inPasswordTurn(() => hashPassword('nested-password'))));
		expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
	});
});
