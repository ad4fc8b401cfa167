// `npm run bench:load`: 200 simulated experts on loopback against the built server, then a
// saturation comparison with a trivial endpoint, a crash (SIGKILL) and restart, two app processes
// on one database file, and a backup taken during the load. Fails on any lost or duplicated
// score or any 5xx. Options: --seconds 60 --experts 200 --sheets 30 --only main,crash,two,backup
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
	build,
	Client,
	DIR,
	freePort,
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
import {
	CROWD,
	CROWD_P99_TARGET,
	currentVersion,
	DB_FILE,
	expertLoop,
	EXPERTS,
	ONLY,
	printStats,
	SECONDS,
	trivialLoop,
	verify,
	type Ack
} from './load-experts';

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
	const port = await freePort();
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
