// `npm run bench:load`: 200 simulated experts on loopback against the built server, then a
// saturation comparison with a trivial endpoint, a crash (SIGKILL) and restart, two app processes
// on one database file, and a backup taken during the load. Fails on any lost or duplicated
// score or any 5xx. Options: --seconds 60 --experts 200 --sheets 30 --only main,crash,two,backup
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { sheets } from '../../src/lib/server/db/schema';
import {
	build,
	Client,
	DIR,
	openDb,
	PASSWORD,
	seed,
	sessionsFor,
	sleep,
	startServer,
	Stats,
	waitUp,
	type Seeded
} from './load-lib';
import { printFigures } from './figures';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const SECONDS = Number(arg('seconds', '60'));
const EXPERTS = Number(arg('experts', '200'));
const SHEETS = Number(arg('sheets', '30'));
const ONLY = new Set(arg('only', 'main,saturation,crowd,crash,two,backup').split(','));
const CROWD = Number(arg('crowd', '1000'));
const CROWD_P99_TARGET = 100;
const DB_FILE = `${DIR}/load.db`;

interface Ack {
	expert: string;
	candidate: string;
	total: number;
}

/** One expert: log in, open the desk, then per dossier open it, save drafts, submit. */
async function expertLoop(
	s: Seeded,
	idx: number,
	bases: string[],
	stats: Stats,
	acked: Ack[],
	until: number,
	onAck?: (a: Ack) => void
): Promise<void> {
	const e = s.experts[idx];
	let turn = idx;
	const client = new Client(bases[turn++ % bases.length], stats);
	const next = () => {
		if (bases.length > 1) client.base = bases[turn++ % bases.length];
	};
	await sleep((idx % 50) * 60); // stagger logins: argon2 is deliberately slow
	while (Date.now() < until && !(await client.login(e.username, PASSWORD).catch(() => false))) await sleep(500);
	next();
	await client
		.request('tasks', `/c/${s.campaignId}/tasks`)
		.then((r) => r.arrayBuffer())
		.catch(() => stats.fail('tasks'));
	const versions = new Map<string, number>();
	let done = 0;
	for (let k = 0; done < SHEETS && Date.now() < until; k++) {
		const code = s.codes[(idx * 7 + k) % s.codes.length];
		const path = `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}`;
		next();
		await client
			.request('dossier', path)
			.then((r) => r.arrayBuffer())
			.catch(() => stats.fail('dossier'));
		const merit = 20 + ((idx + k) % 20);
		const story = 15 + ((idx * 3 + k) % 15);
		const exemplary = 10 + ((idx + 2 * k) % 20);
		const fields = (partial: boolean) => ({
			round: s.roundId,
			'v.merit': String(merit),
			'v.story': partial ? '' : String(story),
			'v.exemplary': partial ? '' : String(exemplary),
			comment: '',
			baseVersion: String(versions.get(code) ?? 0)
		});
		for (const partial of [true, false]) {
			await sleep(700 + ((idx * 13 + k) % 900));
			next();
			const r = await client.action('save', `${path}&/save`, fields(partial)).catch(() => null);
			if (r?.type === 'success' && typeof r.data?.version === 'number') versions.set(code, r.data.version);
			else if (r?.data?.current) versions.set(code, (r.data.current as { version: number }).version);
		}
		next();
		const sub = await client.action('submit', `${path}&/submit`, { ...fields(false), confirm: '1' }).catch(() => null);
		if (sub?.type === 'success' && sub.data?.submitted) {
			const ack = { expert: e.id, candidate: s.candidateByCode.get(code)!, total: merit + story + exemplary };
			acked.push(ack);
			onAck?.(ack);
			done++;
		}
	}
}

async function trivialLoop(base: string, stats: Stats, until: number): Promise<void> {
	const c = new Client(base, stats);
	while (Date.now() < until) {
		await c
			.request('health', '/api/health')
			.then((r) => r.arrayBuffer())
			.catch(() => stats.fail('health'));
		await sleep(1000);
	}
}

/** Every acknowledged submission is in the database with its total, exactly once. */
async function verify(acked: Ack[], label: string, dbFile = DB_FILE): Promise<boolean> {
	const db = await openDb(dbFile);
	let lost = 0;
	let wrong = 0;
	for (const a of acked) {
		const rows = await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.expertId, a.expert), eq(sheets.candidateId, a.candidate)));
		if (rows.length !== 1 || rows[0].status !== 'submitted') lost++;
		else if (rows[0].total !== a.total) wrong++;
	}
	db.$client.close();
	const ok = lost === 0 && wrong === 0;
	console.log(`${label}: 已确认提交 ${acked.length} 份，丢失 ${lost}，数值不符 ${wrong} → ${ok ? '通过' : '失败'}`);
	return ok;
}

function printStats(title: string, stats: Stats, seconds: number): void {
	console.log(`\n${title}`);
	console.log('请求类型        次数    每秒     p50(ms)  p99(ms)  失败');
	for (const r of stats.report(seconds))
		console.log(
			`${r.kind.padEnd(14)} ${String(r.n).padStart(6)} ${r.perSecond.toFixed(1).padStart(8)} ` +
				`${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(5)}`
		);
	console.log(`5xx: ${stats.serverErrors}`);
}

async function mainRun(s: Seeded, port: number, backup: boolean): Promise<boolean> {
	const stats = new Stats();
	const acked: Ack[] = [];
	const t0 = Date.now();
	const until = t0 + SECONDS * 1000;
	const base = `http://localhost:${port}`;
	let backupCheck: Promise<boolean> = Promise.resolve(true);
	if (backup)
		backupCheck = (async () => {
			await sleep((SECONDS * 1000) / 2);
			const before = [...acked];
			const out = `${DIR}/backup.db`;
			rmSync(out, { force: true });
			const t = performance.now();
			const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'backup', '--out', out], {
				env: { ...process.env, DATABASE_URL: `file:${DB_FILE}` },
				encoding: 'utf8'
			});
			console.log(`备份（负载进行中）：退出码 ${r.status}，用时 ${(performance.now() - t).toFixed(0)} ms`);
			return r.status === 0 && verify(before, '备份包含开始前已确认的评分', out);
		})();
	await Promise.all([
		...s.experts.slice(0, EXPERTS).map((_, i) => expertLoop(s, i, [base], stats, acked, until)),
		trivialLoop(base, stats, until)
	]);
	const seconds = (Date.now() - t0) / 1000;
	printStats(`主负载：${EXPERTS} 名专家，${seconds.toFixed(0)} 秒`, stats, seconds);
	const ok = (await verify(acked, '主负载')) && stats.serverErrors === 0;
	return (await backupCheck) && ok;
}

/** Throughput at saturation: the trivial endpoint versus draft saving, same server, same run. */
async function saturation(s: Seeded, port: number): Promise<Record<string, number>> {
	const base = `http://localhost:${port}`;
	const workers = 32;
	const secs = 8;
	const run = async (kind: 'health' | 'save') => {
		const stats = new Stats();
		// Sign in and look up versions before the clock starts: argon2 is slow on purpose and is not what is measured.
		const ready = await Promise.all(
			Array.from({ length: workers }, async (_, w) => {
				const c = new Client(base, new Stats());
				// experts of their own (seeded beyond the simulated ones), so no sheet is already submitted
				const e = s.experts[EXPERTS + w];
				if (kind === 'save') await c.login(e.username, PASSWORD);
				c.stats = stats;
				const code = s.codes[(w * 3 + 1) % s.codes.length];
				const path = `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}&/save`;
				const version = Math.max(0, (await currentVersion(e.id, s.candidateByCode.get(code)!)) ?? 0);
				return { c, path, version };
			})
		);
		const until = Date.now() + secs * 1000;
		let n = 0;
		await Promise.all(
			ready.map(async ({ c, path, version }) => {
				while (Date.now() < until) {
					if (kind === 'health') await c.request('health', '/api/health').then((r) => r.arrayBuffer());
					else {
						const r = await c.action('save', path, {
							round: s.roundId,
							'v.merit': String(10 + (n % 20)),
							'v.story': '',
							'v.exemplary': '',
							comment: '',
							baseVersion: String(version)
						});
						if (typeof r.data?.version === 'number') version = r.data.version;
						else if (r.data?.current) version = (r.data.current as { version: number }).version;
					}
					n++;
				}
			})
		);
		return { perSecond: n / secs, stats };
	};
	const health = await run('health');
	const save = await run('save');
	const ratio = save.perSecond / health.perSecond;
	printStats('饱和吞吐：32 个并发连接，各 8 秒', save.stats, secs);
	const server = save.stats.report(secs).find((r) => r.kind === 'save@server');
	console.log(
		`简单接口 ${health.perSecond.toFixed(0)} 次/秒（参照）；保存草稿 ${save.perSecond.toFixed(0)} 次/秒；比值 ${(ratio * 100).toFixed(0)}%（目标 ≥ 50%）`
	);
	return {
		trivialPerSecond: +health.perSecond.toFixed(0),
		savePerSecond: +save.perSecond.toFixed(0),
		saveRatio: +ratio.toFixed(3),
		saveRatioTarget: 0.5,
		saveServerP50Ms: +(server?.p50 ?? 0).toFixed(2),
		saveErrors: save.stats.errors.get('save') ?? 0
	};
}

/**
 * A review day's crowd: CROWD experts, each saving a draft every ~3 s. Sessions are made in the
 * database beforehand (1,000 argon2 logins would measure the login storm, not saving).
 */
async function crowdRun(port: number): Promise<{ ok: boolean; figures: Record<string, number> }> {
	const s = await seed(DB_FILE, CROWD, 40);
	const tokens = await sessionsFor(DB_FILE, s);
	const server = startServer(DB_FILE, port);
	try {
		await waitUp(port);
		const base = `http://localhost:${port}`;
		const stats = new Stats();
		const secs = Math.max(15, Math.round(SECONDS / 2));
		const until = Date.now() + secs * 1000;
		await Promise.all(
			s.experts.map(async (e, i) => {
				const c = new Client(base, stats);
				c.cookie = `laurel_session=${tokens[i]}`;
				const code = s.codes[i % s.codes.length];
				const path = `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}&/save`;
				let version = 0;
				await sleep((i * 7) % 3000);
				for (let n = 0; Date.now() < until; n++) {
					const r = await c
						.action('save', path, {
							round: s.roundId,
							'v.merit': String(10 + (n % 30)),
							'v.story': '',
							'v.exemplary': '',
							comment: '草稿',
							baseVersion: String(version)
						})
						.catch(() => null);
					if (typeof r?.data?.version === 'number') version = r.data.version;
					await sleep(2500 + ((i * 37 + n * 11) % 1000));
				}
			})
		);
		const report = stats.report(secs);
		const row = report.find((r) => r.kind === 'save');
		const srv = report.find((r) => r.kind === 'save@server');
		const p99 = srv?.p99 ?? Infinity;
		printStats(`人群：${CROWD} 名专家，每人约每 3 秒保存一次，${secs} 秒`, stats, secs);
		console.log(
			`服务器内 p99 ${p99.toFixed(1)} ms，目标 < ${CROWD_P99_TARGET} ms（比值 ${(p99 / CROWD_P99_TARGET).toFixed(2)}）；p50 ${(srv?.p50 ?? 0).toFixed(1)} ms`
		);
		const errors = row?.errors ?? 0;
		return {
			ok: errors === 0 && stats.serverErrors === 0,
			figures: {
				crowdExperts: CROWD,
				crowdSaves: row?.n ?? 0,
				crowdPerSecond: +(row?.perSecond ?? 0).toFixed(1),
				crowdServerP50Ms: +(srv?.p50 ?? 0).toFixed(1),
				crowdServerP99Ms: +p99.toFixed(1),
				crowdP99TargetMs: CROWD_P99_TARGET,
				crowdP99Ratio: +(p99 / CROWD_P99_TARGET).toFixed(2),
				crowdErrors: errors + stats.serverErrors
			}
		};
	} finally {
		server.kill('SIGTERM');
	}
}

async function currentVersion(expertId: string, candidateId: string): Promise<number | null> {
	const db = await openDb(DB_FILE);
	const row = (
		await db
			.select()
			.from(sheets)
			.where(and(eq(sheets.expertId, expertId), eq(sheets.candidateId, candidateId)))
	)[0];
	db.$client.close();
	return row && row.status !== 'submitted' ? row.version : row ? -1 : null;
}

async function crashRun(port: number): Promise<boolean> {
	const s = await seed(DB_FILE, Math.min(EXPERTS, 100), 40);
	let server = startServer(DB_FILE, port);
	await waitUp(port);
	const stats = new Stats();
	const acked: Ack[] = [];
	const secs = Math.max(20, Math.round(SECONDS / 2));
	const until = Date.now() + secs * 1000;
	const base = `http://localhost:${port}`;
	const killer = (async () => {
		await sleep((secs * 1000) / 2);
		server.kill('SIGKILL');
		console.log(`\n崩溃测试：第 ${secs / 2} 秒 SIGKILL，已确认 ${acked.length} 份`);
		await sleep(300);
		server = startServer(DB_FILE, port);
		await waitUp(port);
		console.log('服务器已重启');
	})();
	const ackedAtKill: Ack[] = [];
	await Promise.all([...s.experts.map((_, i) => expertLoop(s, i, [base], stats, acked, until)), killer]);
	void ackedAtKill;
	// After the restart, the experts' sessions still work and their next saves succeed.
	const probe = new Client(base, stats);
	const ok1 = await probe.login(s.experts[0].username, PASSWORD);
	const code = s.codes[s.codes.length - 1];
	const after = await probe.action(
		'save',
		`/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}&/save`,
		{
			round: s.roundId,
			'v.merit': '12',
			'v.story': '',
			'v.exemplary': '',
			comment: '',
			baseVersion: String((await currentVersion(s.experts[0].id, s.candidateByCode.get(code)!)) ?? 0)
		}
	);
	server.kill('SIGTERM');
	const ok = (await verify(acked, '崩溃后')) && ok1 && after.type === 'success';
	console.log(
		`重启后登录与保存：${ok1 && after.type === 'success' ? '成功' : '失败'}（5xx 在崩溃瞬间可能出现，不计入：${stats.serverErrors}）`
	);
	return ok;
}

async function twoProcesses(portA: number, portB: number): Promise<boolean> {
	const s = await seed(DB_FILE, Math.min(EXPERTS, 100), 40);
	const a = startServer(DB_FILE, portA);
	const b = startServer(DB_FILE, portB);
	await Promise.all([waitUp(portA), waitUp(portB)]);
	const stats = new Stats();
	const acked: Ack[] = [];
	const secs = Math.max(15, Math.round(SECONDS / 3));
	const until = Date.now() + secs * 1000;
	// Every request alternates between the two processes: a session made on one is used on the other.
	await Promise.all(
		s.experts.map((_, i) =>
			expertLoop(s, i, [`http://localhost:${portA}`, `http://localhost:${portB}`], stats, acked, until)
		)
	);
	a.kill('SIGTERM');
	b.kill('SIGTERM');
	printStats(`两个应用进程，同一数据库文件，${secs} 秒`, stats, secs);
	return (await verify(acked, '两个进程')) && stats.serverErrors === 0 && (stats.errors.get('login') ?? 0) === 0;
}

async function main(): Promise<void> {
	console.log('构建应用…');
	build();
	const port = 45000 + (process.pid % 1000);
	let ok = true;
	const figures: Record<string, number | boolean> = {};
	if (ONLY.has('main') || ONLY.has('saturation') || ONLY.has('backup')) {
		const s = await seed(DB_FILE, EXPERTS + 32, 40);
		const server = startServer(DB_FILE, port);
		await waitUp(port);
		if (ONLY.has('main')) ok = (await mainRun(s, port, ONLY.has('backup'))) && ok;
		if (ONLY.has('saturation')) {
			const sat = await saturation(s, port);
			Object.assign(figures, sat);
			if (sat.saveRatio < 0.5) console.log('注意：保存草稿的吞吐低于简单接口的 50%');
		}
		server.kill('SIGTERM');
	}
	if (ONLY.has('crowd')) {
		const crowd = await crowdRun(port + 4);
		ok = crowd.ok && ok;
		Object.assign(figures, crowd.figures);
	}
	if (ONLY.has('crash')) {
		const crashed = await crashRun(port + 1);
		figures.crashLost = crashed ? 0 : 1;
		ok = crashed && ok;
	}
	if (ONLY.has('two')) {
		const two = await twoProcesses(port + 2, port + 3);
		figures.twoProcessesLost = two ? 0 : 1;
		ok = two && ok;
	}
	console.log(ok ? '\n负载测试通过' : '\n负载测试失败');
	printFigures('load', { ...figures, ok });
	process.exit(ok ? 0 : 1);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
