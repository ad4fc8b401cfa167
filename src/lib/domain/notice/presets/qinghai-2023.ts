// 青科协发〔2023〕7号 — 2023年青海省“最美科技工作者”学习宣传活动.
import { FIELDS } from '../../types';
import {
	MERIT_FOUR_FACINGS,
	NATIONAL_TEXT_LIMITS,
	quotas,
	quota,
	regionChannels,
	rubric,
	src,
	type Preset
} from './common';

const DOC = '青科协发〔2023〕7号';
const QUOTA = '三、活动安排 2（1）推荐名额：';
const ALLOC_3 = src(
	DOC,
	`${QUOTA}省科协所属各省级学会（协会、研究会）、高校科协和科研院所推荐本学科、本单位“最美科技工作者”候选人3名`
);
const ALLOC_ENTERPRISE = src(DOC, `${QUOTA}企业、园区科协推荐本单位“最美科技工作者”候选人2名`);
const ALLOC_DEFENCE = src(DOC, `${QUOTA}省国防科工办根据我省军工企业推荐情况遴选推荐2名候选人`);
const MATERIALS = src(
	DOC,
	'三、活动安排 2（2）①：《2023年青海省“最美科技工作者”推荐表》2份、《2023青海省“最美科技工作者”候选人政治表现及党风廉政情况意见表》1份、《2023年“最美科技工作者”推荐人选汇总表》1份，推荐工作情况报告1份，须加盖推荐单位公章'
);

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
	// Only the 市州 are capped (“不超过4名”); the other channels are allocated a number of places
	// (“候选人3名”, “候选人2名”): at most that many, fewer is a warning (intake.allocations).
	channelQuotas: [
		quota(
			'地区',
			0,
			4,
			0,
			src(DOC, `${QUOTA}各市州科协联合党委宣传部、科技局等单位推荐本地区“最美科技工作者”候选人不超过4名`)
		),
		...quotas(['学会', '高校', '科研院所'], 0, 3, 0, ALLOC_3),
		quota('企业', 0, 2, 0, ALLOC_ENTERPRISE),
		quota('军工', 0, 2, 0, ALLOC_DEFENCE)
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
	priorTitleSource: src(DOC, `${QUOTA}已获得国家级荣誉表彰、中宣部“最美”系列称号的科技工作者原则上不再推荐`),
	// Silent; nominations go “依靠各级党组织” through the channels, so no self-nomination.
	selfNominationAllowed: false,
	mustWorkInRegion: false,
	// The 推荐表 (附件1) is not reproduced in the notice; the national template's limits apply.
	textLimits: { ...NATIONAL_TEXT_LIMITS },
	textLimitsSource: src(
		DOC,
		'附件1 推荐表（正文未载字数，按全国推荐表：主要事迹1500字左右，感人故事1000字以内，奖励5项以内）'
	),
	intake: {
		youthCutoffBasis: '“45岁以下”含45岁（民法典 第1259条），自通知落款日期2023年3月6日起算',
		priorTitles: [
			{
				titles: '国家级荣誉表彰、中宣部“最美”系列称号',
				severity: 'warning',
				source: src(DOC, `${QUOTA}已获得国家级荣誉表彰、中宣部“最美”系列称号的科技工作者原则上不再推荐`)
			}
		],
		// “推荐候选人3名 / 2名” allocates places; fewer is allowed (a warning), more is not.
		allocations: [
			...(['学会', '高校', '科研院所'] as const).map((type) => ({ type, count: 3, source: ALLOC_3 })),
			{ type: '企业', count: 2, source: ALLOC_ENTERPRISE },
			{ type: '军工', count: 2, source: ALLOC_DEFENCE }
		],
		// “各地方、各学会、各单位推荐人选……不少于20%” is addressed to every nominating body.
		youthSharePerChannel: true,
		deadline: {
			date: '2023-04-07',
			refuse: false,
			source: src(DOC, '三、活动安排 2（2）④：请于4月7日前报送青海省“最美科技工作者”活动办公室')
		},
		attachments: {
			photos: {
				formats: ['jpg'],
				minBytes: 2 * 1024 * 1024,
				naming: true,
				work: { min: 3, max: 5 },
				source: src(
					DOC,
					'三、活动安排 2（2）②：推荐人选近期小2寸正面免冠彩色照片及体现先进事迹的生活或工作照片3—5张，照片请提供jpg格式，不小于2MB，用姓名+序号作为照片名'
				)
			},
			video: {
				formats: ['mp4', 'mov'],
				required: true,
				source: src(DOC, '三、活动安排 2（2）③：体现推荐人选工作生活的视频（MP4或MOV格式，数量不限）')
			},
			documents: [
				{ name: '推荐表（2份）', per: 'candidate', keywords: ['推荐表'], source: MATERIALS },
				{ name: '政治表现及党风廉政情况意见表', per: 'candidate', keywords: ['廉政', '政治表现'], source: MATERIALS },
				{ name: '推荐人选汇总表', per: 'channel', keywords: ['汇总表'], source: MATERIALS },
				{ name: '推荐工作情况报告', per: 'channel', keywords: ['情况报告', '工作报告'], source: MATERIALS }
			]
		}
	},
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
