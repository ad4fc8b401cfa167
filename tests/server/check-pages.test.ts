// The check page's cut of the report (issue 16): whole-report counts, a preview of each kind of
// issue, one kind whole and paged on request, the candidates' checklist paged.
import { describe, it, expect } from 'vitest';
import { ISSUE_PREVIEW, pagedCheckView } from '../../src/lib/server/services/check-pages';
import type { CheckView } from '../../src/lib/shared/intake-views';
import type { CheckIssue } from '../../src/lib/domain/types';

const issue = (code: CheckIssue['code'], i: number, accepted = false): CheckIssue => ({
	code,
	message: `${code} ${i}`,
	candidate: `候选人${i}`,
	...(accepted ? { accepted: { reason: '已核实', by: '办公室', at: 1 } } : {})
});

const view: CheckView = {
	errors: [...Array.from({ length: 3 }, (_, i) => issue('QUOTA_EXCEEDED', i))],
	warnings: [
		...Array.from({ length: 130 }, (_, i) => issue('TEXT_TOO_LONG', i, i < 4)),
		...Array.from({ length: 5 }, (_, i) => issue('PRIOR_TITLE', i))
	],
	youthShare: 0.3,
	youthShareMin: 0.2,
	total: 135,
	channels: [],
	notes: [],
	checklists: {
		candidates: Array.from({ length: 120 }, (_, i) => ({
			candidate: `候选人${i}`,
			channel: '某市',
			items: [{ name: '推荐表', status: i % 2 ? 'ok' : 'missing', detail: '' }]
		})),
		channels: [],
		sources: []
	}
} as CheckView;

describe('pagedCheckView', () => {
	it('keeps the counts of the whole report and a preview of each kind', () => {
		const v = pagedCheckView(view, new URLSearchParams());
		expect(v.paged).toMatchObject({
			errors: 3,
			warnings: 135,
			errorCodes: { QUOTA_EXCEEDED: 3 },
			warningCodes: { TEXT_TOO_LONG: 130, PRIOR_TITLE: 5 },
			acceptedWarnings: 4,
			focus: null
		});
		expect(v.warnings.filter((w) => w.code === 'TEXT_TOO_LONG')).toHaveLength(ISSUE_PREVIEW);
		expect(v.warnings.filter((w) => w.code === 'PRIOR_TITLE')).toHaveLength(5);
		expect(v.errors).toHaveLength(3);
		expect(v.checklists!.candidates).toHaveLength(50);
		expect(v.paged!.checklist).toMatchObject({ missing: 60, window: { page: 1, pages: 3, total: 120 } });
	});

	it('lists one code whole, page by page, and only that code', () => {
		const v = pagedCheckView(view, new URLSearchParams('code=TEXT_TOO_LONG&page=3'));
		expect(v.paged!.focus).toMatchObject({ code: 'TEXT_TOO_LONG', kind: 'warning', window: { page: 3, pages: 3 } });
		expect(v.warnings.map((w) => w.message)).toEqual(Array.from({ length: 30 }, (_, i) => `TEXT_TOO_LONG ${100 + i}`));
		expect(v.errors).toEqual([]);
	});

	it('reads an unknown code or a bad page as the preview and the first page', () => {
		for (const q of ['code=__proto__', 'code=NOPE&page=2', 'code=toString'])
			expect(pagedCheckView(view, new URLSearchParams(q)).paged!.focus, q).toBeNull();
		const v = pagedCheckView(view, new URLSearchParams('cpage=-4'));
		expect(v.paged!.checklist!.window.page).toBe(1);
		expect(pagedCheckView(view, new URLSearchParams('cpage=77')).paged!.checklist!.window.page).toBe(3);
	});
});
