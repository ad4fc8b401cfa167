// The 推荐表 as a web form, server side: the submitted form read into the values the page shows
// again, and those values checked into a CandidateRecord. Every message names the field and what
// was typed; errors are keyed by input (`birth`, `career.0.period`) so the page shows each one
// beside its input. The page's labels and view helpers are in components/candidates/candidate-form.ts.
import * as v from 'valibot';
import {
	COLUMN_HEADERS,
	normalizeName,
	parseAwards,
	parseBirthDetailed,
	parseCareer,
	FREE_TEXT_KEYS
} from '../domain/intake/nomination-format';
import { classLabel, type FormContext } from '../domain/intake/form-context';
import type { CandidateRecord, CareerEntry } from '../domain/types';
import { parseForm, parseValue, typed, typedList, type FieldErrors } from './form';

/** Single-value inputs of the form; `klass` is the 推荐领域 or 推荐组别, by the campaign's classification. */
export const FORM_KEYS = [
	'name',
	'gender',
	'ethnicity',
	'birth',
	'nativePlace',
	'party',
	'education',
	'degree',
	'school',
	'major',
	'unitAndTitle',
	'profTitle',
	'specialty',
	'phone',
	'mobile',
	'email',
	'address',
	'postcode',
	'klass',
	'channel',
	'grassroots',
	'priorTitle',
	'category',
	'deeds',
	'story',
	'awards',
	'remarks'
] as const;
export type FormKey = (typeof FORM_KEYS)[number];

export type CandidateFormValues = Record<FormKey, string> & { career: CareerEntry[] };
export type FormErrors = FieldErrors;

/** The form's labels are the nomination headers (推荐领域 for the class the form picks). */
export const LABELS = Object.fromEntries(
	FORM_KEYS.map((k) => [k, COLUMN_HEADERS[k === 'klass' ? 'field' : k]])
) as Record<FormKey, string>;

/** Upper bounds that keep a mistaken paste from filling the database; the notice's limits are checked elsewhere. */
const MAX_SHORT = 200;
const MAX_TEXT = 20_000;
const MAX_CAREER_ROWS = 40;
const LONG_KEYS: readonly FormKey[] = ['deeds', 'story', 'awards', 'remarks'];
/** Free texts of the record, absent when blank. */
const OPTIONAL_KEYS = [...FREE_TEXT_KEYS, 'address', 'remarks'] as const satisfies readonly FormKey[];

// ---------- reading the submitted form ----------

/** A text input as typed, line breaks as \n. */
const typedText = v.pipe(
	typed(),
	v.transform((s) => s.replace(/\r\n?/g, '\n'))
);
/** One column of the 学习工作经历 rows (repeated inputs), trimmed. */
const column = typedList({ trim: true });

/** Career rows come as parallel `careerPeriod` / `careerUnit` / `careerRole` lists; empty rows are dropped. */
const submitted = v.pipe(
	v.object({
		...(Object.fromEntries(FORM_KEYS.map((k) => [k, typedText])) as Record<FormKey, typeof typedText>),
		careerPeriod: column,
		careerUnit: column,
		careerRole: column
	}),
	v.transform(({ careerPeriod, careerUnit, careerRole, ...values }): CandidateFormValues => {
		const career: CareerEntry[] = [];
		for (let i = 0; i < Math.max(careerPeriod.length, careerUnit.length, careerRole.length); i++) {
			const row = { period: careerPeriod[i] ?? '', unit: careerUnit[i] ?? '', role: careerRole[i] ?? '' };
			if (row.period || row.unit || row.role) career.push(row);
		}
		return { ...values, career };
	})
);

/** Reads a submitted form into the values the page shows (never refused: every input is text). */
export function valuesFromForm(form: FormData): CandidateFormValues {
	const r = parseForm(submitted, form);
	if (!r.ok) throw new Error(r.message); // unreachable: every entry schema accepts text and files
	return r.value;
}

// ---------- checking the values ----------

/** A field as typed, refused when over its length bound (the message counts what was typed). */
const bounded = (key: FormKey) => {
	const max = LONG_KEYS.includes(key) ? MAX_TEXT : MAX_SHORT;
	return v.pipe(
		v.string(),
		v.maxLength(max, (issue) => `${LABELS[key]}过长（${String(issue.input).length} 个字符，上限 ${max}）`)
	);
};
const trimmed = (key: FormKey) => v.pipe(bounded(key), v.trim());
/** An optional text: absent when blank. */
const optional = (key: FormKey) =>
	v.pipe(
		trimmed(key),
		v.transform((s) => s || undefined)
	);
/** A filled-in text must match `pattern` (blank is allowed): 电子邮箱“x@”格式不正确. */
const optionalMatching = (key: FormKey, pattern: RegExp, message: (typed: string) => string) =>
	v.pipe(
		trimmed(key),
		v.union([
			v.literal(''),
			v.pipe(
				v.string(),
				v.regex(pattern, (issue) => message(String(issue.input)))
			)
		]),
		v.transform((s) => s || undefined)
	);
const yesNo = (key: 'grassroots' | 'priorTitle') =>
	v.pipe(
		trimmed(key),
		v.transform((s) => s || '否'),
		v.picklist(['是', '否'], (issue) => `${LABELS[key]}“${String(issue.input)}”无效，应为是或否`),
		v.transform((s) => s === '是')
	);

/** 起止年月 as `2005.07-2012.06` / `2013.02-至今`, or null when it cannot be read. */
function normalizePeriod(period: string): string | null {
	const r = parseCareer(`${period} 单位 职务`);
	if (r.unreadable.length || r.entries.length !== 1) return null;
	const e = r.entries[0];
	return e.unit === '单位' && e.role === '职务' ? e.period : null;
}

const careerRow = v.object({ period: v.string(), unit: v.string(), role: v.string() });
/** 学习工作经历: each row's errors under `career.<i>.period` / `career.<i>.unit` (rows numbered from 1 in the text). */
const career = v.pipe(
	v.array(careerRow),
	v.maxLength(MAX_CAREER_ROWS, `学习工作经历最多 ${MAX_CAREER_ROWS} 行`),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const rows = dataset.value;
		let refused = false;
		const refuse = (i: number, key: 'period' | 'unit', message: string) => {
			const row = rows[i];
			addIssue({
				message,
				path: [
					{ type: 'array', origin: 'value', input: rows, key: i, value: row },
					{ type: 'object', origin: 'value', input: row, key, value: row[key] }
				]
			});
			refused = true;
		};
		const out = rows.map((row, i): CareerEntry => {
			let period = row.period;
			if (row.period.length > MAX_SHORT || row.unit.length > MAX_SHORT || row.role.length > MAX_SHORT)
				refuse(i, 'unit', `学习工作经历第 ${i + 1} 行过长`);
			if (period) {
				const p = normalizePeriod(period);
				if (p === null)
					refuse(
						i,
						'period',
						`学习工作经历第 ${i + 1} 行的起止年月“${row.period}”无法识别（例如 2005.07-2012.06 或 2013.02-至今）`
					);
				else period = p;
			}
			if (!row.unit) refuse(i, 'unit', `学习工作经历第 ${i + 1} 行缺少单位`);
			return { period, unit: row.unit, role: row.role };
		});
		return refused ? NEVER : out;
	})
);

/**
 * The submitted 推荐表 checked against the campaign (its classes, channels and today's date) and
 * built into a record. Over-long 主要事迹 / 感人故事 are not refused here: the eligibility check
 * reports them, and the office may have to enter a paper form as it was submitted.
 */
export function candidateSchema(ctx: FormContext) {
	const what = classLabel(ctx.classification);
	const channelOf = (name: string) => ctx.channels.find((c) => c.name === name);
	const others = Object.fromEntries(OPTIONAL_KEYS.map((k) => [k, optional(k)])) as Record<
		(typeof OPTIONAL_KEYS)[number],
		ReturnType<typeof optional>
	>;
	return v.pipe(
		v.object({
			name: v.pipe(
				bounded('name'),
				v.transform((s) => normalizeName(s.trim())),
				v.nonEmpty('请填写姓名')
			),
			gender: v.pipe(
				trimmed('gender'),
				v.nonEmpty('请选择性别'),
				v.picklist(['男', '女'], (issue) => `性别“${String(issue.input)}”无效，应为男或女`)
			),
			birth: v.pipe(
				trimmed('birth'),
				v.nonEmpty('请填写出生年月（例如 1980.05）'),
				v.rawTransform(({ dataset, addIssue, NEVER }) => {
					const raw = dataset.value;
					const b = parseBirthDetailed(raw, ctx.today);
					if (b.ok && !b.ambiguousOctober) return b.value;
					addIssue({
						message: b.ok
							? `出生年月“${raw}”有歧义：请写成 ${raw}0（10月）或 ${raw.replace(/\.1$/, '.01')}（1月）`
							: b.reason === 'range' && parseBirthDetailed(raw).ok
								? `出生年月“${raw}”晚于今天`
								: `出生年月“${raw}”无法识别，请填写如 1980.05 的年月`
					});
					return NEVER;
				})
			),
			unitAndTitle: v.pipe(trimmed('unitAndTitle'), v.nonEmpty('请填写工作单位及职务职称')),
			klass: v.pipe(
				trimmed('klass'),
				v.nonEmpty(`请选择${what}`),
				v.picklist(
					ctx.fields,
					(issue) => `${what}“${String(issue.input)}”不是本活动的${what}（${ctx.fields.join('、')}）`
				)
			),
			channel: v.pipe(
				trimmed('channel'),
				v.nonEmpty('请选择推荐单位'),
				v.check(
					(name) => channelOf(name) !== undefined,
					(issue) => `推荐单位“${String(issue.input)}”不是本活动的推荐渠道`
				)
			),
			grassroots: yesNo('grassroots'),
			priorTitle: yesNo('priorTitle'),
			email: optionalMatching('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, (s) => `电子邮箱“${s}”格式不正确`),
			mobile: optionalMatching(
				'mobile',
				/^\+?[\d\s-]{7,20}$/,
				(s) => `手机“${s}”格式不正确，只能包含数字、空格和连字符`
			),
			phone: optionalMatching('phone', /^[\d\s()（）+\-转#]{5,30}$/, (s) => `办公电话“${s}”格式不正确`),
			postcode: optionalMatching('postcode', /^\d{6}$/, (s) => `邮编“${s}”应为 6 位数字`),
			career,
			...others,
			awards: v.pipe(bounded('awards'), v.transform(parseAwards))
		}),
		// The record's keys in the order of the nomination columns (stored records compare as JSON).
		v.transform((r): CandidateRecord => ({
			name: r.name,
			gender: r.gender,
			ethnicity: r.ethnicity,
			party: r.party,
			birth: r.birth,
			nativePlace: r.nativePlace,
			education: r.education,
			degree: r.degree,
			school: r.school,
			major: r.major,
			unitAndTitle: r.unitAndTitle,
			profTitle: r.profTitle,
			specialty: r.specialty,
			...(ctx.classification === 'group' ? { group: r.klass } : { field: r.klass }),
			channel: r.channel,
			channelType: channelOf(r.channel)?.type ?? null,
			grassroots: r.grassroots,
			priorTitle: r.priorTitle,
			category: r.category,
			career: r.career,
			deeds: r.deeds,
			story: r.story,
			awards: r.awards,
			phone: r.phone,
			mobile: r.mobile,
			email: r.email,
			address: r.address,
			postcode: r.postcode,
			remarks: r.remarks
		}))
	);
}

export type ParseResult = { ok: true; record: CandidateRecord } | { ok: false; errors: FormErrors };

/** Checks the values of a submitted 推荐表 and builds the record, or says what is wrong beside each input. */
export function parseCandidateForm(values: CandidateFormValues, ctx: FormContext): ParseResult {
	const r = parseValue(candidateSchema(ctx), values);
	return r.ok ? { ok: true, record: r.value } : { ok: false, errors: r.fieldErrors };
}
