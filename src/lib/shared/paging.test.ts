import { describe, expect, it } from 'vitest';
import { pageHref, pagerSteps, pageWindow } from './paging';

describe('pageWindow', () => {
	it('reads a page number and gives its offset', () => {
		expect(pageWindow('3', 260, 50)).toEqual({ page: 3, pages: 6, offset: 100, size: 50, total: 260 });
	});
	it('reads a missing, malformed or negative page as the first', () => {
		for (const p of [null, '', 'abc', '-2', '0', '1.5', '2e3', '0x10', '9999999999999'])
			expect(pageWindow(p, 260, 50).page, String(p)).toBe(1);
	});
	it('clamps a page past the end to the last one', () => {
		expect(pageWindow('99', 260, 50)).toMatchObject({ page: 6, offset: 250 });
	});
	it('gives an empty list one empty page', () => {
		expect(pageWindow('4', 0, 50)).toEqual({ page: 1, pages: 1, offset: 0, size: 50, total: 0 });
	});
});

describe('pagerSteps', () => {
	it('shows every page of a short list', () => {
		expect(pagerSteps(2, 4)).toEqual([1, 2, 3, 4]);
	});
	it('shows the ends and the neighbourhood with gaps between', () => {
		expect(pagerSteps(10, 40)).toEqual([1, null, 8, 9, 10, 11, 12, null, 40]);
		expect(pagerSteps(1, 40)).toEqual([1, 2, 3, null, 40]);
	});
});

describe('pageHref', () => {
	it('keeps the filters and sets the page', () => {
		expect(pageHref(new URLSearchParams('status=pending&page=2'), 3)).toBe('?status=pending&page=3');
	});
	it('drops the parameter for the first page', () => {
		expect(pageHref(new URLSearchParams('status=pending&page=2'), 1)).toBe('?status=pending');
		expect(pageHref(new URLSearchParams('page=2'), 1)).toBe('?');
	});
});
