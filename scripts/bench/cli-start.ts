// Start-up of the command line (issue 16): `laurel assign` on a one-pair instance, whole process,
// beside `node -e 0` (the floor) and the TypeScript sources run through tsx (what it used to cost).
// Goal: under 150 ms for the prebuilt command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAUREL, printFigures } from './figures';

const GOAL_MS = 150;
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'laurel-cli-start-'));
const file = join(dir, 'one.json');
writeFileSync(
	file,
	JSON.stringify({
		reviewsPerDossier: 1,
		dossiers: [{ id: 'D1', field: '前沿' }],
		experts: [{ id: 'E1', fields: ['前沿'] }]
	})
);

function best(cmd: string, args: string[]): number {
	let ms = Infinity;
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		const r = spawnSync(cmd, args, { encoding: 'utf8' });
		const t = performance.now() - t0;
		if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exit ${r.status}: ${r.stderr}`);
		ms = Math.min(ms, t);
	}
	return ms;
}

best(LAUREL[0], [LAUREL[1], 'assign', '--in', file]); // builds the bundle if a source changed
const node = best(process.execPath, ['-e', '0']);
const laurel = best(LAUREL[0], [LAUREL[1], 'assign', '--in', file]);
const tsx = best(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'assign', '--in', file]);
rmSync(dir, { recursive: true, force: true });
console.log(
	`laurel assign（1×1，整个进程）：${laurel.toFixed(0)} ms，目标 ${GOAL_MS} ms，为目标的 ${((laurel / GOAL_MS) * 100).toFixed(0)}%（best of ${RUNS}）`
);
console.log(
	`  node -e 0：${node.toFixed(0)} ms；经 tsx 运行源码：${tsx.toFixed(0)} ms（预构建快 ${(tsx / laurel).toFixed(1)} 倍）`
);
printFigures('cli-start', {
	laurelMs: Math.round(laurel),
	goalMs: GOAL_MS,
	nodeMs: Math.round(node),
	tsxMs: Math.round(tsx),
	ratioToGoal: +(laurel / GOAL_MS).toFixed(3)
});
process.exit(laurel <= GOAL_MS ? 0 : 1);
