// What the intake pages receive: the check report and the import preview in the shape the pages
// show. Types only, so the components may import them while the intake services build them.
import type { CheckNote, CheckReport } from '../domain/intake/eligibility';
import type { Checklists } from '../domain/intake/eligibility/files';
import type { ChannelType } from '../domain/types';

/** One row of the channel table: the report's summary plus type and per-channel youth minimum. */
export interface ChannelRow {
	name: string;
	type: ChannelType | null;
	count: number;
	min: number;
	max: number;
	youth: number;
	minYouth: number;
	isNew?: boolean;
}

export interface CheckView {
	errors: CheckReport['errors'];
	warnings: CheckReport['warnings'];
	youthShare: number;
	youthShareMin: number;
	/** Candidates in the report (after the import, for a preview). */
	total: number;
	channels: ChannelRow[];
	/** “1978年4月11日以后出生” and where the default comes from. */
	youthCutoffText?: string;
	youthCutoffBasis?: string;
	youthCutoffSetByOffice?: boolean;
	notes: CheckNote[];
	checklists?: Checklists;
}

/** A short row of the preview's sample table. */
export interface SampleRow {
	row: number;
	name: string;
	gender: string;
	birth: string;
	unit: string;
	klass: string;
	channel: string;
	grassroots: boolean;
	isNewChannel: boolean;
}
