// Argon2id with the parameters OWASP recommends for interactive logins (Password Storage Cheat
// Sheet: "m=19456 (19 MiB), t=2, p=1"). A stored hash carries its own parameters in its PHC string
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so hashes made with other parameters still verify.
//
// Hashing is deliberately expensive, so a login storm (200 experts at the start of a meeting)
// queues here, first come first served, with at most one hash per core running at once:
// - @node-rs/argon2 runs on libuv's thread pool, which also serves file reads (the static assets of
//   every page) in one FIFO queue. Left to itself, 200 hashes would queue there and the CSS of a
//   page an expert already signed in to would wait behind all of them;
// - more hashes at once than cores only share the cores: each sign-in then finishes later, the
//   first ones included, and every running hash holds its 19 MiB. A larger pool measured worse
//   (issue 16: UV_THREADPOOL_SIZE=64 doubled p50 and p99 and stalled the event loop for seconds).
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// The algorithm is the library's default, Argon2id (its Algorithm enum is a const enum that
// isolated modules cannot read); the tests check the $argon2id$ prefix.
export const ARGON2_OPTIONS = {
	memoryCost: 19456,
	timeCost: 2,
	outputLen: 32,
	parallelism: 1
} as const;

/** The default size of libuv's pool, unless the environment sets it. */
const UV_POOL = Number(process.env.UV_THREADPOOL_SIZE) || 4;
/** One hash per core, and always a libuv thread left over for file reads. */
export const HASH_CONCURRENCY = Math.max(1, Math.min(availableParallelism(), UV_POOL - 1));

/**
 * Runs tasks at most `limit` at a time, in the order they were submitted: the expert who pressed
 * 登录 first is answered first, which is what keeps the slowest sign-in of a storm short.
 */
function fifoLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
	let running = 0;
	const waiting: (() => void)[] = [];
	const release = () => {
		running--;
		waiting.shift()?.();
	};
	return <T>(task: () => Promise<T>) =>
		new Promise<T>((resolve, reject) => {
			const start = () => {
				running++;
				// A task that throws synchronously must still give its slot back.
				Promise.resolve().then(task).then(resolve, reject).finally(release);
			};
			if (running < limit) start();
			else waiting.push(start);
		});
}

const inTurn = fifoLimiter(HASH_CONCURRENCY);
const holdingTurn = new AsyncLocalStorage<true>();

/**
 * Runs `work` when its turn in the queue comes; hashing inside it does not queue again. A sign-in
 * counts its attempt against the throttle inside its turn, so attempts waiting in a storm are not
 * yet counted: 200 experts behind one address (a meeting room's NAT) do not look like 200
 * parallel guesses to the address budget, while each evaluated attempt is still counted before
 * its password is checked.
 */
export function inPasswordTurn<T>(work: () => Promise<T>): Promise<T> {
	return holdingTurn.getStore() ? work() : inTurn(() => holdingTurn.run(true, work));
}

export function hashPassword(password: string): Promise<string> {
	return inPasswordTurn(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await inPasswordTurn(() => verify(stored, password));
	} catch {
		return false;
	}
}

/** A password policy an office can live with: 8+ characters, not all digits. */
export function passwordProblem(password: string): string | null {
	if (password.length < 8) return '密码至少需要 8 个字符';
	if (password.length > 200) return '密码过长（最多 200 个字符）';
	if (/^\d+$/.test(password)) return '密码不能全为数字';
	return null;
}
