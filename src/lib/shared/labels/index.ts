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
