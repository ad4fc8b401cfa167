import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { completeTable, readXlsxTable, tableToCsvBytes } from './xlsx-table';
import { sniffOffice, ZIP_LIMITS } from './office-sniff';
import { parseNominationCsv } from '../../intake/nomination-csv';
import { columnForHeader } from '../../intake/nomination-format';

const isNameHeader = (c: string) => columnForHeader(c)?.key === 'name';
const isUnitHeader = (c: string) => columnForHeader(c)?.key === 'channel';

/** A 汇总表 as offices send it: merged title, 推荐单位 line, a blank row, then the header. */
export async function summaryWorkbook(
	rows: (string | number | Date | ExcelJS.CellValue)[][],
	opts: { unitLine?: string; header?: string[] } = {}
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('汇总表');
	const header = opts.header ?? [
		'序号',
		'姓名',
		'性别',
		'出生年月',
		'工作单位及职务职称',
		'推荐领域',
		'手机',
		'主要事迹'
	];
	ws.mergeCells(1, 1, 1, header.length);
	ws.getCell(1, 1).value = '2023年“最美科技工作者”候选人汇总表';
	ws.getCell(2, 1).value = opts.unitLine ?? '推荐单位：南宁市科协（盖章）';
	ws.addRow([]);
	ws.getRow(4).values = header;
	rows.forEach((r, i) => (ws.getRow(5 + i).values = r as ExcelJS.CellValue[]));
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parse(bytes: Uint8Array) {
	const t = await readXlsxTable(bytes, { maxRows: 20000 });
	if ('error' in t) throw new Error(t.error);
	const done = completeTable(t.records, { isNameHeader, isUnitHeader, maxTitleRows: 5 });
	return parseNominationCsv(tableToCsvBytes(done.records), {
		fields: ['前沿', '主战场', '重大需求', '生命健康', '社会服务']
	});
}

describe('an .xlsx 汇总表 read as the CSV table', () => {
	it('finds the header below the title, takes 推荐单位 from its line, reads dates, numbers and formulas as shown', async () => {
		const date = new Date(Date.UTC(1980, 4, 12));
		const bytes = await summaryWorkbook([
			[1, '韦明', '男', date, '广西大学 教授', '前沿', 13800138000, '事迹'],
			[
				2,
				'黄丽',
				'女',
				'1985.01',
				'某研究院 研究员',
				{ formula: '"生命"&"健康"', result: '生命健康' },
				'13900139000',
				'事迹'
			],
			[],
			['注：本表由推荐单位填写']
		]);
		const r = await parse(bytes);
		expect(r.errors).toEqual([]);
		expect(
			r.rows.map((x) => [
				x.row,
				x.record.name,
				x.record.channel,
				x.record.birth,
				x.record.field,
				x.record.extra?.手机 ?? (x.record as { mobile?: string }).mobile
			])
		).toEqual([
			[5, '韦明', '南宁市科协', '1980-05-12', '前沿', '13800138000'],
			[6, '黄丽', '南宁市科协', '1985-01', '生命健康', '13900139000']
		]);
	});

	it('reports a bad row by the row number Excel shows', async () => {
		const r = await parse(
			await summaryWorkbook([
				[1, '韦明', '男', '1980.05', '广西大学 教授', '前沿', '', ''],
				[2, '黄丽', '未知', '1985.01', '某研究院', '前沿', '', '']
			])
		);
		expect(r.errors).toEqual([expect.objectContaining({ row: 6, column: '性别' })]);
	});

	it('keeps a 推荐单位 column when the sheet has one, and reads both spellings of the line', () => {
		/** The unit a "推荐单位：…" line above the header names. */
		const unitFromLine = (line: string) =>
			completeTable([[line], ['姓名', '性别']], { isNameHeader, isUnitHeader, maxTitleRows: 5 }).unit;
		expect(unitFromLine('推荐单位：南宁市科协（盖章）')).toBe('南宁市科协');
		expect(unitFromLine('推荐单位（盖章）：自治区农学会')).toBe('自治区农学会');
		expect(unitFromLine('推荐单位：__________')).toBeNull();
		expect(unitFromLine('推荐单位：南宁市科协    填表日期：2023年5月1日')).toBe('南宁市科协');
		const { records } = completeTable([['推荐单位：A'], ['姓名', '推荐单位'], ['韦明', 'B']], {
			isNameHeader,
			isUnitHeader,
			maxTitleRows: 5
		});
		expect(records[2]).toEqual(['韦明', 'B']);
	});

	it('writes numbers without float noise or scientific notation', async () => {
		const wb = new ExcelJS.Workbook();
		// an 18-digit ID typed as a number: Excel itself keeps only 15 digits
		wb.addWorksheet('表').addRow([13800138000, 0.1 + 0.2, Number('110101198005120011')]);
		const read = await readXlsxTable(new Uint8Array(await wb.xlsx.writeBuffer()), { maxRows: 10 });
		expect('error' in read ? read.error : read.records[0]).toEqual(['13800138000', '0.3', '110101198005120000']);
	});
});

describe('refusals by content, not name', () => {
	const ole = (extra: string) => {
		const b = new Uint8Array(2048);
		b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		const name = new Uint8Array(extra.length * 2);
		for (let i = 0; i < extra.length; i++) name[i * 2] = extra.charCodeAt(i);
		b.set(name, 1024);
		return b;
	};
	it('refuses .xls, .doc and encrypted files with a message saying what to do', async () => {
		expect(sniffOffice(ole('Workbook'))).toMatchObject({
			kind: 'refused',
			message: expect.stringContaining('另存为”→“Excel 工作簿（*.xlsx）')
		});
		expect(sniffOffice(ole('WordDocument'))).toMatchObject({
			kind: 'refused',
			message: expect.stringContaining('.docx')
		});
		expect(sniffOffice(ole('EncryptedPackage'))).toMatchObject({
			kind: 'refused',
			message: expect.stringContaining('打开密码')
		});
		expect(await readXlsxTable(ole('Workbook'), { maxRows: 10 })).toMatchObject({
			error: expect.stringContaining('.xls')
		});
	});

	it('refuses a workbook with macros (vbaProject.bin) whatever it is called', async () => {
		const bytes = await summaryWorkbook([]);
		const { unzipSync } = await import('fflate');
		const files = unzipSync(bytes);
		files['xl/vbaProject.bin'] = new Uint8Array(10);
		expect(sniffOffice(zipSync(files))).toMatchObject({ kind: 'refused', message: expect.stringContaining('含宏') });
	});

	it('refuses zip bombs before anything is inflated: too many entries, too large once unpacked', () => {
		const many: Record<string, Uint8Array> = {};
		for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) many[`f${i}.txt`] = strToU8('x');
		expect(sniffOffice(zipSync(many))).toMatchObject({ kind: 'refused', message: expect.stringContaining('超过上限') });
		// a central directory that declares 4 GB for a small entry
		const z = zipSync({ 'xl/workbook.xml': strToU8('<x/>'.repeat(100)) });
		for (let i = z.length - 22; i >= 0; i--)
			if (z[i] === 0x50 && z[i + 1] === 0x4b && z[i + 2] === 0x01 && z[i + 3] === 0x02) {
				z.set([0xf0, 0xff, 0xff, 0xff], i + 24);
				break;
			}
		expect(sniffOffice(z)).toMatchObject({ kind: 'refused', message: expect.stringContaining('压缩炸弹') });
	});

	it('refuses a damaged zip and tells a Word document from a workbook', async () => {
		const bytes = await summaryWorkbook([]);
		expect(sniffOffice(bytes.subarray(0, 200))).toMatchObject({
			kind: 'refused',
			message: expect.stringContaining('损坏')
		});
		expect(sniffOffice(zipSync({ 'word/document.xml': strToU8('<w:document/>') })).kind).toBe('docx');
		expect(sniffOffice(zipSync({ 'a.docx': strToU8('x') })).kind).toBe('zip');
		expect(sniffOffice(strToU8('姓名,性别\n')).kind).toBe('csv');
	});
});
