// The report of the eligibility check and what the service passes in besides the records.
import type { CheckIssue } from '../../types';
import type { Checklists, FileMeta } from './files';

export interface ChannelSummary {
	name: string;
	count: number;
	min: number;
	max: number;
	youth: number;
}

export interface CheckNote {
	message: string;
	candidate?: string;
	channel?: string;
	candidateId?: string;
}

export interface CheckReport {
	errors: CheckIssue[];
	warnings: CheckIssue[];
	youthShare: number;
	channels: ChannelSummary[];
	/** The youth cut-off as a birth date (YYYY-MM-DD) and in the offices' words. */
	youthCutoff?: string;
	youthCutoffText?: string;
	/** Remarks that are not issues (month-only births judged at the cut-off month). */
	notes?: CheckNote[];
	/** Required materials per candidate and per channel, when the check was given the files. */
	checklists?: Checklists;
}

/** What the service knows besides the records, each list in the records' order. */
export interface CheckContext {
	ids?: string[];
	/** When each nomination was first recorded (ms since epoch). */
	recordedAt?: (number | undefined)[];
	files?: FileMeta[][];
	/** Accepted warnings by `${candidateId}|${code}`. */
	accepted?: Map<string, { reason: string; by: string; at: number }>;
	/** When the campaign was created: a deadline already past then is an old notice's date. */
	campaignCreatedAt?: number;
}
