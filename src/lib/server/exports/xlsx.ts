// Every export as an .xlsx workbook beside its CSV: the CSV producer's table (the same rows, so the
// two files never disagree), laid out per kind: the 汇总表 in the notice's printed layout (one sheet
// per 推荐单位 with ?by=unit), scores one sheet per round, everything else a styled table.
import Papa from 'papaparse';
import type { DB } from '../db';
import { exportCsv, type ExportOptions } from './';
import { unquoteCell } from '../../domain/formats/csv-safe';
import { sheetsToXlsx, type XlsxSheet, type XlsxValue } from '../../domain/formats/office/xlsx-write';

const SHEET_TITLES: Record<string, string> = {
	candidates: '候选人',
	shortlist: '遴选结果',
	scores: '评分',
	assignments: '评审分配',
	conflicts: '回避记录',
	audit: '操作日志'
};
/** Columns whose digits are numbers to the spreadsheet (scores, 序号); others stay text (1980.10, 0771…). */
const NUMERIC_HEADERS = /^(序号|总分|平均分|得分|分数|名次|排名|票数|.*分)$/;
const TEXT_HEADERS = new Set([
	'轮次',
	'评审编号',
	'领域',
	'专家',
	'评语',
	'提交时间',
	'投票',
	'出生年月',
	'手机',
	'办公电话',
	'邮编'
]);

function records(csv: string): string[][] {
	const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
	const rows = parsed.data.map((r) => r.map((c) => unquoteCell(c)));
	while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows.pop();
	return rows;
}

function typed(headers: string[], rows: string[][], scores: boolean): XlsxValue[][] {
	const numeric = headers.map((h) => !TEXT_HEADERS.has(h) && (NUMERIC_HEADERS.test(h) || scores));
	return rows.map((r) => r.map((v, i) => (numeric[i] && /^-?(0|[1-9]\d{0,13})(\.\d+)?$/.test(v) ? Number(v) : v)));
}

/** The sheets of a 汇总表 CSV: blocks of title, unit line, header and rows, separated by a blank line. */
function summarySheets(rows: string[][]): XlsxSheet[] {
	const blocks: string[][][] = [[]];
	for (const r of rows) {
		if (r.every((c) => c === '')) blocks.push([]);
		else blocks[blocks.length - 1].push(r);
	}
	return blocks
		.filter((b) => b.length)
		.map((b) => {
			if (b.length >= 3 && b[0].length === 1 && b[1].length === 1) {
				const unitLine = b[1][0];
				const unit = unitLine.replace(/^推荐单位(（盖章）)?[:：]\s*/, '') || '汇总';
				return {
					name: unit,
					layout: 'form' as const,
					title: b[0][0],
					unitLine,
					headers: b[2],
					rows: typed(b[2], b.slice(3), false)
				};
			}
			return {
				name: '汇总',
				layout: 'form' as const,
				title: '',
				unitLine: '',
				headers: b[0],
				rows: typed(b[0], b.slice(1), false)
			};
		});
}

export async function exportXlsx(
	db: DB,
	campaignId: string,
	kind: string,
	options: ExportOptions = {}
): Promise<{ ok: true; bytes: Uint8Array; filename: string } | { ok: false; status: 400 | 404; message: string }> {
	const r = await exportCsv(db, campaignId, kind, options);
	if (!r.ok) return r;
	return {
		ok: true,
		bytes: await sheetsToXlsx(csvToSheets(kind, r.csv)),
		filename: r.filename.replace(/\.csv$/, '.xlsx')
	};
}

/** The sheets of an export's CSV, laid out for its kind. Pure. */
function csvToSheets(kind: string, csv: string): XlsxSheet[] {
	const rows = records(csv);
	let sheets: XlsxSheet[];
	if (kind === 'summary' || kind === 'upper') sheets = summarySheets(rows);
	else {
		const [headers = [], ...data] = rows;
		if (kind === 'scores' && headers[0] === '轮次' && data.length) {
			// one sheet per round, in the order the rounds come
			const byRound = new Map<string, string[][]>();
			for (const d of data) byRound.set(d[0], [...(byRound.get(d[0]) ?? []), d]);
			sheets = [...byRound].map(([round, list]) => ({
				name: round,
				layout: 'table',
				headers,
				rows: typed(headers, list, true)
			}));
		} else
			sheets = [
				{ name: SHEET_TITLES[kind] ?? kind, layout: 'table', headers, rows: typed(headers, data, kind === 'scores') }
			];
	}
	return sheets;
}
