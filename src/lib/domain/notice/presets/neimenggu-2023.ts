// 内科协协字〔2023〕30号 — 2023年内蒙古“最美科技工作者”学习宣传活动.
import { FIELDS } from '../../types';
import { MERIT_FOUR_FACINGS, quotas, quota, regionChannels, rubric, src, type Preset } from './common';

const DOC = '内科协协字〔2023〕30号';
const QUOTA = '三、活动安排（二）名额分配：';
const MATERIALS = src(
	DOC,
	'三、活动安排（三）1：请填报《2023年“最美科技工作者”推荐表》《2023年“最美科技工作者”候选人汇总表》（见附件1、2）、推荐工作情况报告各1份'
);

export const neimenggu2023: Preset = {
	id: 'neimenggu-2023',
	name: '2023年内蒙古“最美科技工作者”学习宣传活动',
	noticeTitle: '内蒙古自治区党委宣传部 科协 科技厅 国防科工办关于开展2023年“最美科技工作者”学习宣传活动的通知',
	presetId: 'neimenggu-2023',
	level: '自治区级',
	region: '内蒙古自治区',
	hosts: ['内蒙古自治区党委宣传部', '内蒙古自治区科协', '内蒙古自治区科技厅', '内蒙古自治区国防科工办'],
	document: DOC,
	referenceDate: '2023-06-12', // date printed at the end of the notice
	classification: 'field',
	fields: [...FIELDS],
	channelQuotas: [
		// “推荐候选人5名”, against “不超过” for every other channel: exactly five.
		quota(
			'地区',
			5,
			5,
			1,
			src(DOC, `${QUOTA}各盟市推荐候选人5名（不含军工单位），其中45岁以下的青年科技工作者不少于1名`)
		),
		quota('学会', 0, 2, 0, src(DOC, `${QUOTA}各自治区学会、协会、研究会推荐候选人不超过2名`)),
		// 自治区级企事业单位: enterprises, universities and research institutes alike.
		...quotas(
			['企业', '高校', '科研院所'],
			0,
			3,
			1,
			src(DOC, `${QUOTA}各自治区级企事业单位推荐候选人不超过3名，其中需包含1名45岁以下青年科技工作者`)
		),
		quota('军工', 0, 3, 1, src(DOC, `${QUOTA}各军工单位推荐候选人不超过3名，需包含1名45岁以下青年科技工作者`))
	],
	channels: regionChannels([
		'呼和浩特市',
		'包头市',
		'呼伦贝尔市',
		'兴安盟',
		'通辽市',
		'赤峰市',
		'锡林郭勒盟',
		'乌兰察布市',
		'鄂尔多斯市',
		'巴彦淖尔市',
		'乌海市',
		'阿拉善盟'
	]),
	channelsSource: src(DOC, `${QUOTA}各盟市、各自治区学会（协会、研究会）、各自治区级企事业单位、各军工单位`),
	youthAge: 45,
	// No campaign-wide share: the notice sets a youth minimum per channel instead.
	youthShareMin: 0,
	excludedCategories: ['现役军人', '公务员', '参公管理', '科协专职'],
	excludedSource: src(
		DOC,
		'四、遴选标准（三）：（不包括现役军人、公务员和参照公务员法管理的党政机关、基层科协组织专职工作人员）'
	),
	priorTitleBlocks: true,
	priorTitleSource: src(
		DOC,
		`${QUOTA}已获得国家级荣誉表彰、中宣部“最美”系列称号的科技人员原则上不再推荐，已获得内蒙古“最美科技工作者”称号的科技工作者请勿再次推荐`
	),
	selfNominationAllowed: false, // silent; every nomination comes through a channel
	mustWorkInRegion: false,
	// The form asks for awards inside 主要事迹 without a count; 5 follows the national template.
	textLimits: { deeds: 1500, story: 2000, awards: 5 },
	textLimitsSource: src(DOC, '附件1 填表说明 8：主要事迹1500字左右，感人故事2000字以内'),
	intake: {
		youthCutoffBasis: '“45岁以下”含45岁（民法典 第1259条），自通知落款日期2023年6月12日起算',
		priorTitles: [
			{
				titles: '国家级荣誉表彰、中宣部“最美”系列称号',
				severity: 'warning',
				source: src(DOC, `${QUOTA}已获得国家级荣誉表彰、中宣部“最美”系列称号的科技人员原则上不再推荐`)
			},
			// “请勿再次推荐”: an error, recognised where the record names the title.
			{
				titles: '内蒙古“最美科技工作者”称号',
				severity: 'error',
				match: ['内蒙古', '最美科技工作者'],
				source: src(DOC, `${QUOTA}已获得内蒙古“最美科技工作者”称号的科技工作者请勿再次推荐`)
			}
		],
		deadline: {
			date: '2023-07-16',
			refuse: false,
			source: src(
				DOC,
				'三、活动安排（三）报送材料要求：7月16日前，各盟市科协（需征求本地相关联合主办单位意见），各自治区学会、协会、研究会，各自治区企事业单位将推荐材料汇总报送至内蒙古科协'
			)
		},
		attachments: {
			photos: {
				formats: ['jpg'],
				minBytes: 2 * 1024 * 1024,
				naming: true,
				work: { min: 3, max: 5 },
				workLater: true,
				source: src(
					DOC,
					'三、活动安排（三）2：体现先进事迹的生活或工作照片 3—5 张，照片请提供 jpg 格式，不小于 2MB，用姓名+序号作为照片名（参加者可等正式被遴选为“最美科技工作者”候选人再提交生活或工作照片）'
				)
			},
			documents: [
				{ name: '推荐表', per: 'candidate', keywords: ['推荐表'], source: MATERIALS },
				{ name: '候选人汇总表', per: 'channel', keywords: ['汇总表'], source: MATERIALS },
				{ name: '推荐工作情况报告', per: 'channel', keywords: ['情况报告', '工作报告'], source: MATERIALS }
			]
		}
	},
	tiers: [
		{ name: '最美科技工作者', size: 20 },
		// “从中择优推荐候选人参加2023年全国‘最美科技工作者’遴选” names no number; 5 is a
		// placeholder the office adjusts to the national allocation.
		{ name: '推荐参加上级评选', size: 5, subsetOf: '最美科技工作者' }
	],
	// No balance target for the final list: “注重向基层一线科技工作者和青年科技工作者倾斜” is said of
	// the nominating (三、活动安排（一）) and sets no number. The office adds its own targets.
	targets: [],
	selectionSource: src(
		DOC,
		'三、活动安排（四）：组织专家对候选人进行遴选，确定20名候选人为内蒙古自治区2023年“最美科技工作者”'
	),
	noticeSubject: {
		text: '拟确定人选',
		source: src(DOC, '三、活动安排（四）：确定20名候选人为内蒙古自治区2023年“最美科技工作者”')
	},
	// 附件2 adds two columns and has no 备注.
	summarySheet: {
		title: '2023年“最美科技工作者”候选人汇总表',
		unitLabel: '推荐单位（盖章）：',
		columns: [
			'seq',
			'name',
			'gender',
			'ethnicity',
			'party',
			'birth',
			'unitAndTitle',
			'specialty',
			'nationalHonour',
			'discipline'
		],
		source: src(DOC, '附件2：2023年“最美科技工作者”候选人汇总表'),
		upperTitle: '推荐参加2023年全国“最美科技工作者”遴选候选人汇总表'
	},
	publicNoticeWorkdays: 5, // “经公示无异议后公布” without a duration
	rubric: rubric(
		MERIT_FOUR_FACINGS,
		'适合公开宣传，有突出的先进性、代表性和影响力；富有先进性、典型性和故事性，深入挖掘“最美”故事。',
		'面向基层，突出基层一线，特别是青年科技工作者典型；能团结引领科技工作者坚持“四个面向”，学习最美、争当最美。'
	)
};
