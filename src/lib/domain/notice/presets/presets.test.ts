import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS, PRESET_IDS, getPreset, presetConfig } from './';
import type { CampaignConfig, ChannelType } from '../../types';
import { FIELDS, GROUPS } from '../../types';

function typeQuota(config: CampaignConfig, type: ChannelType) {
	return config.channelQuotas.find((q) => q.type === type);
}
function regions(config: CampaignConfig) {
	return config.channels.filter((c) => c.type === '地区').map((c) => c.name);
}
function q(config: CampaignConfig, type: ChannelType) {
	const t = typeQuota(config, type);
	return t ? [t.min, t.max, t.minYouth] : null;
}

describe('preset registry', () => {
	it('lists the five notices', () => {
		expect([...PRESET_IDS]).toEqual([
			'jincheng-2023',
			'qinghai-2023',
			'hengshui-2022',
			'neimenggu-2023',
			'guangxi-2024'
		]);
		for (const id of PRESET_IDS) {
			expect(PRESETS[id].id).toBe(id);
			expect(PRESETS[id].presetId).toBe(id);
		}
	});
	it('returns undefined or throws for an unknown id', () => {
		expect(getPreset('nope')).toBeUndefined();
		expect(getPreset('toString')).toBeUndefined();
		expect(() => presetConfig('nope')).toThrow(/未知的活动预设/);
	});
	it('hands out deep copies without the display keys', () => {
		const a = presetConfig('guangxi-2024');
		a.channels[0].max = 99;
		a.channelQuotas[0].source!.clause = 'changed';
		a.tiers.length = 0;
		const b = presetConfig('guangxi-2024');
		expect(b.channels[0].max).toBeUndefined();
		expect(b.channelQuotas[0].source!.clause).toContain('2～3名');
		expect(b.tiers.length).toBeGreaterThan(0);
		expect(PRESETS['guangxi-2024'].channels[0].max).toBeUndefined();
		expect('name' in b || 'noticeTitle' in b || 'id' in b).toBe(false);
	});
	it('gives every preset a 40/30/30 rubric, youth age 45 and 5 workdays of 公示', () => {
		for (const id of PRESET_IDS) {
			const c = presetConfig(id);
			expect(c.rubric.map((r) => [r.key, r.name, r.max])).toEqual([
				['merit', '业绩突出', 40],
				['story', '事迹感人', 30],
				['exemplary', '示范引领', 30]
			]);
			expect(c.rubric.every((r) => r.description.length > 20)).toBe(true);
			expect(c.youthAge).toBe(45);
			expect(c.publicNoticeWorkdays).toBe(5);
			expect(c.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(c.textLimits.deeds).toBe(1500);
			expect(new Set(c.channels.map((ch) => ch.name)).size).toBe(c.channels.length);
			// no notice sets a balance target for the final list (presets-selection.test.ts)
			expect(c.targets).toEqual([]);
		}
	});
});

describe('jincheng-2023', () => {
	const c = presetConfig('jincheng-2023');
	it('encodes 晋市科协发〔2023〕9号', () => {
		expect(c.document).toBe('晋市科协发〔2023〕9号');
		expect(c.level).toBe('市级');
		expect(c.referenceDate).toBe('2023-04-11');
		expect(c.hosts).toEqual(['中共晋城市委宣传部', '晋城市科协', '晋城市科技局']);
		expect(c.classification).toBe('field');
		expect(c.fields).toEqual([...FIELDS]);
	});
	it('caps a county at 10 and every other unit at 2', () => {
		expect(q(c, '地区')).toEqual([0, 10, 0]);
		for (const t of ['学会', '企业', '高校', '厅局'] as ChannelType[]) expect(q(c, t)).toEqual([0, 2, 0]);
		expect(q(c, '军工')).toBeNull();
		expect(typeQuota(c, '地区')!.source!.clause).toContain(
			'每个县（市、区）科协联合党委宣传部、科技局推荐候选人不超过10名'
		);
	});
	it('lists the county-level areas', () => {
		expect(regions(c)).toEqual(['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县', '晋城经济技术开发区']);
	});
	it('has the youth share, exclusions and winners of the notice', () => {
		expect(c.youthShareMin).toBe(0.2);
		expect(c.excludedCategories).toEqual(['现役军人', '公务员', '参公管理']);
		expect(c.priorTitleBlocks).toBe(true);
		expect(c.selfNominationAllowed).toBe(false);
		expect(c.textLimits).toEqual({ deeds: 1500, story: 1000, awards: 5 });
		expect(c.tiers).toEqual([
			{ name: '最美科技工作者', size: 10 },
			{ name: '优秀科技工作者', size: 10 },
			{ name: '推荐参加上级评选', size: 10, subsetOf: '最美科技工作者' }
		]);
	});
});

describe('qinghai-2023', () => {
	const c = presetConfig('qinghai-2023');
	it('encodes 青科协发〔2023〕7号', () => {
		expect(c.document).toBe('青科协发〔2023〕7号');
		expect(c.level).toBe('省级');
		expect(c.referenceDate).toBe('2023-03-06');
		expect(c.hosts).toHaveLength(4);
	});
	it('gives 市州 ≤4, societies/universities/institutes 3, enterprises 2, defence 2', () => {
		expect(q(c, '地区')).toEqual([0, 4, 0]);
		// Allocations, not minimums (“推荐候选人3名”): at most that many, fewer is a warning.
		expect(q(c, '学会')).toEqual([0, 3, 0]);
		expect(q(c, '高校')).toEqual([0, 3, 0]);
		expect(q(c, '科研院所')).toEqual([0, 3, 0]);
		expect(q(c, '企业')).toEqual([0, 2, 0]);
		expect(q(c, '军工')).toEqual([0, 2, 0]);
		expect(c.intake?.allocations?.map((x) => [x.type, x.count])).toEqual([
			['学会', 3],
			['高校', 3],
			['科研院所', 3],
			['企业', 2],
			['军工', 2]
		]);
		expect(c.intake?.youthSharePerChannel).toBe(true);
	});
	it('lists the eight 市州 and the defence office', () => {
		expect(regions(c)).toHaveLength(8);
		expect(regions(c)).toContain('海西蒙古族藏族自治州');
		expect(regions(c)).toContain('西宁市');
		expect(c.channels.filter((ch) => ch.type === '军工').map((ch) => ch.name)).toEqual(['青海省国防科工办']);
	});
	it('excludes only deputy-department civil servants and the military; 10 go to the national round', () => {
		expect(c.youthShareMin).toBe(0.2);
		expect(c.excludedCategories).toEqual(['现役军人', '副厅级以上公务员']);
		expect(c.priorTitleBlocks).toBe(true);
		expect(c.tiers).toEqual([
			{ name: '最美科技工作者', size: 10 },
			{ name: '推荐参加上级评选', size: 10, subsetOf: '最美科技工作者' }
		]);
	});
});

describe('hengshui-2022', () => {
	const c = presetConfig('hengshui-2022');
	it('encodes the Hengshui notice', () => {
		expect(c.document).toContain('2022年衡水市');
		expect(c.level).toBe('市级');
		expect(c.region).toBe('衡水市');
		expect(c.hosts).toContain('衡水市国防科技工业办公室');
	});
	it('gives counties ≤2, city societies ≤1, universities ≤1', () => {
		expect(q(c, '地区')).toEqual([0, 2, 0]);
		expect(q(c, '学会')).toEqual([0, 1, 0]);
		expect(q(c, '高校')).toEqual([0, 1, 0]);
		expect(q(c, '企业')).toBeNull();
	});
	it('lists the eleven counties and districts (plus the two zones)', () => {
		const r = regions(c);
		for (const name of [
			'桃城区',
			'冀州区',
			'枣强县',
			'武邑县',
			'武强县',
			'饶阳县',
			'安平县',
			'故城县',
			'景县',
			'阜城县',
			'深州市'
		])
			expect(r).toContain(name);
		expect(r).toHaveLength(13);
	});
	it('has 20 winners of which 3 go to the province', () => {
		expect(c.tiers).toEqual([
			{ name: '最美科技工作者', size: 20 },
			{ name: '推荐参加上级评选', size: 3, subsetOf: '最美科技工作者' }
		]);
		expect(c.excludedCategories).toEqual(['现役军人', '县处级以上公务员']);
		expect(c.youthShareMin).toBe(0.2);
		expect(c.selfNominationAllowed).toBe(false);
	});
});

describe('neimenggu-2023', () => {
	const c = presetConfig('neimenggu-2023');
	it('encodes 内科协协字〔2023〕30号', () => {
		expect(c.document).toBe('内科协协字〔2023〕30号');
		expect(c.level).toBe('自治区级');
		expect(c.referenceDate).toBe('2023-06-12');
	});
	it('asks each 盟市 for exactly 5 with at least one under 45', () => {
		expect(q(c, '地区')).toEqual([5, 5, 1]);
		expect(regions(c)).toHaveLength(12);
		expect(regions(c)).toEqual(expect.arrayContaining(['呼和浩特市', '兴安盟', '锡林郭勒盟', '阿拉善盟', '乌海市']));
	});
	it('caps societies at 2, enterprises and defence units at 3 with a youth', () => {
		expect(q(c, '学会')).toEqual([0, 2, 0]);
		expect(q(c, '企业')).toEqual([0, 3, 1]);
		expect(q(c, '军工')).toEqual([0, 3, 1]);
	});
	it('sets no campaign-wide share, longer stories and its exclusions', () => {
		expect(c.youthShareMin).toBe(0);
		expect(c.textLimits.story).toBe(2000);
		expect(c.excludedCategories).toEqual(['现役军人', '公务员', '参公管理', '科协专职']);
		expect(c.tiers[0]).toEqual({ name: '最美科技工作者', size: 20 });
		expect(c.tiers[1].subsetOf).toBe('最美科技工作者');
	});
});

describe('guangxi-2024', () => {
	const c = presetConfig('guangxi-2024');
	it('classifies by 推荐组别', () => {
		expect(c.classification).toBe('group');
		expect(c.fields).toEqual([...GROUPS]);
		expect(c.referenceDate).toBe('2024-03-11');
		expect(c.hosts).toHaveLength(6);
	});
	it('asks each city for 2–3 and each other channel for 1–2', () => {
		expect(q(c, '地区')).toEqual([2, 3, 0]);
		for (const t of ['学会', '高校', '企业', '厅局', '科研院所'] as ChannelType[]) expect(q(c, t)).toEqual([1, 2, 0]);
		expect(q(c, '军工')).toBeNull();
		expect(regions(c)).toHaveLength(14);
		expect(regions(c)[0]).toBe('南宁市');
		expect(regions(c)).toContain('崇左市');
	});
	it('requires work in Guangxi and excludes officials, association staff, military, retired and deceased', () => {
		expect(c.mustWorkInRegion).toBe(true);
		expect(c.excludedCategories).toEqual(['公务员', '参公管理', '科协专职', '现役军人', '离退休', '已故']);
		expect(c.youthShareMin).toBe(0);
		expect(c.selfNominationAllowed).toBe(false);
		expect(c.tiers).toEqual([{ name: '最美科技工作者', size: 10 }]);
	});
});

// The quoted sentences must be the notices' own words (whitespace aside), read from the copy in docs/.
const SEEDS = join(process.cwd(), 'docs', 'seeds');
describe('sources quote the notices', () => {
	const squash = (s: string) => s.replace(/\s+/g, '');
	const notices = readdirSync(SEEDS)
		.filter((f) => f.endsWith('.txt'))
		.map((f) => squash(readFileSync(join(SEEDS, f), 'utf8')));
	for (const id of PRESET_IDS) {
		it(id, () => {
			const c = presetConfig(id);
			const i = c.intake ?? {};
			const a = i.attachments ?? {};
			const sources = [
				...c.channelQuotas.map((x) => x.source!),
				c.excludedSource!,
				c.priorTitleSource!,
				...(c.youthShareSource ? [c.youthShareSource] : []),
				// The intake rules (issue 11): titles, self-nomination, region, groups, allocations,
				// deadline, photos, video and documents.
				...(i.priorTitles ?? []).map((t) => t.source),
				...[
					i.selfNominationSource,
					i.regionSource,
					i.groupRule?.source,
					i.localFields?.source,
					i.deadline?.source
				].filter((x) => x !== undefined),
				...(i.allocations ?? []).map((x) => x.source),
				...[a.photos?.source, a.video?.source].filter((x) => x !== undefined),
				...(a.documents ?? []).map((d) => d.source)
			];
			expect(sources.length).toBeGreaterThan(8);
			for (const s of sources) {
				const quote = squash(s.clause.slice(s.clause.indexOf('：') + 1));
				expect(
					notices.some((n) => n.includes(quote)),
					`${id}: ${s.clause}`
				).toBe(true);
			}
		});
	}
});
