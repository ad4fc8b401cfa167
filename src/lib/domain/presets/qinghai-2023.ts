// 青科协发〔2023〕7号 — 2023年青海省“最美科技工作者”学习宣传活动.
import { FIELDS } from '../types';
import {
	MERIT_FOUR_FACINGS,
	NATIONAL_TEXT_LIMITS,
	fieldCoverage,
	quotas,
	quota,
	regionChannels,
	rubric,
	src,
	type Preset
} from './common';

const DOC = '青科协发〔2023〕7号';
const QUOTA = '三、活动安排 2（1）推荐名额：';

export const qinghai2023: Preset = {
	id: 'qinghai-2023',
	name: '2023年青海省“最美科技工作者”学习宣传活动',
	noticeTitle:
		'中共青海省委宣传部 青海省科协 青海省科技厅 青海省国防科工办关于开展2023年“最美科技工作者”学习宣传活动的通知',
	presetId: 'qinghai-2023',
	level: '省级',
	region: '青海省',
	hosts: ['中共青海省委宣传部', '青海省科协', '青海省科技厅', '青海省国防科工办'],
	document: DOC,
	referenceDate: '2023-03-06', // date printed at the end of the notice
	classification: 'field',
	fields: [...FIELDS],
	// Only the 市州 are capped (“不超过4名”); the other channels are given a number of places
	// (“候选人3名”, “候选人2名”), read literally as exactly that many, like Inner Mongolia's 盟市.
	channelQuotas: [
		quota(
			'地区',
			0,
			4,
			0,
			src(DOC, `${QUOTA}各市州科协联合党委宣传部、科技局等单位推荐本地区“最美科技工作者”候选人不超过4名`)
		),
		...quotas(
			['学会', '高校', '科研院所'],
			3,
			3,
			0,
			src(
				DOC,
				`${QUOTA}省科协所属各省级学会（协会、研究会）、高校科协和科研院所推荐本学科、本单位“最美科技工作者”候选人3名`
			)
		),
		quota('企业', 2, 2, 0, src(DOC, `${QUOTA}企业、园区科协推荐本单位“最美科技工作者”候选人2名`)),
		quota('军工', 2, 2, 0, src(DOC, `${QUOTA}省国防科工办根据我省军工企业推荐情况遴选推荐2名候选人`))
	],
	channels: [
		...regionChannels([
			'西宁市',
			'海东市',
			'海北藏族自治州',
			'黄南藏族自治州',
			'海南藏族自治州',
			'果洛藏族自治州',
			'玉树藏族自治州',
			'海西蒙古族藏族自治州'
		]),
		// The defence office is the single 军工 channel: military enterprises go through it.
		{ name: '青海省国防科工办', type: '军工' }
	],
	channelsSource: src(DOC, `${QUOTA}各市州、省级学会、高校科协和科研院所、企业（园区）科协、省国防科工办`),
	youthAge: 45,
	youthShareMin: 0.2,
	youthShareSource: src(
		DOC,
		'四、遴选标准 4：推荐人选要突出基层一线，特别是聚焦青年科技工作者典型，推荐人选中45岁以下的青年科技工作者不少于20%'
	),
	// “公务员和参照公务员法管理的党政机关现任副厅级以上行政职务者”: the rank applies to both, so
	// ordinary civil servants are not excluded here (the check asks to verify the rank).
	excludedCategories: ['现役军人', '副厅级以上公务员'],
	excludedSource: src(
		DOC,
		'四、遴选标准 3：（不包括现役军人、公务员和参照公务员法管理的党政机关现任副厅级以上行政职务者）'
	),
	priorTitleBlocks: true,
	priorTitleSource: src(
		DOC,
		`${QUOTA}已获得国家级荣誉表彰、中宣部“最美”系列称号的科技工作者原则上不再推荐`
	),
	// Silent; nominations go “依靠各级党组织” through the channels, so no self-nomination.
	selfNominationAllowed: false,
	mustWorkInRegion: false,
	// The 推荐表 (附件1) is not reproduced in the notice; the national template's limits apply.
	textLimits: { ...NATIONAL_TEXT_LIMITS },
	textLimitsSource: src(
		DOC,
		'附件1 推荐表（正文未载字数，按全国推荐表：主要事迹1500字左右，感人故事1000字以内，奖励5项以内）'
	),
	tiers: [
		{ name: '最美科技工作者', size: 10 },
		// “遴选确定10位……同时推荐为2023年全国‘最美科技工作者’候选人”.
		{ name: '推荐参加上级评选', size: 10, subsetOf: '最美科技工作者' }
	],
	// No balance target for the final list: “推荐人选中45岁以下的青年科技工作者不少于20%” is said of the
	// nominees and “注重向基层一线和青年科技工作者倾斜” of the nominating (三、活动安排 2). The office
	// adds its own targets on the selection page.
	targets: [],
	selectionSource: src(DOC, '三、活动安排 3：组成评审组对候选人进行评选，遴选确定10位2023年青海省“最美科技工作者”'),
	// The notice describes no 公示 of the winners; it calls them 遴选确定 — the 公示 names them 拟确定人选.
	noticeSubject: { text: '拟确定人选', source: src(DOC, '三、活动安排 3：遴选确定10位2023年青海省“最美科技工作者”') },
	// 附件3 is named but not reproduced in the notice: the national 汇总表 columns.
	summarySheet: {
		title: '2023年青海省“最美科技工作者”候选人汇总表',
		unitLabel: '推荐单位：',
		columns: ['seq', 'name', 'gender', 'ethnicity', 'party', 'birth', 'unitAndTitle', 'specialty', 'remarks'],
		source: src(DOC, '附件：3.2023年青海省“最美科技工作者”候选人汇总表'),
		upperTitle: '2023年全国“最美科技工作者”候选人汇总表'
	},
	publicNoticeWorkdays: 5, // the notice asks for 公示 without a duration
	rubric: rubric(
		MERIT_FOUR_FACINGS,
		'适合公开宣传，有突出的先进性、代表性和影响力；立得住、信得过、靠得牢、叫得响，富有故事性。',
		'面向基层，扎根基层一线；在基础理论研究和生态文明高地、产业“四地”建设中发挥示范带动作用，能激励科技工作者学习“最美”、争当“最美”。'
	)
};
