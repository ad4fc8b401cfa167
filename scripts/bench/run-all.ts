// `npm run bench`: every benchmark in turn; each prints its figure beside its reference and ends with
// a JSON line of its figures; this run ends with one JSON line holding them all (CONTRACTS.md).
// The load run (200 experts, crash, two processes, backup) is `npm run bench:load`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const order = ['cli-start', 'aggregate', 'conflicts', 'assign', 'select', 'import', 'forms', 'draft-save'];
// benchmarks added later run after the known ones (any scripts/bench/*.ts that is not a library)
// (login-storm builds and serves the app: it runs in `npm run bench:load`)
const libraries = new Set(['run-all', 'figures', 'load', 'load-lib', 'login-storm']);
const extra = readdirSync('scripts/bench')
	.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
	.map((f) => f.slice(0, -3))
	.filter((n) => !order.includes(n) && !libraries.has(n) && !n.endsWith('-lib'));
const only = process.argv.slice(2);
const benches = [...order, ...extra.sort()].filter((n) => !only.length || only.includes(n));
const failed: string[] = [];
const all: Record<string, unknown> = {};
for (const name of benches) {
	console.log(`\n=== ${name} ===`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/bench/${name}.ts`], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	for (const line of (r.stdout ?? '').split('\n')) {
		if (line.startsWith('{"bench":')) {
			const { bench, ...figures } = JSON.parse(line) as { bench: string } & Record<string, unknown>;
			all[bench] = figures;
		} else if (line) console.log(line);
	}
	if (r.status !== 0) failed.push(name);
}
console.log(failed.length ? `\n未达标或失败：${failed.join(', ')}` : '\n全部基准测试达标');
console.log(JSON.stringify({ ...all, failed }));
process.exit(failed.length ? 1 : 0);
