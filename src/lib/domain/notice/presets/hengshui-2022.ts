// 2022年衡水市“最美科技工作者”学习宣传活动. The notice as published carries no 文号, so its
// title stands in for the document number.
import { FIELDS } from '../../types';
import { NATIONAL_TEXT_LIMITS, quota, regionChannels, rubric, src, type Preset } from './common';

const TITLE = '关于开展2022年衡水市“最美科技工作者”学习宣传活动的通知';
const DOC = TITLE;

export const hengshui2022: Preset = {
	id: 'hengshui-2022',
	name: '2022年衡水市“最美科技工作者”学习宣传活动',
	noticeTitle: TITLE,
	presetId: 'hengshui-2022',
	level: '市级',
	region: '衡水市',
	hosts: ['中共衡水市委宣传部', '衡水市科协', '衡水市科技局', '衡水市国防科技工业办公室'],
	document: DOC,
	// The notice is undated; the only date it prints is the submission deadline “4月20日前”, used here.
	referenceDate: '2022-04-20',
	classification: 'field',
	fields: [...FIELDS],
	channelQuotas: [
		quota(
			'地区',
			0,
			2,
			0,
			src(
				DOC,
				'五、推荐名额：各县市区科协联合党委宣传部、科技局（委）、国防科技工业管理部门共同遴选推荐本市“最美科技工作者”候选人不超过2名'
			)
		),
		quota('学会', 0, 1, 0, src(DOC, '五、推荐名额：市级学会遴选推荐本学科“最美科技工作者”候选人不超过1名')),
		quota('高校', 0, 1, 0, src(DOC, '五、推荐名额：高校科协遴选推荐不超过1名'))
	],
	// The eleven county-level divisions, plus the two functional zones the city administers at
	// county level (高新区, 滨湖新区), which take part in city campaigns as 县市区.
	channels: regionChannels([
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
		'深州市',
		'衡水高新技术产业开发区',
		'衡水滨湖新区'
	]),
	channelsSource: src(DOC, '五、推荐名额：候选人均应通过上述推荐渠道产生'),
	youthAge: 45,
	youthShareMin: 0.2,
	youthShareSource: src(
		DOC,
		'五、推荐名额：推荐人选要突出基层一线，特别是聚焦青年科技工作者典型，45岁以下的青年科技工作者不少于20%'
	),
	// The rank qualifies both civil servants and staff managed as such.
	excludedCategories: ['现役军人', '县处级以上公务员'],
	excludedSource: src(
		DOC,
		'四、遴选标准 3：（不包括现役军人、公务员和参照公务员法管理的党政机关现任县处级以上行政职务者）'
	),
	priorTitleBlocks: true,
	priorTitleSource: src(
		DOC,
		'五、推荐名额：已获得省部级以上荣誉表彰和中央宣传部、省委宣传部、市委宣传部“最美”系列称号的科技人员原则上不再推荐'
	),
	selfNominationAllowed: false, // “不接受个人申报”
	mustWorkInRegion: false,
	// 附件1 推荐表 is not reproduced in the notice; the national template's limits apply.
	textLimits: { ...NATIONAL_TEXT_LIMITS },
	textLimitsSource: src(
		DOC,
		'附件1 推荐表（正文未载字数，按全国推荐表：主要事迹1500字左右，感人故事1000字以内，奖励5项以内）'
	),
	intake: {
		youthCutoffBasis: '“45岁以下”含45岁（民法典 第1259条）；通知未署日期，自报送截止日2022年4月20日起算',
		priorTitles: [
			{
				titles: '省部级以上荣誉表彰和中央宣传部、省委宣传部、市委宣传部“最美”系列称号',
				severity: 'warning',
				source: src(
					DOC,
					'五、推荐名额：已获得省部级以上荣誉表彰和中央宣传部、省委宣传部、市委宣传部“最美”系列称号的科技人员原则上不再推荐'
				)
			}
		],
		selfNominationSource: src(DOC, '五、推荐名额：不接受个人申报'),
		// “逾期不再受理”: a late file is an error.
		deadline: {
			date: '2022-04-20',
			refuse: true,
			source: src(
				DOC,
				'七、材料报送 2 报送时间：请各推荐单位于4月20日前将以上有关纸质材料一式两份（均须加盖公章）和电子版报市科协组宣部。逾期不再受理'
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
					'七、材料报送 1（1）②：推荐人选小二寸正面免冠彩色照片，及体现先进事迹的生活或工作照片3-5张（须提供jpg格式，不小于2MB，用“姓名+序号”作为照片名，报电子版即可）'
				)
			},
			video: {
				formats: ['mp4', 'mov'],
				required: false,
				source: src(DOC, '七、材料报送 1（1）③：有条件的可拍摄3-5分钟的音像短片（MP4或MOV格式，数量不限')
			},
			documents: [
				{
					name: '推荐表（原件2份）',
					per: 'candidate',
					keywords: ['推荐表'],
					source: src(DOC, '七、材料报送 1（1）：①《2022年衡水市“最美科技工作者”推荐表》原件2份')
				},
				{
					name: '推荐人选汇总表',
					per: 'channel',
					keywords: ['汇总表'],
					source: src(DOC, '七、材料报送 1（2）：《2022年衡水市“最美科技工作者”推荐人选汇总表》1份')
				}
			]
		}
	},
	tiers: [
		{ name: '最美科技工作者', size: 20 },
		{ name: '推荐参加上级评选', size: 3, subsetOf: '最美科技工作者' }
	],
	// No numeric target for the final list: “兼顾不同类别、不同年龄的科技工作者” (selectionSource) sets
	// none, and “45岁以下的青年科技工作者不少于20%” is said of the nominees. The office adds its own.
	targets: [],
	selectionSource: src(
		DOC,
		'三、活动安排 3：按照富有先进性、典型性和故事性的原则，兼顾不同类别、不同年龄的科技工作者，确定20名2022年衡水市“最美科技工作者”'
	),
	noticeSubject: { text: '拟确定人选', source: src(DOC, '三、活动安排 3：确定20名2022年衡水市“最美科技工作者”') },
	// 附件2 is named but not reproduced: the national 汇总表 columns.
	summarySheet: {
		title: '2022年衡水市“最美科技工作者”推荐人选汇总表',
		unitLabel: '推荐单位：',
		columns: ['seq', 'name', 'gender', 'ethnicity', 'party', 'birth', 'unitAndTitle', 'specialty', 'remarks'],
		source: src(DOC, '附件2：2022年衡水市“最美科技工作者”推荐人选汇总表'),
		upperTitle: '推荐参加全省“最美科技工作者”选评人选汇总表'
	},
	publicNoticeWorkdays: 5, // the notice asks for 公示 without a duration
	rubric: rubric(
		'面向世界科技前沿、国家重大需求和重点领域重点工作，解决重大科学问题、突破关键核心技术；面向经济主战场、人民生命健康，促进科技成果转化应用、用科技服务民生；长期奋战在基层一线，为脱贫攻坚、乡村振兴、公众科学素质提升作出重要贡献。',
		'适合公开宣传，有突出的先进性、代表性和影响力；富有先进性、典型性和故事性。',
		'扎根基层一线，在服务构建新发展格局、抗击新冠疫情、乡村振兴中发挥示范带动作用，能引导广大科技工作者学习最美、争当最美。'
	)
};
