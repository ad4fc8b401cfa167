// The expert roster CSV (评审专家名单): an office's list of experts read into ExpertInputs with
// every problem reported by spreadsheet row, the way nomination-csv.ts does it.
//
// Row numbers: a row is the number a spreadsheet shows: 0-based papaparse record index + 1, so
// the header is row 1 and the first expert row 2 (a quoted cell with line breaks stays one row).
// Encoding: UTF-8 with or without BOM, or GB18030/GBK (csv-decode.ts); comma or tab separated;
// headers in any order. A file with any error is refused whole by the importer.
import { readCsvTable } from '../formats/csv-table';
import { encodingLabel, type TextEncodingName } from '../formats/csv-decode';
import { fieldFullName, fieldShortName, halfWidth, normalizeHeader, normalizeName } from './nomination-format';

/** One expert of the roster, as the forms and the importer produce it. */
export interface ExpertInput {
	name: string;
	username?: string;
	unit: string;
	formerUnits?: string[];
	school?: string;
	title?: string;
	/** short names of fields or groups; the first is the expert's main field */
	fields: string[];
	phone?: string;
	email?: string;
	maxLoad?: number | null;
}

export interface ExpertRowError {
	row: number;
	column: string;
	message: string;
}

export type ExpertColumnKey =
	| 'name'
	| 'unit'
	| 'formerUnits'
	| 'school'
	| 'title'
	| 'fields'
	| 'phone'
	| 'email'
	| 'maxLoad'
	| 'username'
	| 'remarks';

export interface ExpertColumnDef {
	key: ExpertColumnKey;
	header: string;
	aliases?: string[];
	required?: boolean;
}

/** Template order. 备注 is read only to catch the template's example row. */
const EXPERT_COLUMNS: ExpertColumnDef[] = [
	{ key: 'name', header: '姓名', aliases: ['专家姓名'], required: true },
	{ key: 'unit', header: '工作单位', aliases: ['单位', '所在单位', '现工作单位'], required: true },
	{ key: 'formerUnits', header: '曾工作单位', aliases: ['曾任职单位', '原工作单位', '曾经工作单位'] },
	{ key: 'school', header: '毕业院校', aliases: ['毕业学校'] },
	{ key: 'title', header: '职称', aliases: ['职务职称', '专业技术职务', '职称职务'] },
	{
		key: 'fields',
		header: '评审领域',
		aliases: ['可评审领域', '领域', '推荐领域', '评审组别', '专业组'],
		required: true
	},
	{ key: 'phone', header: '手机', aliases: ['手机号码', '手机号', '联系电话'] },
	{ key: 'email', header: '电子邮箱', aliases: ['邮箱', '电子邮件', 'email', 'e-mail'] },
	{ key: 'maxLoad', header: '最大评审量', aliases: ['评审上限', '最大评审数'] },
	{ key: 'username', header: '用户名', aliases: ['登录名', '账号', '帐号'] },
	{ key: 'remarks', header: '备注' }
];

export const EXPERT_LABELS: Record<ExpertColumnKey, string> = Object.fromEntries(
	EXPERT_COLUMNS.map((c) => [c.key, c.header])
) as Record<ExpertColumnKey, string>;

const COLUMN_BY_HEADER = new Map<string, ExpertColumnDef>();
for (const c of EXPERT_COLUMNS)
	for (const h of [c.header, ...(c.aliases ?? [])]) COLUMN_BY_HEADER.set(normalizeHeader(h), c);

export function expertColumnForHeader(h: string): ExpertColumnDef | undefined {
	return COLUMN_BY_HEADER.get(normalizeHeader(h));
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const MAX_TEXT = 200;
const MAX_LOAD = 1000;
export const MAX_EXPERT_ROWS = 2000;

const collapse = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim();
const unique = (xs: string[]) => [...new Set(xs)];

/** 曾工作单位: one per line, or separated by ；; or 、. */
function splitFormerUnits(text: string): string[] {
	return unique(
		text
			.split(/[\r\n；;、]+/)
			.map(collapse)
			.filter(Boolean)
	);
}

/** 评审领域: separated by 、，, ; ； or spaces. */
function splitFields(text: string): string[] {
	return unique(
		text
			.split(/[、，,;；\s\u3000]+/)
			.map((t) => t.trim())
			.filter(Boolean)
	);
}

/** The campaign's short name for a field token (前沿, 面向世界科技前沿 → 前沿), or null. */
function resolveField(token: string, allowed: readonly string[]): string | null {
	const short = fieldShortName(token) ?? token.replace(/[\s\u3000]+/g, '');
	return allowed.includes(short) ? short : null;
}

/** Identifies an expert on the roster: 姓名 + 工作单位, spacing and bracket width ignored. */
export function expertKey(name: string, unit: string): string {
	const unitKey = unit
		.replace(/[\s\u3000]+/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')');
	return `${normalizeName(name)}|${unitKey}`;
}

function allowedHint(allowed: readonly string[]): string {
	const full = allowed.map(fieldFullName).find((f, i) => f !== allowed[i]);
	return `应为 ${allowed.join('、')} 之一${full ? `（也可写全称，如“${full}”）` : ''}`;
}

/** Problems of a structured expert, keyed by column. Used by the forms, the importer and the services. */
export function validateExpert(
	e: ExpertInput,
	allowed: readonly string[]
): { key: ExpertColumnKey; message: string }[] {
	const out: { key: ExpertColumnKey; message: string }[] = [];
	const long = (key: ExpertColumnKey, v: string | undefined) => {
		if (v && v.length > MAX_TEXT)
			out.push({ key, message: `${EXPERT_LABELS[key]}过长（${v.length} 字，最多 ${MAX_TEXT} 字）` });
	};
	if (!e.name) out.push({ key: 'name', message: '姓名为空' });
	long('name', e.name);
	if (!e.unit) out.push({ key: 'unit', message: '工作单位为空' });
	long('unit', e.unit);
	const longFormer = (e.formerUnits ?? []).find((u) => u.length > MAX_TEXT);
	if (longFormer) long('formerUnits', longFormer);
	long('school', e.school);
	long('title', e.title);
	if (e.fields.length === 0)
		out.push({ key: 'fields', message: `评审领域为空，请至少填写一个领域，${allowedHint(allowed)}` });
	for (const f of e.fields) {
		if (!allowed.includes(f))
			out.push({ key: 'fields', message: `评审领域“${f}”不是本活动设置的领域，${allowedHint(allowed)}` });
	}
	if (e.phone) {
		const p = halfWidth(e.phone).trim();
		if (/^\d+(\.\d+)?E\+?\d+$/i.test(p)) {
			out.push({ key: 'phone', message: `手机“${e.phone}”被表格软件存成了科学计数法，请把该列设为文本后重新填写号码` });
		} else if (!/^\+?\d{7,15}$/.test(p.replace(/[\s\-()（）]/g, ''))) {
			out.push({
				key: 'phone',
				message: `手机“${e.phone}”格式不正确，应为 11 位手机号码（如 13800000000）或带区号的电话`
			});
		}
	}
	if (e.email && !EMAIL_PATTERN.test(e.email)) {
		out.push({ key: 'email', message: `电子邮箱“${e.email}”格式不正确，应如 name@example.com` });
	}
	if (e.maxLoad != null && !(Number.isInteger(e.maxLoad) && e.maxLoad >= 1 && e.maxLoad <= MAX_LOAD)) {
		out.push({ key: 'maxLoad', message: `最大评审量“${e.maxLoad}”应为 1–${MAX_LOAD} 的整数` });
	}
	if (e.username && !USERNAME_PATTERN.test(e.username)) {
		out.push({ key: 'username', message: `用户名“${e.username}”无效：只能使用 3–32 位字母、数字、点、下划线或连字符` });
	}
	return out;
}

/**
 * Reads one expert from cell texts (a CSV row or a web form): splits the lists, maps field names
 * to the campaign's short names, parses 最大评审量, then validates.
 */
export function readExpert(
	cells: Partial<Record<ExpertColumnKey, string>>,
	allowed: readonly string[]
): { expert: ExpertInput; problems: { key: ExpertColumnKey; message: string }[] } {
	const cell = (k: ExpertColumnKey) => (cells[k] ?? '').trim();
	const problems: { key: ExpertColumnKey; message: string }[] = [];
	const fieldTokens = splitFields(cell('fields'));
	const fields: string[] = [];
	for (const t of fieldTokens) {
		const f = resolveField(t, allowed);
		if (f) {
			if (!fields.includes(f)) fields.push(f);
		} else problems.push({ key: 'fields', message: `评审领域“${t}”不是本活动设置的领域，${allowedHint(allowed)}` });
	}
	let maxLoad: number | null = null;
	const loadText = halfWidth(cell('maxLoad')).trim();
	if (loadText) {
		const m = /^(\d+)(?:\.0+)?$/.exec(loadText);
		if (m) maxLoad = Number(m[1]);
		else problems.push({ key: 'maxLoad', message: `最大评审量“${cell('maxLoad')}”应为正整数（如 15）` });
	}
	const optional = (k: ExpertColumnKey) => collapse(cell(k)) || undefined;
	const expert: ExpertInput = {
		name: normalizeName(cell('name')),
		unit: collapse(cell('unit')),
		formerUnits: splitFormerUnits(cell('formerUnits')),
		school: optional('school'),
		title: optional('title'),
		fields,
		phone: optional('phone'),
		email: optional('email'),
		maxLoad,
		username: cell('username') || undefined
	};
	const found = new Set(problems.map((p) => p.key));
	for (const p of validateExpert(expert, allowed)) {
		// Unknown field names were reported above; "empty" would only repeat them.
		if (!found.has(p.key)) problems.push(p);
	}
	return { expert, problems };
}

export interface ParsedExpertRow {
	row: number;
	expert: ExpertInput;
}

export interface ExpertParseResult {
	encoding: TextEncodingName;
	delimiter: ',' | '\t';
	rows: ParsedExpertRow[];
	errors: ExpertRowError[];
	/** ignored columns and skipped title rows; they do not stop an import */
	warnings: ExpertRowError[];
	/** the columns the file has: an update from a re-import touches only these */
	columns: ExpertColumnKey[];
}

export function parseExpertCsv(bytes: Uint8Array, opts: { fields: readonly string[] }): ExpertParseResult {
	const table = readCsvTable(bytes, { noun: '专家', isNameHeader: (c) => expertColumnForHeader(c)?.key === 'name' });
	const { encoding, delimiter, records } = table;
	const result: ExpertParseResult = {
		encoding,
		delimiter,
		rows: [],
		errors: table.errors,
		warnings: table.warnings,
		columns: []
	};
	if (table.headerIndex < 0) return result;
	const blank = (r: string[]) => r.every((c) => c === '');
	const headerIndex = table.headerIndex;
	const headerRow = headerIndex + 1;
	const header = records[headerIndex];
	const columnAt = new Map<ExpertColumnKey, number>();
	const headerText = new Map<ExpertColumnKey, string>();
	header.forEach((h, i) => {
		if (h === '') return;
		const col = expertColumnForHeader(h);
		if (!col) {
			result.warnings.push({ row: headerRow, column: h, message: `不认识的列“${h}”，已忽略` });
			return;
		}
		const first = columnAt.get(col.key);
		if (first !== undefined) {
			result.errors.push({
				row: headerRow,
				column: h,
				message: `表头“${h}”与第${first + 1}列的“${header[first]}”重复，请删除或改名其中一列`
			});
			return;
		}
		columnAt.set(col.key, i);
		headerText.set(col.key, h);
	});
	if (columnAt.size === 0) {
		result.errors.push({
			row: headerRow,
			column: '',
			message:
				`第${headerRow}行没有可识别的列名（应有 姓名、工作单位、评审领域 等模板中的中文列名）。如果列名是英文，请改用专家名单模板的列名；如果显示为乱码，` +
				`文件可能不是 UTF-8 或 GBK 编码（本次按 ${encodingLabel(encoding)} 读取），请另存为“CSV UTF-8”后再上传`
		});
	}
	for (const col of EXPERT_COLUMNS) {
		if (col.required && !columnAt.has(col.key))
			result.errors.push({ row: headerRow, column: col.header, message: `缺少必填列“${col.header}”` });
	}
	result.columns = [...columnAt.keys()];
	if (result.errors.length > 0) return result;

	const colName = (k: ExpertColumnKey) => headerText.get(k) ?? EXPERT_LABELS[k];
	const keys = new Map<string, number>();
	const usernames = new Map<string, number>();
	let count = 0;
	for (let i = headerIndex + 1; i < records.length; i++) {
		const rec = records[i];
		if (blank(rec)) continue;
		const row = i + 1;
		if (++count > MAX_EXPERT_ROWS) {
			result.errors.push({ row, column: '', message: `一次最多导入 ${MAX_EXPERT_ROWS} 名专家，请分批导入` });
			break;
		}
		const errors: ExpertRowError[] = [];
		if (rec.length > header.length && rec.slice(header.length).some((c) => c !== '')) {
			errors.push({
				row,
				column: `第${header.length + 1}列`,
				message: `本行有${rec.length}个单元格，比表头的${header.length}列多；可能某个单元格里的逗号没有加引号`
			});
		}
		const cells: Partial<Record<ExpertColumnKey, string>> = {};
		for (const [key, at] of columnAt) cells[key] = rec[at] ?? '';
		if ((cells.remarks ?? '').startsWith('示例')) {
			errors.push({ row, column: colName('remarks'), message: '这是模板中的示例行，请删除后再导入' });
		}
		const { expert, problems } = readExpert(cells, opts.fields);
		for (const p of problems) errors.push({ row, column: colName(p.key), message: p.message });
		if (expert.name && expert.unit) {
			const key = expertKey(expert.name, expert.unit);
			const first = keys.get(key);
			if (first !== undefined)
				errors.push({
					row,
					column: colName('name'),
					message: `与第${first}行重复：同一专家（姓名“${expert.name}”，工作单位“${expert.unit}”）出现两次`
				});
			else keys.set(key, row);
		}
		if (expert.username) {
			const first = usernames.get(expert.username.toLowerCase());
			if (first !== undefined)
				errors.push({ row, column: colName('username'), message: `用户名“${expert.username}”与第${first}行重复` });
			else usernames.set(expert.username.toLowerCase(), row);
		}
		if (errors.length) result.errors.push(...errors);
		else result.rows.push({ row, expert });
	}
	if (count === 0) result.errors.push({ row: headerRow, column: '', message: '文件只有表头，没有专家行' });
	return result;
}

/** The template's headers and an example row that fits the campaign's fields. */
export function expertTemplate(fields: readonly string[]): { headers: string[]; example: string[] } {
	const first = fields[0] ?? '';
	const second = fields[1];
	const example: Record<string, string> = {
		姓名: '张某某',
		工作单位: '某某大学农学院',
		曾工作单位: '某某市农业科学研究所\n某某县农业农村局',
		毕业院校: '中国农业大学',
		职称: '教授',
		评审领域: [fieldFullName(first), second].filter(Boolean).join('、'),
		手机: '13800000000',
		电子邮箱: 'zhang@example.com',
		最大评审量: '15',
		用户名: 'zhangmoumou',
		备注: '示例行，导入前请删除'
	};
	const headers = EXPERT_COLUMNS.map((c) => c.header);
	return { headers, example: headers.map((h) => example[h] ?? '') };
}
