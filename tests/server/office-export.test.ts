// Issue 14, Excel and Word out: every export as .xlsx, read back with a second reader (fflate + XML,
// not exceljs): the 汇总表 in the notice's layout, scores one sheet per round, tables with frozen
// headers; the filled 推荐表 read back by the form reader.
import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../support/db';
import { readXlsx } from '../support/xlsx-read';
import { seedCampaign } from '../../src/lib/server/demo';
import { exportCsv } from '../../src/lib/server/exports';
import { exportXlsx } from '../../src/lib/server/exports/xlsx';
import { exportForms } from '../../src/lib/server/exports/forms';
import { NATIONAL_SHEET, sheetsToCsv, summarySheets } from '../../src/lib/domain/notice/summary-sheet';
import { toCsv } from '../../src/lib/domain/formats/csv-safe';
import { formsZip } from '../../src/lib/domain/formats/office/docx-write';
import { readDocxForm } from '../../src/lib/domain/formats/office/docx-form';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { CandidateRecord } from '../../src/lib/domain/types';
import type { DB } from '../../src/lib/server/db';

// The layout tests hand exportXlsx a CSV of their own (as the export's producer would make it), so
// that each layout is checked on a table written for it; every other call reaches the producers.
const served = vi.hoisted(() => ({ csv: null as string | null }));
vi.mock('../../src/lib/server/exports', async (original) => {
	const actual = await original<typeof import('../../src/lib/server/exports')>();
	return {
		...actual,
		exportCsv: (...args: Parameters<typeof actual.exportCsv>) =>
			served.csv === null
				? actual.exportCsv(...args)
				: Promise.resolve({ ok: true as const, csv: served.csv, filename: `${args[2]}.csv` })
	};
});

/** The .xlsx the export of `kind` makes from this CSV, read back. */
async function xlsxOf(kind: string, csv: string) {
	served.csv = csv;
	try {
		const x = await exportXlsx({} as DB, 'x', kind);
		if (!x.ok) throw new Error(x.message);
		expect(x.filename).toBe(`${kind}.xlsx`);
		return readXlsx(x.bytes);
	} finally {
		served.csv = null;
	}
}

const record = (name: string, channel: string, over: Partial<CandidateRecord> = {}): CandidateRecord => ({
	name,
	gender: '女',
	birth: '1985-10',
	ethnicity: '壮族',
	party: '中共党员',
	unitAndTitle: '广西大学 教授',
	specialty: '作物育种',
	field: '前沿',
	channel,
	grassroots: false,
	priorTitle: false,
	career: [{ period: '2005.07-2012.06', unit: '广西大学', role: '讲师' }],
	deeds: '扎根基层二十年。',
	story: '暴雨夜守护试验田。',
	awards: ['2021年 省科技进步奖一等奖'],
	mobile: '13800138000',
	...over
});

describe('the 汇总表 as .xlsx in the notice layout', () => {
	it('has the title (merged), the 推荐单位 line, the header repeated on print, A4 landscape, borders, no formulas', async () => {
		const people = [record('韦明', '南宁市', { name: '=HYPERLINK("http://x","点我")' }), record('黄丽', '柳州市')].map(
			(r) => ({ record: r })
		);
		const csv = sheetsToCsv(summarySheets(NATIONAL_SHEET, people, 'unit', '广西科协'), []);
		const book = await xlsxOf('summary', csv);
		expect(book.map((s) => s.name)).toEqual(['南宁市', '柳州市']);
		const [s] = book;
		expect(s.rows[0][0]).toBe('候选人汇总表');
		expect(s.rows[1][0]).toBe('推荐单位：南宁市');
		expect(s.rows[2]).toEqual([
			'序号',
			'姓名',
			'性别',
			'民族',
			'党派',
			'出生年月',
			'工作单位及职务职称',
			'专业专长',
			'备注'
		]);
		expect(s.rows[3]).toEqual([
			'1',
			'=HYPERLINK("http://x","点我")',
			'女',
			'壮族',
			'中共党员',
			'1985.10',
			'广西大学 教授',
			'作物育种',
			''
		]);
		expect(s.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2']));
		expect(s.orientation).toBe('landscape');
		expect(s.paperSize).toBe('9');
		expect(s.printTitles).toMatch(/\$3:\$3$/);
		expect(s.frozenRows).toBe(3);
		expect(s.hasFormula).toBe(false);
		expect(s.borders).toBe(true);
	});

	it('scores: one sheet per round, scores as numbers, header frozen', async () => {
		const csv = toCsv(
			['轮次', '评审编号', '领域', '专家', '总分', '评语'],
			[
				['初评', 'A-001', '前沿', '甲', 88.5, '好'],
				['复评', 'A-001', '前沿', '乙', 90, ''],
				['初评', 'A-002', '前沿', '甲', 70, '']
			]
		);
		const book = await xlsxOf('scores', csv);
		expect(book.map((s) => [s.name, s.rows.length, s.frozenRows])).toEqual([
			['初评', 3, 1],
			['复评', 2, 1]
		]);
		expect(book[0].rows[1]).toEqual(['初评', 'A-001', '前沿', '甲', '88.5', '好']);
	});
});

describe('exports of a campaign', () => {
	it('candidates as .xlsx carry the CSV rows; CSV output is unchanged', async () => {
		const db = await freshDb();
		await seedCampaign(db, { id: 'x', name: '导出测试', prefix: 'x-', seed: 3, candidates: 12 });
		const csv = await exportCsv(db, 'x', 'candidates');
		const x = await exportXlsx(db, 'x', 'candidates');
		if (!csv.ok || !x.ok) throw new Error('export failed');
		expect(x.filename).toBe('导出测试-候选人（推荐表格式）.xlsx');
		const [sheet] = readXlsx(x.bytes);
		const csvRows = Papa.parse<string[]>(csv.csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
		expect(sheet.rows.length).toBe(csvRows.length);
		expect(sheet.rows[5]).toEqual(csvRows[5].map((c) => c.replace(/^'(?=[=+\-@])/, '')));
		expect(sheet.frozenRows).toBe(1);
		expect(sheet.rows[0][0]).toBe(csv.csv.slice(1).split(',')[0]);
		expect(await exportXlsx(db, 'x', 'nonsense')).toMatchObject({ ok: false, status: 400 });
		// no upper round chosen yet: a clear refusal
		expect(await exportForms(db, 'x')).toMatchObject({ ok: false });
	});
});

describe('the filled 推荐表 (Word out)', () => {
	/** One record's form, as the .zip the office downloads holds it. */
	const filledForm = async (r: CandidateRecord, opts: Parameters<typeof formsZip>[1]) =>
		Object.values(unzipSync(await formsZip([r], opts)))[0];

	it('reads back through the form reader with every field', async () => {
		const r = record('韦明', '南宁市');
		const read = readDocxForm(await filledForm(r, { title: '“最美科技工作者”推荐表', classification: 'field' }));
		expect(read.unreadable).toBeUndefined();
		expect(read.values).toMatchObject({
			name: '韦明',
			gender: '女',
			birth: '1985.10',
			unitAndTitle: '广西大学 教授',
			field: '面向世界科技前沿',
			channel: '南宁市',
			career: '2005.07-2012.06 广西大学 讲师',
			deeds: '扎根基层二十年。',
			story: '暴雨夜守护试验田。',
			awards: '2021年 省科技进步奖一等奖'
		});
		const group = readDocxForm(
			await filledForm({ ...r, field: null, group: '地市' }, { title: 't', classification: 'group' })
		);
		expect(group.values.group).toBe('地市');
	});

	it('zips one file per candidate with safe names', async () => {
		const zip = await formsZip([record('韦明', '南宁/市'), record('黄丽', '柳州市')], {
			title: 't',
			classification: 'field'
		});
		expect(Object.keys(unzipSync(zip))).toEqual(['001-韦明-南宁_市.docx', '002-黄丽-柳州市.docx']);
	});
});
