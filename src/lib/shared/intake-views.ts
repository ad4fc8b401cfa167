// What the intake pages receive: the check report and the import preview in the shape the pages
// show. Types only, so the components may import them while the intake services build them.
import type { CheckNote, CheckReport } from '../domain/intake/eligibility';
import type { Checklists } from '../domain/intake/eligibility/files';
import type { ChannelType } from '../domain/types';
import type { PageWindow } from './paging';

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
	/**
	 * Set when the lists were cut to a page (the check page at national scale, issue 16): the
	 * counts of the whole report, the issue code shown whole (paged) if any, the page of the
	 * candidates' checklist.
	 */
	paged?: CheckPaging;
}

export interface CheckPaging {
	errors: number;
	warnings: number;
	/** issues per code, errors and warnings apart */
	errorCodes: Record<string, number>;
	warningCodes: Record<string, number>;
	acceptedWarnings: number;
	/** how many issues of each code show when no code is chosen */
	preview: number;
	/** the code listed whole, page by page (?code=…&page=…) */
	focus: { code: string; kind: 'error' | 'warning'; window: PageWindow } | null;
	/** the candidates' checklist page (?cpage=…) and how many candidates lack materials */
	checklist: { window: PageWindow; missing: number } | null;
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
