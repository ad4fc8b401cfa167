// The eligibility check, part 2 (part 1: eligibility.test.ts): excluded categories, prior
// titles, text lengths, channels, duplicates, channel quotas and the order of the report.
import { describe, it, expect } from 'vitest';
import { channelQuotaFor, checkCampaign, textLength } from './';
import { matchExcludedCategory } from './rules';
import { resolveChannel } from './channels';
import type { CandidateRecord } from '../../types';
import {
	cand,
	codes,
	guangxi,
	hengshui,
	jincheng,
	neimenggu,
	only,
	qinghai,
	youth
} from '../../../../../tests/support/eligibility';

describe('EXCLUDED_CATEGORY', () => {
	const cat = (config: typeof jincheng, category: string) => {
		const r = checkCampaign(config, [youth({ name: '甲', category, channel: config.channels[0].name, group: '地市' })]);
		return { errors: only(r.errors, 'EXCLUDED_CATEGORY'), warnings: only(r.warnings, 'EXCLUDED_CATEGORY') };
	};
	it('excludes the categories of each notice, matched loosely', () => {
		const r = cat(jincheng, '公务员（参照管理）');
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0].message).toBe(
			'甲（城区） 人员类别为“公务员（参照管理）”，属于通知排除的“参公管理”，不在推荐范围内'
		);
		expect(r.errors[0].source).toContain('不包括现役军人、公务员和参照公务员法管理的党政机关行政工作人员');
		expect(cat(jincheng, '现役军人').errors).toHaveLength(1);
		expect(cat(neimenggu, '基层科协专职工作人员').errors).toHaveLength(1);
		expect(cat(guangxi, '退休').errors).toHaveLength(1);
		expect(cat(guangxi, '已故').errors).toHaveLength(1);
		expect(cat(hengshui, '县处级以上公务员').errors).toHaveLength(1);
		expect(cat(hengshui, '副厅级公务员').errors).toHaveLength(1);
	});
	it('leaves others alone', () => {
		expect(cat(jincheng, '事业单位专业技术人员')).toEqual({ errors: [], warnings: [] });
		expect(cat(jincheng, '离退休')).toEqual({ errors: [], warnings: [] }); // Jincheng does not exclude retirees
		expect(cat(jincheng, '军工企业职工')).toEqual({ errors: [], warnings: [] });
		expect(cat(qinghai, '处级公务员')).toEqual({ errors: [], warnings: [] });
	});
	it('asks to verify the rank where only senior officials are excluded', () => {
		const r = cat(qinghai, '公务员');
		expect(r.errors).toEqual([]);
		expect(r.warnings[0].message).toBe('甲（西宁市） 人员类别为“公务员”，通知排除“副厅级以上公务员”，请核实其现任职级');
		expect(cat(qinghai, '参公管理（副厅级）').errors).toHaveLength(1);
		expect(matchExcludedCategory(qinghai, '现役军人')).toEqual({ excluded: '现役军人', certain: true });
		expect(matchExcludedCategory(qinghai, '')).toBeNull();
	});
});

describe('PRIOR_TITLE', () => {
	it('is a warning naming the notice’s own titles where it says 原则上', () => {
		const r = checkCampaign(jincheng, [youth({ name: '吴十', priorTitle: true })]);
		expect(r.errors).toEqual([]);
		expect(only(r.warnings, 'PRIOR_TITLE')).toEqual([
			expect.objectContaining({
				candidate: '吴十',
				channel: '城区',
				message: expect.stringContaining(
					'吴十（城区） 曾获以往“最美科技人”“最美科技工作者”称号，通知规定原则上不再推荐'
				)
			})
		]);
		expect(only(r.warnings, 'PRIOR_TITLE')[0].source).toContain('原则上不建议推荐');
		const titles = (config: typeof jincheng, over: Partial<CandidateRecord>) =>
			only(checkCampaign(config, [youth({ priorTitle: true, ...over })]).warnings, 'PRIOR_TITLE')[0].message;
		expect(titles(guangxi, { channel: '南宁市', field: null, group: '地市' })).toContain('全国、自治区“最美”系列称号');
		expect(titles(hengshui, { channel: '桃城区' })).toContain(
			'省部级以上荣誉表彰和中央宣传部、省委宣传部、市委宣传部“最美”系列称号'
		);
		expect(titles(qinghai, { channel: '西宁市' })).toContain('国家级荣誉表彰、中宣部“最美”系列称号');
	});
	it('is an error where the notice says 请勿再次推荐 (内蒙古 for its own title)', () => {
		const own = youth({ name: '巴特', channel: '包头市', awards: ['2021年内蒙古“最美科技工作者”'] });
		const r = checkCampaign(neimenggu, [own]);
		expect(only(r.errors, 'PRIOR_TITLE')).toEqual([
			expect.objectContaining({
				candidate: '巴特',
				message: '巴特（包头市） 已获内蒙古“最美科技工作者”称号，通知要求请勿再次推荐'
			})
		]);
		expect(only(r.errors, 'PRIOR_TITLE')[0].source).toContain('请勿再次推荐');
		// A national title: a warning, which also says what would make it an error.
		const national = checkCampaign(neimenggu, [
			youth({ channel: '包头市', priorTitle: true, awards: ['全国最美科技工作者'] })
		]);
		expect(only(national.errors, 'PRIOR_TITLE')).toEqual([]);
		expect(only(national.warnings, 'PRIOR_TITLE')[0].message).toContain(
			'如所获为内蒙古“最美科技工作者”称号，通知要求请勿再次推荐'
		);
		// Words in different awards do not add up to the title.
		const apart = checkCampaign(neimenggu, [
			youth({ channel: '包头市', awards: ['内蒙古自治区科技进步奖', '全国最美科技工作者提名'] })
		]);
		expect(only(apart.errors, 'PRIOR_TITLE')).toEqual([]);
	});
	it('carries the office’s acceptance on the warning', () => {
		const accepted = new Map([['k1|PRIOR_TITLE', { reason: '经主办单位研究同意', by: '办公室', at: 1 }]]);
		const r = checkCampaign(jincheng, [youth({ priorTitle: true })], { ids: ['k1'], accepted });
		expect(only(r.warnings, 'PRIOR_TITLE')[0]).toMatchObject({
			candidateId: 'k1',
			accepted: { reason: '经主办单位研究同意' }
		});
	});
	it('is nothing when the config allows them', () => {
		const open = { ...jincheng, priorTitleBlocks: false };
		expect(checkCampaign(open, [youth({ priorTitle: true })]).warnings).toEqual([]);
		expect(checkCampaign(jincheng, [youth({ priorTitle: false })]).errors).toEqual([]);
	});
});

describe('TEXT_TOO_LONG', () => {
	it('counts characters without whitespace', () => {
		expect(textLength(' 一二 三\n四 ')).toBe(4);
		expect(textLength('𠀀a')).toBe(2);
		// counted as Array.from counts code points, lone surrogates included
		for (const t of ['\ud840\ud840\udc00', '\ud840\udc00\udc00', '\udc00\ud840', '𠀀 𠀁\t𠀂x', ''])
			expect(textLength(t), JSON.stringify(t)).toBe(Array.from(t.replace(/\s+/g, '')).length);
	});
	it('tolerates ±20 % for “1500字左右”, errs beyond and warns under half', () => {
		const ok = checkCampaign(jincheng, [youth({ name: '甲', deeds: '字'.repeat(1800) })]);
		expect(ok.errors).toEqual([]);
		expect(ok.warnings).toEqual([]);
		const e = checkCampaign(jincheng, [youth({ name: '甲', deeds: '字'.repeat(1801) })]);
		expect(e.errors.map((i) => i.message)).toEqual(['甲（城区） 主要事迹 1801 字，超过 1500 字左右的要求20%以上']);
		expect(checkCampaign(jincheng, [youth({ deeds: '字 '.repeat(750) })]).warnings).toEqual([]);
		const short = checkCampaign(jincheng, [youth({ name: '甲', deeds: '字'.repeat(749) })]);
		expect(short.errors).toEqual([]);
		expect(short.warnings.map((i) => i.message)).toEqual(['甲（城区） 主要事迹仅 749 字，不足 1500 字左右要求的一半']);
	});
	it('errs on a story over its limit (1000; 2000 in Inner Mongolia)', () => {
		const r = checkCampaign(jincheng, [youth({ name: '甲', story: '字'.repeat(1001) })]);
		expect(r.errors.map((i) => i.message)).toEqual(['甲（城区） 感人故事 1001 字，超过 1000 字以内的要求']);
		expect(r.errors[0].source).toContain('感人故事：1000字以内');
		const im = [
			youth({ channel: '包头市', story: '字'.repeat(2000) }),
			...[1, 2, 3, 4].map(() => cand({ channel: '包头市' }))
		];
		expect(checkCampaign(neimenggu, im).errors).toEqual([]);
	});
	it('warns on more than five awards', () => {
		const r = checkCampaign(jincheng, [youth({ name: '甲', awards: ['一', '二', '三', '四', '五', '六'] })]);
		expect(r.errors).toEqual([]);
		expect(r.warnings.map((i) => i.message)).toEqual(['甲（城区） 所获重要奖励 6 项，超过 5 项以内的要求']);
		expect(checkCampaign(jincheng, [youth({ awards: ['一', '二', '三', '四', '五', ''] })]).warnings).toEqual([]);
	});
});

describe('UNKNOWN_CHANNEL', () => {
	it('rejects a 推荐单位 the campaign does not know', () => {
		const r = checkCampaign(jincheng, [youth({ name: '甲', channel: '太原市' })]);
		expect(r.errors).toEqual([
			{
				code: 'UNKNOWN_CHANNEL',
				message: '甲（太原市） 的推荐单位“太原市”不是本活动的推荐渠道',
				candidate: '甲',
				channel: '太原市',
				source: '晋市科协发〔2023〕9号 三、活动安排 1：所有候选人均应通过上述推荐渠道产生'
			}
		]);
		expect(r.channels.map((c) => c.name)).not.toContain('太原市');
	});
	it('reports a self-nomination as SELF_NOMINATION, not as an unknown channel', () => {
		for (const channel of ['个人申报', '本人', '自荐', '个人', '个人申请', '乙']) {
			const r = checkCampaign(guangxi, [youth({ name: '乙', channel, field: null, group: '理科' })]);
			expect(only(r.errors, 'UNKNOWN_CHANNEL'), channel).toEqual([]);
			expect(only(r.errors, 'SELF_NOMINATION'), channel).toEqual([
				expect.objectContaining({
					candidate: '乙',
					message: `乙（${channel}） 为个人申报（推荐单位“${channel}”），本活动不接受个人申报，候选人均应通过规定的推荐渠道产生`
				})
			]);
		}
		expect(
			only(
				checkCampaign(guangxi, [youth({ channel: '个人申报', field: null, group: '理科' })]).errors,
				'SELF_NOMINATION'
			)[0].source
		).toContain('不接受个人申请');
		expect(only(checkCampaign(hengshui, [youth({ channel: '本人' })]).errors, 'SELF_NOMINATION')[0].source).toContain(
			'不接受个人申报'
		);
		expect(only(checkCampaign(jincheng, [youth({ channel: '自荐' })]).errors, 'SELF_NOMINATION')[0].source).toContain(
			'且不接受个人申报'
		);
		const allowed = { ...jincheng, selfNominationAllowed: true };
		expect(checkCampaign(allowed, [youth({ channel: '自荐' })]).errors).toEqual([]);
	});
	it('accepts a new channel when 渠道类型 is given, with the type quota', () => {
		const r = checkCampaign(jincheng, [youth({ channel: '晋城市医学会', channelType: '学会' })]);
		expect(r.errors).toEqual([]);
		expect(r.channels.at(-1)).toEqual({ name: '晋城市医学会', count: 1, min: 0, max: 2, youth: 1 });
	});
	it('matches a listed channel loosely', () => {
		expect(resolveChannel(jincheng, '晋城市城区科协')?.name).toBe('城区');
		expect(resolveChannel(jincheng, ' 高平市 ')?.name).toBe('高平市');
		expect(resolveChannel(qinghai, '省国防科工办')?.name).toBe('青海省国防科工办');
		expect(resolveChannel(hengshui, '冀州市')?.name).toBe('冀州区');
		expect(resolveChannel(jincheng, '太原市')).toBeUndefined();
		expect(checkCampaign(jincheng, [youth({ channel: '晋城市城区科协' })]).channels[0].count).toBe(1);
	});
});

describe('DUPLICATE_CANDIDATE', () => {
	it('is an error within a channel naming both births, and counts the person once', () => {
		const a = youth({ name: '郑一', birth: '1990-06-12' });
		const r = checkCampaign(jincheng, [a, { ...a, birth: '1990-06-15' }]);
		expect(r.errors).toEqual([
			{
				code: 'DUPLICATE_CANDIDATE',
				message:
					'城区 重复推荐 郑一：同一推荐单位中出现 2 次（姓名相同，出生年月同月（1990-06-12、1990-06-15）），请删除重复的一条或更正出生年月',
				candidate: '郑一',
				channel: '城区'
			}
		]);
		expect(r.channels[0].count).toBe(1);
	});
	it('is a warning across channels', () => {
		const a = youth({ name: '郑一' });
		const r = checkCampaign(jincheng, [a, { ...a, channel: '泽州县' }]);
		expect(r.errors).toEqual([]);
		expect(r.warnings.map((i) => i.message)).toEqual([
			'郑一 同时由 城区、泽州县 推荐（姓名和出生年月相同），请核实是否为同一人'
		]);
	});
	it('does not confuse namesakes born in different months', () => {
		expect(
			checkCampaign(jincheng, [youth({ name: '郑一' }), youth({ name: '郑一', birth: '1991-06' })]).errors
		).toEqual([]);
	});
});

describe('channelQuotaFor', () => {
	it('combines the type quota with per-channel overrides', () => {
		expect(channelQuotaFor(neimenggu, '包头市')).toEqual({
			type: '地区',
			min: 5,
			max: 5,
			minYouth: 1,
			defined: true,
			source:
				'内科协协字〔2023〕30号 三、活动安排（二）名额分配：各盟市推荐候选人5名（不含军工单位），其中45岁以下的青年科技工作者不少于1名'
		});
		const extra = { ...guangxi, channels: guangxi.channels.map((c) => (c.name === '南宁市' ? { ...c, max: 4 } : c)) };
		expect(channelQuotaFor(extra, '南宁市')).toMatchObject({ min: 2, max: 4, minYouth: 0 });
		expect(channelQuotaFor(extra, { name: '某学会', type: '学会' })).toMatchObject({ min: 1, max: 2 });
		expect(channelQuotaFor(guangxi, '不存在')).toEqual({ type: null, min: 0, max: 0, minYouth: 0, defined: false });
		const r = checkCampaign(
			extra,
			[1, 2, 3, 4].map(() => youth({ channel: '南宁市', field: null, group: '地市' }))
		);
		expect(codes(r.errors)).toEqual([]);
	});
});

describe('ordering', () => {
	it('sorts by code, channel, candidate and is independent of input order', () => {
		const list = [
			youth({ name: '乙', channel: '泽州县', priorTitle: true }),
			youth({ name: '甲', channel: '城区', priorTitle: true }),
			youth({ name: '丙', channel: '太原市' }),
			youth({ name: '丁', gender: '' as never })
		];
		const a = checkCampaign(jincheng, list);
		const b = checkCampaign(jincheng, [...list].reverse());
		expect(a).toEqual(b);
		expect(a.errors.map((i) => `${i.code}/${i.channel}/${i.candidate}`)).toEqual([
			'MISSING_FIELD/城区/丁',
			'UNKNOWN_CHANNEL/太原市/丙'
		]);
		expect(a.warnings.map((i) => `${i.code}/${i.channel}/${i.candidate}`)).toEqual([
			'PRIOR_TITLE/城区/甲',
			'PRIOR_TITLE/泽州县/乙'
		]);
	});
});
