// The plain order (rankOrder): score desc at the quantised resolution, then review code. The numeric
// sort with review-code runs must give exactly what the comparator sort it replaced gives.
import { describe, expect, it } from 'vitest';
import { compareReviewCodes } from '../../shared/review-codes';
import { rankOrder } from './plain';

const bySort = (codes: string[], units: number[]) =>
	codes.map((_, i) => i).sort((a, b) => units[b] - units[a] || compareReviewCodes(codes[a], codes[b]));

function random(seed: number) {
	let x = seed;
	return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('rankOrder', () => {
	it('orders like the comparator sort on random pools with many ties and digit runs', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const r = random(seed);
			const n = 1 + Math.floor(r() * 300);
			const spread = [1, 3, 50, 1e6][seed % 4];
			const codes = Array.from(
				{ length: n },
				(_, i) => `${['前沿', '主战场', 'A'][i % 3]}-${Math.floor(r() * 1000)}-${i}`
			);
			const units = Array.from({ length: n }, () => Math.round((r() - 0.3) * spread));
			expect(rankOrder(codes, units)).toEqual(bySort(codes, units));
		}
	});

	it('ties by review code value, not text (前沿-9 before 前沿-10), and keeps score first', () => {
		expect(rankOrder(['前沿-10', '前沿-9', '前沿-2'], [5, 5, 7])).toEqual([2, 1, 0]);
	});

	it('falls back to the comparator sort when the numeric key would not be exact', () => {
		const codes = ['b', 'a', 'c'];
		const units = [Number.MAX_SAFE_INTEGER, 0, -Number.MAX_SAFE_INTEGER];
		expect(rankOrder(codes, units)).toEqual([0, 1, 2]);
		expect(rankOrder([], [])).toEqual([]);
	});
});
