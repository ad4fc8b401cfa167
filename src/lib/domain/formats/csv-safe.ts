// CSV writing shared by every export. Spreadsheet programs execute cells that start with
// = + - @ (and tab / CR), so exported text is neutralized the way OWASP recommends: a leading
// single quote, which Excel and WPS show as "text" and hide.
import Papa from 'papaparse';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Cells that need the quote. The optional run of quotes in front makes the convention
 * reversible: a value that already starts with quotes before a trigger gets one more, so
 * stripping exactly one quote on import (see unquoteCell) always restores the original.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** Plain numbers such as -3.5 are harmless and stay numbers for the spreadsheet. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell value safe to open in a spreadsheet. Numbers and booleans pass unchanged. */
function safeCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? '是' : '否';
	return needsQuote(value) ? `'${value}` : value;
}

function needsQuote(text: string): boolean {
	return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * The inverse of safeCell for text that comes back from our own exports: removes one leading
 * quote when what follows would have been neutralized. Text like "'abc" stays as it is.
 */
export function unquoteCell(text: string): string {
	if (text.startsWith("'") && needsQuote(text.slice(1))) return text.slice(1);
	return text;
}

/**
 * A CSV document for download: UTF-8 BOM (so Excel on Windows picks UTF-8), CRLF line ends,
 * RFC 4180 quoting, every cell through safeCell, a final CRLF.
 * Line breaks inside cells are written as LF, the way Excel writes them.
 */
export function toCsv(headers: string[], rows: CsvValue[][]): string {
	const data = rows.map((row) => headers.map((_, i) => safeCell(row[i]).replace(/\r\n?/g, '\n')));
	// Row by row, so that an empty table is just the header line.
	const line = (cells: string[]) => Papa.unparse([cells], { newline: '\r\n', quotes: false });
	const body = [headers.map((h) => safeCell(h)), ...data].map(line).join('\r\n');
	return '\uFEFF' + body + '\r\n';
}
