// The dense helpers of the dual simplex: the slack basis' inverse set directly is the one the
// Gauss–Jordan inversion computes, bit for bit (−0 included), so skipping the inversion there
// cannot change a pivot; the slack columns appended for the pivot loop.
import { describe, expect, it } from 'vitest';
import { DualSimplex } from './lp';
import { invertBasis, withSlackColumns } from './lp-dense';

describe('lp-dense', () => {
	it('the slack basis inverse equals invertBasis on −I, sign of zero included', () => {
		const m = 4;
		const n = 3;
		const colStart = Int32Array.from([0, 2, 3, 5]);
		const colRows = Int32Array.from([0, 1, 0, 0, 3]);
		const lp = new DualSimplex(m, colStart, colRows, Float64Array.from([1, 0.5, 0.25]), [1, 0, 0, 0], [1, 1, 1, 1]);
		const inverted = new Float64Array(m * m);
		const slack = Int32Array.from({ length: m }, (_, i) => n + i);
		expect(invertBasis(m, n, slack, colStart, colRows, inverted)).toBe(true);
		const direct = lp.snapshot().Binv;
		expect(direct.length).toBe(m * m);
		for (let i = 0; i < m * m; i++) expect(Object.is(direct[i], inverted[i])).toBe(true);
		expect(Object.is(direct[1], -0)).toBe(true);
	});

	it('appends one column per slack, on its own row', () => {
		const [start, rows] = withSlackColumns(2, 2, Int32Array.from([0, 2, 3]), Int32Array.from([0, 1, 1]));
		expect([...start]).toEqual([0, 2, 3, 4, 5]);
		expect([...rows]).toEqual([0, 1, 1, 0, 1]);
	});
});
