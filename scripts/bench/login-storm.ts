// The login storm (issue 16): 200 experts sign in within a few seconds against the built server, as
// at the start of a review meeting. Every expert posts the login form at an instant spread evenly
// over --spread seconds and, refused for throttling, tries again after a second as a person would;
// an expert's latency runs from the first post to the session cookie. Goal: all 200 in 10 s, p99
// under 3 s. Prints the Argon2 parameters in use and the hashing pool, each figure beside its goal,
// and a JSON line last. Options: --experts 200 --spread 3 --no-build (reuse .bench/build)
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { users } from '../../src/lib/server/db/schema';
import { build, DIR, freePort, openDb, PASSWORD, seed, sleep, startServer, waitUp } from './load-lib';
import { printFigures } from './figures';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const EXPERTS = Number(arg('experts', '200'));
const SPREAD_S = Number(arg('spread', '3'));
const GOAL_TOTAL_MS = 10_000;
const GOAL_P99_MS = 3_000;
const DB_FILE = `${DIR}/login-storm.db`;

interface Outcome {
	ms: number;
	attempts: number;
	throttled: number;
	serverMs: number[];
	ok: boolean;
}

/** One expert: post the form until a session cookie comes back (or 60 s pass). */
async function signIn(base: string, username: string): Promise<Outcome> {
	const t0 = performance.now();
	const out: Outcome = { ms: 0, attempts: 0, throttled: 0, serverMs: [], ok: false };
	while (performance.now() - t0 < 60_000) {
		out.attempts++;
		const res = await fetch(`${base}/login`, {
			method: 'POST',
			body: new URLSearchParams({ username, password: PASSWORD }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: base },
			redirect: 'manual'
		}).catch(() => null);
		if (res) {
			await res.arrayBuffer();
			const server = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
			if (server) out.serverMs.push(Number(server[1]));
			if (res.status === 303 && /laurel_session=[^;]+/.test(res.headers.get('set-cookie') ?? '')) {
				out.ok = true;
				break;
			}
			if (res.status === 429) out.throttled++;
		}
		await sleep(1000);
	}
	out.ms = performance.now() - t0;
	return out;
}

/**
 * CPU seconds the server process has used (Linux /proc; null elsewhere): on a shared machine the
 * wall-clock figures include other processes' work, this one does not.
 */
function cpuSeconds(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
	} catch {
		return null;
	}
}

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

async function main(): Promise<number> {
	if (!process.argv.includes('--no-build')) {
		console.log('构建应用…');
		build();
	}
	const s = await seed(DB_FILE, EXPERTS, 5);
	const db = await openDb(DB_FILE);
	const stored = (
		await db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, s.experts[0].username))
	)[0]?.hash;
	db.$client.close();
	const params = /^\$(argon2\w+)\$v=\d+\$([^$]+)\$/.exec(stored ?? '');
	const port = await freePort();
	const server = startServer(DB_FILE, port);
	const base = `http://localhost:${port}`;
	try {
		await waitUp(port);
		// One sign-in first: the server's lazy start-up (database, hashing pool) is not the storm's.
		await signIn(base, s.experts[0].username);
		const cpu0 = cpuSeconds(server.pid);
		const t0 = performance.now();
		const outcomes = await Promise.all(
			s.experts.map(async (e, i) => {
				await sleep((i * SPREAD_S * 1000) / EXPERTS);
				return signIn(base, e.username);
			})
		);
		const totalMs = performance.now() - t0;
		const cpu1 = cpuSeconds(server.pid);
		const cpuMs = cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) * 1000 : null;
		const ms = outcomes.map((o) => o.ms);
		const p50 = quantile(ms, 0.5);
		const p99 = quantile(ms, 0.99);
		const failed = outcomes.filter((o) => !o.ok).length;
		const throttled = outcomes.reduce((n, o) => n + o.throttled, 0);
		const serverMs = outcomes.flatMap((o) => o.serverMs);
		const pool = process.env.UV_THREADPOOL_SIZE ?? '未设置（libuv 默认 4）';
		console.log(`Argon2 参数：${params ? `${params[1]} ${params[2]}` : '未知'}；服务器 UV_THREADPOOL_SIZE：${pool}`);
		console.log(
			`${EXPERTS} 名专家在 ${SPREAD_S} 秒内陆续登录（${availableParallelism()} 核，负载 ${loadavg()[0].toFixed(1)}，${cpus()[0]?.model ?? ''}）`
		);
		console.log(
			`  全部登录完成：${(totalMs / 1000).toFixed(2)} s，目标 ${GOAL_TOTAL_MS / 1000} s，为目标的 ${((totalMs / GOAL_TOTAL_MS) * 100).toFixed(0)}%`
		);
		console.log(
			`  每人等待 p99：${p99.toFixed(0)} ms，目标 ${GOAL_P99_MS} ms，为目标的 ${((p99 / GOAL_P99_MS) * 100).toFixed(0)}%；p50 ${p50.toFixed(0)} ms，最长 ${Math.max(...ms).toFixed(0)} ms`
		);
		console.log(
			`  服务器用时 p50 ${quantile(serverMs, 0.5).toFixed(0)} ms，p99 ${quantile(serverMs, 0.99).toFixed(0)} ms；因限流被拒 ${throttled} 次；未能登录 ${failed} 人`
		);
		if (cpuMs !== null)
			console.log(
				`  服务器 CPU：${(cpuMs / 1000).toFixed(2)} s，每次登录 ${(cpuMs / EXPERTS).toFixed(1)} ms（与机器上其他进程无关；${availableParallelism()} 核全归本服务时，全部登录约需 ${(cpuMs / 1000 / availableParallelism()).toFixed(1)} s）`
			);
		const ok = failed === 0 && totalMs <= GOAL_TOTAL_MS && p99 <= GOAL_P99_MS;
		printFigures('login-storm', {
			experts: EXPERTS,
			spreadS: SPREAD_S,
			argon2: params ? `${params[1]} ${params[2]}` : null,
			uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? null,
			totalMs: Math.round(totalMs),
			goalTotalMs: GOAL_TOTAL_MS,
			totalRatio: +(totalMs / GOAL_TOTAL_MS).toFixed(3),
			p50Ms: Math.round(p50),
			p99Ms: Math.round(p99),
			goalP99Ms: GOAL_P99_MS,
			p99Ratio: +(p99 / GOAL_P99_MS).toFixed(3),
			serverP99Ms: Math.round(quantile(serverMs, 0.99)),
			serverCpuMsPerLogin: cpuMs === null ? null : +(cpuMs / EXPERTS).toFixed(1),
			loadAverage: +loadavg()[0].toFixed(1),
			throttled,
			failed,
			ok
		});
		return ok ? 0 : 1;
	} finally {
		server.kill('SIGTERM');
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
