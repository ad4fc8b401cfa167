// The eligibility check, part 1 (part 2: eligibility-rules.test.ts): a clean batch, missing
// fields, quotas and the youth share.
import { describe, it, expect } from 'vitest';
import { checkCampaign } from './';
import { cand, codes, guangxi, jincheng, neimenggu, only, youth } from '../../../../../tests/support/eligibility';

describe('a clean batch', () => {
	it('has no issues and reports every listed channel', () => {
		const list = [youth(), cand(), cand(), cand(), cand({ channel: '泽州县', field: '社会服务' })];
		const r = checkCampaign(jincheng, list);
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([]);
		expect(r.youthShare).toBe(0.2);
		expect(r.channels).toHaveLength(7);
		expect(r.channels[0]).toEqual({ name: '城区', count: 4, min: 0, max: 10, youth: 1 });
		expect(r.channels[1]).toEqual({ name: '泽州县', count: 1, min: 0, max: 10, youth: 0 });
		expect(r.errors).toEqual([]);
	});
	it('is 0 youth share for an empty batch', () => {
		const r = checkCampaign(jincheng, []);
		expect(r.youthShare).toBe(0);
		expect(r.errors).toEqual([]);
	});
});

describe('MISSING_FIELD', () => {
	it('flags each required field', () => {
		const r = checkCampaign(jincheng, [
			youth({ name: '张三', gender: '' as never }),
			youth({ name: '李四', birth: '某年' }),
			youth({ name: '王五', unitAndTitle: ' ' }),
			youth({ name: '赵六', field: null }),
			youth({ name: '钱七', field: '农科' }),
			youth({ name: '孙八', channel: '' })
		]);
		const msgs = only(r.errors, 'MISSING_FIELD').map((i) => i.message);
		expect(msgs).toEqual([
			'孙八 缺少推荐单位',
			'张三（城区） 缺少性别',
			'李四（城区） 出生年月“某年”无法识别',
			'王五（城区） 缺少工作单位及职务职称',
			'赵六（城区） 缺少推荐领域',
			'钱七（城区） 推荐领域“农科”不是本活动的推荐领域（前沿、主战场、重大需求、生命健康、社会服务）'
		]);
		expect(r.errors[1].source).toBe('晋市科协发〔2023〕9号 附件：推荐表');
		expect(r.errors.length).toBeGreaterThan(0);
	});
	it('accepts a field by its full name and a group in a group campaign', () => {
		expect(checkCampaign(jincheng, [youth({ field: '面向人民生命健康' })]).errors).toEqual([]);
		const r = checkCampaign(guangxi, [
			youth({ channel: '南宁市', field: null, group: '地市' }),
			youth({ channel: '南宁市', field: null, group: '地市' })
		]);
		expect(r.errors).toEqual([]);
		expect(codes(checkCampaign(guangxi, [youth({ channel: '南宁市', field: null, group: null })]).errors)).toContain(
			'MISSING_FIELD'
		);
	});
	it('warns when 主要事迹 is missing', () => {
		const r = checkCampaign(jincheng, [youth({ name: '周九', deeds: '' })]);
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([
			expect.objectContaining({
				code: 'MISSING_FIELD',
				candidate: '周九',
				channel: '城区',
				message: '周九（城区） 缺少主要事迹'
			})
		]);
	});
});

describe('QUOTA_EXCEEDED', () => {
	it('names the channel, the count and the cap', () => {
		const list = [1, 2, 3, 4].map(() => youth({ channel: '南宁市', field: null, group: '地市' }));
		const r = checkCampaign(guangxi, list);
		const e = only(r.errors, 'QUOTA_EXCEEDED');
		expect(e).toHaveLength(1);
		expect(e[0].message).toBe('南宁市 推荐 4 名，超过上限 3 名');
		expect(e[0].channel).toBe('南宁市');
		expect(e[0].source).toContain('推荐本地区候选人2～3名');
		expect(checkCampaign(guangxi, list.slice(0, 3)).errors).toEqual([]);
	});
	it('caps Jincheng counties at 10', () => {
		const list = Array.from({ length: 11 }, () => youth());
		expect(only(checkCampaign(jincheng, list).errors, 'QUOTA_EXCEEDED')[0].message).toBe(
			'城区 推荐 11 名，超过上限 10 名'
		);
		expect(checkCampaign(jincheng, list.slice(1)).errors).toEqual([]);
	});
	it('gives a channel type the notice does not provide no places', () => {
		const r = checkCampaign(jincheng, [youth({ channel: '某军工企业', channelType: '军工' })]);
		expect(only(r.errors, 'QUOTA_EXCEEDED')[0].message).toBe(
			'某军工企业 推荐 1 名，但通知未给“军工”类推荐渠道分配名额（上限 0 名）'
		);
	});
});

describe('QUOTA_SHORT', () => {
	it('is an error below the minimum and a warning for a silent channel', () => {
		const r = checkCampaign(guangxi, [youth({ channel: '南宁市', field: null, group: '地市' })]);
		expect(only(r.errors, 'QUOTA_SHORT').map((i) => i.message)).toEqual(['南宁市 推荐 1 名，少于应推荐的 2 名']);
		const silent = only(r.warnings, 'QUOTA_SHORT');
		expect(silent).toHaveLength(13);
		expect(silent.map((i) => i.message)).toContain('柳州市 未推荐候选人（应推荐 2–3 名）');
	});
	it('requires exactly five from an Inner Mongolia 盟市', () => {
		const three = [youth({ channel: '包头市' }), cand({ channel: '包头市' }), cand({ channel: '包头市' })];
		const r = checkCampaign(neimenggu, three);
		expect(only(r.errors, 'QUOTA_SHORT').map((i) => i.message)).toEqual(['包头市 推荐 3 名，少于应推荐的 5 名']);
		expect(only(r.warnings, 'QUOTA_SHORT').find((i) => i.channel === '兴安盟')!.message).toBe(
			'兴安盟 未推荐候选人（应推荐 5 名）'
		);
		const five = [...three, cand({ channel: '包头市' }), cand({ channel: '包头市' })];
		expect(checkCampaign(neimenggu, five).errors).toEqual([]);
	});
});

describe('YOUTH_SHARE_LOW', () => {
	it('fails below 20 % under 45 and passes at exactly 20 %', () => {
		const low = checkCampaign(jincheng, [youth(), cand(), cand(), cand(), cand(), cand()]);
		expect(low.youthShare).toBe(0.1667);
		expect(only(low.errors, 'YOUTH_SHARE_LOW')).toEqual([
			{
				code: 'YOUTH_SHARE_LOW',
				message: '45岁以下青年科技工作者 1 名，占推荐人选 6 名的 16.7%，低于 20% 的要求（至少应有 2 名）',
				source:
					'晋市科协发〔2023〕9号 三、活动安排 1：推荐人选要突出基层一线，特别是聚焦青年科技工作者典型，45岁以下的科技工作者不少于20%'
			}
		]);
		expect(only(checkCampaign(jincheng, [youth(), cand(), cand(), cand(), cand()]).errors, 'YOUTH_SHARE_LOW')).toEqual(
			[]
		);
	});
	it('counts a 45-year-old as youth: “45岁以下” includes 45, cut-off 1978年4月11日以后出生', () => {
		const onBirthday = [cand({ birth: '1978-04-11' }), cand(), cand(), cand(), cand()];
		const r = checkCampaign(jincheng, onBirthday);
		expect(r.errors).toEqual([]);
		expect(r.youthCutoff).toBe('1978-04-11');
		expect(r.youthCutoffText).toBe('1978年4月11日以后出生');
		const dayBefore = [cand({ birth: '1978-04-10' }), cand(), cand(), cand(), cand()];
		expect(codes(checkCampaign(jincheng, dayBefore).errors)).toEqual(['YOUTH_SHARE_LOW']);
	});
	it('lets the office set the cut-off as a birth date', () => {
		const office = { ...jincheng, intake: { ...jincheng.intake, youthBornOnOrAfter: '1978-05-01' } };
		const list = [cand({ birth: '1978-04-11' }), cand(), cand(), cand(), cand()];
		const r = checkCampaign(office, list);
		expect(codes(r.errors)).toEqual(['YOUTH_SHARE_LOW']);
		expect(r.youthCutoffText).toBe('1978年5月1日以后出生');
	});
	it('judges a month-only birth at the month boundary, with a note', () => {
		const r = checkCampaign(jincheng, [cand({ name: '月生', birth: '1978-04' }), cand(), cand(), cand(), cand()]);
		expect(r.errors).toEqual([]);
		expect(r.notes).toEqual([
			expect.objectContaining({
				candidate: '月生',
				message: expect.stringContaining('按月份判断计为青年（1978年4月11日以后出生）')
			})
		]);
		const march = checkCampaign(jincheng, [cand({ birth: '1978-03' }), cand(), cand(), cand(), cand()]);
		expect(codes(march.errors)).toEqual(['YOUTH_SHARE_LOW']);
		expect(march.notes).toBeUndefined();
	});
	it('does not apply where the notice sets no share', () => {
		const r = checkCampaign(guangxi, [
			cand({ channel: '广西医学会', channelType: '学会', field: null, group: '医科' })
		]);
		expect(r.youthShare).toBe(0);
		expect(codes(r.errors)).not.toContain('YOUTH_SHARE_LOW');
	});
});

describe('CHANNEL_YOUTH_MISSING', () => {
	const five = (birth0: string) => [
		cand({ channel: '包头市', birth: birth0 }),
		...[1, 2, 3, 4].map(() => cand({ channel: '包头市' }))
	];
	it('requires one under 45 in each 盟市', () => {
		const r = checkCampaign(neimenggu, five('1978-06-11')); // 45 and a day on 2023-06-12
		expect(only(r.errors, 'CHANNEL_YOUTH_MISSING')).toEqual([
			expect.objectContaining({
				channel: '包头市',
				message: '包头市 推荐的 5 名候选人中45岁以下青年科技工作者 0 名，少于要求的 1 名'
			})
		]);
		expect(checkCampaign(neimenggu, five('1978-06-12')).errors).toEqual([]); // 45 that day: youth
	});
	it('applies to regional enterprises too', () => {
		const r = checkCampaign(neimenggu, [cand({ channel: '包钢集团', channelType: '企业' })]);
		expect(only(r.errors, 'CHANNEL_YOUTH_MISSING')[0].channel).toBe('包钢集团');
		expect(checkCampaign(neimenggu, [youth({ channel: '包钢集团', channelType: '企业' })]).errors).toEqual([]);
		expect(checkCampaign(neimenggu, [cand({ channel: '内蒙古农学会', channelType: '学会' })]).errors).toEqual([]);
	});
});
