// 晋市科协发〔2023〕9号 — 2023年“晋城最美科技工作者”学习宣传活动.
import { FIELDS } from '../../types';
import { quotas, quota, regionChannels, rubric, src, type Preset } from './common';

const DOC = '晋市科协发〔2023〕9号';

const MATERIALS = src(
	DOC,
	'五、有关要求 4：推荐材料要客观、准确、完整，包括：《2023年“晋城最美科技工作者”推荐表》；《2023年“晋城最美科技工作者”推荐人选汇总表》'
);

const OTHERS = src(
	DOC,
	'三、活动安排 1：市级学会、企业科协、高校科协和市直有关单位直接报送市科协，每个单位推荐候选人不超过2名'
);

export const jincheng2023: Preset = {
	id: 'jincheng-2023',
	name: '2023年“晋城最美科技工作者”学习宣传活动',
	noticeTitle: '关于开展2023年“晋城最美科技工作者”学习宣传活动的通知',
	presetId: 'jincheng-2023',
	level: '市级',
	region: '晋城市',
	hosts: ['中共晋城市委宣传部', '晋城市科协', '晋城市科技局'],
	document: DOC,
	referenceDate: '2023-04-11', // date printed at the end of the notice
	classification: 'field',
	fields: [...FIELDS],
	channelQuotas: [
		quota('地区', 0, 10, 0, src(DOC, '三、活动安排 1：每个县（市、区）科协联合党委宣传部、科技局推荐候选人不超过10名')),
		// 市直有关单位 covers both city departments (厅局) and city research institutes (科研院所).
		...quotas(['学会', '企业', '高校', '厅局', '科研院所'], 0, 2, 0, OTHERS)
		// No 军工 channel: the notice lists none and all nominees must come through the listed channels.
	],
	// The six county-level divisions plus the 晋城经济技术开发区, which the city treats as a
	// county-level nominating area.
	channels: regionChannels(['城区', '泽州县', '高平市', '阳城县', '陵川县', '沁水县', '晋城经济技术开发区']),
	channelsSource: src(DOC, '三、活动安排 1：所有候选人均应通过上述推荐渠道产生'),
	youthAge: 45,
	youthShareMin: 0.2,
	youthShareSource: src(
		DOC,
		'三、活动安排 1：推荐人选要突出基层一线，特别是聚焦青年科技工作者典型，45岁以下的科技工作者不少于20%'
	),
	excludedCategories: ['现役军人', '公务员', '参公管理'],
	excludedSource: src(DOC, '四、推选条件 3：（不包括现役军人、公务员和参照公务员法管理的党政机关行政工作人员）'),
	priorTitleBlocks: true,
	priorTitleSource: src(
		DOC,
		'四、推选条件 4：获得以往“最美科技人”“最美科技工作者”称号的原则上不建议推荐，且不接受个人申报'
	),
	selfNominationAllowed: false,
	mustWorkInRegion: false,
	textLimits: { deeds: 1500, story: 1000, awards: 5 },
	textLimitsSource: src(
		DOC,
		'附件1 填表说明 8：主要事迹：1500字左右，感人故事：1000字以内，……所获重要奖励（近5年内获得的5项以内）'
	),
	intake: {
		youthCutoffBasis: '“45岁以下”含45岁（民法典 第1259条），自通知落款日期2023年4月11日起算',
		priorTitles: [
			{
				titles: '以往“最美科技人”“最美科技工作者”称号',
				severity: 'warning',
				source: src(DOC, '四、推选条件 4：获得以往“最美科技人”“最美科技工作者”称号的原则上不建议推荐')
			}
		],
		selfNominationSource: src(
			DOC,
			'四、推选条件 4：获得以往“最美科技人”“最美科技工作者”称号的原则上不建议推荐，且不接受个人申报'
		),
		// No refusal clause: a late file is a warning.
		deadline: {
			date: '2023-04-20',
			refuse: false,
			source: src(
				DOC,
				'五、有关要求 4 申报要求：2023年4月20日前，各县（市、区）科协（需征求相关联合主办单位意见）、市级学会、企业科协、高校科协和市直有关单位将推荐材料（电子版）报送市科协学会部'
			)
		},
		attachments: {
			photos: {
				formats: ['jpg'],
				minBytes: 2 * 1024 * 1024,
				naming: true,
				work: { min: 3, max: 5 },
				source: src(
					DOC,
					'五、有关要求 4：推荐人选小2寸正面免冠彩色照片及体现先进事迹的生活或工作照片 3—5 张（JPG格式，不小于 2MB，用姓名+序号作为照片名）'
				)
			},
			documents: [
				{ name: '推荐表', per: 'candidate', keywords: ['推荐表'], source: MATERIALS },
				{ name: '推荐人选汇总表', per: 'channel', keywords: ['汇总表'], source: MATERIALS }
			]
		}
	},
	tiers: [
		{ name: '最美科技工作者', size: 10 },
		{ name: '优秀科技工作者', size: 10 },
		// “经公示无异议后……并作为2023年山西‘最美科技工作者’晋城市推荐人选”: all ten 最美 go up.
		{ name: '推荐参加上级评选', size: 10, subsetOf: '最美科技工作者' }
	],
	// No balance target for the final list: the notice's “45岁以下的科技工作者不少于20%” and “突出基层一线”
	// are said of the nominees (推荐人选) and are checked at intake. The office adds its own on the
	// selection page; Laurel invents none.
	targets: [],
	selectionSource: src(
		DOC,
		'三、活动安排 2：组织专家对候选人进行遴选，拟选出10名“晋城最美科技工作者”，10名“晋城市优秀科技工作者”建议人选'
	),
	noticeSubject: {
		text: '建议人选',
		source: src(DOC, '三、活动安排 2：建议人选在市科协官方网站和“晋城科协”微信公众号进行公示')
	},
	summarySheet: {
		title: '2023年“晋城最美科技工作者”候选人汇总表',
		unitLabel: '推荐单位：',
		columns: ['seq', 'name', 'gender', 'ethnicity', 'party', 'birth', 'unitAndTitle', 'specialty', 'remarks'],
		source: src(DOC, '附件2：2023年“晋城最美科技工作者”候选人汇总表'),
		upperTitle: '2023年山西“最美科技工作者”晋城市推荐人选汇总表'
	},
	publicNoticeWorkdays: 5,
	rubric: rubric(
		'长期从事科学研究、科学普及、科技创新、科技推广、科技成果转化、科技助力乡村振兴、医疗卫生、公众科学素质提升等科技事业，得到社会广泛认可。',
		'适合公开宣传，有突出的先进性、代表性和影响力；事迹客观真实，能讲好新时代科技工作者的感人故事。',
		'坚持“四个面向”，扎根基层一线，在本地区本行业有示范带动作用，能引领和激励广大科技工作者学习“最美”、争当“最美”。'
	)
};
