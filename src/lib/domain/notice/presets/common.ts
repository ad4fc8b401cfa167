// Building blocks shared by the campaign presets.
import type { CampaignConfig, ChannelDef, ChannelQuota, ChannelType, RubricCriterion, RuleSource } from '../../types';

/** A campaign preset: a CampaignConfig encoding one notice, plus how it is shown in the picker. */
export type Preset = CampaignConfig & {
	id: string;
	/** Display name of the campaign, e.g. 2023年“晋城最美科技工作者”学习宣传活动 */
	name: string;
	/** Title of the notice as printed. */
	noticeTitle: string;
};

export function src(document: string, clause: string): RuleSource {
	return { document, clause };
}

export function quota(type: ChannelType, min: number, max: number, minYouth: number, source: RuleSource): ChannelQuota {
	return { type, min, max, minYouth, source };
}

/** Several channel types sharing one sentence of the notice (e.g. 学会、高校、企业 ≤2). */
export function quotas(
	types: ChannelType[],
	min: number,
	max: number,
	minYouth: number,
	source: RuleSource
): ChannelQuota[] {
	return types.map((type) => quota(type, min, max, minYouth, source));
}

export function regionChannels(names: string[]): ChannelDef[] {
	return names.map((name) => ({ name, type: '地区' as const }));
}

/**
 * The default rubric 业绩突出 40 / 事迹感人 30 / 示范引领 30. 政治过硬 is a gate checked by the
 * nominating units (廉政意见), not a scored criterion. Descriptions come from each notice.
 */
export function rubric(merit: string, story: string, exemplary: string): RubricCriterion[] {
	return [
		{ key: 'merit', name: '业绩突出', max: 40, description: merit },
		{ key: 'story', name: '事迹感人', max: 30, description: story },
		{ key: 'exemplary', name: '示范引领', max: 30, description: exemplary }
	];
}

/** 业绩突出 in the wording shared by the Qinghai, Inner Mongolia and Guangxi notices. */
export const MERIT_FOUR_FACINGS =
	'长期奋战在科研一线：面向世界科技前沿，在前沿领域和基础研究上作出重要贡献；面向国家重大需求，突破关键核心技术；' +
	'面向经济主战场，推动科技成果转化应用；面向人民生命健康，保护人民群众生命安全和身体健康；' +
	'服务社会，为乡村振兴、共同富裕、公众科学素质提升作出重要贡献。';

/** Text limits of the national 推荐表 template, used where a notice's form is not reproduced. */
export const NATIONAL_TEXT_LIMITS = { deeds: 1500, story: 1000, awards: 5 };
