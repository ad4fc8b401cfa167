// The 推荐表 as a web form: field names, labels, the values a form shows, and the server-side
// reading and validation of a submitted form. Pure (no I/O), so the page and the server share it.
import { textLength } from '../../domain/intake/eligibility';
import {
	COLUMN_HEADERS,
	formatBirth,
	normalizeName,
	parseAwards,
	parseBirthDetailed,
	parseCareer
} from '../../domain/intake/nomination-format';
import type { CandidateRecord, CareerEntry } from '../../domain/types';
import { classLabel, type FormContext } from '../../domain/intake/form-context';

/** Single-value inputs of the form; `klass` is the 推荐领域 or 推荐组别, by the campaign's classification. */
const FORM_KEYS = [
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
export type FormErrors = Record<string, string>;

/** The form's labels are the nomination headers (推荐领域 for the class the form picks). */
export const LABELS = Object.fromEntries(
	FORM_KEYS.map((k) => [k, COLUMN_HEADERS[k === 'klass' ? 'field' : k]])
) as Record<FormKey, string>;

/** Upper bounds that keep a mistaken paste from filling the database; the notice's limits are checked elsewhere. */
const MAX_SHORT = 200;
const MAX_TEXT = 20_000;
const MAX_CAREER_ROWS = 40;

export function emptyValues(): CandidateFormValues {
	const v = Object.fromEntries(FORM_KEYS.map((k) => [k, ''])) as Record<FormKey, string>;
	return { ...v, gender: '', grassroots: '否', priorTitle: '否', career: [] };
}

export function valuesFromRecord(r: CandidateRecord, classification: 'field' | 'group'): CandidateFormValues {
	const s = (x: string | null | undefined) => x ?? '';
	return {
		name: r.name,
		gender: r.gender,
		ethnicity: s(r.ethnicity),
		birth: r.birth ? formatBirth(r.birth) : '',
		nativePlace: s(r.nativePlace),
		party: s(r.party),
		education: s(r.education),
		degree: s(r.degree),
		school: s(r.school),
		major: s(r.major),
		unitAndTitle: s(r.unitAndTitle),
		profTitle: s(r.profTitle),
		specialty: s(r.specialty),
		phone: s(r.phone),
		mobile: s(r.mobile),
		email: s(r.email),
		address: s(r.address),
		postcode: s(r.postcode),
		klass: s(classification === 'group' ? r.group || r.field : r.field || r.group),
		channel: s(r.channel),
		grassroots: r.grassroots ? '是' : '否',
		priorTitle: r.priorTitle ? '是' : '否',
		category: s(r.category),
		deeds: s(r.deeds),
		story: s(r.story),
		awards: (r.awards ?? []).join('\n'),
		remarks: s(r.remarks),
		career: (r.career ?? []).map((c) => ({ period: c.period, unit: c.unit, role: c.role }))
	};
}

/** Reads a submitted form; career rows come as parallel `careerPeriod` / `careerUnit` / `careerRole` lists. */
export function valuesFromForm(form: FormData): CandidateFormValues {
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
	};
	const values = Object.fromEntries(FORM_KEYS.map((k) => [k, get(k)])) as Record<FormKey, string>;
	const list = (k: string) => form.getAll(k).map((v) => (typeof v === 'string' ? v : ''));
	const periods = list('careerPeriod');
	const units = list('careerUnit');
	const roles = list('careerRole');
	const career: CareerEntry[] = [];
	for (let i = 0; i < Math.max(periods.length, units.length, roles.length); i++) {
		const row = { period: (periods[i] ?? '').trim(), unit: (units[i] ?? '').trim(), role: (roles[i] ?? '').trim() };
		if (row.period || row.unit || row.role) career.push(row);
	}
	return { ...values, career };
}

/** 起止年月 as `2005.07-2012.06` / `2013.02-至今`, or null when it cannot be read. */
function normalizePeriod(period: string): string | null {
	const r = parseCareer(`${period} 单位 职务`);
	if (r.unreadable.length || r.entries.length !== 1) return null;
	const e = r.entries[0];
	return e.unit === '单位' && e.role === '职务' ? e.period : null;
}

export type ParseResult = { ok: true; record: CandidateRecord } | { ok: false; errors: FormErrors };

/**
 * Validates a submitted 推荐表 and builds the record. Every message names the field and the value.
 * Over-long 主要事迹 / 感人故事 are not refused here: the eligibility check reports them, and the
 * office may have to enter a paper form as it was submitted.
 */
export function parseCandidateForm(v: CandidateFormValues, ctx: FormContext): ParseResult {
	const errors: FormErrors = {};
	const t = (k: FormKey) => v[k].trim();
	const opt = (k: FormKey) => t(k) || undefined;
	for (const k of FORM_KEYS) {
		const max = k === 'deeds' || k === 'story' || k === 'awards' || k === 'remarks' ? MAX_TEXT : MAX_SHORT;
		if (v[k].length > max) errors[k] = `${LABELS[k]}过长（${v[k].length} 个字符，上限 ${max}）`;
	}
	const name = normalizeName(t('name'));
	if (!name) errors.name = '请填写姓名';
	const gender = t('gender');
	if (!gender) errors.gender = '请选择性别';
	else if (gender !== '男' && gender !== '女') errors.gender = `性别“${gender}”无效，应为男或女`;

	let birth = '';
	const rawBirth = t('birth');
	if (!rawBirth) errors.birth = '请填写出生年月（例如 1980.05）';
	else {
		const b = parseBirthDetailed(rawBirth, ctx.today);
		if (!b.ok) {
			errors.birth =
				b.reason === 'range' && parseBirthDetailed(rawBirth).ok
					? `出生年月“${rawBirth}”晚于今天`
					: `出生年月“${rawBirth}”无法识别，请填写如 1980.05 的年月`;
		} else if (b.ambiguousOctober)
			errors.birth = `出生年月“${rawBirth}”有歧义：请写成 ${rawBirth}0（10月）或 ${rawBirth.replace(/\.1$/, '.01')}（1月）`;
		else birth = b.value;
	}
	if (!t('unitAndTitle')) errors.unitAndTitle = '请填写工作单位及职务职称';

	const what = classLabel(ctx.classification);
	const klass = t('klass');
	if (!klass) errors.klass = `请选择${what}`;
	else if (!ctx.fields.includes(klass))
		errors.klass = `${what}“${klass}”不是本活动的${what}（${ctx.fields.join('、')}）`;
	const channelName = t('channel');
	const channel = ctx.channels.find((c) => c.name === channelName);
	if (!channelName) errors.channel = '请选择推荐单位';
	else if (!channel) errors.channel = `推荐单位“${channelName}”不是本活动的推荐渠道`;

	const yesNo = (k: 'grassroots' | 'priorTitle') => {
		const x = t(k) || '否';
		if (x !== '是' && x !== '否') errors[k] = `${LABELS[k]}“${x}”无效，应为是或否`;
		return x === '是';
	};
	const grassroots = yesNo('grassroots');
	const priorTitle = yesNo('priorTitle');

	const email = t('email');
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = `电子邮箱“${email}”格式不正确`;
	const mobile = t('mobile');
	if (mobile && !/^\+?[\d\s-]{7,20}$/.test(mobile))
		errors.mobile = `手机“${mobile}”格式不正确，只能包含数字、空格和连字符`;
	const phone = t('phone');
	if (phone && !/^[\d\s()（）+\-转#]{5,30}$/.test(phone)) errors.phone = `办公电话“${phone}”格式不正确`;
	const postcode = t('postcode');
	if (postcode && !/^\d{6}$/.test(postcode)) errors.postcode = `邮编“${postcode}”应为 6 位数字`;

	if (v.career.length > MAX_CAREER_ROWS) errors.career = `学习工作经历最多 ${MAX_CAREER_ROWS} 行`;
	const career: CareerEntry[] = v.career.map((row, i) => {
		let period = row.period;
		if (period) {
			const p = normalizePeriod(period);
			if (p === null)
				errors[`career.${i}.period`] =
					`学习工作经历第 ${i + 1} 行的起止年月“${row.period}”无法识别（例如 2005.07-2012.06 或 2013.02-至今）`;
			else period = p;
		}
		if (!row.unit) errors[`career.${i}.unit`] = `学习工作经历第 ${i + 1} 行缺少单位`;
		if (row.period.length > MAX_SHORT || row.unit.length > MAX_SHORT || row.role.length > MAX_SHORT)
			errors[`career.${i}.unit`] = `学习工作经历第 ${i + 1} 行过长`;
		return { period, unit: row.unit, role: row.role };
	});

	if (Object.keys(errors).length) return { ok: false, errors };
	const record: CandidateRecord = {
		name,
		gender: gender as '男' | '女',
		ethnicity: opt('ethnicity'),
		party: opt('party'),
		birth,
		nativePlace: opt('nativePlace'),
		education: opt('education'),
		degree: opt('degree'),
		school: opt('school'),
		major: opt('major'),
		unitAndTitle: t('unitAndTitle'),
		profTitle: opt('profTitle'),
		specialty: opt('specialty'),
		...(ctx.classification === 'group' ? { group: klass } : { field: klass }),
		channel: channelName,
		channelType: channel?.type ?? null,
		grassroots,
		priorTitle,
		category: opt('category'),
		career,
		deeds: opt('deeds'),
		story: opt('story'),
		awards: parseAwards(v.awards),
		phone: opt('phone'),
		mobile: opt('mobile'),
		email: opt('email'),
		address: opt('address'),
		postcode: opt('postcode'),
		remarks: opt('remarks')
	};
	return { ok: true, record };
}

/** The counter shown under 主要事迹 / 感人故事: characters without whitespace, as the check counts. */
export function counterState(
	text: string,
	limit: number,
	about: boolean
): { count: number; level: 'ok' | 'warn' | 'error' } {
	const count = textLength(text);
	if (count <= limit) return { count, level: 'ok' };
	return { count, level: about && count <= limit * 1.1 ? 'warn' : 'error' };
}
