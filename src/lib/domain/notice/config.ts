// Validation of a campaign's configuration, as edited on the settings page.
import { CHANNEL_TYPES, type CampaignConfig } from '../types';
import { isCalendarDate } from '../../shared/time';

export interface ConfigError {
	path: string;
	message: string;
}

const intIn = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** Every problem at once, each naming the setting and the value. */
export function validateConfig(c: CampaignConfig): ConfigError[] {
	const errors: ConfigError[] = [];
	const err = (path: string, message: string) => errors.push({ path, message });
	if (!isCalendarDate(c.referenceDate))
		err('referenceDate', `年龄计算基准日“${c.referenceDate}”不是有效日期（应为 YYYY-MM-DD）`);
	if (!c.fields.length) err('fields', '至少需要一个推荐领域或推荐组别');
	if (new Set(c.fields).size !== c.fields.length) err('fields', '推荐领域有重复');
	if (!intIn(c.youthAge, 18, 80)) err('youthAge', `青年年龄线“${c.youthAge}”应为 18–80 之间的整数`);
	if (!(c.youthShareMin >= 0 && c.youthShareMin <= 1))
		err('youthShareMin', `青年比例“${c.youthShareMin}”应在 0–100% 之间`);
	c.channelQuotas.forEach((q, i) => {
		if (!CHANNEL_TYPES.includes(q.type)) err(`channelQuotas[${i}].type`, `渠道类型“${q.type}”无效`);
		if (!intIn(q.min, 0, 1000)) err(`channelQuotas[${i}].min`, `${q.type}的最少名额“${q.min}”应为非负整数`);
		if (!intIn(q.max, 0, 1000)) err(`channelQuotas[${i}].max`, `${q.type}的最多名额“${q.max}”应为非负整数`);
		if (q.min > q.max) err(`channelQuotas[${i}]`, `${q.type}的最少名额 ${q.min} 大于最多名额 ${q.max}`);
		if (!intIn(q.minYouth, 0, 1000) || q.minYouth > q.max)
			err(`channelQuotas[${i}].minYouth`, `${q.type}的青年最少名额“${q.minYouth}”应为不超过最多名额的非负整数`);
	});
	const types = c.channelQuotas.map((q) => q.type);
	if (new Set(types).size !== types.length) err('channelQuotas', '同一渠道类型设置了多条名额规则');
	const names = new Set<string>();
	c.channels.forEach((ch, i) => {
		if (!ch.name.trim()) err(`channels[${i}].name`, `第 ${i + 1} 个推荐渠道没有名称`);
		if (names.has(ch.name)) err(`channels[${i}].name`, `推荐渠道“${ch.name}”重复`);
		names.add(ch.name);
		if (!CHANNEL_TYPES.includes(ch.type)) err(`channels[${i}].type`, `推荐渠道“${ch.name}”的类型“${ch.type}”无效`);
		if (ch.max !== undefined && !intIn(ch.max, 0, 1000))
			err(`channels[${i}].max`, `推荐渠道“${ch.name}”的最多名额无效`);
	});
	for (const [k, label] of [
		['deeds', '主要事迹'],
		['story', '感人故事'],
		['awards', '所获重要奖励']
	] as const) {
		if (!intIn(c.textLimits[k], 1, 100000)) err(`textLimits.${k}`, `${label}的上限“${c.textLimits[k]}”应为正整数`);
	}
	if (!c.tiers.length) err('tiers', '至少需要一个称号档次');
	const tierNames = new Set(c.tiers.map((t) => t.name));
	c.tiers.forEach((t, i) => {
		if (!t.name.trim()) err(`tiers[${i}].name`, `第 ${i + 1} 个称号档次没有名称`);
		if (!intIn(t.size, 1, 10000)) err(`tiers[${i}].size`, `称号“${t.name}”的名额“${t.size}”应为正整数`);
		if (t.subsetOf && !tierNames.has(t.subsetOf))
			err(`tiers[${i}].subsetOf`, `称号“${t.name}”引用了不存在的档次“${t.subsetOf}”`);
		const parent = c.tiers.find((p) => p.name === t.subsetOf);
		if (parent && t.size > parent.size)
			err(`tiers[${i}].size`, `“${t.name}”的名额 ${t.size} 超过“${parent.name}”的 ${parent.size}`);
	});
	if (!c.rubric.length) err('rubric', '评分标准至少需要一项');
	c.rubric.forEach((r, i) => {
		if (!r.name.trim()) err(`rubric[${i}].name`, `第 ${i + 1} 项评分标准没有名称`);
		if (!(r.max > 0 && r.max <= 1000)) err(`rubric[${i}].max`, `评分项“${r.name}”的满分“${r.max}”应为正数`);
	});
	c.targets.forEach((t, i) => {
		if (t.kind === 'atLeast') {
			if (t.share === undefined && t.count === undefined) err(`targets[${i}]`, '比例目标需要比例或人数');
			if (t.share !== undefined && !(t.share >= 0 && t.share <= 1))
				err(`targets[${i}].share`, `比例“${t.share}”应在 0–100% 之间`);
			if (t.count !== undefined && !intIn(t.count, 0, 10000))
				err(`targets[${i}].count`, `人数“${t.count}”应为非负整数`);
		} else if (t.kind === 'atLeastField') {
			if (!c.fields.includes(t.field)) err(`targets[${i}].field`, `目标中的领域“${t.field}”不在本活动的领域中`);
		}
	});
	if (!intIn(c.publicNoticeWorkdays, 1, 60))
		err('publicNoticeWorkdays', `公示期“${c.publicNoticeWorkdays}”应为 1–60 个工作日`);
	return errors;
}
