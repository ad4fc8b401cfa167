// `npm run bench:load`: 200 simulated experts on loopback against the built server, then a
// saturation comparison with a trivial endpoint, a crash (SIGKILL) and restart, two app processes
// on one database file, and a backup taken during the load. Fails on any lost or duplicated
// score or any 5xx. Options: --seconds 60 --experts 200 --sheets 30 --only main,saturation,crowd,crash,two,backup
// --no-build
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
	build,
	Client,
	DIR,
	draftPath,
	freePort,
	nextVersion,
	PASSWORD,
	seed,
	sessionsFor,
	sleep,
	startServer,
	Stats,
	waitUp,
	type Seeded
} from './load-lib';
import { machineBusy, printFigures, processCpuMs } from './figures';
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

async function mainRun(s: Seeded, port: number, backup: boolean, serverPid?: number): Promise<boolean> {
	const stats = new Stats();
	// the server's CPU each second: a save waits long when the one JavaScript thread is busy
	const cpu: { at: number; ms: number }[] = [];
	const sampler = setInterval(() => cpu.push({ at: Date.now(), ms: processCpuMs(serverPid) ?? 0 }), 1000);
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
	clearInterval(sampler);
	const seconds = (Date.now() - t0) / 1000;
	printStats(`主负载：${EXPERTS} 名专家，${seconds.toFixed(0)} 秒`, stats, seconds);
	printTimeline(stats, cpu, t0);
	const ok = (await verify(acked, '主负载')) && stats.serverErrors === 0;
	return (await backupCheck) && ok;
}

/**
 * Throughput at saturation: the trivial endpoint versus draft saving (the autosave's JSON endpoint),
 * same server, same run; beside it the server's CPU per request, the figure a busy machine blurs least.
 */
async function saturation(s: Seeded, port: number, serverPid?: number): Promise<Record<string, number>> {
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
				const version = Math.max(0, (await currentVersion(e.id, s.candidateByCode.get(code)!)) ?? 0);
				return { c, path: draftPath(s, code), version };
			})
		);
		const until = Date.now() + secs * 1000;
		const cpu0 = processCpuMs(serverPid);
		let n = 0;
		await Promise.all(
			ready.map(async (w) => {
				while (Date.now() < until) {
					if (kind === 'health') await w.c.request('health', '/api/health').then((r) => r.arrayBuffer());
					else {
						const r = await w.c.draft('save', w.path, {
							round: s.roundId,
							values: { merit: String(10 + (n % 20)), story: '', exemplary: '' },
							comment: '',
							baseVersion: w.version
						});
						w.version = nextVersion(r, w.version);
					}
					n++;
				}
			})
		);
		const cpu = cpu0 === null ? null : (processCpuMs(serverPid) ?? 0) - cpu0;
		return { perSecond: n / secs, stats, cpuUs: cpu === null ? 0 : (cpu / Math.max(1, n)) * 1000 };
	};
	const health = await run('health');
	const save = await run('save');
	const ratio = save.perSecond / health.perSecond;
	printStats('饱和吞吐：32 个并发连接，各 8 秒（保存草稿 = 自动保存的 JSON 接口）', save.stats, secs);
	const server = save.stats.report(secs).find((r) => r.kind === 'save@server');
	const busy = machineBusy();
	console.log(
		`简单接口 ${health.perSecond.toFixed(0)} 次/秒（参照）；保存草稿 ${save.perSecond.toFixed(0)} 次/秒；比值 ${(ratio * 100).toFixed(0)}%（目标 ≥ 50%）`
	);
	console.log(
		`服务器 CPU：每次简单请求 ${health.cpuUs.toFixed(0)} µs（参照）；每次保存 ${save.cpuUs.toFixed(0)} µs；` +
			`比值 ${((health.cpuUs / Math.max(1, save.cpuUs)) * 100).toFixed(0)}%（目标 ≥ 50%）；机器负载 ${busy.load}/${busy.cores} 核`
	);
	return {
		trivialPerSecond: +health.perSecond.toFixed(0),
		savePerSecond: +save.perSecond.toFixed(0),
		saveRatio: +ratio.toFixed(3),
		saveRatioTarget: 0.5,
		trivialCpuUs: +health.cpuUs.toFixed(0),
		saveCpuUs: +save.cpuUs.toFixed(0),
		saveCpuRatio: +(health.cpuUs / Math.max(1, save.cpuUs)).toFixed(3),
		saveServerP50Ms: +(server?.p50 ?? 0).toFixed(2),
		saveErrors: save.stats.errors.get('save') ?? 0,
		machineLoad: busy.load
	};
}

/** Saves and server CPU per 5 s of the main run: when the slow saves happen, and what the server was doing. */
function printTimeline(stats: Stats, cpu: { at: number; ms: number }[], t0: number): void {
	const width = 5000;
	const buckets = new Map<number, Map<string, number[]>>();
	for (const e of stats.events) {
		const b = Math.floor((e.at - t0) / width);
		const kinds = buckets.get(b) ?? new Map<string, number[]>();
		kinds.set(e.kind, [...(kinds.get(e.kind) ?? []), e.ms]);
		buckets.set(b, kinds);
	}
	const p50 = (xs: number[] | undefined) => (xs?.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : 0);
	const cpuAt = (t: number) => cpu.filter((c) => c.at <= t).at(-1)?.ms ?? cpu[0]?.ms ?? 0;
	console.log('\n时间线（每 5 秒）：秒  登录数  保存数  保存服务器p50(ms)  打开材料p50(ms)  提交数  服务器CPU(%)');
	for (const b of [...buckets.keys()].sort((x, y) => x - y)) {
		const k = buckets.get(b)!;
		const from = t0 + b * width;
		const busy = ((cpuAt(from + width) - cpuAt(from)) / width) * 100;
		console.log(
			`${String(b * 5).padStart(4)} ${String(k.get('login')?.length ?? 0).padStart(7)} ${String(k.get('save')?.length ?? 0).padStart(7)} ` +
				`${p50(k.get('save@server')).toFixed(1).padStart(18)} ${p50(k.get('dossier@server')).toFixed(1).padStart(16)} ` +
				`${String(k.get('submit')?.length ?? 0).padStart(7)} ${busy.toFixed(0).padStart(13)}`
		);
	}
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
		const cpu0 = processCpuMs(server.pid);
		await Promise.all(
			s.experts.map(async (e, i) => {
				const c = new Client(base, stats);
				c.cookie = `laurel_session=${tokens[i]}`;
				const path = draftPath(s, s.codes[i % s.codes.length]);
				let version = 0;
				await sleep((i * 7) % 3000);
				for (let n = 0; Date.now() < until; n++) {
					const r = await c
						.draft('save', path, {
							round: s.roundId,
							values: { merit: String(10 + (n % 30)), story: '', exemplary: '' },
							comment: '草稿',
							baseVersion: version
						})
						.catch(() => null);
					version = nextVersion(r, version);
					await sleep(2500 + ((i * 37 + n * 11) % 1000));
				}
			})
		);
		const cpu = (processCpuMs(server.pid) ?? 0) - (cpu0 ?? 0);
		const report = stats.report(secs);
		const row = report.find((r) => r.kind === 'save');
		const srv = report.find((r) => r.kind === 'save@server');
		const p99 = srv?.p99 ?? Infinity;
		const cpuUs = (cpu / Math.max(1, row?.n ?? 0)) * 1000;
		printStats(`人群：${CROWD} 名专家，每人约每 3 秒保存一次，${secs} 秒`, stats, secs);
		console.log(
			`服务器内 p99 ${p99.toFixed(1)} ms，目标 < ${CROWD_P99_TARGET} ms（比值 ${(p99 / CROWD_P99_TARGET).toFixed(2)}）；p50 ${(srv?.p50 ?? 0).toFixed(1)} ms；` +
				`服务器 CPU 每次保存 ${cpuUs.toFixed(0)} µs（占一个核的 ${(cpu / secs / 10).toFixed(0)}%）；机器负载 ${machineBusy().load}`
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
				crowdErrors: errors + stats.serverErrors,
				crowdCpuUsPerSave: +cpuUs.toFixed(0)
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
	// --no-build: measure the build already there (or LAUREL_BENCH_SERVER's)
	if (!process.argv.includes('--no-build')) {
		console.log('构建应用…');
		build();
	}
	const port = await freePort();
	let ok = true;
	const figures: Record<string, number | boolean> = {};
	if (ONLY.has('main') || ONLY.has('saturation') || ONLY.has('backup')) {
		const s = await seed(DB_FILE, EXPERTS + 32, 40);
		const server = startServer(DB_FILE, port);
		await waitUp(port);
		if (ONLY.has('main')) ok = (await mainRun(s, port, ONLY.has('backup'), server.pid)) && ok;
		if (ONLY.has('saturation')) {
			const sat = await saturation(s, port, server.pid);
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
