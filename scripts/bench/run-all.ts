// `npm run bench`: every benchmark in turn; each prints its figure and the ratio to its reference.
// The load run (200 experts, crash, two processes, backup) is `npm run bench:load`.
import { spawnSync } from 'node:child_process';

const benches = ['aggregate', 'conflicts', 'assign', 'assign-randomized', 'select', 'import', 'draft-save'];
const failed: string[] = [];
for (const name of benches) {
	console.log(`\n=== ${name} ===`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/bench/${name}.ts`], { stdio: 'inherit' });
	if (r.status !== 0) failed.push(name);
}
console.log(failed.length ? `\n未达标或失败：${failed.join(', ')}` : '\n全部基准测试达标');
process.exit(failed.length ? 1 : 0);
