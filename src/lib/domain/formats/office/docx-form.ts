// One candidate's 推荐表 (.docx) read by label, not by position: the notices' forms differ in order,
// spacing (姓  名, 学\n习\n工\n作\n经\n历), full/half width and wording (姓名 / 候选人姓名). A label
// cell is followed by its value cell; long texts (主要事迹, 感人故事, …) sit beside their label, below
// it, or in the same cell after it. 推荐领域/推荐组别 is the ticked (☑ ■ √) or highlighted option.
import { unzipSync, strFromU8 } from 'fflate';
import { normalizeBoxes, parseDocumentXml, TICKED, UNTICKED, type DocxBody, type DocxCell } from './docx-xml';
import { sniffOffice } from './office-sniff';
import { COLUMN_HEADERS } from '../../intake/nomination-format';

export type FormField =
	| 'name'
	| 'gender'
	| 'ethnicity'
	| 'birth'
	| 'nativePlace'
	| 'party'
	| 'education'
	| 'degree'
	| 'school'
	| 'major'
	| 'unitAndTitle'
	| 'profTitle'
	| 'phone'
	| 'mobile'
	| 'email'
	| 'address'
	| 'postcode'
	| 'field'
	| 'group'
	| 'channel'
	| 'career'
	| 'deeds'
	| 'story'
	| 'awards'
	| 'statement';

interface FieldDef {
	key: FormField;
	/** the nomination CSV column the value goes to (CONTRACTS.md), or null (kept on the form only) */
	column: string | null;
	labels: string[];
	long?: boolean;
	/** the form cannot be imported without it */
	required?: boolean;
}

/** The 推荐表 labels of the five notices (附件1 of each), normalized by labelKey. */
export const FORM_FIELDS: FieldDef[] = [
	{ key: 'name', column: COLUMN_HEADERS.name, labels: ['姓名', '候选人姓名'], required: true },
	{ key: 'gender', column: COLUMN_HEADERS.gender, labels: ['性别'], required: true },
	{ key: 'ethnicity', column: COLUMN_HEADERS.ethnicity, labels: ['民族'] },
	{ key: 'birth', column: COLUMN_HEADERS.birth, labels: ['出生年月', '出生日期', '出生年月日'], required: true },
	{ key: 'nativePlace', column: COLUMN_HEADERS.nativePlace, labels: ['籍贯'] },
	{ key: 'party', column: COLUMN_HEADERS.party, labels: ['政治面貌', '党派'] },
	{ key: 'education', column: COLUMN_HEADERS.education, labels: ['学历'] },
	{ key: 'degree', column: COLUMN_HEADERS.degree, labels: ['学位'] },
	{ key: 'school', column: COLUMN_HEADERS.school, labels: ['毕业院校'] },
	{ key: 'major', column: COLUMN_HEADERS.major, labels: ['所学专业'] },
	{
		key: 'unitAndTitle',
		column: COLUMN_HEADERS.unitAndTitle,
		labels: ['工作单位及职务', '工作单位及职务职称', '工作单位及职称', '工作单位'],
		required: true
	},
	{ key: 'profTitle', column: COLUMN_HEADERS.profTitle, labels: ['专业技术职务', '专业技术职称'] },
	{ key: 'phone', column: COLUMN_HEADERS.phone, labels: ['办公电话'] },
	{ key: 'mobile', column: COLUMN_HEADERS.mobile, labels: ['手机', '手机号码'] },
	{ key: 'email', column: COLUMN_HEADERS.email, labels: ['电子邮箱', '邮箱'] },
	{ key: 'address', column: COLUMN_HEADERS.address, labels: ['通讯地址'] },
	{ key: 'postcode', column: COLUMN_HEADERS.postcode, labels: ['邮编', '邮政编码'] },
	{ key: 'field', column: COLUMN_HEADERS.field, labels: ['推荐领域'] },
	{ key: 'group', column: COLUMN_HEADERS.group, labels: ['推荐组别'] },
	{ key: 'channel', column: COLUMN_HEADERS.channel, labels: ['推荐单位'] },
	{
		key: 'career',
		column: COLUMN_HEADERS.career,
		labels: ['学习工作经历', '工作经历', '学习和工作经历', '主要学习工作经历'],
		long: true
	},
	{
		key: 'deeds',
		column: COLUMN_HEADERS.deeds,
		labels: ['主要事迹', '主要先进事迹', '先进事迹'],
		long: true,
		required: true
	},
	{ key: 'story', column: COLUMN_HEADERS.story, labels: ['感人故事'], long: true },
	{
		key: 'awards',
		column: COLUMN_HEADERS.awards,
		labels: ['所获重要奖励', '重要奖励', '主要奖励', '获奖情况'],
		long: true
	},
	{ key: 'statement', column: null, labels: ['个人声明', '本人声明', '候选人声明'], long: true }
];

export const FORM_FIELD_LABELS: Record<FormField, string> = Object.fromEntries(
	FORM_FIELDS.map((f) => [f.key, f.labels[0]])
) as Record<FormField, string>;

/** Label text as compared: no spaces (full-width too), full/half width folded, no colon or star. */
function labelKey(s: string): string {
	// NFKC folds full-width letters, digits and brackets to half width (Ｅｍａｉｌ → Email, （ → ()
	return s
		.normalize('NFKC')
		.replace(/[\s\u3000]+/g, '')
		.replace(/[:：*＊]+$/g, '')
		.replace(/^[*＊]+/, '');
}

const LABEL_INDEX = new Map<string, FieldDef>();
for (const f of FORM_FIELDS) for (const l of f.labels) LABEL_INDEX.set(labelKey(l), f);
/** Cells that are labels of things we do not read (so they are not taken as a value). */
const OTHER_LABELS = new Set(
	['照片', '所在单位意见', '推荐单位意见', '起止年月', '在何单位从事何工作', '序号'].map(labelKey)
);

/** The field a cell labels: exactly, or a long-text label followed by its hint in brackets. */
function fieldOfLabel(text: string): FieldDef | undefined {
	const key = labelKey(text);
	const exact = LABEL_INDEX.get(key);
	if (exact) return exact;
	const head = key.replace(/[(（].*$/s, '');
	const f = LABEL_INDEX.get(head);
	return f?.long || f?.key === 'field' || f?.key === 'group' ? f : undefined;
}

const isOtherLabel = (text: string) =>
	OTHER_LABELS.has(labelKey(text)) || OTHER_LABELS.has(labelKey(text).replace(/[(（].*$/s, ''));

export interface FormRead {
	/** what was read, by field */
	values: Partial<Record<FormField, string>>;
	/** labels present on the form with an empty value, and required labels absent */
	missing: FormField[];
	photo?: { name: string; bytes: Uint8Array };
	/** set when the file cannot be read as a 推荐表 at all (not a docx, a scan, no table) */
	unreadable?: string;
}

const cellText = (c: DocxCell) => c.lines.join('\n').trim();
/** A value as typed, without the form's hints left in place ("(填写具体职务)") and placeholder underscores. */
function cleanValue(s: string): string {
	return s
		.replace(/^[（(][^）)]*(填写|请填|如[“"])[^）)]*[）)]$/s, '')
		.replace(/[_＿]{2,}/g, '')
		.replace(/[ \t\u3000]+\n/g, '\n')
		.trim();
}

/** The option ticked in a 推荐领域/推荐组别 cell: after ☑, or the highlighted one. Null when none or unclear. */
function tickedOption(text: string, marked: string[]): string | null {
	const norm = normalizeBoxes(text);
	if (norm.includes(TICKED)) {
		const picked = norm
			.split(new RegExp(`(?=[${TICKED}${UNTICKED}])`))
			.filter((s) => s.startsWith(TICKED))
			.map((s) =>
				s
					.slice(1)
					.trim()
					.split(/\s{2,}|\n/)[0]
					.trim()
			)
			.filter(Boolean);
		return picked.length === 1 ? picked[0] : picked.length ? picked.join('、') : null;
	}
	const hl = marked.map((m) => normalizeBoxes(m).replace(/[☑☐]/g, '').trim()).filter(Boolean);
	if (hl.length) return hl.join('、');
	// no boxes at all: an office typed the option itself
	if (!norm.includes(UNTICKED) && norm.trim() && !/\s{2,}/.test(norm.trim())) return norm.trim();
	return null;
}

/** Rows of a 学习工作经历 table as "起止年月 单位及工作" lines; header rows skipped. */
function careerLines(rows: DocxCell[][]): string {
	const out: string[] = [];
	for (const r of rows) {
		const texts = r.map(cellText).filter((t) => t && !isOtherLabel(t) && !fieldOfLabel(t));
		const line = texts.join(' ').replace(/\s+/g, ' ').trim();
		if (line && !/^[(（].*[)）]$/.test(line)) out.push(line);
	}
	return out.join('\n');
}

/** Reads the 推荐表 fields from the parsed body. */
function readFormBody(body: DocxBody): Omit<FormRead, 'photo'> {
	const values: Partial<Record<FormField, string>> = {};
	const seen = new Set<FormField>();
	const rows = body.tables.flatMap((t) => t.rows);
	for (let r = 0; r < rows.length; r++) {
		const row = rows[r];
		for (let c = 0; c < row.length; c++) {
			const cell = row[c];
			if (cell.continued) continue;
			const text = cellText(cell);
			const def = fieldOfLabel(text.split('\n')[0]) ?? fieldOfLabel(text);
			if (!def || seen.has(def.key)) continue;
			seen.add(def.key);
			const next = row.slice(c + 1).find((x) => !x.continued);
			const nextIsLabel = next && (fieldOfLabel(cellText(next)) || isOtherLabel(cellText(next)));
			let value = '';
			if (def.key === 'career') {
				// the label spans rows (vertical merge): the rows it covers hold 起止年月 | 单位 pairs
				const span: DocxCell[][] = [row.slice(c + 1)];
				for (let k = r + 1; k < rows.length && rows[k][c]?.continued; k++) span.push(rows[k].slice(c + 1));
				value = careerLines(span);
				if (!value && next && !nextIsLabel) value = cleanValue(cellText(next));
				if (!value && text.includes('\n')) value = cleanValue(text.split('\n').slice(1).join('\n'));
			} else if (def.key === 'field' || def.key === 'group') {
				const cells = [...row.slice(c + 1)];
				for (let k = r + 1; k < rows.length && rows[k][c]?.continued; k++) cells.push(...rows[k].slice(c + 1));
				const own = text.split('\n').slice(1).join('\n');
				value =
					tickedOption([own, ...cells.map(cellText)].join('  '), [
						...cell.marked.filter((m) => !fieldOfLabel(m)),
						...cells.flatMap((x) => x.marked)
					]) ?? '';
			} else if (def.long) {
				const rest = text.split('\n').slice(1).join('\n');
				if (next && !nextIsLabel && cellText(next)) value = cellText(next);
				else if (labelKey(rest)) value = rest;
				else {
					const below = rows[r + 1];
					const useful = below?.filter((x) => !x.continued && cellText(x));
					if (useful && useful.length === 1 && !fieldOfLabel(cellText(useful[0])) && !isOtherLabel(cellText(useful[0])))
						value = cellText(useful[0]);
				}
				value = cleanValue(value);
				if (
					def.key === 'statement' &&
					/^本人接受推荐/.test(value) &&
					!/签名[:：]\s*\S/.test(value.replace(/年\s*月\s*日/g, ''))
				) {
					// the printed statement with nobody's signature is no statement yet
					value = value.includes('签名') ? '' : value;
				}
			} else if (next && !nextIsLabel) value = cleanValue(cellText(next));
			if (value) values[def.key] = value;
		}
	}
	// the cover page (候选人姓名：… 推荐单位：…) fills what the table did not
	for (const p of body.paragraphs) {
		const m = /^(.{2,8}?)[:：](.*)$/s.exec(p.trim());
		if (!m) continue;
		const def = fieldOfLabel(m[1]);
		const v = cleanValue(m[2].replace(/[（(]\s*盖章\s*[)）]/g, ''));
		if (def && !def.long && v && !values[def.key]) {
			values[def.key] = v;
			seen.add(def.key);
		}
	}
	const missing = FORM_FIELDS.filter((f) => !values[f.key] && (seen.has(f.key) || f.required)).map((f) => f.key);
	// a form asks for 推荐领域 or 推荐组别, never both: the other one is not missing
	const classified = values.field || values.group;
	return { values, missing: missing.filter((k) => !((k === 'field' || k === 'group') && classified)) };
}

const IMAGE = /\.(jpe?g|png|gif|bmp|tiff?|emf|wmf)$/i;

/** Reads one .docx 推荐表. Pure: bytes in, fields out. */
export function readDocxForm(bytes: Uint8Array, label = '文件'): FormRead {
	const sniff = sniffOffice(bytes, label);
	if (sniff.kind === 'refused') return { values: {}, missing: [], unreadable: sniff.message };
	if (sniff.kind !== 'docx')
		return {
			values: {},
			missing: [],
			unreadable: `${label}不是 Word 文档（.docx），按文件内容判断${sniff.kind === 'xlsx' ? '是 Excel 工作簿' : '不是推荐表'}`
		};
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter: (f) => f.name === 'word/document.xml' || (f.name.startsWith('word/media/') && IMAGE.test(f.name))
		});
	} catch {
		return { values: {}, missing: [], unreadable: `${label}已损坏，无法解压读取` };
	}
	const xml = files['word/document.xml'];
	if (!xml) return { values: {}, missing: [], unreadable: `${label}缺少正文（word/document.xml），无法读取` };
	const body = parseDocumentXml(strFromU8(xml));
	const media = Object.keys(files)
		.filter((n) => n.startsWith('word/media/'))
		.sort();
	const photo = media.length ? { name: media[0].slice('word/media/'.length), bytes: files[media[0]] } : undefined;
	const read = readFormBody(body);
	const anyText =
		body.tables.some((t) => t.rows.some((r) => r.some((c) => cellText(c)))) || body.paragraphs.some((p) => p.trim());
	if (Object.keys(read.values).length === 0) {
		const why =
			!anyText && (body.hasPicture || photo)
				? '只有图片、没有文字（可能是扫描件或照片），无法识别，请上传可编辑的 Word 推荐表'
				: '中没有找到推荐表的栏目（姓名、性别、出生年月……），不像是推荐表';
		return { values: {}, missing: [], photo, unreadable: `${label}${why}` };
	}
	return { ...read, photo };
}
