// Server-side paging (issue 16): a page that could list thousands of rows shows one page of them,
// with its number in the URL (?page=3) so the view is linkable and the back button works.

/** Rows per page on the long lists (conflicts, dossiers, candidates, check issues). */
export const PAGE_SIZE = 50;

export interface PageWindow {
	/** 1-based, clamped to 1…pages */
	page: number;
	/** at least 1 (an empty list has one empty page) */
	pages: number;
	/** rows before this page */
	offset: number;
	size: number;
	/** rows in the filtered list */
	total: number;
}

/**
 * The page a `?page=` value asks for, clamped: anything that is not a whole number reads as the
 * first page, and a number past the end as the last one (a link kept after rows left the list
 * still shows rows, never an error).
 */
export function pageWindow(param: string | null, total: number, size = PAGE_SIZE): PageWindow {
	const pages = Math.max(1, Math.ceil(total / size));
	const asked = param !== null && /^\s*\d{1,9}\s*$/.test(param) ? Number(param) : 1;
	const page = Math.min(Math.max(1, asked), pages);
	return { page, pages, offset: (page - 1) * size, size, total };
}

/** The page numbers a pager shows: the first, the last, and two either side of the current; null is a gap. */
export function pagerSteps(page: number, pages: number): (number | null)[] {
	const out: (number | null)[] = [];
	for (let p = 1; p <= pages; p++) {
		if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
		else if (out[out.length - 1] !== null) out.push(null);
	}
	return out;
}

/** The query string of `params` with the page set (page 1 drops the parameter). */
export function pageHref(params: URLSearchParams, page: number, name = 'page'): string {
	const q = new URLSearchParams(params);
	if (page > 1) q.set(name, String(page));
	else q.delete(name);
	const s = q.toString();
	return s ? `?${s}` : '?';
}
