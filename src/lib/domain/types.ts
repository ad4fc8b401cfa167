// Shared domain vocabulary. Pure types: no database, no Svelte, no I/O.
// Names follow the glossary in docs/SPEC.md.
import type { IntakeRules } from './intake/rules';

/** The five 推荐领域, by short name. */
export const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'] as const;
export type FieldShort = (typeof FIELDS)[number];
export const FIELD_FULL_NAMES: Record<FieldShort, string> = {
	前沿: '面向世界科技前沿',
	主战场: '面向经济主战场',
	重大需求: '面向国家重大需求',
	生命健康: '面向人民生命健康',
	社会服务: '社会服务'
};
/** Guangxi 2024 推荐组别. */
export const GROUPS = ['理科', '工科', '农科', '医科', '综合', '地市'] as const;

export const CHANNEL_TYPES = ['地区', '学会', '高校', '企业', '科研院所', '厅局', '军工'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** observer: 纪检监察, read-only; its pages come later, until then it is refused like any unlisted role. */
export type Role = 'organizer' | 'chair' | 'expert' | 'observer';

/** Where a rule comes from, shown next to every issue (e.g. "晋市科协发〔2023〕9号 第三条：…"). */
export interface RuleSource {
	document: string; // e.g. 晋市科协发〔2023〕9号
	clause: string; // e.g. 第三条第1款：每个县（市、区）推荐候选人不超过10名
}

export interface ChannelQuota {
	type: ChannelType;
	min: number; // 0 when the notice sets none
	max: number;
	minYouth: number; // minimum under-45 nominees per channel of this type (Inner Mongolia), else 0
	source?: RuleSource;
}

export interface ChannelDef {
	name: string; // e.g. 南宁市, 晋城市城区
	type: ChannelType;
	/** Overrides of the type quota for this one channel (a notice may grant extra places). */
	min?: number;
	max?: number;
	minYouth?: number;
}

export interface Tier {
	name: string; // 最美科技工作者 / 优秀科技工作者 / 推荐参加上级评选
	size: number;
	/** A tier drawn from the winners of another tier (e.g. 3 of the 20 go up to the province). */
	subsetOf?: string;
}

/**
 * Where a balance target comes from (SPEC "How the notices are read": targets for the final list come
 * from the notice when it sets them, otherwise from the office, and every target says which).
 * A target without `origin` predates this record and is shown as the office's, setter unknown.
 */
export interface TargetProvenance {
	origin?: 'notice' | 'office';
	/** the notice's clause, for origin 'notice' */
	source?: RuleSource;
	/** who set it and when (ms), for origin 'office' */
	setBy?: string;
	setAt?: number;
}

/** A balance target of the final list, in the terms of the selection engine. */
export type BalanceTarget = (
	| { kind: 'atLeast'; group: 'youth' | 'woman' | 'grassroots'; share?: number; count?: number; label?: string }
	| { kind: 'atLeastField'; field: string; count: number; label?: string }
	| { kind: 'atMostChannel'; channel: string; count: number; label?: string }
	| { kind: 'atMostChannelType'; channelType: ChannelType; count: number; label?: string }
) &
	TargetProvenance;

/** A column of the notice's 汇总表 (attachment), by what it holds. */
export type SummaryColumn =
	| 'seq'
	| 'name'
	| 'gender'
	| 'ethnicity'
	| 'party'
	| 'birth'
	| 'unitAndTitle'
	| 'specialty'
	| 'remarks'
	| 'nationalHonour'
	| 'discipline';

/** The notice's 汇总表 as its attachment prints it: title line, 推荐单位 line, columns. */
export interface SummarySheetSpec {
	title: string;
	/** e.g. 推荐单位： or 推荐单位（盖章）： */
	unitLabel: string;
	columns: SummaryColumn[];
	source?: RuleSource;
	/** title of the list sent up (推荐参加上级评选), when the notice names the upper round */
	upperTitle?: string;
}

export interface CampaignConfig {
	presetId: string | null;
	level: '市级' | '省级' | '自治区级' | '全国';
	region: string; // 晋城市, 青海省, 衡水市, 内蒙古自治区, 广西壮族自治区
	hosts: string[]; // 主办单位
	document: string; // 文号 or title of the notice
	referenceDate: string; // YYYY-MM-DD, ages are computed on it
	/** 'field' = the five 推荐领域, 'group' = Guangxi 推荐组别 */
	classification: 'field' | 'group';
	fields: string[]; // short names of the fields or groups in use
	channelQuotas: ChannelQuota[];
	channels: ChannelDef[];
	youthAge: number; // 45
	youthShareMin: number; // 0.2, or 0 when the notice sets none
	youthShareSource?: RuleSource;
	excludedCategories: string[]; // 现役军人, 公务员, 参公管理, 离退休, 已故, 科协专职 …
	excludedSource?: RuleSource;
	priorTitleBlocks: boolean;
	priorTitleSource?: RuleSource;
	selfNominationAllowed: boolean;
	mustWorkInRegion: boolean;
	textLimits: { deeds: number; story: number; awards: number }; // 主要事迹 1500, 感人故事 1000/2000, 奖励 5
	textLimitsSource?: RuleSource;
	/** The notice's sentence that all nominations must come through the listed channels. */
	channelsSource?: RuleSource;
	tiers: Tier[];
	targets: BalanceTarget[];
	/** The notice's own words on how the final list is chosen (no numbers: shown beside the office's targets). */
	selectionSource?: RuleSource;
	/** What the 公示 calls the selected, in the notice's words (晋城 建议人选), and where it says so. */
	noticeSubject?: { text: string; source?: RuleSource };
	summarySheet?: SummarySheetSpec;
	publicNoticeWorkdays: number; // 5
	rubric: RubricCriterion[];
	/** Intake rules beyond quotas (youth cut-off, titles, deadline, attachments …); see intake-rules.ts. */
	intake?: IntakeRules;
}

export interface RubricCriterion {
	key: string; // stable id, e.g. 'merit'
	name: string; // 业绩突出
	max: number; // 40
	description: string;
}

export interface CareerEntry {
	period: string; // 2005.07-2012.06
	unit: string;
	role: string;
}

/** One nomination: the 推荐表 record. */
export interface CandidateRecord {
	seq?: string; // 序号
	name: string;
	gender: '男' | '女';
	ethnicity?: string;
	party?: string; // 党派 / 政治面貌
	birth: string; // YYYY-MM or YYYY-MM-DD (normalized)
	nativePlace?: string;
	education?: string;
	degree?: string;
	school?: string; // 毕业院校
	major?: string;
	unitAndTitle: string; // 工作单位及职务职称
	profTitle?: string;
	specialty?: string; // 专业专长
	field?: string | null; // short field name
	group?: string | null; // 推荐组别
	channel: string; // 推荐单位 name
	channelType?: ChannelType | null;
	grassroots: boolean;
	priorTitle: boolean;
	category?: string; // 人员类别
	career: CareerEntry[];
	deeds?: string; // 主要事迹
	story?: string; // 感人故事
	awards?: string[]; // 所获重要奖励
	phone?: string;
	mobile?: string;
	email?: string;
	address?: string;
	postcode?: string;
	remarks?: string; // 备注
	extra?: Record<string, string>; // unknown columns kept as text
}

/** An issue of the eligibility check; codes are stable strings of CONTRACTS.md. */
export type IssueCode =
	| 'MISSING_FIELD'
	| 'QUOTA_EXCEEDED'
	| 'QUOTA_SHORT'
	| 'YOUTH_SHARE_LOW'
	| 'CHANNEL_YOUTH_MISSING'
	| 'EXCLUDED_CATEGORY'
	| 'PRIOR_TITLE'
	| 'TEXT_TOO_LONG'
	| 'UNKNOWN_CHANNEL'
	| 'DUPLICATE_CANDIDATE'
	| 'SELF_NOMINATION'
	| 'OUTSIDE_REGION'
	| 'GROUP_MISMATCH'
	| 'LATE_SUBMISSION'
	| 'ATTACHMENT_RULE';

export interface CheckIssue {
	code: IssueCode;
	message: string; // Chinese, names the channel / candidate / value
	candidate?: string; // candidate name (organizer view)
	channel?: string;
	source?: string; // "晋市科协发〔2023〕9号 第三条：…"
	/** The candidate's id, when the check was given the ids (the service does). */
	candidateId?: string;
	/** A warning the office accepted, with its reason (audited). */
	accepted?: { reason: string; by: string; at: number };
}
