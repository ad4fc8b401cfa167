// The nomination CSV of CONTRACTS.md: parsing an office's 汇总表 into CandidateRecords with
// every problem reported by spreadsheet row, and writing records back in the same format.
//
// Row numbers: a row is the number a spreadsheet shows. The file is split into records by
// papaparse, where a quoted cell with line breaks inside stays one record (Excel shows it in
// one row) and a blank line is a record of its own (Excel shows an empty row). So
// row = 0-based record index + 1: the header is row 1, the first nominee row 2.
//
// Formula guard: exports neutralize cells starting with = + - @ by a leading single quote
// (csv-safe.ts). This parser removes exactly one leading quote in front of such text, so our own
// exports import back unchanged and an office file with '=... keeps the text after the quote.
import { readCsvTable } from '../formats/csv-table';
import { encodingLabel, type TextEncodingName } from '../formats/csv-decode';
import { COLUMNS, channelResolver, columnForHeader, normalizeHeader, type ColumnKey } from './nomination-format';
import type { CandidateRecord, ChannelType } from '../types';
import { parseRow, type RowContext } from './nomination-row';

export interface RowError {
	row: number;
	column: string;
	message: string;
}

export interface ParsedRow {
	row: number;
	record: CandidateRecord;
	/** Set when knownChannels is given and 推荐单位 is unknown but 渠道类型 names its type. */
	newChannel?: { name: string; type: ChannelType };
}

export interface ParseNominationOptions {
	/** The campaign's channels, name → type. Without it channels are not checked at all. */
	knownChannels?: Map<string, ChannelType>;
	/** Allowed short field names or groups of the campaign (CampaignConfig.fields). */
	fields?: string[];
	/** YYYY-MM-DD; a 出生年月 after it is rejected. Without it only years after 2100 are. */
	today?: string;
	/** More nominee rows than this: the file is refused before its rows are read (tooManyRows). */
	maxRows?: number;
	/** The notice's own 推荐领域 values accepted beside the national five (广西's cover page). */
	localFields?: string[];
	/** What the campaign's panels use; a 'group' campaign needs 推荐组别 on every row. */
	classification?: 'field' | 'group';
}

export interface NominationParseResult {
	encoding: TextEncodingName;
	delimiter: ',' | '\t';
	/** The rows without errors, in file order. */
	rows: ParsedRow[];
	errors: RowError[];
	warnings: RowError[];
	/** Set when the file has more nominee rows than opts.maxRows: their number (rows were not read). */
	tooManyRows?: number;
}

export function parseNominationCsv(bytes: Uint8Array, opts: ParseNominationOptions = {}): NominationParseResult {
	const table = readCsvTable(bytes, { noun: '候选人', isNameHeader: (c) => columnForHeader(c)?.key === 'name' });
	const { encoding, delimiter, records } = table;
	const result: NominationParseResult = {
		encoding,
		delimiter,
		rows: [],
		errors: table.errors,
		warnings: table.warnings
	};
	if (table.headerIndex < 0) return result;
	const blank = (r: string[]) => r.every((c) => c === '');
	const headerIndex = table.headerIndex;
	const headerRow = headerIndex + 1;
	const header = records[headerIndex];

	const columnAt = new Map<ColumnKey, number>();
	const headerText = new Map<ColumnKey, string>();
	const extraAt = new Map<number, string>();
	const seen = new Map<string, number>();
	header.forEach((h, i) => {
		const col = columnForHeader(h);
		const id = col ? `column:${col.key}` : `extra:${normalizeHeader(h)}`;
		if (h === '') {
			const used = records.slice(headerIndex + 1).some((r) => (r[i] ?? '') !== '');
			if (used) {
				extraAt.set(i, `第${i + 1}列`);
				result.warnings.push({
					row: headerRow,
					column: `第${i + 1}列`,
					message: `第${i + 1}列没有表头，其内容已作为附加信息保留`
				});
			}
			return;
		}
		const first = seen.get(id);
		if (first !== undefined) {
			result.errors.push({
				row: headerRow,
				column: h,
				message: `表头“${h}”与第${first + 1}列的“${header[first]}”重复，请删除或改名其中一列`
			});
			return;
		}
		seen.set(id, i);
		if (col) {
			columnAt.set(col.key, i);
			headerText.set(col.key, h);
		} else extraAt.set(i, h);
	});
	if (columnAt.size === 0) {
		result.errors.push({
			row: headerRow,
			column: '',
			message:
				`第${headerRow}行没有可识别的列名（应有 姓名、性别、出生年月 等模板中的中文列名）。如果列名是英文，请改用导入模板的列名；如果显示为乱码，` +
				`文件可能不是 UTF-8 或 GBK 编码（本次按 ${encodingLabel(encoding)} 读取），请另存为“CSV UTF-8”后再上传`
		});
	}
	for (const col of COLUMNS) {
		if (col.required && !columnAt.has(col.key)) {
			result.errors.push({ row: headerRow, column: col.header, message: `缺少必填列“${col.header}”` });
		}
	}
	if (!columnAt.has('field') && !columnAt.has('group')) {
		result.errors.push({ row: headerRow, column: '推荐领域', message: '缺少必填列“推荐领域”（或“推荐组别”）' });
	}
	if (result.errors.length > 0) return result;

	const ctx: RowContext = {
		opts,
		columnAt,
		headerText,
		extraAt,
		known: opts.knownChannels ? channelResolver(opts.knownChannels) : null,
		allowed: opts.fields ? new Set(opts.fields) : null,
		newChannels: new Map(),
		keys: new Map(),
		people: new Map(),
		sameName: new Map()
	};
	// Sheets often come with 序号 prefilled on empty template rows.
	const seqAt = columnAt.get('seq');
	const isNominee = (rec: string[]) => !blank(rec) && !rec.every((c, j) => c === '' || j === seqAt);
	if (opts.maxRows !== undefined) {
		// Counted before any row is read: an oversized file is refused in a fraction of the time.
		let count = 0;
		for (let i = headerIndex + 1; i < records.length; i++) if (isNominee(records[i])) count++;
		if (count > opts.maxRows) {
			result.tooManyRows = count;
			result.errors.push({
				row: 1,
				column: '',
				message: `文件有 ${count} 行，超过单次导入上限 ${opts.maxRows} 行，请分批导入`
			});
			return result;
		}
	}
	let nominees = 0;
	for (let i = headerIndex + 1; i < records.length; i++) {
		const rec = records[i];
		if (!isNominee(rec)) continue;
		nominees++;
		parseRow(rec, i + 1, header.length, ctx, result);
	}
	if (nominees === 0) result.warnings.push({ row: headerRow, column: '', message: '文件只有表头，没有候选人' });
	return result;
}
