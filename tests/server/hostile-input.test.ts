// Hostile files and values through the services, on a real (temporary) database: every refusal
// comes with a clear Chinese message and leaves every table exactly as it was; hostile text that
// is valid (formulas, HTML) is stored verbatim as text and neutralized on export.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { campaigns, candidates } from '../../src/lib/server/db/schema';
import {
	campaignRecords,
	importCandidates,
	previewUpload,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS
} from '../../src/lib/server/services/intake';
import { exportCsv } from '../../src/lib/server/exports';
import { configOf } from '../../src/lib/server/services/campaigns';
import { parseNominationCsv } from '../../src/lib/domain/intake/nomination-csv';
import {
	ACTOR,
	C,
	db,
	config,
	channel,
	tableCounts,
	utf8,
	csv,
	HEADER,
	row,
	noise,
	PNG,
	bigNominationFile,
	refusedNominations,
	messages,
	openHostileWorld,
	FORMULAS,
	SCRIPT,
	IMG,
	formulaCells
} from '../support/hostile-input';

beforeAll(openHostileWorld);

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
		const preview = await previewUpload(config, [{ name: '汇总表.csv', bytes: utf8(lines.join('\n')) }]);
		expect(preview).toMatchObject({ ok: false, rows: 0, parsed: [] });
	});

	it('exactly the row limit is not refused for its size', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < MAX_IMPORT_ROWS; i++) lines.push(row(`候选人${i}`).join(','));
		const preview = await previewUpload(config, [{ name: '汇总表.csv', bytes: utf8(lines.join('\n')) }]);
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
		const p = await previewUpload(config, [{ name: '汇总表.csv', bytes: csv([HEADER, row("'=1+2")]) }]);
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
