import { describe, expect, it } from 'vitest';
import { FORM_KEYS, LABELS, parseCandidateForm, valuesFromForm, type CandidateFormValues } from './candidate';
import type { FormContext } from '../domain/intake/form-context';

const ctx: FormContext = {
	classification: 'group',
	fields: ['理科', '工科'],
	channels: [{ name: '南宁市', type: '地区' }],
	today: '2024-05-01'
};

const blank = (): CandidateFormValues => ({
	...(Object.fromEntries(FORM_KEYS.map((k) => [k, ''])) as Record<(typeof FORM_KEYS)[number], string>),
	grassroots: '否',
	priorTitle: '否',
	career: []
});
const filled = (over: Partial<CandidateFormValues> = {}): CandidateFormValues => ({
	...blank(),
	name: '韦明华',
	gender: '女',
	birth: '1985.03',
	unitAndTitle: '广西大学 教授',
	klass: '工科',
	channel: '南宁市',
	...over
});

function errorsOf(values: CandidateFormValues, c: FormContext = ctx) {
	const r = parseCandidateForm(values, c);
	if (r.ok) throw new Error('expected a refusal');
	return r.errors;
}

describe('reading the submitted 推荐表', () => {
	it('keeps texts as typed (line breaks as \\n), pairs the career columns and drops empty rows', () => {
		const f = new FormData();
		f.append('name', ' 韦明华 ');
		f.append('deeds', '第一段\r\n第二段\r第三段');
		f.append('email', new File(['x'], 'x.txt')); // a file in a text input reads as ''
		for (const [p, u, r] of [
			['2008.07-至今', ' 广西大学 ', '教授'],
			['', '', ''],
			['', '南宁市', '']
		]) {
			f.append('careerPeriod', p);
			f.append('careerUnit', u);
			f.append('careerRole', r);
		}
		const values = valuesFromForm(f);
		expect(values.name).toBe(' 韦明华 ');
		expect(values.deeds).toBe('第一段\n第二段\n第三段');
		expect(values.email).toBe('');
		expect(values.gender).toBe('');
		expect(values.career).toEqual([
			{ period: '2008.07-至今', unit: '广西大学', role: '教授' },
			{ period: '', unit: '南宁市', role: '' }
		]);
	});
});

// Moved from tests/server/candidate-edit.test.ts with the form's parsing.
describe('the 推荐表 form', () => {
	const nominated = (over: Partial<CandidateFormValues> = {}): CandidateFormValues => ({
		...blank(),
		name: '韦 明华',
		gender: '女',
		birth: '1985年3月',
		unitAndTitle: '广西大学 教授',
		klass: '工科',
		channel: '南宁市',
		awards: '1. 2020年广西科技进步奖\n2、广西青年科技奖',
		career: [{ period: '2008.7—至今', unit: '广西大学', role: '教授' }],
		...over
	});

	it('normalizes the values', () => {
		const r = parseCandidateForm(nominated(), ctx);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.record).toMatchObject({
			name: '韦明华',
			birth: '1985-03',
			group: '工科',
			channelType: '地区',
			awards: ['2020年广西科技进步奖', '广西青年科技奖']
		});
		expect(r.record.career[0].period).toBe('2008.07-至今');
	});

	it('names the field and the value in every message', () => {
		const r = parseCandidateForm(
			nominated({
				birth: '1980.13',
				klass: '前沿',
				channel: '某学会',
				email: 'x@',
				postcode: '5300',
				career: [{ period: '去年', unit: '', role: '' }]
			}),
			ctx
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.birth).toBe('出生年月“1980.13”无法识别，请填写如 1980.05 的年月');
		expect(r.errors.klass).toContain('推荐组别“前沿”');
		expect(r.errors.channel).toContain('推荐单位“某学会”');
		expect(r.errors.email).toContain('电子邮箱“x@”');
		expect(r.errors.postcode).toContain('邮编“5300”');
		expect(r.errors['career.0.period']).toContain('“去年”');
		expect(r.errors['career.0.unit']).toContain('缺少单位');
		const future = parseCandidateForm(nominated({ birth: '2030.01' }), ctx);
		expect(!future.ok && future.errors.birth).toContain('晚于今天');
	});
});

describe('accepting a 推荐表', () => {
	it('reads yes/no, trims contact details and leaves blank texts out', () => {
		const r = parseCandidateForm(
			filled({ grassroots: '是', email: ' wei@example.com ', mobile: '138 0000 0000', phone: '0771-1234567转8' }),
			ctx
		);
		expect(r.ok && r.record).toMatchObject({ grassroots: true, priorTitle: false, email: 'wei@example.com' });
		if (!r.ok) return;
		expect(r.record.field).toBeUndefined();
		expect(r.record.ethnicity).toBeUndefined();
		expect(r.record.deeds).toBeUndefined();
	});
	it('files the class under field for a campaign classified by field', () => {
		const r = parseCandidateForm(filled({ klass: '前沿' }), { ...ctx, classification: 'field', fields: ['前沿'] });
		expect(r.ok && r.record).toMatchObject({ field: '前沿' });
	});
});

describe('refusing a 推荐表: each field beside its input, in its own words', () => {
	const cases: [Partial<CandidateFormValues>, string, string][] = [
		[{ name: ' ' }, 'name', '请填写姓名'],
		[{ name: 'x'.repeat(201) }, 'name', '姓名过长（201 个字符，上限 200）'],
		[{ gender: '' }, 'gender', '请选择性别'],
		[{ gender: '未知' }, 'gender', '性别“未知”无效，应为男或女'],
		[{ birth: '' }, 'birth', '请填写出生年月（例如 1980.05）'],
		[{ birth: '1980.13' }, 'birth', '出生年月“1980.13”无法识别，请填写如 1980.05 的年月'],
		[{ birth: '2030.01' }, 'birth', '出生年月“2030.01”晚于今天'],
		[{ birth: '1980.1' }, 'birth', '出生年月“1980.1”有歧义：请写成 1980.10（10月）或 1980.01（1月）'],
		[{ unitAndTitle: '' }, 'unitAndTitle', '请填写工作单位及职务职称'],
		[{ klass: '' }, 'klass', '请选择推荐组别'],
		[{ klass: '前沿' }, 'klass', '推荐组别“前沿”不是本活动的推荐组别（理科、工科）'],
		[{ channel: '' }, 'channel', '请选择推荐单位'],
		[{ channel: '某学会' }, 'channel', '推荐单位“某学会”不是本活动的推荐渠道'],
		[{ grassroots: '也许' }, 'grassroots', `${LABELS.grassroots}“也许”无效，应为是或否`],
		[{ priorTitle: '有' }, 'priorTitle', `${LABELS.priorTitle}“有”无效，应为是或否`],
		[{ email: 'x@' }, 'email', '电子邮箱“x@”格式不正确'],
		[{ mobile: '138abc' }, 'mobile', '手机“138abc”格式不正确，只能包含数字、空格和连字符'],
		[{ phone: '电话' }, 'phone', '办公电话“电话”格式不正确'],
		[{ postcode: '5300' }, 'postcode', '邮编“5300”应为 6 位数字'],
		[{ deeds: 'x'.repeat(20_001) }, 'deeds', `${LABELS.deeds}过长（20001 个字符，上限 20000）`],
		[{ ethnicity: 'x'.repeat(201) }, 'ethnicity', `${LABELS.ethnicity}过长（201 个字符，上限 200）`]
	];
	for (const [over, key, message] of cases)
		it(`${key}: ${message.slice(0, 24)}`, () => {
			expect(errorsOf(filled(over))).toEqual({ [key]: message });
		});

	it('refuses career rows by row: an unreadable period, a missing unit, an over-long row, too many rows', () => {
		const errors = errorsOf(
			filled({
				career: [
					{ period: '2008.07-至今', unit: '广西大学', role: '' },
					{ period: '去年', unit: '', role: '' },
					{ period: '', unit: 'x'.repeat(201), role: '' }
				]
			})
		);
		expect(errors).toEqual({
			'career.1.period': '学习工作经历第 2 行的起止年月“去年”无法识别（例如 2005.07-2012.06 或 2013.02-至今）',
			'career.1.unit': '学习工作经历第 2 行缺少单位',
			'career.2.unit': '学习工作经历第 3 行过长'
		});
		const many = Array.from({ length: 41 }, () => ({ period: '', unit: '单位', role: '' }));
		expect(errorsOf(filled({ career: many }))).toEqual({ career: '学习工作经历最多 40 行' });
	});

	it('reports every refused field at once', () => {
		const errors = errorsOf(filled({ name: '', gender: '', channel: '', email: 'a b@c.d' }));
		expect(Object.keys(errors)).toEqual(['name', 'gender', 'channel', 'email']);
	});
});
