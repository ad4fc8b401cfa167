// The intake rules of a notice that go beyond quotas: youth cut-off, prior titles, self-nomination,
// region, 推荐组别, allocations, deadline and attachments. Kept in one optional object of the
// CampaignConfig (`intake`) so that campaigns saved before it existed keep working unchanged.
import type { ChannelType, RuleSource } from '../types';

export type PhotoFormat = 'jpg' | 'png';
export type VideoFormat = 'mp4' | 'mov';

export interface PriorTitleRule {
	/** The titles as the notice names them, e.g. 以往“最美科技人”“最美科技工作者”称号. */
	titles: string;
	/** “原则上不再推荐” is a warning the office may accept; “请勿再次推荐” is an error. */
	severity: 'warning' | 'error';
	/** Words that, all present in the candidate's 曾获最美称号/奖励/备注, name this title. */
	match?: string[];
	source: RuleSource;
}

export interface DocumentRule {
	/** The document as the notice names it, e.g. 推荐工作情况报告. */
	name: string;
	/** One per candidate or one per nominating channel. */
	per: 'candidate' | 'channel';
	/** Words of an uploaded file's name that identify it (廉政 → 廉政意见表). */
	keywords: string[];
	/** Only for some candidates (广西: “推荐候选人是干部的”). */
	condition?: string;
	source: RuleSource;
}

export interface AttachmentRules {
	photos?: {
		formats: PhotoFormat[];
		/** Bytes; “不小于2MB”. */
		minBytes?: number;
		/** File names 姓名+序号 (张三1.jpg). */
		naming?: boolean;
		/** Work photos, e.g. 3—5 (广西 2—3). */
		work: { min: number; max: number };
		/** Work photos may come after selection (内蒙古). */
		workLater?: boolean;
		source: RuleSource;
	};
	video?: { formats: VideoFormat[]; required: boolean; source: RuleSource };
	documents?: DocumentRule[];
}

export interface IntakeRules {
	/** The office's youth cut-off as a birth date (YYYY-MM-DD); absent: reference date − youthAge years. */
	youthBornOnOrAfter?: string;
	/** Where the default cut-off comes from (the notice's youth clause and its reference date). */
	youthCutoffBasis?: string;
	priorTitles?: PriorTitleRule[];
	selfNominationSource?: RuleSource;
	/** “推荐人选为目前在广西工作的科技工作者”. */
	regionSource?: RuleSource;
	/** Guangxi 填表说明 5: city nominees tick `regionGroup` (地市), other channels a discipline. */
	groupRule?: { regionGroup: string; source: RuleSource };
	/** The notice's own 推荐领域 list, accepted beside the national five (广西's cover page). */
	localFields?: { values: string[]; source: RuleSource };
	/** A number a channel “推荐” is an allocation: fewer is a warning, not an error (青海). */
	allocations?: { type: ChannelType; count: number; source: RuleSource }[];
	/** The youth share is addressed to each nominating body too (青海 “各地方、各学会、各单位”). */
	youthSharePerChannel?: boolean;
	/** Submission deadline (inclusive, Beijing time); `refuse`: “逾期不再受理” makes late an error. */
	deadline?: { date: string; refuse: boolean; source: RuleSource };
	attachments?: AttachmentRules;
}

/** Tolerance of “左右” (about): ±20 %; under half of the figure is too short. */
export const ABOUT_TOLERANCE = 0.2;
export const ABOUT_TOO_SHORT = 0.5;
