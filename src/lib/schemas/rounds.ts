// Forms of a round's page (备注, 重评, 晋级). The round's state rules are the rounds service's.
import * as v from 'valibot';
import { choice, list, optionalInteger, required, text } from './form';
import { parseBeijingInput } from '../shared/time';

export const noteForm = v.object({
	candidate: text('候选人', { trim: false }),
	note: text('备注', { trim: false })
});

export const rescoreForm = v.pipe(
	v.object({
		expert: text('专家', { trim: false }),
		candidate: text('候选人', { trim: false }),
		message: text('说明', { trim: false })
	}),
	v.check((f) => f.expert !== '' && f.candidate !== '', '请选择要重评的专家')
);

/** 晋级: the ids ticked, the N of “前 N 名” the page offered (0 when none), a reason. */
export const advanceForm = v.object({
	to: text('下一轮', { trim: false }),
	ids: list('晋级的候选人', 5000),
	reason: text('理由', { max: 500 }),
	n: v.pipe(
		text('名次'),
		v.transform((s) => (/^\d{1,6}$/.test(s) ? Number(s) : 0))
	),
	per: choice('名次范围', ['field', 'overall'], 'field')
});

/**
 * datetime-local gives "2024-06-30T17:00" without a zone: campaigns run on Beijing time. A day or
 * hour that does not exist (02-30, 24:00) is refused by the kernel's reader, where Date.parse would
 * roll it over to the next day.
 */
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const isLocalMinute = (s: string) => LOCAL_MINUTE.test(s) && parseBeijingInput(s) !== null;

const deadline = v.pipe(
	text('截止时间'),
	v.check(
		(s) => s === '' || isLocalMinute(s),
		(issue) => `截止时间“${String(issue.input)}”无效`
	),
	v.transform((s) => (s ? `${s}+08:00` : undefined))
);
const reviewers = v.pipe(text('评审范围'), v.picklist(['assigned', 'panel', 'all'] as const, '请选择评审范围'));
const whole = (message: string) => v.pipe(text('通过比例'), v.regex(/^\d+$/, message), v.transform(Number));

/** 新建 / 修改轮次: a score round (计分方式, 应有评分份数) or a vote round (通过比例, 限额). */
export const roundForm = v.pipe(
	v.looseObject({ name: required('轮次名称', { message: '请填写轮次名称，例如“初评”' }) }),
	v.variant(
		'type',
		[
			v.object({
				name: v.string(),
				type: v.literal('score'),
				reviewers,
				aggregation: v.pipe(
					text('计分方式'),
					v.picklist(['mean', 'trimmedMean', 'median', 'calibrated'] as const, '请选择计分方式')
				),
				requiredSheets: v.pipe(
					text('每份材料应有的评分份数'),
					v.check((s) => s === '' || /^\d+$/.test(s), '每份材料应有的评分份数应为正整数'),
					v.transform((s) => (s === '' ? undefined : Number(s)))
				),
				deadline
			}),
			v.object({
				name: v.string(),
				type: v.literal('vote'),
				reviewers,
				num: whole('通过比例应为两个正整数，例如 2/3'),
				den: whole('通过比例应为两个正整数，例如 2/3'),
				maxYes: optionalInteger('每位专家最多赞成票数', undefined, {
					min: 1,
					message: '每位专家最多赞成票数应为正整数（不限额请留空）'
				}),
				deadline
			})
		],
		'请选择轮次类型（评分或投票）'
	),
	v.transform((f) => {
		const base = { name: f.name, type: f.type, reviewers: f.reviewers, deadline: f.deadline };
		return f.type === 'score'
			? { ...base, aggregation: f.aggregation, requiredSheets: f.requiredSheets }
			: { ...base, threshold: { num: f.num, den: f.den }, maxYes: f.maxYes };
	})
);

/** The fields of the round form, for parseForm (the variant above has no `entries` of its own). */
export const ROUND_FIELDS = v.object({
	name: text('轮次名称'),
	type: text('轮次类型'),
	reviewers: text('评审范围'),
	aggregation: text('计分方式'),
	num: text('通过比例'),
	den: text('通过比例'),
	deadline: text('截止时间'),
	requiredSheets: text('每份材料应有的评分份数'),
	maxYes: text('每位专家最多赞成票数')
});

/** The other round actions: which round, a reason for the audit log, the candidate, a new deadline. */
export const roundRefForm = v.object({
	roundId: text('轮次', { trim: false }),
	reason: text('理由', { trim: false, max: 500 }),
	candidate: text('候选人', { trim: false }),
	deadline: text('截止时间')
});

/** 延长截止时间: a Beijing minute from a datetime-local input. */
export const newDeadline = v.pipe(text('截止时间'), v.check(isLocalMinute, '请填写新的截止时间'));
