// The settings form's inputs one by one: each bad value refused beside its input in its own words,
// and what each input accepts.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { amount, calendarDate, parseDraft, settingsInputs } from './settings';
import { draftFromConfig, emptyTarget, type SettingsDraft } from '../domain/notice/config-draft';
import { presetConfig } from '../domain/notice/presets';

const config = presetConfig('jincheng-2023'); // 地区 0–10, then 学会 0–2 …

function refusals(change: (d: SettingsDraft) => void, opts = {}) {
	const d = draftFromConfig(config, '晋城活动');
	change(d);
	const r = parseDraft(d, config, opts);
	if (r.ok) throw new Error('expected a refusal');
	return r.errors;
}

describe('each input refused in its own words, under its own path', () => {
	const cases: [string, (d: SettingsDraft) => void, string, string][] = [
		['an empty name', (d) => (d.name = ' '), 'name', '请填写活动名称'],
		['a long name', (d) => (d.name = '名'.repeat(201)), 'name', '活动名称过长（最多 200 个字符）'],
		['an unknown level', (d) => (d.level = '乡级'), 'level', '级别“乡级”无效'],
		['an empty region', (d) => (d.region = ''), 'region', '请填写地区'],
		['no host', (d) => (d.hosts = ' \n '), 'hosts', '请至少填写一个主办单位'],
		['no document', (d) => (d.document = ''), 'document', '请填写文号或通知名称'],
		['no classification', (d) => (d.classification = ''), 'classification', '请选择按推荐领域或推荐组别分类'],
		['a stray field', (d) => (d.fields = ['前沿', '地市']), 'fields', '“地市”不属于推荐领域，请重新勾选'],
		['an empty youth age', (d) => (d.youthAge = ''), 'youthAge', '请填写青年年龄线'],
		['a decimal youth age', (d) => (d.youthAge = '35.5'), 'youthAge', '青年年龄线“35.5”应为非负整数'],
		['a negative share', (d) => (d.youthShareMin = '-5'), 'youthShareMin', '青年比例下限“-5”应为非负数'],
		[
			'a word for a number',
			(d) => (d.channelQuotas[0].max = 'abc'),
			'channelQuotas[0].max',
			'地区的最多名额“abc”应为非负整数'
		],
		[
			'an unknown channel type',
			(d) => (d.channelQuotas[0].type = '外星' as never),
			'channelQuotas[0].type',
			'渠道类型“外星”无效'
		],
		[
			'a channel override min > max',
			(d) => Object.assign(d.channels[0], { min: '5', max: '2' }),
			'channels[0].max',
			`“${config.channels[0].name}”的最少名额 5 大于最多名额 2`
		],
		[
			'a text limit',
			(d) => (d.textLimits.story = '1000.5'),
			'textLimits.story',
			'感人故事字数上限“1000.5”应为非负整数'
		],
		['a tier size', (d) => (d.tiers[0].size = ''), 'tiers[0].size', `请填写称号“${config.tiers[0].name}”的名额`],
		[
			'a tier from itself',
			(d) => (d.tiers[0].subsetOf = d.tiers[0].name),
			'tiers[0].subsetOf',
			`称号“${config.tiers[0].name}”不能从自身中产生`
		],
		['a rubric maximum', (d) => (d.rubric[0].max = 'x'), 'rubric[0].max', '满分“x”应为非负数'],
		[
			'a rubric key',
			(d) => (d.rubric[0].key = '1a'),
			'rubric[0].key',
			'评分项标识“1a”只能使用字母开头的字母、数字、下划线或连字符'
		],
		[
			'a public notice period',
			(d) => (d.publicNoticeWorkdays = '五'),
			'publicNoticeWorkdays',
			'公示期工作日数“五”应为非负整数'
		],
		[
			'a deadline that does not exist',
			(d) => (d.deadline = '2024年2月30日'),
			'deadline',
			'报送截止日期“2024年2月30日”不是有效日期（应为 YYYY-MM-DD）'
		]
	];
	for (const [what, change, path, message] of cases)
		it(what, () => {
			expect(refusals(change)).toEqual([{ path, message }]);
		});

	it('targets: the kind, the field, the channel, the channel type, the count', () => {
		const n = config.targets.length;
		const errors = refusals((d) => {
			d.targets.push({ ...emptyTarget(), kind: 'bogus' as never, count: '1' });
			d.targets.push({ ...emptyTarget(), kind: 'atLeastField', count: '0' });
			d.targets.push({ ...emptyTarget(), kind: 'atMostChannel', count: '1' });
			d.targets.push({ ...emptyTarget(), kind: 'atMostChannel', ref: '火星', count: '1' });
			d.targets.push({ ...emptyTarget(), kind: 'atMostChannelType', ref: '外星', count: 'x' });
		});
		expect(errors).toEqual([
			{ path: `targets[${n}].kind`, message: '请选择目标类型' },
			{ path: `targets[${n + 1}].ref`, message: '请选择领域' },
			{ path: `targets[${n + 1}].count`, message: '领域至少人数应为正整数' },
			{ path: `targets[${n + 2}].ref`, message: '请选择推荐渠道' },
			{ path: `targets[${n + 3}].ref`, message: '推荐渠道“火星”不在渠道列表中' },
			{ path: `targets[${n + 4}].ref`, message: '请选择渠道类型' },
			{ path: `targets[${n + 4}].count`, message: '人数“x”应为非负整数' },
			// the shared validation, on the config path moved onto the form row
			{ path: `targets[${n + 1}].field`, message: '目标中的领域“”不在本活动的领域中' }
		]);
	});

	it('once review has started: the classification, fields and rubric', () => {
		const errors = refusals(
			(d) => {
				d.classification = 'group';
				d.fields = ['地市'];
				d.rubric[0].name = '另一项';
			},
			{ locked: true }
		);
		expect(errors).toEqual([
			{ path: 'classification', message: '评审已开始，不能再修改领域分类' },
			{ path: 'fields', message: '评审已开始，不能再修改推荐领域' },
			{ path: 'rubric', message: '评审已开始，不能再修改评分标准' }
		]);
	});
});

describe('what the inputs accept', () => {
	it('numbers: full-width digits, separators, a percent sign; blank when optional', () => {
		const count = amount('名额');
		expect(v.parse(count, ' １,２００ ')).toBe(1200);
		expect(v.parse(amount('比例', { int: false }), '12.5%')).toBe(12.5);
		expect(v.parse(amount('名额', { optional: true }), ' ')).toBeUndefined();
		expect(v.safeParse(count, '').issues?.[0].message).toBe('请填写名额');
		expect(v.safeParse(count, '-1').issues?.[0].message).toBe('名额“-1”应为非负整数');
	});
	it('dates: dots, 年月日 and single digits; blank is none', () => {
		const date = calendarDate('报送截止日期');
		expect(v.parse(date, '2026.4.2')).toBe('2026-04-02');
		expect(v.parse(date, '2026年4月20日')).toBe('2026-04-20');
		expect(v.parse(date, ' 2024-02-29 ')).toBe('2024-02-29');
		expect(v.parse(date, '')).toBeUndefined();
		expect(v.safeParse(date, '2023-02-29').issues?.[0].message).toBe(
			'报送截止日期“2023-02-29”不是有效日期（应为 YYYY-MM-DD）'
		);
	});
	it('names, hosts and choices', () => {
		expect(v.parse(settingsInputs.name, ' 活动 ')).toBe('活动');
		expect(v.parse(settingsInputs.hosts, '甲\n\n 乙 \r\n')).toEqual(['甲', '乙']);
		expect(v.parse(settingsInputs.level, '全国')).toBe('全国');
		expect(v.parse(settingsInputs.rubricKey, 'merit_2')).toBe('merit_2');
		expect(v.parse(settingsInputs.targetKind, 'atMostChannelType')).toBe('atMostChannelType');
	});
	it('a whole draft of a preset, unchanged', () => {
		const r = parseDraft(draftFromConfig(config, '晋城活动'), config);
		expect(r.ok && r.config).toEqual(config);
		expect(r.ok && r.name).toBe('晋城活动');
	});
});
