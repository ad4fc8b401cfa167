import { describe, expect, it } from 'vitest';
import { compareReviewCodes, sortReviewCodes } from './review-codes';
import { rankCandidates, type CandidateAggregate } from '../domain/review/aggregation';

/** 前沿-01 … 前沿-1000, as assignReviewCodes writes them (anonymize.test.ts checks that). */
const code = (n: number) => `前沿-${String(n).padStart(2, '0')}`;

describe('compareReviewCodes: one order of codes', () => {
	it('orders across 99 / 100 / 1000, where string order disagreed', () => {
		const codes = [1000, 100, 99, 11, 10, 101, 9, 999, 1].map((n) => code(n));
		expect(sortReviewCodes(codes)).toEqual([1, 9, 10, 11, 99, 100, 101, 999, 1000].map((n) => code(n)));
		expect(compareReviewCodes('前沿-99', '前沿-100')).toBeLessThan(0);
		expect(compareReviewCodes('前沿-100', '前沿-11')).toBeGreaterThan(0); // '前沿-100' < '前沿-11' as strings
		expect(compareReviewCodes('前沿-999', '前沿-1000')).toBeLessThan(0);
	});
	it('keeps fields apart and is total (07 vs 7 by code unit)', () => {
		expect(sortReviewCodes(['前沿-02', '主战场-10', '主战场-9', '前沿-1'])).toEqual([
			'主战场-9',
			'主战场-10',
			'前沿-1',
			'前沿-02'
		]);
		expect(compareReviewCodes('A07', 'A7')).toBeLessThan(0);
		expect(compareReviewCodes('A7', 'A07')).toBeGreaterThan(0);
		expect(compareReviewCodes('A7', 'A7')).toBe(0);
	});
	it('compares digit runs longer than a double exactly', () => {
		expect(compareReviewCodes('x-90071992547409931', 'x-90071992547409930')).toBeGreaterThan(0);
	});
	it('is a consistent total order on random ids (antisymmetric, transitive by sort check)', () => {
		let x = 3;
		const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
		const alpha = [...'0012 9a-前沿'];
		const ids = Array.from({ length: 400 }, () =>
			Array.from({ length: 1 + Math.floor(rand() * 7) }, () => alpha[Math.floor(rand() * alpha.length)]).join('')
		);
		const sorted = sortReviewCodes(ids);
		for (let i = 1; i < sorted.length; i++) expect(compareReviewCodes(sorted[i - 1], sorted[i])).toBeLessThanOrEqual(0);
		for (const a of ids.slice(0, 60))
			for (const b of ids.slice(0, 60))
				expect(Math.sign(compareReviewCodes(a, b)) + Math.sign(compareReviewCodes(b, a))).toBe(0);
	});
	it('is the order aggregation (results, advance, tasks) breaks ties in', () => {
		const agg = (candidate: string) =>
			({ candidate, n: 1, mean: 80, trimmedMean: 80, median: 80, calibrated: 80 }) as CandidateAggregate;
		const ranked = rankCandidates([agg('前沿-100'), agg('前沿-99'), agg('前沿-11')], 'mean');
		expect(ranked.map((r) => r.candidate)).toEqual(['前沿-11', '前沿-99', '前沿-100']);
	});
});
