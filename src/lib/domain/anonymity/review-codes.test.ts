import { describe, expect, it } from 'vitest';
import { assignReviewCodes, compareReviewCodes, reviewCode, seededIntegers, sortReviewCodes } from './review-codes';
import { compareCodes, sortCodes } from '../review/aggregation';

const field = (n: number, f = '前沿') =>
	Array.from({ length: n }, (_, i) => ({
		id: `k${String(i + 1).padStart(3, '0')}`,
		field: f,
		key: String(i + 1).padStart(8, '0')
	}));

describe('assignReviewCodes with a seed', () => {
	const list = field(12);
	it('does not number a field in import order', () => {
		const codes = assignReviewCodes(list, undefined, 'seed-1');
		const inImportOrder = list.map((c) => codes.get(c.id)!);
		expect(new Set(inImportOrder)).toEqual(new Set(list.map((_, i) => reviewCode('前沿', i + 1))));
		expect(inImportOrder).not.toEqual(sortReviewCodes(inImportOrder));
		// not merely reversed or rotated either: fewer than half keep their import position
		expect(inImportOrder.filter((c, i) => c === reviewCode('前沿', i + 1)).length).toBeLessThan(6);
	});
	it('gives the same codes for the same seed, whatever the input order, and others for another seed', () => {
		const a = assignReviewCodes(list, undefined, 'seed-1');
		expect(assignReviewCodes([...list].reverse(), undefined, 'seed-1')).toEqual(a);
		expect(assignReviewCodes(list, undefined, 'seed-2')).not.toEqual(a);
	});
	it('permutes each field on its own: adding another field changes nothing', () => {
		const a = assignReviewCodes(list, undefined, 's');
		const b = assignReviewCodes(
			[...list, ...field(5, '主战场').map((c) => ({ ...c, id: 'm' + c.id }))],
			undefined,
			's'
		);
		for (const c of list) expect(b.get(c.id)).toBe(a.get(c.id));
	});
	it('keeps existing codes, never reuses a number, and permutes only the new numbers', () => {
		const first = assignReviewCodes(list.slice(0, 5), undefined, 'x');
		const next = assignReviewCodes(list, first, 'y');
		for (const [id, code] of first) expect(next.get(id)).toBe(code);
		const added = list.slice(5).map((c) => next.get(c.id)!);
		expect(sortReviewCodes(added)).toEqual([6, 7, 8, 9, 10, 11, 12].map((n) => reviewCode('前沿', n)));
	});
	it('numbers in key order without a seed (fixtures)', () => {
		const codes = assignReviewCodes(list);
		expect(list.map((c) => codes.get(c.id))).toEqual(list.map((_, i) => reviewCode('前沿', i + 1)));
	});
	it('draws uniform integers (no modulo bias, all values reached)', () => {
		const pick = seededIntegers('u', 'f');
		const seen = new Array(7).fill(0);
		for (let i = 0; i < 7000; i++) seen[pick(7)]++;
		for (const n of seen) expect(n).toBeGreaterThan(850);
		for (const n of seen) expect(n).toBeLessThan(1150);
	});
	it('codes of 1,200 candidates in one field: all distinct, 01 … 1200', () => {
		const codes = assignReviewCodes(field(1200), undefined, 'big');
		expect(sortReviewCodes(codes.values())).toEqual(Array.from({ length: 1200 }, (_, i) => reviewCode('前沿', i + 1)));
	});
});

describe('compareReviewCodes: one order of codes', () => {
	it('orders across 99 / 100 / 1000, where string order disagreed', () => {
		const codes = [1000, 100, 99, 11, 10, 101, 9, 999, 1].map((n) => reviewCode('前沿', n));
		expect(sortReviewCodes(codes)).toEqual([1, 9, 10, 11, 99, 100, 101, 999, 1000].map((n) => reviewCode('前沿', n)));
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
	it('is the order aggregation (results, advance, tasks) uses', () => {
		expect(compareCodes).toBe(compareReviewCodes);
		expect(sortCodes(['前沿-100', '前沿-99'])).toEqual(['前沿-99', '前沿-100']);
	});
});
