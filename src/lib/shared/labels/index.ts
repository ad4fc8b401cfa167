// The Chinese labels of the app's codes, each map defined once and client-safe: pages, services,
// exports and mails all read them here. The domain keeps only the wording its own rules produce.
import type { Role } from '../../domain/types';

export { ROUND_STATE_LABELS, ROUND_TYPE_LABELS, REVIEWERS_LABELS, AGGREGATION_LABELS } from './rounds';

/** Roles in a campaign. */
export const ROLE_LABELS: Record<Role, string> = {
	organizer: '活动办公室',
	chair: '评审组长',
	expert: '评审专家',
	observer: '纪检监察'
};

/** A vote's choices, in the order the ballot offers them. */
export const CHOICE_LABELS: Record<string, string> = { yes: '赞成', no: '反对', abstain: '弃权' };

/** Kinds of tie between an expert and a candidate (回避). */
export const CONFLICT_KIND_LABELS: Record<string, string> = {
	same_unit: '同一工作单位',
	former_unit: '曾在同一单位',
	nominating_body: '专家单位为推荐单位',
	same_school: '同一毕业院校',
	declared_unit: '专家申报的关联单位',
	declared_person: '专家申报的关联人员',
	organizer: '活动办公室添加',
	recusal: '专家主动回避'
};

/** Where a tie stands. */
export const CONFLICT_STATUS_LABELS: Record<string, string> = {
	pending: '待确认',
	confirmed: '已确认回避',
	dismissed: '已排除'
};

/** How strong a tie is. */
export const SEVERITY_LABELS: Record<string, string> = { conflict: '回避', warning: '提示' };

/** The balance groups of the final list, as a target names them (“青年…不少于2名”). */
export const GROUP_LABELS: Record<string, string> = { youth: '青年', woman: '女性', grassroots: '基层一线' };

/** What an audit entry is about (its `entity`), as the audit page and the action fallback name it. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
	campaign: '活动',
	member: '成员',
	invitation: '邀请',
	user: '账号',
	expert: '专家',
	candidate: '候选人',
	attachment: '附件',
	panel: '评审组',
	conflict: '回避',
	assignment: '分配',
	round: '评审轮次',
	sheet: '评分',
	vote: '投票',
	note: '备注',
	selection: '遴选结果',
	notice: '公示',
	reminder: '提醒',
	mail: '邮件',
	nomination: '推荐'
};
