// National scale (issue 16): a campaign of 5,000 nominations, 500 experts and three rounds with
// every sheet in (scale-lib.ts builds it once per run; each measurement works on a copy).
// 1. The steps an office waits for, timed in process on the fixture: `check`, conflict detection,
//    the exact assignment, aggregation of 初评 and the selection run (median of 3, the assignment
//    once), each beside its goal.
// 2. Every page of every role (organizer, chair, expert, observer), read from src/routes: the built
//    server with LAUREL_SERVER_TIMING=1 answers each page N times; the p95 of its Server-Timing is
//    set against the goal (300 ms; the chair's round page and the selection page 1 s). A page a
//    role may not open (403, 404, a redirect) is not that role's page and is skipped.
//   npx tsx scripts/bench/scale.ts [--n 12] [--candidates 5000 --experts 500] [--no-pages] [--reuse]
//     [--pages <regex over route ids>] [--roles organizer,chair,expert,observer] [--no-steps]
// (--reuse: measure on the fixture of an earlier run, when .bench/scale/fixture.db and its .json exist)
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { assignments, candidates, experts, rounds, sheets } from '../../src/lib/server/db/schema';
import { campaignCheck } from '../../src/lib/server/services/intake';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { proposeAssignment } from '../../src/lib/server/services/assignment';
import { roundResults } from '../../src/lib/server/services/results';
import { runSelection } from '../../src/lib/server/services/selection';
import { build, Client, freePort, startServer, Stats, waitUp } from './load-lib';
import {
	buildScaleFixture,
	builtFixture,
	copyFixture,
	NATIONAL,
	SCALE_DIR,
	SCALE_PASSWORD,
	type ScaleFixture
} from './scale-lib';
import { printFigures } from './figures';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('n', '12'));
const SIZE = {
	...NATIONAL,
	candidates: Number(arg('candidates', String(NATIONAL.candidates))),
	experts: Number(arg('experts', String(NATIONAL.experts)))
};
const PAGE_GOAL = 300;
const HEAVY_GOAL = 1000;
/** A page slower than this is recorded at this time (its figure then reads “at least”). */
const PAGE_TIMEOUT_MS = Number(arg('timeout', '60000'));
/**
 * Goals of the in-process steps (the issue asks only that each print its time): the benchmarks'
 * own goals scaled to this size — conflicts 300 ms on 2,000 × 400 pairs → 1 s on 5,000 × 500;
 * the assignment 0.55 s on 2,000 × 400, k = 3 → 2 s here with k = 5; aggregation and selection
 * run inside a page or an action and get that page's second; the check the same.
 */
const STEP_GOALS: Record<string, number> = {
	check: 1000,
	conflicts: 1000,
	assign: 2000,
	aggregate: 1000,
	select: 1000
};
const STEP_LABELS: Record<string, string> = {
	check: '资格审查（check）',
	conflicts: '回避检测（全部专家 × 全部候选人）',
	assign: '精确分配（每份材料 5 位专家）',
	aggregate: '初评汇总（全部评分表，校准与离群；不经缓存）',
	select: '遴选（复评排名、终评通过者、平衡目标；不经缓存）'
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function steps(fixture: ScaleFixture): Promise<Record<string, number>> {
	const file = copyFixture(fixture, 'steps');
	const db = await openDatabase(`file:${file}`);
	const office = { id: 'u_office', name: 'organizer' };
	const out: Record<string, number> = {};
	const time = async (name: string, times: number, f: () => Promise<unknown>) => {
		const xs: number[] = [];
		for (let i = 0; i < times; i++) {
			const t = performance.now();
			await f();
			xs.push(performance.now() - t);
		}
		out[name] = median(xs);
	};
	const first = (await db.select().from(rounds).where(eq(rounds.id, fixture.roundIds[0])))[0];
	await time('check', 3, () => campaignCheck(db, fixture.campaignId));
	await time('conflicts', 3, () => refreshDetectedConflicts(db, office, fixture.campaignId));
	// Round results are memoized per database handle (db/versioned-memo.ts): each repetition on a
	// handle of its own measures the computation, as the first view after a change pays it.
	const cold = async <T>(f: (h: typeof db) => Promise<T>) => {
		const h = await openDatabase(`file:${file}`);
		try {
			return await f(h);
		} finally {
			h.$client.close();
		}
	};
	await time('aggregate', 3, () => cold((h) => roundResults(h, first)));
	await time('select', 3, () => cold((h) => runSelection(h, office, fixture.campaignId)));
	// The assignment again on the copy, its publication undone: the same instance the office solves.
	await db
		.update(assignments)
		.set({ state: 'draft' })
		.where(and(eq(assignments.campaignId, fixture.campaignId), eq(assignments.state, 'published')));
	await time('assign', 1, () =>
		proposeAssignment(db, office, fixture.campaignId, { mode: 'distributed', k: SIZE.k, borrow: true })
	);
	db.$client.close();
	return out;
}

/** The app's pages, from src/routes (a folder with +page.svelte), as route ids. */
function pageRoutes(dir = 'src/routes', prefix = ''): string[] {
	const out: string[] = [];
	if (existsSync(join(dir, '+page.svelte'))) out.push(prefix || '/');
	for (const d of readdirSync(dir, { withFileTypes: true }))
		if (d.isDirectory()) out.push(...pageRoutes(join(dir, d.name), `${prefix}/${d.name}`));
	return out;
}

/** Concrete paths for a route id; none when a parameter has no value here (e.g. a draw). */
function pathsOf(route: string, params: Record<string, string[]>): { label: string; path: string }[] {
	let list = [{ label: route, path: route }];
	for (const m of route.match(/\[(\w+)\]/g) ?? []) {
		const values = params[m.slice(1, -1)];
		if (!values?.length) return [];
		list = list.flatMap((p) =>
			values.map((v, i) => ({
				label: values.length > 1 ? p.label.replace(m, `${m}#${i + 1}`) : p.label,
				path: p.path.replace(m, encodeURIComponent(v))
			}))
		);
	}
	return list;
}

interface PageFigure {
	role: string;
	page: string;
	p50: number;
	p95: number;
	/** the role's first view of the page (its results possibly not memoized yet: db/versioned-memo.ts) */
	first: number;
	goal: number;
}

async function pages(fixture: ScaleFixture): Promise<PageFigure[]> {
	const file = copyFixture(fixture, 'pages');
	const db = await openDatabase(`file:${file}`);
	const cid = fixture.campaignId;
	const [r1, , r3] = fixture.roundIds;
	// The expert of the first 终评 sheet: reviewed in every round, so every page has data.
	const s3 = (await db.select().from(sheets).where(eq(sheets.roundId, r3)).limit(1))[0];
	const exp = (await db.select().from(experts).where(eq(experts.id, s3.expertId)))[0];
	const code = (await db.select().from(candidates).where(eq(candidates.id, s3.candidateId)))[0].reviewCode!;
	const username = `expert${String(Number(exp.userId!.slice(3)) + 1).padStart(3, '0')}`;
	db.$client.close();
	const params: Record<string, string[]> = {
		campaignId: [cid],
		candidateId: [s3.candidateId],
		expertId: [exp.id],
		code: [code],
		roundId: fixture.roundIds
	};
	// --pages <regex> / --roles a,b: time only some pages (while working on one of them).
	const only = new RegExp(arg('pages', '.'));
	const roles = new Set(arg('roles', 'organizer,chair,expert,observer').split(','));
	const routes = pageRoutes().filter((r) => !/^\/(login|invite|logout)/.test(r) && only.test(r));
	const port = await freePort();
	const server = startServer(file, port);
	const out: PageFigure[] = [];
	try {
		await waitUp(port);
		const base = `http://localhost:${port}`;
		for (const [role, user] of [
			['organizer', 'organizer'],
			['chair', 'chair'],
			['expert', username],
			['observer', 'observer']
		]) {
			if (!roles.has(role)) continue;
			const stats = new Stats();
			const c = new Client(base, stats);
			if (!(await c.login(user, SCALE_PASSWORD))) throw new Error(`${user} 无法登录`);
			for (const route of routes)
				for (const { label, path } of pathsOf(route, params)) {
					const page = label.replace('/c/[campaignId]', '') || '/';
					// A page that takes longer than PAGE_TIMEOUT_MS is recorded as such, not waited for.
					const get = () =>
						c.request(page, path, {
							headers: { accept: 'text/html' },
							signal: AbortSignal.timeout(PAGE_TIMEOUT_MS)
						});
					let first: Response;
					try {
						first = await get();
						await first.arrayBuffer();
					} catch {
						const heavy = (role === 'chair' && route.endsWith('/rounds/[roundId]')) || route.endsWith('/selection');
						out.push({
							role,
							page,
							p50: PAGE_TIMEOUT_MS,
							p95: PAGE_TIMEOUT_MS,
							first: PAGE_TIMEOUT_MS,
							goal: heavy ? HEAVY_GOAL : PAGE_GOAL
						});
						continue;
					}
					if (first.status !== 200) continue; // not this role's page
					const firstMs = Number(/app;dur=([\d.]+)/.exec(first.headers.get('server-timing') ?? '')?.[1] ?? NaN);
					const xs: number[] = [];
					for (let i = 0; i < N; i++) {
						const res = await get();
						await res.arrayBuffer();
						const t = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
						if (res.status !== 200 || !t) throw new Error(`${role} ${path}：${res.status}`);
						xs.push(Number(t[1]));
					}
					xs.sort((a, b) => a - b);
					const heavy = (role === 'chair' && route.endsWith('/rounds/[roundId]')) || route.endsWith('/selection');
					out.push({
						role,
						page,
						p50: xs[Math.floor(xs.length / 2)],
						p95: xs[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)],
						first: firstMs,
						goal: heavy ? HEAVY_GOAL : PAGE_GOAL
					});
				}
		}
	} finally {
		server.kill('SIGTERM');
	}
	void r1;
	return out;
}

/** The in-process steps beside their goals; the count of those over their goal. */
async function stepFigures(fixture: ScaleFixture, figures: Record<string, unknown>): Promise<number> {
	let missed = 0;
	const timesOf = await steps(fixture);
	// conflict detection and assignment as first run while building (nothing stored yet), too
	timesOf.conflictsFirst = fixture.timings.conflicts;
	timesOf.assignFirst = fixture.timings.assign;
	for (const [name, goal] of Object.entries(STEP_GOALS)) {
		const t = timesOf[name];
		if (t > goal) missed++;
		console.log(`${STEP_LABELS[name]}：${ms(t)}，目标 < ${ms(goal)}，比值 ${(t / goal).toFixed(2)}`);
		figures[`${name}Ms`] = +t.toFixed(1);
	}
	console.log(
		`  （构建时首次运行：回避检测 ${ms(timesOf.conflictsFirst)}，分配 ${ms(timesOf.assignFirst)}；比值以上面的重复测量为准）`
	);
	figures.conflictsFirstMs = +timesOf.conflictsFirst.toFixed(1);
	figures.assignFirstMs = +timesOf.assignFirst.toFixed(1);
	return missed;
}

async function main(): Promise<number> {
	const noPages = process.argv.includes('--no-pages');
	if (!noPages) build();
	const t0 = performance.now();
	const file = `${SCALE_DIR}/fixture.db`;
	const fixture =
		(process.argv.includes('--reuse') ? builtFixture(file) : null) ?? (await buildScaleFixture(file, SIZE));
	console.log(
		`基准活动：${SIZE.candidates} 名候选人，${SIZE.experts} 位专家，3 轮 ${fixture.sheets} 份评分表（构建 ${((performance.now() - t0) / 1000).toFixed(1)} s，每次测量用其副本）`
	);
	const figures: Record<string, unknown> = {
		candidates: SIZE.candidates,
		experts: SIZE.experts,
		sheets: fixture.sheets
	};
	let missed = 0;
	if (!process.argv.includes('--no-steps')) missed += await stepFigures(fixture, figures);
	if (!noPages) {
		const list = await pages(fixture);
		console.log(`页面服务器时间（Server-Timing，每页 ${N} 次，p95）：`);
		const width = Math.max(...list.map((p) => p.page.length));
		for (const p of list) {
			const flag = p.p95 > p.goal ? '  ✗ 未达标' : '';
			if (p.p95 > p.goal) missed++;
			console.log(
				`  ${p.role.padEnd(9)} ${p.page.padEnd(width)}  p50 ${p.p50.toFixed(1).padStart(7)} ms  p95 ${p.p95.toFixed(1).padStart(7)} ms  目标 < ${p.goal} ms  比值 ${(p.p95 / p.goal).toFixed(2)}  首次 ${p.first.toFixed(0).padStart(5)} ms${flag}`
			);
		}
		const worst = list.reduce((a, b) => (b.p95 / b.goal > a.p95 / a.goal ? b : a));
		console.log(
			`最慢（相对目标）：${worst.role} ${worst.page} p95 ${worst.p95.toFixed(1)} ms，比值 ${(worst.p95 / worst.goal).toFixed(2)}`
		);
		figures.pages = Object.fromEntries(list.map((p) => [`${p.role} ${p.page}`, +p.p95.toFixed(1)]));
		figures.pagesFirst = Object.fromEntries(list.map((p) => [`${p.role} ${p.page}`, +p.first.toFixed(1)]));
		figures.worstPage = `${worst.role} ${worst.page}`;
		figures.worstRatio = +(worst.p95 / worst.goal).toFixed(2);
	}
	figures.missed = missed;
	printFigures('scale', figures);
	return missed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
