// Exports as .xlsx: the notice's 汇总表 in its printed layout (title, 推荐单位 line, bordered table,
// column widths, A4 landscape with the header row repeated on every page) and the other exports as
// styled tables with a frozen header. Every cell is written as a value (a string stays a string):
// no formula is ever written, so a name such as "=HYPERLINK(…)" cannot run in the office's Excel.
import ExcelJS from 'exceljs';

export type XlsxValue = string | number | null | undefined;

export interface XlsxSheet {
	name: string;
	/** 'form': the notice's 汇总表 layout; 'table': a plain styled table */
	layout: 'form' | 'table';
	title?: string;
	unitLine?: string;
	headers: string[];
	rows: XlsxValue[][];
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Display width of a text in Excel's character units: a CJK character counts two. */
function textWidth(s: string): number {
	let w = 0;
	for (const line of s.split('\n')) {
		let lw = 0;
		for (const ch of line) lw += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
		w = Math.max(w, lw);
	}
	return w;
}

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
	const base = (name.replace(/[[\]:*?/\\]/g, '_').trim() || 'Sheet').slice(0, 31);
	let n = base;
	for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
	used.add(n.toLowerCase());
	return n;
}

function widths(headers: string[], rows: XlsxValue[][], min: number, max: number): number[] {
	return headers.map((h, c) => {
		let w = textWidth(h);
		for (const r of rows.slice(0, 500)) w = Math.max(w, textWidth(String(r[c] ?? '')));
		return Math.min(max, Math.max(min, w + 2));
	});
}

export async function sheetsToXlsx(sheets: XlsxSheet[], meta: { creator?: string } = {}): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = meta.creator ?? 'Laurel';
	wb.created = new Date(0);
	wb.modified = new Date(0);
	const used = new Set<string>();
	for (const s of sheets) {
		const ws = wb.addWorksheet(sheetName(s.name, used));
		const n = Math.max(1, s.headers.length);
		const colWidths = widths(s.headers, s.rows, s.layout === 'form' ? 6 : 8, s.layout === 'form' ? 40 : 60);
		ws.columns = colWidths.map((width) => ({ width }));
		let headerRow = 1;
		if (s.layout === 'form') {
			ws.mergeCells(1, 1, 1, n);
			const t = ws.getCell(1, 1);
			t.value = s.title ?? '';
			t.font = { name: '宋体', size: 16, bold: true };
			t.alignment = { horizontal: 'center', vertical: 'middle' };
			ws.getRow(1).height = 30;
			ws.mergeCells(2, 1, 2, n);
			const u = ws.getCell(2, 1);
			u.value = s.unitLine ?? '';
			u.font = { name: '宋体', size: 12 };
			headerRow = 3;
		}
		const head = ws.getRow(headerRow);
		s.headers.forEach((h, i) => {
			const c = head.getCell(i + 1);
			c.value = h;
			c.font = { bold: true, name: s.layout === 'form' ? '宋体' : undefined };
			c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
			c.border = BORDER;
			if (s.layout === 'table') c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
		});
		s.rows.forEach((r, k) => {
			const row = ws.getRow(headerRow + 1 + k);
			for (let i = 0; i < n; i++) {
				const c = row.getCell(i + 1);
				const v = r[i];
				c.value = v === null || v === undefined ? '' : typeof v === 'number' && Number.isFinite(v) ? v : String(v);
				c.border = BORDER;
				c.alignment = {
					vertical: 'middle',
					wrapText: true,
					horizontal: s.layout === 'form' && textWidth(String(v ?? '')) <= 6 ? 'center' : undefined
				};
			}
		});
		ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, activeCell: `A${headerRow + 1}` }];
		if (s.layout === 'table' && s.headers.length)
			ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
		ws.pageSetup = {
			paperSize: 9,
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			printTitlesRow: `${headerRow}:${headerRow}`,
			horizontalCentered: true,
			margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }
		};
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
