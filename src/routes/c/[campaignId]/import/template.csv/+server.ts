// The nomination CSV template: the headers of CONTRACTS.md and one example row that fits the
// campaign (its first channel, its first field or group). UTF-8 with BOM so that Excel opens it.
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { configOf } from '$lib/server/services/campaigns';
import { toCsv } from '$lib/domain/formats/csv-safe';
import { fieldFullName } from '$lib/domain/intake/nomination-format';
import { attachmentDisposition as attachment } from '$lib/server/exports';

const HEADERS = [
	'序号',
	'姓名',
	'性别',
	'民族',
	'政治面貌',
	'出生年月',
	'工作单位及职务职称',
	'专业专长',
	'推荐领域',
	'推荐组别',
	'推荐单位',
	'渠道类型',
	'基层一线',
	'曾获最美称号',
	'人员类别',
	'毕业院校',
	'学习工作经历',
	'主要事迹',
	'感人故事',
	'备注'
];

export const GET: RequestHandler = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	const channel = config.channels[0] ?? { name: '某某市科协', type: '地区' as const };
	const byGroup = config.classification === 'group';
	const klass = config.fields.find((f) => f !== '地市') ?? config.fields[0] ?? '';
	const example = {
		序号: '1',
		姓名: '张某某',
		性别: '女',
		民族: '汉族',
		政治面貌: '中共党员',
		出生年月: '1985.06',
		工作单位及职务职称: '某某大学农学院 副院长 教授',
		专业专长: '作物遗传育种',
		// 广西's form has its own 推荐领域 list beside the 组别 the panels use.
		推荐领域: byGroup ? (config.intake?.localFields?.values[0] ?? '') : fieldFullName(klass),
		推荐组别: byGroup ? (channel.type === '地区' && config.fields.includes('地市') ? '地市' : klass) : '',
		推荐单位: channel.name,
		渠道类型: channel.type,
		基层一线: '是',
		曾获最美称号: '否',
		人员类别: '高校教师',
		毕业院校: '中国农业大学',
		学习工作经历: '2008.09-2012.07 中国农业大学 博士研究生\n2012.08-至今 某某大学农学院 讲师、副教授、教授',
		主要事迹: '（1500字左右）',
		感人故事: '（1—2个，字数以通知要求为准）',
		备注: '示例行，填写前请删除'
	} as Record<string, string>;
	const csv = toCsv(HEADERS, [HEADERS.map((h) => example[h] ?? '')]);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(`${campaign.name}-推荐人选导入模板.csv`)
		}
	});
};
