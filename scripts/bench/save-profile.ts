// Where a draft save's server time goes: N connections save drafts (the JSON endpoint `draft`, the
// form action `save`), open a dossier page (`dossier`) or ask the trivial endpoint (`health`)
// against the built server for a few seconds, with sessions made in the database (no argon2), and
// the server's own CPU time per request is printed. With --prof the server writes a V8 CPU profile
// into .bench/prof (summarise it with `node scripts/bench/profile-summary.mjs <file>`).
//   npx tsx scripts/bench/save-profile.ts [--kind draft|save|health|dossier] [--workers 32] [--seconds 8] [--prof] [--no-build]
import {
	build,
	Client,
	DIR,
	draftPath,
	freePort,
	nextVersion,
	seed,
	sessionsFor,
	sleep,
	startServer,
	Stats,
	waitUp
} from './load-lib';
import { machineBusy, printFigures, processCpuMs } from './figures';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const KIND = arg('kind', 'save');
const WORKERS = Number(arg('workers', '32'));
const SECONDS = Number(arg('seconds', '8'));
const PROF = process.argv.includes('--prof');

async function main(): Promise<void> {
	if (!process.argv.includes('--no-build')) build();
	const dbFile = `${DIR}/profile.db`;
	const s = await seed(dbFile, WORKERS, 40);
	const tokens = await sessionsFor(dbFile, s);
	if (PROF) process.env.LAUREL_BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${DIR}/prof`;
	const port = await freePort();
	const server = startServer(dbFile, port);
	await waitUp(port);
	const base = `http://localhost:${port}`;
	const stats = new Stats();
	let n = 0;
	let measuring = false;
	const one = async (w: number, until: number) => {
		const c = new Client(base, stats);
		c.cookie = `laurel_session=${tokens[w]}`;
		const code = s.codes[(w * 3 + 1) % s.codes.length];
		const path = `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}&/save`;
		let version = 0;
		for (let k = 0; Date.now() < until; k++) {
			if (KIND === 'health') await c.request('health', '/api/health').then((r) => r.arrayBuffer());
			else if (KIND === 'dossier')
				await c
					.request('dossier', `/c/${s.campaignId}/dossiers/${encodeURIComponent(code)}?round=${s.roundId}`)
					.then((r) => r.arrayBuffer());
			else if (KIND === 'draft') {
				const r = await c.draft('draft', draftPath(s, code), {
					round: s.roundId,
					values: { merit: String(10 + (k % 20)), story: '', exemplary: '' },
					comment: '',
					baseVersion: version
				});
				version = nextVersion(r, version);
			} else {
				const r = await c.action('save', path, {
					round: s.roundId,
					'v.merit': String(10 + (k % 20)),
					'v.story': '',
					'v.exemplary': '',
					comment: '',
					baseVersion: String(version)
				});
				if (typeof r.data?.version === 'number') version = r.data.version;
			}
			if (measuring) n++;
		}
	};
	// one second of warm-up (JIT, prepared statements), then the measured seconds
	const warm = Date.now() + 1000;
	const until = warm + SECONDS * 1000;
	let cpu0 = 0;
	let t0 = 0;
	const clock = (async () => {
		await sleep(warm - Date.now());
		cpu0 = processCpuMs(server.pid) ?? 0;
		t0 = performance.now();
		measuring = true;
	})();
	await Promise.all([clock, ...Array.from({ length: WORKERS }, (_, w) => one(w, until))]);
	const cpu = (processCpuMs(server.pid) ?? 0) - cpu0;
	const secs = (performance.now() - t0) / 1000;
	server.kill('SIGTERM');
	const row = stats.report(secs).find((r) => r.kind === `${KIND}@server`);
	const perReq = (cpu / Math.max(1, n)) * 1000;
	const busy = machineBusy();
	console.log(
		`${KIND}：${WORKERS} 个连接，${secs.toFixed(1)} 秒，${n} 次（${(n / secs).toFixed(0)} 次/秒），失败 ${stats.errors.get(KIND) ?? 0}；` +
			`服务器 CPU ${cpu} ms，每次 ${perReq.toFixed(0)} µs；服务器内 p50 ${(row?.p50 ?? 0).toFixed(1)} ms；负载 ${busy.load}/${busy.cores} 核`
	);
	printFigures('save-profile', {
		kind: KIND,
		workers: WORKERS,
		requests: n,
		perSecond: +(n / secs).toFixed(0),
		serverCpuMs: cpu,
		serverCpuUsPerRequest: +perReq.toFixed(0),
		load: busy.load
	});
	await sleep(PROF ? 3000 : 200); // the profile is written as the server exits
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
