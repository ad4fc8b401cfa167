// What an upload holds, by content: one CSV or .xlsx 汇总表, any number of .docx 推荐表, or .zip
// archives of them. Everything becomes the one table the nomination CSV parser reads (so the checks
// and row numbers are the same as for a CSV): the 汇总表's rows, each completed from its 推荐表
// (joined by 姓名 and 推荐单位), and a row for each form without one. A plain CSV passes unchanged.
import { unzipSync, zipSync } from 'fflate';
import { readCsvTable } from '../../domain/formats/csv-table';
import { channelKey, columnForHeader, normalizeName } from '../../domain/intake/nomination-format';
import type { RowError } from '../../domain/intake/nomination-csv';
import { sniffOffice } from '../../domain/formats/office/office-sniff';
import { completeTable, readXlsxTable, tableToCsvBytes } from '../../domain/formats/office/xlsx-table';
import {
	FORM_FIELDS,
	FORM_FIELD_LABELS,
	readDocxForm,
	type FormField,
	type FormRead
} from '../../domain/formats/office/docx-form';

export interface UploadFile {
	name: string;
	bytes: Uint8Array;
}

/** One 推荐表 as the preview shows it: what was read into each field, what is missing, its row. */
export interface FormReport {
	file: string;
	name: string;
	channel: string;
	fields: { label: string; value: string }[];
	missing: string[];
	photo: boolean;
	/** the 汇总表 row it completed, or the row it was added as */
	row?: number;
	joined: boolean;
	error?: string;
}

export interface PreparedUpload {
	/** the table for parseNominationCsv (the original bytes when a single CSV was uploaded) */
	csv: Uint8Array | null;
	kind: 'csv' | 'xlsx' | 'forms';
	errors: RowError[];
	warnings: RowError[];
	forms: FormReport[];
	/** photos read from the forms, by the row they went to */
	photos: { row: number; name: string; bytes: Uint8Array }[];
	/** what was found in the upload, for the page: 汇总表 名称, N 份推荐表 */
	summary: string;
}

const MAX_TITLE_ROWS = 5;
const isNameHeader = (c: string) => columnForHeader(c)?.key === 'name';
const isUnitHeader = (c: string) => columnForHeader(c)?.key === 'channel';
const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|~\$|Thumbs\.db$)/;

/** The files inside the upload: archives opened (one level inside another), folders and junk skipped. */
function leaves(
	files: UploadFile[],
	errors: RowError[],
	warnings: RowError[],
	depth = 0
): { file: UploadFile; kind: 'csv' | 'xlsx' | 'docx' }[] {
	const out: { file: UploadFile; kind: 'csv' | 'xlsx' | 'docx' }[] = [];
	for (const f of files) {
		const label = `“${f.name}”`;
		const s = sniffOffice(f.bytes, label);
		// one file alone: a file-level error has no column, as for a CSV; among several, the file names it
		if (s.kind === 'refused')
			errors.push({ row: 1, column: files.length === 1 && depth === 0 ? '' : f.name, message: s.message });
		else if (s.kind === 'zip') {
			if (depth >= 2) {
				errors.push({ row: 1, column: f.name, message: `${label}是压缩包中的压缩包，层数过多，请解压后上传` });
				continue;
			}
			const inner = unzipSync(f.bytes, { filter: (e) => !e.name.endsWith('/') && !IGNORED.test(e.name) });
			const names = Object.keys(inner).sort((a, b) => a.localeCompare(b, 'zh'));
			const known = names.filter((n) => /\.(docx|xlsx|csv|zip|txt)$/i.test(n) || sniffOffice(inner[n]).kind !== 'csv');
			for (const n of names)
				if (!known.includes(n))
					warnings.push({ row: 1, column: n, message: `压缩包中的“${n}”不是 .docx/.xlsx/.csv 文件，已忽略` });
			out.push(
				...leaves(
					known.map((n) => ({ name: n.split('/').pop() || n, bytes: inner[n] })),
					errors,
					warnings,
					depth + 1
				)
			);
		} else out.push({ file: f, kind: s.kind });
	}
	return out;
}

/** Prepares an upload of one or more files for the nomination parser. Writes nothing. */
export async function prepareUpload(files: UploadFile[], opts: { maxRows: number }): Promise<PreparedUpload> {
	const errors: RowError[] = [];
	const warnings: RowError[] = [];
	const found = leaves(files, errors, warnings);
	const tables = found.filter((f) => f.kind !== 'docx');
	const docs = found.filter((f) => f.kind === 'docx');
	const base = { forms: [] as FormReport[], photos: [] as PreparedUpload['photos'], warnings, errors };
	if (tables.length > 1)
		errors.push({
			row: 1,
			column: '',
			message: `一次只能上传一个汇总表，收到 ${tables.length} 个（${tables.map((t) => t.file.name).join('、')}）`
		});
	if (errors.length) return { csv: null, kind: 'csv', summary: '', ...base };
	if (!tables.length && !docs.length)
		return {
			csv: null,
			kind: 'csv',
			summary: '',
			...base,
			errors: [{ row: 1, column: '', message: '没有找到可导入的文件（CSV、.xlsx 汇总表或 .docx 推荐表）' }]
		};
	const table = tables[0];
	// a single CSV: the original bytes, the parser's path exactly as before
	if (table?.kind === 'csv' && !docs.length)
		return { csv: table.file.bytes, kind: 'csv', summary: table.file.name, ...base };

	let records: string[][] = [];
	if (table?.kind === 'xlsx') {
		const x = await readXlsxTable(table.file.bytes, { maxRows: opts.maxRows, label: `“${table.file.name}”` });
		if ('error' in x)
			return {
				csv: null,
				kind: 'xlsx',
				summary: '',
				...base,
				errors: [{ row: 1, column: table.file.name, message: x.error }]
			};
		for (const n of x.notes) warnings.push({ row: 1, column: table.file.name, message: n });
		records = x.records;
	} else if (table?.kind === 'csv') {
		const t = readCsvTable(table.file.bytes, { noun: '候选人', isNameHeader });
		if (t.errors.length) return { csv: null, kind: 'csv', summary: '', ...base, errors: t.errors };
		records = t.records;
	}
	if (table) {
		const done = completeTable(records, { isNameHeader, isUnitHeader, maxTitleRows: MAX_TITLE_ROWS });
		records = done.records;
	}
	const summary = [table ? `汇总表“${table.file.name}”` : '', docs.length ? `${docs.length} 份推荐表` : '']
		.filter(Boolean)
		.join('，');
	if (docs.length)
		joinForms(
			records,
			docs.map((d) => d.file),
			base
		);
	return {
		csv: tableToCsvBytes(records),
		kind: table?.kind === 'xlsx' || !table ? (table ? 'xlsx' : 'forms') : 'csv',
		summary,
		...base
	};
}

const formValue = (r: FormRead, k: FormField) => r.values[k] ?? '';

/** Completes the table's rows from the forms (or builds the table from the forms alone). Mutates records. */
function joinForms(
	records: string[][],
	docs: UploadFile[],
	out: Pick<PreparedUpload, 'forms' | 'photos' | 'warnings' | 'errors'>
): void {
	const reads = docs.map((d) => ({ file: d.name, read: readDocxForm(d.bytes, `“${d.name}”`) }));
	let header = records.findIndex((r, i) => i <= MAX_TITLE_ROWS + 1 && r.some(isNameHeader));
	if (header < 0) {
		if (records.some((r) => r.some((c) => c.trim()))) {
			out.errors.push({ row: 1, column: '', message: '汇总表中没有找到表头行（应有“姓名”列）' });
			return;
		}
		records.length = 0;
		records.push([]);
		header = 0;
	}
	const head = records[header];
	const colOf = (title: string): number => {
		const key = columnForHeader(title)?.key;
		let i = head.findIndex((h) => key !== undefined && columnForHeader(h)?.key === key);
		if (i < 0) {
			i = head.length;
			head.push(title);
		}
		return i;
	};
	const nameCol = colOf('姓名');
	const unitCol = colOf('推荐单位');
	const firstRows = records.length;
	const joinedRows = new Set<number>();
	for (const { file, read } of reads) {
		const report: FormReport = {
			file,
			name: formValue(read, 'name'),
			channel: formValue(read, 'channel'),
			fields: FORM_FIELDS.filter((f) => read.values[f.key]).map((f) => ({
				label: FORM_FIELD_LABELS[f.key],
				value: read.values[f.key]!
			})),
			missing: read.missing.map((k) => FORM_FIELD_LABELS[k]),
			photo: !!read.photo,
			joined: false
		};
		out.forms.push(report);
		if (read.unreadable) {
			report.error = read.unreadable;
			out.errors.push({ row: 1, column: file, message: read.unreadable });
			continue;
		}
		if (!report.name) {
			out.errors.push({ row: 1, column: file, message: `推荐表“${file}”没有填写姓名，无法导入` });
			continue;
		}
		const matches = records
			.map((r, i) => i)
			.filter(
				(i) => i > header && i < firstRows && normalizeName(records[i][nameCol] ?? '') === normalizeName(report.name)
			)
			.filter(
				(i) => !report.channel || !records[i][unitCol] || channelKey(records[i][unitCol]) === channelKey(report.channel)
			);
		let at: number;
		if (matches.length > 1) {
			out.errors.push({
				row: matches[1] + 1,
				column: '姓名',
				message: `推荐表“${file}”（${report.name}）对应汇总表中的多行（第${matches.map((m) => m + 1).join('、')}行），请在推荐表中填写推荐单位以区分`
			});
			continue;
		}
		if (matches.length === 1) {
			at = matches[0];
			report.joined = true;
			joinedRows.add(at);
		} else {
			at = records.length;
			records.push([]);
			if (firstRows > header + 1)
				out.warnings.push({
					row: at + 1,
					column: '姓名',
					message: `推荐表“${file}”（${report.name}）在汇总表中没有对应的行，已按推荐表新增为第${at + 1}行`
				});
		}
		report.row = at + 1;
		const row = records[at];
		for (const f of FORM_FIELDS) {
			const v = read.values[f.key];
			if (!v || !f.column) continue;
			const c = colOf(f.column);
			const have = (row[c] ?? '').trim();
			if (!have) row[c] = v;
			else if (f.key !== 'name' && f.key !== 'channel' && !f.long && have.replace(/\s/g, '') !== v.replace(/\s/g, ''))
				out.warnings.push({
					row: at + 1,
					column: f.column,
					message: `汇总表为“${have}”，推荐表“${file}”为“${v}”，以汇总表为准`
				});
		}
		if (read.photo) out.photos.push({ row: at + 1, name: read.photo.name, bytes: read.photo.bytes });
	}
	for (let i = header + 1; i < firstRows; i++) {
		const r = records[i];
		if (r.some((c) => c.trim()) && !joinedRows.has(i) && firstRows > header + 1 && reads.length)
			out.warnings.push({
				row: i + 1,
				column: '姓名',
				message: `汇总表第${i + 1}行（${r[nameCol] ?? ''}）没有对应的推荐表`
			});
	}
	for (const r of records) while (r.length < head.length) r.push('');
}

/** Several files as one stored upload (a zip, as an office would send them), for the pending import. */
export function bundleFiles(files: UploadFile[]): { name: string; bytes: Uint8Array } {
	if (files.length === 1) return files[0];
	const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
	files.forEach((f, i) => (entries[entries[f.name] ? `${i + 1}-${f.name}` : f.name] = [f.bytes, { level: 0 }]));
	return { name: `${files.length} 个文件`, bytes: zipSync(entries) };
}

/**
 * A roster or table upload as CSV bytes for the CSV parsers: a CSV passes unchanged, an .xlsx
 * becomes its first sheet's table (row numbers kept); .xls, macro, encrypted and other files are refused.
 */
export async function spreadsheetAsCsv(
	bytes: Uint8Array,
	label: string
): Promise<{ bytes: Uint8Array } | { error: string }> {
	const s = sniffOffice(bytes, label);
	if (s.kind === 'refused') return { error: s.message };
	if (s.kind === 'csv') return { bytes };
	if (s.kind !== 'xlsx')
		return {
			error: `${label}不是表格文件（CSV 或 Excel .xlsx），按文件内容判断是${s.kind === 'docx' ? ' Word 文档' : '压缩包'}`
		};
	const t = await readXlsxTable(bytes, { maxRows: 20_000, label });
	return 'error' in t ? t : { bytes: tableToCsvBytes(t.records) };
}
