// Columns and cell values of the nomination CSV (CONTRACTS.md "Nomination CSV"): how each
// header maps to a CandidateRecord field and how each cell is read and written.
import { unquoteCell } from '../formats/csv-safe';
import {
	CHANNEL_TYPES,
	FIELDS,
	FIELD_FULL_NAMES,
	GROUPS,
	type CandidateRecord,
	type CareerEntry,
	type ChannelType
} from '../types';

export type ColumnKey = Exclude<keyof CandidateRecord, 'extra'>;

export interface ColumnDef {
	key: ColumnKey;
	/** The header written on export (the contract's name). */
	header: string;
	/** Other spellings accepted on import, compared after normalizeHeader. */
	aliases?: string[];
	required?: boolean;
}

/** Export order: the contract's columns first, then the other 推荐表 fields. */
export const COLUMNS: ColumnDef[] = [
	{ key: 'seq', header: '序号' },
	{ key: 'name', header: '姓名', aliases: ['候选人姓名'], required: true },
	{ key: 'gender', header: '性别', required: true },
	{ key: 'ethnicity', header: '民族' },
	{ key: 'party', header: '政治面貌', aliases: ['党派'] },
	{ key: 'birth', header: '出生年月', aliases: ['出生日期', '出生年月日'], required: true },
	{
		key: 'unitAndTitle',
		header: '工作单位及职务职称',
		aliases: ['工作单位及职务', '工作单位及职务、职称', '工作单位及职务(职称)', '工作单位及职称'],
		required: true
	},
	{ key: 'specialty', header: '专业专长' },
	{ key: 'field', header: '推荐领域' },
	{ key: 'group', header: '推荐组别' },
	{ key: 'channel', header: '推荐单位', aliases: ['推荐渠道'], required: true },
	{ key: 'channelType', header: '渠道类型', aliases: ['推荐渠道类型', '推荐单位类型'] },
	{ key: 'grassroots', header: '基层一线', aliases: ['是否基层一线'] },
	{
		key: 'priorTitle',
		header: '曾获最美称号',
		aliases: ['是否曾获最美称号', '是否曾获国家级荣誉表彰或中宣部“最美”系列称号']
	},
	{ key: 'category', header: '人员类别' },
	{ key: 'school', header: '毕业院校' },
	{ key: 'career', header: '学习工作经历', aliases: ['工作经历'] },
	{ key: 'deeds', header: '主要事迹' },
	{ key: 'story', header: '感人故事' },
	{ key: 'remarks', header: '备注' },
	{ key: 'awards', header: '所获重要奖励', aliases: ['重要奖励', '主要奖励'] },
	{ key: 'nativePlace', header: '籍贯' },
	{ key: 'education', header: '学历' },
	{ key: 'degree', header: '学位' },
	{ key: 'major', header: '所学专业' },
	{ key: 'profTitle', header: '专业技术职务' },
	{ key: 'phone', header: '办公电话' },
	{ key: 'mobile', header: '手机', aliases: ['手机号码'] },
	{ key: 'email', header: '电子邮箱', aliases: ['邮箱'] },
	{ key: 'address', header: '通讯地址' },
	{ key: 'postcode', header: '邮编', aliases: ['邮政编码'] }
];

/**
 * The contract's header of each column, by key: the one spelling of the 20-odd nomination headers
 * that the CSV, the Word 推荐表 reader and the candidate form all use.
 */
/** The 推荐表's free texts that a record leaves out when blank, in the record's key order: the CSV
 * import and the web form both read them (each adds its own contact fields around them). */
export const FREE_TEXT_KEYS = [
	'ethnicity',
	'party',
	'nativePlace',
	'education',
	'degree',
	'school',
	'major',
	'profTitle',
	'specialty',
	'category',
	'deeds',
	'story'
] as const satisfies readonly ColumnKey[];

export const COLUMN_HEADERS = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

/**
 * Header comparison key: forms pad headers ("姓  名"), mark required ones with *, and mix
 * full- and half-width brackets, none of which should make a column unknown.
 */
export function normalizeHeader(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.replace(/[\s\u3000]+/g, '')
		.replace(/^[*＊]+|[*＊]+$/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')')
		.toLowerCase();
}

const COLUMN_BY_HEADER = new Map<string, ColumnDef>();
for (const c of COLUMNS) {
	for (const h of [c.header, ...(c.aliases ?? [])]) COLUMN_BY_HEADER.set(normalizeHeader(h), c);
}

export function columnForHeader(h: string): ColumnDef | undefined {
	return COLUMN_BY_HEADER.get(normalizeHeader(h));
}

/** Full-width digits and date punctuation to ASCII, one character for one (keeps offsets). */
export function halfWidth(s: string): string {
	return s.replace(/[０-９．－／～：\u3000]/g, (ch) =>
		ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)
	);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export type BirthResult =
	{ ok: true; value: string; ambiguousOctober: boolean } | { ok: false; reason: 'format' | 'range' };

/**
 * Reads a 出生年月 in the forms of CONTRACTS.md: `1980.05`, `1980-05`, `1980/5`, `1980年5月`,
 * `198005`, `1980-05-12`, `1980年05月12日` (any of . - / as separator, also with a day, and
 * `19800512`; full-width digits allowed). Result 'YYYY-MM' or 'YYYY-MM-DD'.
 * Plausibility: the year is at least 1900; with `today` (YYYY-MM-DD) the date may not lie after
 * it, without it the year may not pass 2100 (the parser of the nomination CSV has no clock of
 * its own, so that stays pure and deterministic).
 */
export function parseBirthDetailed(input: string, today?: string): BirthResult {
	const s = halfWidth(input).replace(/\s+/g, '');
	let y: string, mo: string, d: string | undefined;
	let m: RegExpExecArray | null;
	let dotSingle = false;
	if ((m = /^(\d{4})([.\-/])(\d{1,2})(?:\2(\d{1,2}))?$/.exec(s))) {
		[y, mo, d] = [m[1], m[3], m[4]];
		dotSingle = m[2] === '.' && mo === '1' && d === undefined;
	} else if ((m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s))) {
		[y, mo, d] = [m[1], m[2], m[3]];
	} else if ((m = /^(\d{4})(\d{2})(\d{2})?$/.exec(s))) {
		[y, mo, d] = [m[1], m[2], m[3]];
	} else {
		return { ok: false, reason: 'format' };
	}
	const year = Number(y);
	const month = Number(mo);
	const day = d === undefined ? undefined : Number(d);
	if (year < 1900 || month < 1 || month > 12) return { ok: false, reason: 'range' };
	if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) return { ok: false, reason: 'range' };
	const value = `${year}-${pad2(month)}` + (day === undefined ? '' : `-${pad2(day)}`);
	if (today ? value > today.slice(0, value.length) : year > 2100) return { ok: false, reason: 'range' };
	return { ok: true, value, ambiguousOctober: dotSingle };
}

/** Birth for export: `1980.05` or `1980-05-12`, forms every office tool reads as text. */
export function formatBirth(birth: string): string {
	return /^\d{4}-\d{2}$/.test(birth) ? birth.replace('-', '.') : birth;
}

export function parseGender(s: string): '男' | '女' | null {
	const v = s.trim().toUpperCase();
	if (v === '男' || v === '男性' || v === 'M') return '男';
	if (v === '女' || v === '女性' || v === 'F') return '女';
	return null;
}

/** 是/否 and the spellings spreadsheets produce; an empty cell means 否. */
export function parseYesNo(s: string): boolean | null {
	const v = s.trim().toUpperCase();
	if (['是', 'Y', 'YES', '1', 'TRUE', '√', '✓', '✔'].includes(v)) return true;
	if (['否', 'N', 'NO', '0', 'FALSE', '×', '✗', ''].includes(v)) return false;
	return null;
}

const FIELD_BY_NAME = new Map<string, string>();
for (const f of FIELDS) {
	FIELD_BY_NAME.set(f, f);
	FIELD_BY_NAME.set(FIELD_FULL_NAMES[f], f);
}

/** Short field name for a short or full name (面向世界科技前沿 → 前沿), else null. */
export function fieldShortName(s: string): string | null {
	return FIELD_BY_NAME.get(s.replace(/[\s\u3000]+/g, '')) ?? null;
}

export function isGroup(s: string): boolean {
	return (GROUPS as readonly string[]).includes(s);
}

export function fieldFullName(short: string): string {
	return (FIELD_FULL_NAMES as Record<string, string>)[short] ?? short;
}

/** Common spellings of the channel types in office sheets, after removing 科协/单位 suffixes. */
const CHANNEL_TYPE_ALIASES: Record<string, ChannelType> = {
	市: '地区',
	县: '地区',
	区: '地区',
	盟市: '地区',
	设区市: '地区',
	地市: '地区',
	县区: '地区',
	'县(市、区)': '地区',
	地方: '地区',
	协会: '学会',
	研究会: '学会',
	'学会(协会、研究会)': '学会',
	大学: '高校',
	高等院校: '高校',
	园区: '企业',
	'企业(园区)': '企业',
	院所: '科研院所',
	科研单位: '科研院所',
	部门: '厅局',
	市直: '厅局',
	市直有关: '厅局',
	国防: '军工',
	国防科工: '军工'
};

export function parseChannelType(s: string): ChannelType | null {
	const v = s
		.replace(/[\s\u3000]+/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')');
	if ((CHANNEL_TYPES as readonly string[]).includes(v)) return v as ChannelType;
	const bare = v.replace(/(科协|单位)$/, '');
	if ((CHANNEL_TYPES as readonly string[]).includes(bare)) return bare as ChannelType;
	return CHANNEL_TYPE_ALIASES[bare] ?? null;
}

/** Channel comparison key: spacing and bracket width vary between sheets. */
export function channelKey(name: string): string {
	return name
		.replace(/[\s\u3000]+/g, '')
		.replace(/（/g, '(')
		.replace(/）/g, ')');
}

const looseKey = (name: string) => channelKey(name).replace(/(科学技术协会|科协)$/, '');

/**
 * Finds the campaign channel a 推荐单位 cell means. Exact (modulo spacing and bracket width)
 * first; else loosely, as offices write their own name: 南宁市科协 → 南宁市, 晋城市城区科协 → 城区
 * (the longest known name the cell ends with, when only one is that long). `loose` marks the
 * second kind so the importer can show it.
 */
export function channelResolver(known: Map<string, ChannelType>) {
	const exact = new Map<string, { name: string; type: ChannelType }>();
	for (const [name, type] of known) exact.set(channelKey(name), { name, type });
	const loose = [...exact.values()].map((c) => ({ ...c, key: looseKey(c.name) })).filter((c) => c.key.length >= 2);
	return (cell: string): { name: string; type: ChannelType; loose: boolean } | null => {
		const hit = exact.get(channelKey(cell));
		if (hit) return { ...hit, loose: false };
		const key = looseKey(cell);
		const ends = loose.filter((c) => key.endsWith(c.key));
		const longest = Math.max(0, ...ends.map((c) => c.key.length));
		const best = ends.filter((c) => c.key.length === longest);
		return best.length === 1 ? { name: best[0].name, type: best[0].type, loose: true } : null;
	};
}

const DATE_PART = String.raw`(\d{4})(?:\s*[.\-/年]\s*(\d{1,2})\s*月?)?`;
const CAREER_LINE = new RegExp(
	String.raw`^${DATE_PART}\s*(?:-|—+|–|~|至|到)\s*(?:${DATE_PART}|(至今|今|现在|目前))?(?:\s+|[,，、:：]\s*|$|(?=[^\d\s.\-/~]))`
);

function careerDate(y: string, m: string | undefined): string | null {
	if (m === undefined) return y;
	const month = Number(m);
	return month >= 1 && month <= 12 ? `${y}.${pad2(month)}` : null;
}

/**
 * 学习工作经历: one period per line, `2005.07-2012.06 某大学 讲师`. The period is normalized to
 * `YYYY.MM-YYYY.MM` (or `-至今`); after it the last space-separated word is the role and the
 * rest the unit. Dashes —, –, ～, 至 and full-width spaces/digits are tolerated. A line without
 * a readable period is kept whole as the unit and listed in `unreadable` (1-based line numbers).
 */
export function parseCareer(text: string): { entries: CareerEntry[]; unreadable: { line: number; text: string }[] } {
	const entries: CareerEntry[] = [];
	const unreadable: { line: number; text: string }[] = [];
	const lines = text.split(/\r\n|\r|\n/);
	lines.forEach((raw, i) => {
		const line = raw.replace(/[\s\u3000]+/g, ' ').trim();
		if (!line) return;
		// halfWidth maps one character to one, so match offsets are valid in `line` too.
		const m = CAREER_LINE.exec(halfWidth(line));
		const start = m ? careerDate(m[1], m[2]) : null;
		const end = m ? (m[5] ? '至今' : m[3] ? careerDate(m[3], m[4]) : '') : null;
		if (!m || start === null || end === null) {
			entries.push({ period: '', unit: line, role: '' });
			unreadable.push({ line: i + 1, text: line });
			return;
		}
		const words = line.slice(m[0].length).trim().split(' ').filter(Boolean);
		const role = words.length >= 2 ? words.pop()! : '';
		entries.push({ period: `${start}-${end}`, unit: words.join(' '), role });
	});
	return { entries, unreadable };
}

export function formatCareer(entries: CareerEntry[]): string {
	return entries
		.map((e) => [e.period, e.unit, e.role].filter((p) => p && p.trim()).join(' '))
		.filter(Boolean)
		.join('\n');
}

/** 所获重要奖励: one award per line; list numbering like `1.` `2、` `（3）` is dropped. */
export function parseAwards(text: string): string[] {
	return text
		.split(/\r\n|\r|\n/)
		.map((l) =>
			l
				.trim()
				.replace(/^(?:\d{1,2}[、.．)）](?!\d)|[（(]\d{1,2}[)）])\s*/, '')
				.trim()
		)
		.filter(Boolean);
}

/**
 * A cell as read: CRLF inside cells made LF, surrounding whitespace (also full-width spaces and
 * stray BOMs) removed, then one formula-guard quote removed (see the header comment).
 */
export function cleanCell(raw: string | undefined): string {
	return unquoteCell((raw ?? '').replace(/\r\n?/g, '\n').trim()).trim();
}

/** Forms pad two-character names ("王  芳"); spaces inside an all-Chinese name are padding. */
export function normalizeName(s: string): string {
	const compact = s.replace(/[\s\u3000]+/g, '');
	return /^[\u3400-\u9fff·]+$/.test(compact) ? compact : s.replace(/[\s\u3000]+/g, ' ');
}

/**
 * Comma or tab, decided on the header line (outside quotes) where it is unambiguous: headers
 * hold no commas or tabs of their own, while the cells below may hold either.
 */
export function detectDelimiter(text: string): ',' | '\t' {
	let tabs = 0;
	let commas = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) {
			if (tabs + commas > 0) break; // blank lines before the header do not decide
		} else if (!quoted && ch === '\t') tabs++;
		else if (!quoted && ch === ',') commas++;
	}
	return tabs > commas ? '\t' : ',';
}
