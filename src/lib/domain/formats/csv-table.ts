// The common front of the nomination and expert CSV parsers: decode, pick the delimiter, split
// into records with papaparse, report quote problems by spreadsheet row, and find the header
// (the first non-blank record, or a later one within the first rows when titles come first).
import Papa from 'papaparse';
import { binaryFileProblem, decodeText, type TextEncodingName } from './csv-decode';
import { cleanCell, detectDelimiter } from '../intake/nomination-format';

/** How many leading rows may be a title (汇总表 titles, "推荐单位：…") before the header. */
const MAX_TITLE_ROWS = 5;

export interface CsvProblem {
	row: number;
	column: string;
	message: string;
}

export interface CsvTable {
	encoding: TextEncodingName;
	delimiter: ',' | '\t';
	/** every record, cells cleaned; index + 1 is the spreadsheet row */
	records: string[][];
	/** index of the header record, or -1 when the file cannot be read (see errors) */
	headerIndex: number;
	errors: CsvProblem[];
	warnings: CsvProblem[];
}

export function readCsvTable(
	bytes: Uint8Array,
	opts: { /** what the rows are, for messages: 候选人 / 专家 */ noun: string; isNameHeader: (cell: string) => boolean }
): CsvTable {
	const { text, encoding } = decodeText(bytes);
	const delimiter = detectDelimiter(text);
	const table: CsvTable = { encoding, delimiter, records: [], headerIndex: -1, errors: [], warnings: [] };
	const binary = binaryFileProblem(bytes);
	if (binary) {
		table.errors.push({ row: 1, column: '', message: binary });
		return table;
	}
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
	for (const e of parsed.errors) {
		const row = (e.row ?? 0) + 1;
		if (e.code === 'MissingQuotes')
			table.errors.push({
				row,
				column: '',
				message: '引号不配对：某个单元格以英文双引号开头却没有结束引号，其后的内容被并入同一单元格，请检查该行'
			});
		else if (e.code === 'InvalidQuotes')
			table.errors.push({
				row,
				column: '',
				message: '引号使用不规范：用引号括起的单元格在结束引号后还有文字；单元格内的英文双引号应写成两个（""）'
			});
	}
	const records = parsed.data.map((r) => r.map(cleanCell));
	table.records = records;
	const nonBlank = records.map((_, i) => i).filter((i) => records[i].some((c) => c !== ''));
	if (nonBlank.length === 0) {
		table.errors.push({ row: 1, column: '', message: `文件为空：没有表头行，也没有${opts.noun}` });
		return table;
	}
	let headerIndex = nonBlank[0];
	const named = nonBlank.slice(0, MAX_TITLE_ROWS + 1).find((i) => records[i].some(opts.isNameHeader));
	if (named !== undefined && named !== headerIndex) {
		table.warnings.push({ row: named + 1, column: '', message: `表头在第${named + 1}行，前面的标题行已跳过` });
		headerIndex = named;
	}
	table.headerIndex = headerIndex;
	return table;
}
