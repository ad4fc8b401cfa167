// Bench: a 10,000-row nomination file through the command line, as an office would run it:
// `laurel import-candidates` then `laurel check`, each a separate process on a fresh database.
// The file is Guangxi 2024 nominations, synthetic batches with different seeds (full 推荐表 texts,
// GBK as Excel saves it); the channels' quotas are far exceeded, which only makes the check work
// harder. Prints the wall time of both processes together, rows per second and the ratio to the
// target. Exit 1 when the target is missed or a command fails.
//
//   npx tsx scripts/bench/import.ts [--rows 10000] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';
import type { CandidateRecord } from '../../src/lib/domain/types';
import { printFigures } from './figures';

const TARGET_MS = 5000;
const argv = process.argv.slice(2);
const ROWS =
	Number(argv[argv.indexOf('--rows') + 1]) > 0 && argv.includes('--rows')
		? Number(argv[argv.indexOf('--rows') + 1])
		: 10_000;
const KEEP = argv.includes('--keep');

function nominations(rows: number): CandidateRecord[] {
	const config = presetConfig('guangxi-2024');
	const out: CandidateRecord[] = [];
	const keys = new Set<string>();
	for (let seed = 1; out.length < rows; seed++) {
		for (const r of generateCandidates(config, 200, seed)) {
			// The same 推荐单位 + 姓名 + 出生年月 twice would be refused as a duplicate row.
			const key = `${r.channel}|${r.name}|${r.birth}`;
			if (keys.has(key)) continue;
			keys.add(key);
			out.push({ ...r, seq: String(out.length + 1) });
			if (out.length === rows) break;
		}
	}
	return out;
}

const dir = mkdtempSync(join(tmpdir(), 'laurel-bench-import-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bench.db')}`, LAUREL_NO_DEMO: '1' };

function laurel(...args: string[]): { ms: number; out: string } {
	const t = performance.now();
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', ...args], {
		env,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024
	});
	const ms = performance.now() - t;
	if (r.status !== 0) {
		process.stderr.write(`laurel ${args[0]} 失败（退出码 ${r.status}）：${r.stderr}\n${r.stdout.slice(0, 2000)}\n`);
		process.exit(1);
	}
	return { ms, out: r.stdout };
}

const t0 = performance.now();
const records = nominations(ROWS);
const file = join(dir, 'nominations.csv');
const bytes = encodeGb18030(toNominationCsv(records).replace(/^\uFEFF/, ''));
writeFileSync(file, bytes);
const genMs = performance.now() - t0;
console.log(
	`文件：${records.length} 行，${(bytes.byteLength / 1048576).toFixed(1)} MB（GBK），生成用时 ${(genMs / 1000).toFixed(1)} s`
);

const campaign = JSON.parse(laurel('campaign', 'create', '--preset', 'guangxi-2024', '--name', '导入基准').out)
	.campaign as string;
const imp = laurel('import-candidates', '--campaign', campaign, '--file', file);
const result = JSON.parse(imp.out) as { imported: number; inserted: number; newChannels: string[] };
const check = laurel('check', '--campaign', campaign);
const report = JSON.parse(check.out) as { errors: unknown[]; warnings: unknown[]; channels: { count: number }[] };
const counted = report.channels.reduce((a, c) => a + c.count, 0);
if (result.inserted !== records.length || counted !== records.length) {
	console.error(`数量不符：文件 ${records.length} 行，新增 ${result.inserted}，审查计数 ${counted}`);
	process.exit(1);
}

const total = imp.ms + check.ms;
const ratio = total / TARGET_MS;
console.log(
	`import-candidates：${(imp.ms / 1000).toFixed(2)} s（新增 ${result.inserted}，新建渠道 ${result.newChannels.length}）`
);
console.log(`check：${(check.ms / 1000).toFixed(2)} s（错误 ${report.errors.length}，提示 ${report.warnings.length}）`);
console.log(
	`合计 ${(total / 1000).toFixed(2)} s，${Math.round(records.length / (total / 1000))} 行/秒；目标 ${TARGET_MS / 1000} s，用时为目标的 ${(ratio * 100).toFixed(0)}%`
);
printFigures('import', {
	rows: records.length,
	importMs: Math.round(imp.ms),
	checkMs: Math.round(check.ms),
	totalMs: Math.round(total),
	targetMs: TARGET_MS,
	ratio: +ratio.toFixed(3)
});
if (KEEP) console.log(`数据保留在 ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(ratio <= 1 ? 0 : 1);
