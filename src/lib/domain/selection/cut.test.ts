import { describe, it, expect } from 'vitest';
import { cutReport } from './cut';

const r = (...scores: number[]) => scores.map((score, i) => ({ id: `k${i + 1}`, score }));

describe('cutReport', () => {
	it('reports seats that cannot be filled', () => {
		expect(cutReport(r(90, 80), 3)).toMatchObject({ available: 2, shortBy: 1, tie: null });
		expect(cutReport(r(90, 80, 70), 3)).toMatchObject({ shortBy: 0, tie: null });
	});
	it('marks equal scores straddling the last seat, inside and outside', () => {
		expect(cutReport(r(95, 90, 88, 88, 88, 70), 4).tie).toEqual({ score: 88, inside: ['k3', 'k4'], outside: ['k5'] });
	});
	it('no tie when equal scores are all inside or all outside', () => {
		expect(cutReport(r(95, 90, 90, 80, 70, 70), 3).tie).toBeNull();
		expect(cutReport(r(95, 90, 80, 70, 70), 3).tie).toBeNull();
	});
	it('no tie when everyone is chosen', () => {
		expect(cutReport(r(80, 80), 2).tie).toBeNull();
	});
});
