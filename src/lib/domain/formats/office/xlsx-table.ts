// An .xlsx 汇总表 or roster as the table of strings the CSV readers work on: the first sheet, one
// record per sheet row (blank rows kept, so record index + 1 is the row number Excel shows), each
// cell as the text the office sees. Values only: a formula gives its cached result and is never
// evaluated; external links are not followed (exceljs does neither). The table is then written as
// CSV bytes, so the very same nomination/expert parser checks it, all or nothing.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sniffOffice } from './office-sniff';

export interface XlsxTable {
	records: string[][];
	/** the sheet's name, for messages */
	sheet: string;
	notes: string[];
}

/** Text of a number as an office types it: no float noise (0.1+0.2), no 1.38E+10 for phone numbers. */
function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	// Excel keeps 15 significant digits: an 18-digit ID typed as a number shows as …120000 there too
	const shown = Number(n.toPrecision(15));
	if (Number.isInteger(shown) && Math.abs(shown) < 1e21) return BigInt(shown).toString();
	return String(shown);
}

/** A date cell as the CSV formats accept it: 1980-05 when the cell shows no day, else 1980-05-12. */
function dateText(d: Date, numFmt: string | undefined): string {
	const y = d.getUTCFullYear();
	const m = String(d.getUTCMonth() + 1).padStart(2, '0');
	const day = String(d.getUTCDate()).padStart(2, '0');
	const showsDay = numFmt ? /d/i.test(numFmt.replace(/"[^"]*"/g, '')) : true;
	return showsDay ? `${y}-${m}-${day}` : `${y}-${m}`;
}

type CellValue = ExcelJS.CellValue;

function valueText(v: CellValue, numFmt: string | undefined): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return numberText(v);
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (v instanceof Date) return dateText(v, numFmt);
	if (typeof v === 'object') {
		if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
		// formulas (plain and shared): the value Excel saved with the file, never recomputed here
		if ('formula' in v || 'sharedFormula' in v) {
			const result = (v as { result?: unknown }).result;
			if (result && typeof result === 'object' && 'error' in result) return '';
			return valueText(result as CellValue, numFmt);
		}
		if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? '');
		if ('error' in v) return '';
		if ('text' in v) return String((v as { text: unknown }).text ?? '');
	}
	return String(v);
}

/** Rows of notes below a 汇总表 (注：…, 填表人：…) that are not nominees; blanked, row numbers kept. */
const FOOTER = /^(注|备注|说明|填表人|填报人|联系人|联系电话|审核人|填表日期|填报日期)\s*[:：]/;

export async function readXlsxTable(
	bytes: Uint8Array,
	opts: { maxRows: number; label?: string }
): Promise<XlsxTable | { error: string }> {
	const label = opts.label ?? '文件';
	const sniff = sniffOffice(bytes, label);
	if (sniff.kind === 'refused') return { error: sniff.message };
	if (sniff.kind !== 'xlsx') return { error: `${label}不是 Excel 工作簿（.xlsx），未导入` };
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch (e) {
		return {
			error: `${label}无法作为 Excel 工作簿读取（${(e as Error).message}），请在 Excel 中打开后另存为 .xlsx 再上传`
		};
	}
	const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
	if (!ws) return { error: `${label}没有工作表，未导入` };
	if (ws.rowCount > opts.maxRows + 10)
		return {
			error: `${label}的工作表“${ws.name}”有 ${ws.rowCount} 行，超过单次导入上限 ${opts.maxRows} 行，请分批导入`
		};
	const records: string[][] = [];
	const width = ws.columnCount;
	for (let r = 1; r <= ws.rowCount; r++) {
		const row = ws.getRow(r);
		const cells: string[] = [];
		for (let c = 1; c <= width; c++) {
			const cell = row.getCell(c);
			if (cell.isMerged && cell.master !== cell) {
				// a cell merged down (推荐单位 spanning rows) repeats its value; merged across it stays empty
				cells.push(cell.master.col === cell.col ? valueText(cell.master.value, cell.master.numFmt) : '');
			} else cells.push(valueText(cell.value, cell.numFmt));
		}
		records.push(cells.map((s) => s.replace(/\r\n?/g, '\n')));
	}
	const notes: string[] = [];
	if (wb.worksheets.length > 1) notes.push(`工作簿有 ${wb.worksheets.length} 个工作表，只读取了“${ws.name}”`);
	return { records, sheet: ws.name, notes };
}

const UNIT_LINE = /^推荐单位\s*(?:[（(]\s*(?:盖章|公章)\s*[)）])?\s*[:：]\s*(.*)$/;

/** The unit named on a "推荐单位：…（盖章）" or "推荐单位（盖章）：…" line, or null. */
function unitFromLine(text: string): string | null {
	const m = UNIT_LINE.exec(text.replace(/\s+/g, ' ').trim());
	if (!m) return null;
	const unit = m[1]
		.replace(/[（(]\s*(盖章|公章)\s*[)）]/g, '')
		.replace(/(填表|填报)(日期|时间|人)\s*[:：].*$/, '')
		.replace(/[_＿\s]+$/g, '')
		.replace(/^[_＿\s]+/g, '')
		.trim();
	return unit || null;
}

/**
 * Prepares the table for the CSV parser: footer notes blanked; when the header lacks the unit
 * column but a "推荐单位：…" line above it names one, a 推荐单位 column is added with that unit.
 */
export function completeTable(
	records: string[][],
	opts: { isNameHeader: (cell: string) => boolean; isUnitHeader: (cell: string) => boolean; maxTitleRows: number }
): { records: string[][]; unit: string | null } {
	const out = records.map((r) => [...r]);
	const nonBlank = out.map((_, i) => i).filter((i) => out[i].some((c) => c.trim() !== ''));
	const header = nonBlank.slice(0, opts.maxTitleRows + 1).find((i) => out[i].some(opts.isNameHeader));
	if (header === undefined) return { records: out, unit: null };
	let unit: string | null = null;
	for (let i = 0; i < header; i++) for (const c of out[i]) unit ??= unitFromLine(c);
	for (let i = header + 1; i < out.length; i++) {
		const first = out[i].find((c) => c.trim() !== '');
		if (first !== undefined && FOOTER.test(first.trim()) && out[i].filter((c) => c.trim() !== '').length <= 2)
			out[i] = out[i].map(() => '');
	}
	if (unit && !out[header].some(opts.isUnitHeader)) {
		const col = Math.max(...out.map((r) => r.length));
		for (const r of out) while (r.length < col) r.push('');
		out[header][col] = '推荐单位';
		for (let i = header + 1; i < out.length; i++) out[i][col] = out[i].some((c) => c.trim() !== '') ? unit : '';
		for (let i = 0; i < header; i++) out[i][col] = '';
	}
	return { records: out, unit };
}

/** CSV bytes (UTF-8, CRLF) of a table, one record per row, for the CSV parsers. */
export function tableToCsvBytes(records: string[][]): Uint8Array {
	const width = Math.max(1, ...records.map((r) => r.length));
	const rows = records.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
	// every cell quoted: a blank row must stay a row ("","") rather than vanish as an empty line
	return new TextEncoder().encode(Papa.unparse(rows, { newline: '\r\n', quotes: true }) + '\r\n');
}
