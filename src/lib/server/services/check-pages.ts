// The check page at national scale (issue 16): 5,000 nominations can give 5,000 issues of one kind
// and a 5,000-row checklist (2.6 MB of page data). The report is computed whole, as `laurel check`
// computes it, once per state of the nominations (check-cache.ts); the page receives its counts, a
// preview of each kind of issue, one kind whole when chosen (paged), and one page of the
// candidates' checklist.
import type { DB } from '../db';
import type { CheckView } from '../../shared/intake-views';
import type { CheckIssue } from '../../domain/types';
import { checkCampaign } from '../../domain/intake/eligibility';
import { pageWindow, PAGE_SIZE } from '../../shared/paging';
import { memoByIntake, type CampaignKey } from './check-cache';
import { checkInputs } from './intake';
import { checkView } from './intake-preview';

/**
 * The campaign's whole check view: the same report as `laurel check` (campaignCheck): records,
 * files, dates and acceptances. Shared between views of one state: read only.
 */
export function campaignCheckView(db: DB, campaign: CampaignKey): Promise<CheckView> {
	return memoByIntake(db, campaign, 'check', async () => {
		const { records, ctx } = await checkInputs(db, campaign.id);
		return checkView(campaign.config, checkCampaign(campaign.config, records, ctx), records);
	});
}

/** Issues of each kind shown before “查看全部”. */
export const ISSUE_PREVIEW = 20;

const countBy = (issues: CheckIssue[]) => {
	const out: Record<string, number> = {};
	for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
	return out;
};

/** Keeps the first `n` issues of each code, in the report's order. */
function preview(issues: CheckIssue[], n: number): CheckIssue[] {
	const seen: Record<string, number> = {};
	return issues.filter((i) => (seen[i.code] = (seen[i.code] ?? 0) + 1) <= n);
}

export function pagedCheckView(view: CheckView, params: URLSearchParams, size = PAGE_SIZE): CheckView {
	const errorCodes = countBy(view.errors);
	const warningCodes = countBy(view.warnings);
	// only a code the report has is a focus; anything else shows the preview
	const asked = params.get('code') ?? '';
	const kind = Object.hasOwn(errorCodes, asked) ? 'error' : Object.hasOwn(warningCodes, asked) ? 'warning' : null;
	let errors = preview(view.errors, ISSUE_PREVIEW);
	let warnings = preview(view.warnings, ISSUE_PREVIEW);
	let focus: NonNullable<CheckView['paged']>['focus'] = null;
	if (kind) {
		const list = (kind === 'error' ? view.errors : view.warnings).filter((i) => i.code === asked);
		const window = pageWindow(params.get('page'), list.length, size);
		const page = list.slice(window.offset, window.offset + size);
		focus = { code: asked, kind, window };
		errors = kind === 'error' ? page : [];
		warnings = kind === 'warning' ? page : [];
	}
	let checklists = view.checklists;
	let checklist: NonNullable<CheckView['paged']>['checklist'] = null;
	if (checklists) {
		const all = checklists.candidates;
		const window = pageWindow(params.get('cpage'), all.length, size);
		checklist = { window, missing: all.filter((c) => c.items.some((i) => i.status === 'missing')).length };
		checklists = { ...checklists, candidates: all.slice(window.offset, window.offset + size) };
	}
	return {
		...view,
		errors,
		warnings,
		checklists,
		paged: {
			errors: view.errors.length,
			warnings: view.warnings.length,
			errorCodes,
			warningCodes,
			acceptedWarnings: view.warnings.filter((w) => w.accepted).length,
			preview: ISSUE_PREVIEW,
			focus,
			checklist
		}
	};
}
