import { describe, expect, it } from 'vitest';
import { readExpertForm, valuesFromForm, type ExpertFormValues } from './expert';

const ALLOWED = ['前沿', '经济', '民生', '国家'];

const values = (over: Partial<ExpertFormValues> = {}): ExpertFormValues => ({
	name: '张 某某',
	unit: '某某大学  农学院',
	formerUnits: '',
	school: '',
	title: '',
	fields: ['经济'],
	mainField: '',
	phone: '',
	email: '',
	maxLoad: '',
	username: '',
	...over
});

function errorsOf(v: ExpertFormValues) {
	const r = readExpertForm(v, ALLOWED);
	if (r.ok) throw new Error('expected a refusal');
	return r.errors;
}

describe('reading the submitted expert form', () => {
	it('trims the inputs (not the former units), keeps the checked fields in order, reads a file as empty', () => {
		const f = new FormData();
		f.append('name', ' 张某某 ');
		f.append('formerUnits', ' 甲所\n乙局 ');
		f.append('fields', '民生');
		f.append('fields', '前沿');
		f.append('email', new File(['x'], 'x.txt'));
		expect(valuesFromForm(f)).toEqual({
			name: '张某某',
			unit: '',
			formerUnits: ' 甲所\n乙局 ',
			school: '',
			title: '',
			fields: ['民生', '前沿'],
			mainField: '',
			phone: '',
			email: '',
			maxLoad: '',
			username: ''
		});
	});
});

describe('accepting an entry', () => {
	it('builds the roster entry: names collapsed, former units split, the main field first', () => {
		const r = readExpertForm(
			values({
				formerUnits: '甲所\n乙局；丙院',
				fields: ['前沿', '经济', '民生'],
				mainField: '民生',
				phone: '138 0000 0000',
				email: 'z@example.com',
				maxLoad: '15',
				username: 'zhang.mm'
			}),
			ALLOWED
		);
		expect(r).toEqual({
			ok: true,
			expert: {
				name: '张某某',
				unit: '某某大学 农学院',
				formerUnits: ['甲所', '乙局', '丙院'],
				school: undefined,
				title: undefined,
				fields: ['民生', '前沿', '经济'],
				phone: '138 0000 0000',
				email: 'z@example.com',
				maxLoad: 15,
				username: 'zhang.mm'
			}
		});
	});
	it('checks the main field when it was not checked', () => {
		const r = readExpertForm(values({ fields: [], mainField: '国家' }), ALLOWED);
		expect(r.ok && r.expert.fields).toEqual(['国家']);
	});
});

describe('refusing an entry: each field beside its input, in the roster’s words', () => {
	const cases: [Partial<ExpertFormValues>, string, string][] = [
		[{ name: '' }, 'name', '姓名为空'],
		[{ unit: '' }, 'unit', '工作单位为空'],
		[{ unit: 'x'.repeat(201) }, 'unit', '工作单位过长（201 字，最多 200 字）'],
		[{ fields: [] }, 'fields', '请至少选择一个可评审的领域'],
		[{ phone: '12' }, 'phone', '手机“12”格式不正确，应为 11 位手机号码（如 13800000000）或带区号的电话'],
		[{ email: 'x@' }, 'email', '电子邮箱“x@”格式不正确，应如 name@example.com'],
		[{ maxLoad: '2.5' }, 'maxLoad', '最大评审量“2.5”应为正整数（如 15）'],
		[{ maxLoad: '0' }, 'maxLoad', '最大评审量“0”应为 1–1000 的整数'],
		[{ username: 'a b' }, 'username', '用户名“a b”无效：只能使用 3–32 位字母、数字、点、下划线或连字符']
	];
	for (const [over, key, message] of cases)
		it(`${key}: ${message.slice(0, 24)}`, () => {
			expect(errorsOf(values(over))).toEqual({ [key]: message });
		});

	it('names a field the campaign does not have, and joins several problems of one input with ；', () => {
		const errors = errorsOf(values({ fields: ['经济', '航天', '海洋'] }));
		const hint = '应为 前沿、经济、民生、国家 之一（也可写全称，如“面向世界科技前沿”）';
		expect(errors.fields).toBe(
			`评审领域“航天”不是本活动设置的领域，${hint}；评审领域“海洋”不是本活动设置的领域，${hint}`
		);
	});
});
