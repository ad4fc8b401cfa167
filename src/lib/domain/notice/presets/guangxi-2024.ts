// 2024年广西“最美科技工作者”选树宣传活动. The notice has no 文号; its title stands in.
import { GROUPS } from '../../types';
import { MERIT_FOUR_FACINGS, quotas, quota, regionChannels, rubric, src, type Preset } from './common';

const TITLE = '自治区党委宣传部 自治区科协等六部门关于开展2024年广西“最美科技工作者”选树宣传活动的通知';
const DOC = TITLE;
const NOMINATE = '三、活动安排（二）组织推荐：';
/** 推荐表 cover page: the notice's own 推荐领域 (beside the national five). */
export const GUANGXI_FIELDS = [
	'解决重大科学问题，突破关键核心技术',
	'科技服务民生',
	'长期服务基层一线及老少边穷地区（市、县及以下）',
	'促进科技成果转化应用',
	'其他突出贡献、典型事迹'
] as const;

export const guangxi2024: Preset = {
	id: 'guangxi-2024',
	name: '2024年广西“最美科技工作者”选树宣传活动',
	noticeTitle: TITLE,
	presetId: 'guangxi-2024',
	level: '自治区级',
	region: '广西壮族自治区',
	hosts: [
		'广西壮族自治区党委宣传部',
		'广西壮族自治区科协',
		'广西壮族自治区科技厅',
		'广西壮族自治区工业和信息化厅',
		'广西科学院',
		'广西农业科学院'
	],
	document: DOC,
	referenceDate: '2024-03-11', // date printed at the end of the notice
	// The 推荐表 classifies by 推荐组别 (理科 … 地市); city nominees all tick 地市 (填表说明 5).
	classification: 'group',
	fields: [...GROUPS],
	channelQuotas: [
		quota(
			'地区',
			2,
			3,
			0,
			src(DOC, `${NOMINATE}各设区市由市科协联合市委宣传部、科技局、工业和信息化局等单位推荐本地区候选人2～3名`)
		),
		...quotas(
			['学会', '高校', '企业'],
			1,
			2,
			0,
			src(
				DOC,
				`${NOMINATE}自治区科协所属各自治区级学会（协会、研究会）、高校科协、企业（园区）科协推荐本学科领域候选人1～2名`
			)
		),
		...quotas(
			['厅局', '科研院所'],
			1,
			2,
			0,
			src(DOC, `${NOMINATE}自治区各有关厅局、自治区级有关科研院所推荐本系统、本单位候选人1～2名`)
		)
		// No 军工 channel in this notice.
	],
	channels: regionChannels([
		'南宁市',
		'柳州市',
		'桂林市',
		'梧州市',
		'北海市',
		'防城港市',
		'钦州市',
		'贵港市',
		'玉林市',
		'百色市',
		'贺州市',
		'河池市',
		'来宾市',
		'崇左市'
	]),
	channelsSource: src(DOC, `${NOMINATE}所有候选人均应通过上述推荐渠道产生，不接受个人申请`),
	youthAge: 45,
	// “特别是青年科技工作者、女性科技工作者典型” is an emphasis, not a share.
	youthShareMin: 0,
	// “各级党政机关工作人员” covers civil servants and staff managed as such.
	excludedCategories: ['公务员', '参公管理', '科协专职', '现役军人', '离退休', '已故'],
	excludedSource: src(
		DOC,
		'四、遴选标准（二）：推荐人选为目前在广西工作的科技工作者（含区外引进），不包括各级党政机关工作人员、基层科协组织专职工作人员、现役军人、离退休科技工作者及不在世科技工作者'
	),
	priorTitleBlocks: true,
	priorTitleSource: src(DOC, `${NOMINATE}已获得全国、自治区“最美”系列称号的科技工作者原则上不再推荐`),
	selfNominationAllowed: false,
	mustWorkInRegion: true,
	// The form asks for no award list; 5 follows the national template.
	textLimits: { deeds: 1500, story: 1000, awards: 5 },
	textLimitsSource: src(DOC, '附件 填表说明 9：主要事迹1500字左右，感人故事1000字以内'),
	intake: {
		youthCutoffBasis: '“45岁以下”含45岁（民法典 第1259条），自通知落款日期2024年3月11日起算',
		priorTitles: [
			{
				titles: '全国、自治区“最美”系列称号',
				severity: 'warning',
				source: src(DOC, `${NOMINATE}已获得全国、自治区“最美”系列称号的科技工作者原则上不再推荐`)
			}
		],
		selfNominationSource: src(DOC, `${NOMINATE}所有候选人均应通过上述推荐渠道产生，不接受个人申请`),
		regionSource: src(DOC, '四、遴选标准（二）：推荐人选为目前在广西工作的科技工作者（含区外引进）'),
		groupRule: {
			regionGroup: '地市',
			source: src(
				DOC,
				'附件 填表说明 5：各设区市推荐对象统一勾选“地市”，其他渠道推荐对象根据所学专业及从事的工作勾选相应学科类别'
			)
		},
		// The cover page's own 推荐领域 list, accepted beside the national five; panels use 推荐组别.
		localFields: {
			values: [...GUANGXI_FIELDS],
			source: src(
				DOC,
				'附件 样表 封面：推荐领域：□解决重大科学问题，突破关键核心技术□科技服务民生□长期服务基层一线及老少边穷地区（市、县及以下）□促进科技成果转化应用□其他突出贡献、典型事迹'
			)
		},
		deadline: {
			date: '2024-03-26',
			refuse: false,
			source: src(DOC, '六、推荐材料报送要求（一）电子材料报送要求：3月26日24时前，登录“广西科技工作者之家”')
		},
		attachments: {
			photos: {
				formats: ['jpg'],
				minBytes: 2 * 1024 * 1024,
				naming: true,
				work: { min: 2, max: 3 },
				source: src(
					DOC,
					'六、推荐材料报送要求（一）1：小2寸正面免冠彩色照片以及体现先进事迹的生活或工作照片2—3张（照片仅提供jpg格式，不小于2MB，用姓名+序号作为照片名）'
				)
			},
			documents: [
				{
					name: '推荐表',
					per: 'candidate',
					keywords: ['推荐表'],
					source: src(
						DOC,
						'六、推荐材料报送要求（一）1：推荐人选在系统提交材料包括《2024年广西“最美科技工作者”推荐表》'
					)
				},
				{
					name: '廉政鉴定意见',
					per: 'candidate',
					keywords: ['廉政'],
					source: src(DOC, '六、推荐材料报送要求（一）2：②按照干部管理权限，出具推荐人选廉政鉴定意见')
				},
				{
					name: '推荐工作简要情况报告（含公示情况说明）',
					per: 'channel',
					keywords: ['情况报告', '工作报告'],
					source: src(DOC, '六、推荐材料报送要求（一）2：①推荐工作简要情况报告（含公示情况说明），加盖推荐单位公章')
				}
			]
		}
	},
	tiers: [{ name: '最美科技工作者', size: 10 }],
	// No balance target for the final list: “注重向基层一线科技工作者倾斜” and “特别是青年科技工作者、
	// 女性科技工作者典型” are said of the nominating and set no number. The office adds its own.
	targets: [],
	selectionSource: src(DOC, '三、活动安排（三）：组织专家对候选人进行多轮评选，最终确定10位2024年广西“最美科技工作者”'),
	noticeSubject: {
		text: '拟确定人选',
		source: src(DOC, '三、活动安排（三）：最终确定10位2024年广西“最美科技工作者”，经公示无异议后公布遴选结果')
	},
	// The notice has no 汇总表 (nominations go through the 评审系统): the national columns.
	summarySheet: {
		title: '2024年广西“最美科技工作者”候选人汇总表',
		unitLabel: '推荐单位：',
		columns: ['seq', 'name', 'gender', 'ethnicity', 'party', 'birth', 'unitAndTitle', 'specialty', 'remarks']
	},
	publicNoticeWorkdays: 5,
	rubric: rubric(
		MERIT_FOUR_FACINGS.replace('服务社会，', '服务社会，长期奋战在基层一线和老少边穷地区，'),
		'适合公开宣传，有突出的先进性、代表性和影响力；讲好广西科技工作者故事。',
		'面向基层，突出基层一线，特别是青年科技工作者、女性科技工作者典型；在建设新时代中国特色社会主义壮美广西中发挥示范引领作用。'
	)
};
