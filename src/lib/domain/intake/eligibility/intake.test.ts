// The notices read exactly (issue 11): region, 推荐组别, allocations, rank synonyms, deadlines,
// attachments and which stored nomination an import updates.
import { describe, it, expect } from 'vitest';
import { checkCampaign } from './';
import { matchExcludedCategory, otherProvince } from './rules';
import { checklists, fileProblems, type FileMeta } from './files';
import { matchRecords, recordChanges } from '../match';
import {
	cand as nominee,
	guangxi,
	hengshui,
	jincheng,
	neimenggu,
	only,
	qinghai
} from '../../../../../tests/support/eligibility';
import type { CandidateRecord } from '../../types';

/** The check's nominee born 1990-01, without a 感人故事. */
function cand(over: Partial<CandidateRecord> = {}): CandidateRecord {
	const { story: _story, ...r } = nominee({ birth: '1990-01' });
	return { ...r, ...over };
}
const gx = (over: Partial<CandidateRecord> = {}) => cand({ channel: '南宁市', field: null, group: '地市', ...over });

describe('OUTSIDE_REGION (广西 “推荐人选为目前在广西工作的科技工作者”)', () => {
	it('warns when the unit names another province', () => {
		const r = checkCampaign(guangxi, [
			gx({ name: '甲', unitAndTitle: '广东省农业科学院 研究员' }),
			gx({ unitAndTitle: '北京大学 教授' })
		]);
		expect(r.errors.filter((e) => e.code === 'OUTSIDE_REGION')).toEqual([]);
		const w = only(r.warnings, 'OUTSIDE_REGION');
		expect(w).toHaveLength(2);
		expect(w.find((i) => i.candidate === '甲')!.message).toContain('位于广东省');
		expect(w[0].source).toContain('推荐人选为目前在广西工作的科技工作者（含区外引进）');
	});
	it('leaves units in Guangxi or naming no province alone, and campaigns without the rule', () => {
		expect(otherProvince('广西大学 教授', '广西壮族自治区')).toBeNull();
		expect(otherProvince('中国科学院广西植物研究所', '广西壮族自治区')).toBeNull();
		expect(otherProvince('南宁市第一人民医院 主任医师', '广西壮族自治区')).toBeNull();
		expect(otherProvince('上海交通大学', '广西壮族自治区')).toBe('上海市');
		expect(only(checkCampaign(jincheng, [cand({ unitAndTitle: '北京大学 教授' })]).warnings, 'OUTSIDE_REGION')).toEqual(
			[]
		);
	});
});

describe('GROUP_MISMATCH (广西 填表说明 5)', () => {
	it('errs when a city nominee ticks a discipline or another channel ticks 地市', () => {
		const city = checkCampaign(guangxi, [gx({ name: '甲', group: '工科' }), gx()]);
		expect(only(city.errors, 'GROUP_MISMATCH')).toEqual([
			expect.objectContaining({ candidate: '甲', message: '甲（南宁市） 由设区市推荐，推荐组别应为“地市”，实为“工科”' })
		]);
		expect(only(city.errors, 'GROUP_MISMATCH')[0].source).toContain('各设区市推荐对象统一勾选“地市”');
		const society = checkCampaign(guangxi, [
			cand({ name: '乙', channel: '广西医学会', channelType: '学会', field: null, group: '地市' })
		]);
		expect(only(society.errors, 'GROUP_MISMATCH')[0].message).toBe(
			'乙（广西医学会） 由学会类渠道推荐，应按所学专业勾选学科类别，不能勾选“地市”'
		);
		expect(
			checkCampaign(guangxi, [cand({ channel: '广西医学会', channelType: '学会', field: null, group: '医科' })]).errors
		).toEqual([]);
	});
	it('classifies a row with both 推荐组别 and 推荐领域 by the panels’ 推荐组别', () => {
		const both = [gx({ field: '科技服务民生' }), gx({ field: '前沿' })];
		expect(checkCampaign(guangxi, both).errors).toEqual([]);
		const fieldOnly = checkCampaign(guangxi, [gx({ name: '丙', group: null, field: '科技服务民生' })]);
		expect(only(fieldOnly.errors, 'MISSING_FIELD')[0].message).toContain('缺少推荐组别');
	});
});

describe('allocations are not minimums', () => {
	it('warns when a Qinghai society sends fewer than its allocation of 3', () => {
		const r = checkCampaign(qinghai, [cand({ channel: '青海省医学会', channelType: '学会' })]);
		expect(only(r.errors, 'QUOTA_SHORT')).toEqual([]);
		expect(only(r.warnings, 'QUOTA_SHORT').find((w) => w.channel === '青海省医学会')!.message).toBe(
			'青海省医学会 推荐 1 名，少于分配的 3 名（通知分配名额，可少于此数）'
		);
		const four = [1, 2, 3, 4].map(() => cand({ channel: '青海省医学会', channelType: '学会' }));
		expect(only(checkCampaign(qinghai, four).errors, 'QUOTA_EXCEEDED')[0].message).toBe(
			'青海省医学会 推荐 4 名，超过上限 3 名'
		);
	});
	it('keeps real minimums as errors: 广西 2～3, 内蒙古 盟市 5', () => {
		expect(only(checkCampaign(guangxi, [gx()]).errors, 'QUOTA_SHORT').map((e) => e.message)).toEqual([
			'南宁市 推荐 1 名，少于应推荐的 2 名'
		]);
		const im = [cand({ channel: '包头市' }), cand({ channel: '包头市', birth: '1960-01' })];
		expect(only(checkCampaign(neimenggu, im).errors, 'QUOTA_SHORT').map((e) => e.message)).toEqual([
			'包头市 推荐 2 名，少于应推荐的 5 名'
		]);
	});
	it('warns per channel below Qinghai’s 20 % youth, besides the campaign-wide share', () => {
		const old = (ch: string) => cand({ channel: ch, birth: '1960-01' });
		const list = [
			old('西宁市'),
			old('西宁市'),
			old('西宁市'),
			cand({ channel: '海东市' }),
			cand({ channel: '海东市' })
		];
		const r = checkCampaign(qinghai, list);
		expect(only(r.errors, 'YOUTH_SHARE_LOW')).toEqual([]); // 2 of 5 = 40 %
		expect(only(r.warnings, 'YOUTH_SHARE_LOW')).toEqual([
			expect.objectContaining({
				channel: '西宁市',
				message: '西宁市 推荐的 3 名中45岁以下青年科技工作者 0 名，低于 20%（至少应有 1 名）'
			})
		]);
		expect(
			only(
				checkCampaign(
					jincheng,
					list.map((c) => ({ ...c, channel: '城区' }))
				).warnings,
				'YOUTH_SHARE_LOW'
			)
		).toEqual([]);
	});
});

describe('rank synonyms', () => {
	const hs = (category: string) => matchExcludedCategory(hengshui, category);
	const qh = (category: string) => matchExcludedCategory(qinghai, category);
	it.each(['正处级', '副处级', '县处级', '副县级', '正县级', '副厅级', '正厅级', '司局级', '省部级'])(
		'衡水 “现任县处级以上” excludes a 公务员（%s）',
		(rank) => {
			expect(hs(`公务员（${rank}）`)).toEqual({ excluded: '县处级以上公务员', certain: true });
			expect(hs(`参照公务员法管理、${rank}`)).toEqual({ excluded: '县处级以上公务员', certain: true });
		}
	);
	it.each(['乡科级', '正科级', '副科级', '科员'])('衡水 does not exclude a 公务员（%s）', (rank) => {
		expect(hs(`公务员（${rank}）`)).toBeNull();
	});
	it.each(['副厅级', '正厅级', '司局级', '副司局级', '省部级'])('青海 “副厅级以上” excludes a 公务员（%s）', (rank) => {
		expect(qh(`公务员（${rank}）`)).toEqual({ excluded: '副厅级以上公务员', certain: true });
	});
	it.each(['正处级', '副处级', '县处级', '乡科级'])('青海 does not exclude a 公务员（%s）', (rank) => {
		expect(qh(`公务员（${rank}）`)).toBeNull();
	});
	it('asks to verify an unstated rank, or a rank without 公务员', () => {
		expect(hs('公务员')).toEqual({ excluded: '县处级以上公务员', certain: false, verify: 'rank' });
		expect(hs('副处级')).toEqual({ excluded: '县处级以上公务员', certain: false, verify: 'civil' });
		const r = checkCampaign(hengshui, [cand({ channel: '桃城区', category: '副县级' })]);
		expect(only(r.warnings, 'EXCLUDED_CATEGORY')[0].message).toContain('请核实是否为公务员或参照公务员法管理人员');
	});
	it('ranks the words', () => {
		/** The rank a 公务员's stated level reaches, read off exclusions at each level: -1 below all, 0 unstated. */
		const rankOf = (level: string) => {
			const at = (excluded: string) =>
				matchExcludedCategory({ ...hengshui, excludedCategories: [excluded] }, `公务员（${level}）`);
			const certain = ['省部级以上公务员', '厅局级以上公务员', '县处级以上公务员'].findIndex((x) => at(x)?.certain);
			if (certain >= 0) return 3 - certain;
			return at('县处级以上公务员')?.verify === 'rank' ? 0 : -1;
		};
		expect([rankOf('乡科级'), rankOf('未注明'), rankOf('副县级'), rankOf('司局级'), rankOf('省部级')]).toEqual([
			-1, 0, 1, 2, 3
		]);
	});
});

describe('LATE_SUBMISSION', () => {
	const at = (s: string) => Date.parse(s);
	it('is an error in 衡水 (“逾期不再受理”), the deadline day included', () => {
		const list = [cand({ name: '迟', channel: '桃城区' }), cand({ name: '准', channel: '桃城区' })];
		const r = checkCampaign(hengshui, list, {
			recordedAt: [at('2022-04-21T00:00:00+08:00'), at('2022-04-20T23:59:00+08:00')]
		});
		expect(only(r.errors, 'LATE_SUBMISSION')).toEqual([
			expect.objectContaining({
				candidate: '迟',
				message: expect.stringContaining('晚于报送截止日期 2022年4月20日，通知规定逾期不再受理')
			})
		]);
		expect(only(r.errors, 'LATE_SUBMISSION')[0].source).toContain('逾期不再受理');
	});
	it('is a warning where the notice does not refuse late files', () => {
		const late = { recordedAt: [at('2024-03-27T08:00:00+08:00')] };
		const r = checkCampaign(guangxi, [gx()], late);
		expect(only(r.errors, 'LATE_SUBMISSION')).toEqual([]);
		expect(only(r.warnings, 'LATE_SUBMISSION')).toHaveLength(1);
		expect(checkCampaign(guangxi, [gx()]).warnings.filter((w) => w.code === 'LATE_SUBMISSION')).toEqual([]); // no date known
		// the deadline day (2024-03-26) ends at midnight Beijing time
		const lateAt = (t: string) =>
			only(checkCampaign(guangxi, [gx()], { recordedAt: [at(t)] }).warnings, 'LATE_SUBMISSION');
		expect(lateAt('2024-03-26T23:59:59.999+08:00')).toEqual([]);
		expect(lateAt('2024-03-27T00:00:00+08:00')).toHaveLength(1);
	});
	it('reads a received-date column the office kept, and skips a deadline past before the campaign existed', () => {
		const list = [cand({ name: '收', channel: '桃城区', extra: { 收到日期: '2022-04-19' } })];
		const recorded = { recordedAt: [at('2022-05-01T09:00:00+08:00')] };
		expect(only(checkCampaign(hengshui, list, recorded).errors, 'LATE_SUBMISSION')).toEqual([]);
		const late = [cand({ name: '迟', channel: '桃城区', extra: { 填报日期: '2022年4月21日' } })];
		expect(
			only(checkCampaign(hengshui, late, { recordedAt: [undefined] }).errors, 'LATE_SUBMISSION')[0].message
		).toContain('填报日期为 2022年4月21日');
		const old = checkCampaign(hengshui, late, {
			recordedAt: [at('2026-12-01T09:00:00+08:00')],
			campaignCreatedAt: at('2026-11-30T09:00:00+08:00')
		});
		expect(only(old.errors, 'LATE_SUBMISSION')).toEqual([]);
		expect(old.notes?.[0].message).toContain('报送截止日期 2022-04-20 早于本活动在系统中创建的日期');
	});
	it('has the deadline of each notice', () => {
		expect(jincheng.intake?.deadline).toMatchObject({ date: '2023-04-20', refuse: false });
		expect(qinghai.intake?.deadline).toMatchObject({ date: '2023-04-07', refuse: false });
		expect(hengshui.intake?.deadline).toMatchObject({ date: '2022-04-20', refuse: true });
		expect(neimenggu.intake?.deadline).toMatchObject({ date: '2023-07-16', refuse: false });
		expect(guangxi.intake?.deadline).toMatchObject({ date: '2024-03-26', refuse: false });
	});
});

describe('ATTACHMENT_RULE and the materials checklist', () => {
	const MB = 1024 * 1024;
	const photo = (filename: string, over: Partial<FileMeta> = {}): FileMeta => ({
		kind: 'work_photo',
		filename,
		mime: 'image/jpeg',
		size: 3 * MB,
		...over
	});
	it('checks format, size, naming and count (广西 2—3 jpg, 不小于2MB, 姓名+序号)', () => {
		const rules = guangxi.intake!.attachments!;
		expect(fileProblems(rules, '韦明', [photo('韦明1.jpg'), photo('韦明2.jpg')])).toEqual([]);
		expect(fileProblems(rules, '韦明', [photo('韦明1.png', { mime: 'image/png' }), photo('韦明2.jpg')])).toEqual([
			'工作照“韦明1.png”为 PNG 格式，通知要求 JPG 格式'
		]);
		expect(fileProblems(rules, '韦明', [photo('韦明1.jpg', { size: MB }), photo('韦明2.jpg')])).toEqual([
			'工作照“韦明1.jpg”大小 1MB，通知要求不小于 2MB'
		]);
		expect(fileProblems(rules, '韦明', [photo('IMG_0001.jpg'), photo('韦明2.jpg')])).toEqual([
			'工作照“IMG_0001.jpg”未按“姓名+序号”命名（如 韦明1.jpg）'
		]);
		expect(
			fileProblems(
				rules,
				'韦明',
				[1, 2, 3, 4].map((i) => photo(`韦明${i}.jpg`))
			)
		).toEqual(['工作照 4 张，通知要求 2—3 张']);
		expect(fileProblems(jincheng.intake!.attachments!, '韦明', [photo('韦明1.jpg')])).toEqual([
			'工作照 1 张，少于通知要求的 3—5 张'
		]);
	});
	it('accepts 姓名+序号 spellings', () => {
		/** Whether a 工作照 (number required) or the 2寸照片 (number optional) passes the naming rule. */
		const namedAsRequired = (filename: string, name: string, numberRequired: boolean) =>
			!fileProblems(guangxi.intake!.attachments!, name, [
				photo(filename, { kind: numberRequired ? 'work_photo' : 'portrait' })
			]).some((p) => p.includes('未按“姓名+序号”命名'));
		expect(namedAsRequired('张三1.jpg', '张三', true)).toBe(true);
		expect(namedAsRequired('张三-2.JPG', '张三', true)).toBe(true);
		expect(namedAsRequired('张三（3）.jpg', '张三', true)).toBe(true);
		expect(namedAsRequired('张三.jpg', '张三', true)).toBe(false);
		expect(namedAsRequired('张三.jpg', '张三', false)).toBe(true);
		expect(namedAsRequired('李四1.jpg', '张三', true)).toBe(false);
	});
	it('reports through the check with the notice’s clause', () => {
		const r = checkCampaign(guangxi, [gx({ name: '韦明' })], { files: [[photo('韦明1.png', { mime: 'image/png' })]] });
		const w = only(r.warnings, 'ATTACHMENT_RULE');
		expect(w.map((i) => i.message)).toEqual([
			'韦明（南宁市） 工作照 1 张，少于通知要求的 2—3 张',
			'韦明（南宁市） 工作照“韦明1.png”为 PNG 格式，通知要求 JPG 格式'
		]);
		expect(w[0].source).toContain('照片仅提供jpg格式，不小于2MB');
	});
	it('lists what each candidate and channel still owes (青海 video and 廉政意见表, 推荐工作情况报告)', () => {
		const files: FileMeta[] = [
			{ kind: 'portrait', filename: '才让.jpg', mime: 'image/jpeg', size: 3 * MB },
			{ kind: 'video', filename: '才让.mp4', mime: 'video/mp4', size: 20 * MB },
			{ kind: 'document', filename: '才让 廉政意见表.pdf', mime: 'application/pdf', size: MB },
			{ kind: 'document', filename: '西宁市推荐工作情况报告.pdf', mime: 'application/pdf', size: MB }
		];
		const lists = checklists(qinghai.intake!.attachments, [{ candidate: '才让', channel: '西宁市', files }]);
		const items = Object.fromEntries(lists.candidates[0].items.map((i) => [i.name, i.status]));
		expect(items).toEqual({
			'2寸照片': 'ok',
			工作照: 'missing',
			'视频（MP4或MOV）': 'ok',
			'推荐表（2份）': 'missing',
			政治表现及党风廉政情况意见表: 'ok'
		});
		expect(lists.channels).toEqual([
			{
				channel: '西宁市',
				items: [
					expect.objectContaining({ name: '推荐人选汇总表', status: 'missing' }),
					expect.objectContaining({ name: '推荐工作情况报告', status: 'ok' })
				]
			}
		]);
		// 内蒙古: work photos may follow selection; 衡水: the video is optional.
		const later = checklists(neimenggu.intake!.attachments, [{ candidate: '巴特', channel: '包头市', files: [] }]);
		expect(later.candidates[0].items.find((i) => i.name === '工作照')!.status).toBe('later');
		const hsList = checklists(hengshui.intake!.attachments, [{ candidate: '甲', channel: '桃城区', files: [] }]);
		expect(hsList.candidates[0].items.find((i) => i.name.startsWith('视频'))!.status).toBe('optional');
	});
});

describe('matchRecords (never merged silently)', () => {
	const w = (name: string, birth: string, channel = '南宁市') => ({ name, birth, channel });
	it('keeps two births that differ by a day as two nominations', () => {
		expect(matchRecords([], [w('韦明', '1980-05-12'), w('韦明', '1980-05-20')])).toEqual([null, null]);
		expect(matchRecords([w('韦明', '1980-05-12')], [w('韦明', '1980-05-12'), w('韦明', '1980-05-20')])).toEqual([
			0,
			null
		]);
	});
	it('updates one person whose birth month was corrected', () => {
		expect(matchRecords([w('韦明', '1980-05'), w('黄丽', '1985-01')], [w('韦明', '1980-06')])).toEqual([0]);
		expect(matchRecords([w('韦明', '1980-05')], [w('韦明', '1980-05-12')])).toEqual([0]);
	});
	it('does not guess between namesakes', () => {
		expect(matchRecords([w('韦明', '1980-05'), w('韦明', '1990-01')], [w('韦明', '1981-01')])).toEqual([null]);
		expect(matchRecords([w('韦明', '1980-05')], [w('韦明', '1981-01'), w('韦明', '1982-01')])).toEqual([null, null]);
		expect(matchRecords([w('韦明', '1980-05', '柳州市')], [w('韦明', '1980-06')])).toEqual([null]);
	});
	it('describes the change for the preview', () => {
		const before = cand({ birth: '1980-05' });
		expect(recordChanges(before, { ...before, birth: '1980-06' })).toEqual([
			{ label: '出生年月', before: '1980-05', after: '1980-06' }
		]);
	});
});
