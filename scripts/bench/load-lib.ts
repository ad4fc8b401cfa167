// Pieces of the load benchmark: building and starting the server, seeding, a tiny HTTP client
// with cookies, and latency statistics. Everything runs on loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { parse as devalueParse } from 'devalue';
import { eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { campaigns, candidates, experts, memberships, users } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createSession } from '../../src/lib/server/auth';
import { demoConfig } from '../../src/lib/server/demo';
import { insertCandidates } from '../../src/lib/server/services/candidates';
import { createRound, openRound } from '../../src/lib/server/services/rounds';
import { generateCandidates, generateExperts } from '../../src/lib/server/demo/synthetic';
import { SYSTEM } from '../../src/lib/server/audit';

export const DIR = '.bench';
export const PASSWORD = 'bench-password';

export function build(): void {
	const env = { ...process.env, LAUREL_BUILD_DIR: `${DIR}/build`, LAUREL_KIT_DIR: `${DIR}/kit` };
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env
	});
	if (r.status !== 0) throw new Error('构建失败');
}

/** A loopback port nobody listens on now (the kernel picks it), so parallel runs never clash. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** LAUREL_BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=.bench/prof`: node options for the server under test. */
export function startServer(dbFile: string, port: number): ChildProcess {
	const nodeArgs = (process.env.LAUREL_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	// LAUREL_BENCH_SERVER: another build's index.js (e.g. of the main branch), for a comparison in one run
	const entry = process.env.LAUREL_BENCH_SERVER || `${DIR}/build/index.js`;
	return spawn(process.execPath, [...nodeArgs, entry], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			DATABASE_URL: `file:${dbFile}`,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			LAUREL_NO_DEMO: '1',
			LAUREL_SERVER_TIMING: '1'
		}
	});
}

export async function waitUp(port: number, timeoutMs = 30_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			if ((await fetch(`http://localhost:${port}/api/health`)).ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`服务器 ${port} 未能启动`);
}

export interface Seeded {
	campaignId: string;
	roundId: string;
	experts: { id: string; username: string }[];
	codes: string[];
	candidateByCode: Map<string, string>;
}

/** A campaign with `nCandidates` dossiers and `nExperts` experts who all review every dossier. */
export async function seed(dbFile: string, nExperts: number, nCandidates: number): Promise<Seeded> {
	mkdirSync(DIR, { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
	const db = await openDatabase(`file:${dbFile}`);
	const config = demoConfig();
	const campaignId = 'bench';
	const hash = await hashPassword(PASSWORD); // one hash for all: seeding 200 accounts stays quick
	const profiles = generateExperts(config, nExperts, 1);
	const list: { id: string; username: string }[] = [];
	await db.transaction(async (tx) => {
		await tx.insert(campaigns).values({
			id: campaignId,
			name: '负载测试活动',
			presetId: 'guangxi-2024',
			status: 'setup',
			config,
			createdAt: Date.now()
		});
		for (let i = 0; i < nExperts; i++) {
			const userId = `u_bench${i}`;
			const username = `bench${String(i).padStart(3, '0')}`;
			await tx
				.insert(users)
				.values({ id: userId, username, displayName: profiles[i].name, passwordHash: hash, createdAt: Date.now() });
			await tx.insert(memberships).values({ campaignId, userId, role: 'expert', createdAt: Date.now() });
			const id = `e_bench${i}`;
			await tx.insert(experts).values({
				id,
				campaignId,
				userId,
				name: profiles[i].name,
				unit: profiles[i].unit,
				formerUnits: [],
				fields: profiles[i].fields,
				declaredAt: Date.now(),
				createdAt: Date.now()
			});
			list.push({ id, username });
		}
		await insertCandidates(tx, SYSTEM, campaignId, config, generateCandidates(config, nCandidates, 5));
	});
	const round = await createRound(db, SYSTEM, campaignId, { name: '初评', type: 'score', reviewers: 'all' });
	if (!round.ok) throw new Error(round.message);
	const opened = await openRound(db, SYSTEM, campaignId, round.id);
	if (!opened.ok) throw new Error(opened.message);
	const cs = await db
		.select({ id: candidates.id, code: candidates.reviewCode })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	db.$client.close();
	return {
		campaignId,
		roundId: round.id,
		experts: list,
		codes: cs.map((c) => c.code!),
		candidateByCode: new Map(cs.map((c) => [c.code!, c.id]))
	};
}

/** A session for each seeded expert, made in the database (no argon2): their cookie tokens. */
export async function sessionsFor(dbFile: string, s: Seeded): Promise<string[]> {
	const db = await openDatabase(`file:${dbFile}`);
	const tokens: string[] = [];
	for (const e of s.experts) {
		const user = (await db.select({ id: experts.userId }).from(experts).where(eq(experts.id, e.id)))[0];
		tokens.push((await createSession(db, user.id!)).token);
	}
	db.$client.close();
	return tokens;
}

export async function openDb(dbFile: string): Promise<DB> {
	return openDatabase(`file:${dbFile}`);
}

// ---------------------------------------------------------------- client

export class Stats {
	private samples = new Map<string, number[]>();
	/** every sample with the time it ended (Date.now()), for timelines */
	readonly events: { kind: string; at: number; ms: number }[] = [];
	errors = new Map<string, number>();
	serverErrors = 0;
	add(kind: string, ms: number): void {
		const list = this.samples.get(kind) ?? [];
		list.push(ms);
		this.samples.set(kind, list);
		this.events.push({ kind, at: Date.now(), ms });
	}
	fail(kind: string): void {
		this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
	}
	report(seconds: number): { kind: string; n: number; perSecond: number; p50: number; p99: number; errors: number }[] {
		return [...this.samples.entries()].map(([kind, xs]) => {
			const s = [...xs].sort((a, b) => a - b);
			const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
			return {
				kind,
				n: s.length,
				perSecond: s.length / seconds,
				p50: at(0.5),
				p99: at(0.99),
				errors: this.errors.get(kind) ?? 0
			};
		});
	}
}

export interface DraftBody {
	round: string;
	values: Record<string, string>;
	comment: string;
	baseVersion: number;
}
/** saved: the new version; refused as stale: the server's version in `current` */
export interface DraftReply {
	saved?: boolean;
	version?: number;
	code?: string;
	current?: { version: number };
}

/** The autosave's URL of a dossier. */
export const draftPath = (s: Seeded, code: string) => `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}/draft`;

/** The version to send next after a draft's answer (the saved one, or the server's after a stale refusal). */
export const nextVersion = (r: { data: DraftReply | null } | null, version: number): number =>
	r?.data?.saved && typeof r.data.version === 'number' ? r.data.version : (r?.data?.current?.version ?? version);

export class Client {
	cookie = '';
	constructor(
		public base: string,
		public stats: Stats
	) {}

	async request(kind: string, path: string, init: RequestInit = {}): Promise<Response> {
		const t0 = performance.now();
		const headers = new Headers(init.headers);
		if (this.cookie) headers.set('cookie', this.cookie);
		headers.set('origin', this.base);
		const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
		const ms = performance.now() - t0;
		const set = res.headers.get('set-cookie');
		if (set) {
			const m = /laurel_session=([^;]*)/.exec(set);
			if (m) this.cookie = m[1] ? `laurel_session=${m[1]}` : '';
		}
		if (res.status >= 500) this.stats.serverErrors++;
		if (res.status >= 400) this.stats.fail(kind);
		else this.stats.add(kind, ms);
		const server = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
		if (server && res.status < 400) this.stats.add(`${kind}@server`, Number(server[1]));
		return res;
	}

	async login(username: string, password: string): Promise<boolean> {
		const body = new URLSearchParams({ username, password });
		const res = await this.request('login', '/login', {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		await res.arrayBuffer();
		return res.status === 303 && this.cookie !== '';
	}

	/** A draft as the desk's autosave posts it (JSON to …/dossiers/[code]/draft). */
	async draft(kind: string, path: string, body: DraftBody): Promise<{ status: number; data: DraftReply | null }> {
		const res = await this.request(kind, path, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
		const data = (await res.json().catch(() => null)) as DraftReply | null;
		return { status: res.status, data };
	}

	/** A form action as `use:enhance` calls it; returns the decoded action result. */
	async action(
		kind: string,
		path: string,
		fields: Record<string, string>
	): Promise<{ type: string; data: Record<string, unknown> | null; status: number }> {
		const res = await this.request(kind, path, {
			method: 'POST',
			body: new URLSearchParams(fields),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true',
				accept: 'application/json'
			}
		});
		const text = await res.text();
		try {
			const j = JSON.parse(text) as { type: string; data?: string; status?: number };
			const data = j.data ? (devalueParse(j.data) as Record<string, unknown>) : null;
			if (j.type === 'failure') this.stats.fail(kind);
			return { type: j.type, data, status: j.status ?? res.status };
		} catch {
			return { type: 'error', data: null, status: res.status };
		}
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
