// Bench: 200 Word 推荐表 (.docx, the five notices' layouts in turn, full 主要事迹 and 感人故事
// texts, a photo each) in one .zip through `laurel import-candidates`, a separate process on a fresh
// database, as an office would run it. Prints the wall time, forms per second and the ratio to the
// target (issue 14: 200 forms read in under 10 s). Exit 1 when the target is missed or the import fails.
//
//   npx tsx scripts/bench/forms.ts [--forms 200] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { zipSync } from 'fflate';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { fieldFullName, formatBirth } from '../../src/lib/domain/intake/nomination-format';
import { LAYOUTS, makeForm } from '../../tests/support/office-forms';

const TARGET_MS = 10_000;
const argv = process.argv.slice(2);
const FORMS =
	argv.includes('--forms') && Number(argv[argv.indexOf('--forms') + 1]) > 0
		? Number(argv[argv.indexOf('--forms') + 1])
		: 200;
const KEEP = argv.includes('--keep');

const dir = mkdtempSync(join(tmpdir(), 'laurel-bench-forms-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bench.db')}` };
function laurel(...args: string[]): { out: string; ms: number } {
	const t = performance.now();
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', ...args], {
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const ms = performance.now() - t;
	if (r.status !== 0) {
		console.error(r.stdout.slice(0, 2000), r.stderr.slice(0, 2000));
		throw new Error(`laurel ${args[0]} exit ${r.status}`);
	}
	return { out: r.stdout, ms };
}

const t0 = performance.now();
const config = presetConfig('jincheng-2023');
const seen = new Set<string>();
const people = [];
for (let seed = 1; people.length < FORMS; seed++)
	for (const r of generateCandidates(config, 100, seed)) {
		if (seen.has(`${r.channel}|${r.name}`) || !r.field || !config.channels.some((c) => c.name === r.channel)) continue;
		seen.add(`${r.channel}|${r.name}`);
		people.push(r);
		if (people.length === FORMS) break;
	}
const files: Record<string, Uint8Array> = {};
for (const [i, r] of people.entries())
	files[`${String(i + 1).padStart(3, '0')}-${r.name}.docx`] = await makeForm(
		{
			name: r.name,
			gender: r.gender,
			ethnicity: r.ethnicity,
			birth: formatBirth(r.birth),
			party: r.party,
			school: r.school,
			unitAndTitle: r.unitAndTitle,
			field: fieldFullName(r.field!),
			group: '地市',
			channel: r.channel,
			career: r.career.map((c) => [c.period, `${c.unit} ${c.role}`.trim()] as [string, string]),
			deeds: r.deeds,
			story: r.story,
			awards: (r.awards ?? []).join('\n'),
			statement: true
		},
		LAYOUTS[i % LAYOUTS.length] === 'guangxi-2024' ? 'jincheng-2023' : LAYOUTS[i % LAYOUTS.length]
	);
const zip = zipSync(files);
const file = join(dir, 'forms.zip');
writeFileSync(file, zip);
console.log(
	`文件：${FORMS} 份推荐表（.docx，打包 ${(zip.byteLength / 1048576).toFixed(1)} MB），生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`
);

const campaign = JSON.parse(laurel('campaign', 'create', '--preset', 'jincheng-2023', '--name', '推荐表基准').out)
	.campaign as string;
const imp = laurel('import-candidates', '--campaign', campaign, '--file', file);
const result = JSON.parse(imp.out) as { imported: number; inserted: number };
if (result.inserted !== FORMS) throw new Error(`imported ${result.inserted} of ${FORMS}`);
const ratio = imp.ms / TARGET_MS;
console.log(
	`import-candidates：${(imp.ms / 1000).toFixed(2)} s，${Math.round(FORMS / (imp.ms / 1000))} 份/秒；目标 ${TARGET_MS / 1000} s，用时为目标的 ${(ratio * 100).toFixed(0)}%`
);
if (KEEP) console.log(`数据保留在 ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(ratio <= 1 ? 0 : 1);
