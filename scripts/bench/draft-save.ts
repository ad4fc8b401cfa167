// Draft saving under a review day's load: 200 experts, all signed in first, each saving a draft
// every ~3 s for 30 s (the autosave's JSON endpoint) against the built server on a fresh file database. Prints p50/p99 of the
// save requests (loopback, so nearly all of it is server time) and the ratio to the 20 ms target.
//   npx tsx scripts/bench/draft-save.ts [--experts 200] [--seconds 30]
import {
	build,
	Client,
	DIR,
	draftPath,
	freePort,
	nextVersion,
	PASSWORD,
	seed,
	sleep,
	startServer,
	Stats,
	waitUp
} from './load-lib';
import { printFigures } from './figures';

const arg = (name: string, dflt: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const EXPERTS = Number(arg('experts', '200'));
const SECONDS = Number(arg('seconds', '30'));
const TARGET_P99 = 20;

async function main(): Promise<number> {
	build();
	const dbFile = `${DIR}/draft.db`;
	const s = await seed(dbFile, EXPERTS, 40);
	const port = await freePort();
	const server = startServer(dbFile, port);
	try {
		await waitUp(port);
		const base = `http://localhost:${port}`;
		const warm = new Stats();
		const clients = s.experts.map(() => new Client(base, warm));
		// Sign everyone in first: argon2 is meant to be slow and would blur the save figures.
		for (let i = 0; i < clients.length; i += 8)
			await Promise.all(clients.slice(i, i + 8).map((c, j) => c.login(s.experts[i + j].username, PASSWORD)));
		const stats = new Stats();
		const until = Date.now() + SECONDS * 1000;
		await Promise.all(
			clients.map(async (c, i) => {
				const path = draftPath(s, s.codes[i % s.codes.length]);
				let version = 0;
				c.stats = stats;
				await sleep((i * 15) % 3000);
				for (let n = 0; Date.now() < until; n++) {
					const r = await c.draft('save', path, {
						round: s.roundId,
						values: { merit: String(10 + (n % 30)), story: '', exemplary: '' },
						comment: '草稿',
						baseVersion: version
					});
					version = nextVersion(r, version);
					await sleep(2500 + ((i * 37 + n * 11) % 1000));
				}
			})
		);
		const report = stats.report(SECONDS);
		const row = report.find((r) => r.kind === 'save');
		const server = report.find((r) => r.kind === 'save@server');
		if (!row || !server) throw new Error('no saves measured');
		console.log(
			`草稿保存：${EXPERTS} 名专家，${row.n} 次，${row.perSecond.toFixed(1)} 次/秒，失败 ${row.errors}，5xx ${stats.serverErrors}`
		);
		console.log(`  客户端所见（含回环与客户端排队）：p50 ${row.p50.toFixed(1)} ms，p99 ${row.p99.toFixed(1)} ms`);
		console.log(`  服务器内（Server-Timing）：p50 ${server.p50.toFixed(1)} ms，p99 ${server.p99.toFixed(1)} ms`);
		console.log(`服务器 p99 与目标 ${TARGET_P99} ms 之比：${(server.p99 / TARGET_P99).toFixed(2)}`);
		printFigures('draft-save', {
			experts: EXPERTS,
			saves: row.n,
			perSecond: +row.perSecond.toFixed(1),
			clientP99Ms: +row.p99.toFixed(1),
			serverP50Ms: +server.p50.toFixed(1),
			serverP99Ms: +server.p99.toFixed(1),
			targetP99Ms: TARGET_P99,
			errors: row.errors,
			serverErrors: stats.serverErrors
		});
		return row.errors === 0 && stats.serverErrors === 0 && server.p99 <= TARGET_P99 ? 0 : 1;
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
