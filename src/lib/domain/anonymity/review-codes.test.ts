import { describe, expect, it } from 'vitest';
import { assignReviewCodes } from './review-codes';
import { sortReviewCodes } from '../../shared/review-codes';

/** 前沿-07 … 前沿-100 (anonymize.test.ts checks the padding itself). */
const code = (n: number) => `前沿-${String(n).padStart(2, '0')}`;

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
		expect(new Set(inImportOrder)).toEqual(new Set(list.map((_, i) => code(i + 1))));
		expect(inImportOrder).not.toEqual(sortReviewCodes(inImportOrder));
		// not merely reversed or rotated either: fewer than half keep their import position
		expect(inImportOrder.filter((c, i) => c === code(i + 1)).length).toBeLessThan(6);
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
		expect(sortReviewCodes(added)).toEqual([6, 7, 8, 9, 10, 11, 12].map((n) => code(n)));
	});
	it('numbers in key order without a seed (fixtures)', () => {
		const codes = assignReviewCodes(list);
		expect(list.map((c) => codes.get(c.id))).toEqual(list.map((_, i) => code(i + 1)));
	});
	it('draws uniformly (no modulo bias, all numbers reached): a candidate gets each of 7 numbers about as often', () => {
		const seven = field(7);
		const seen = new Array(7).fill(0);
		for (let i = 0; i < 7000; i++) {
			const c = assignReviewCodes(seven, undefined, `u${i}`).get('k001')!;
			seen[Number(c.slice('前沿-'.length)) - 1]++;
		}
		for (const n of seen) expect(n).toBeGreaterThan(850);
		for (const n of seen) expect(n).toBeLessThan(1150);
	});
	it('codes of 1,200 candidates in one field: all distinct, 01 … 1200', () => {
		const codes = assignReviewCodes(field(1200), undefined, 'big');
		expect(sortReviewCodes(codes.values())).toEqual(Array.from({ length: 1200 }, (_, i) => code(i + 1)));
	});
});
