import { describe, expect, it } from 'vitest';
import { classifyAdvance, topN, type RankingRow } from './advance';

const row = (candidate: string, field: string, score: number, code = candidate): RankingRow => ({
	candidate,
	field,
	score,
	code
});

describe('topN overall', () => {
	const rows = [
		row('a', '前沿', 90, 'X1'),
		row('b', '前沿', 85, 'X5'),
		row('d', '主战场', 80, 'X10'),
		row('c', '主战场', 80, 'X2'),
		row('e', '前沿', 70, 'X3')
	];
	it('breaks the order by review code and reports a tie straddling the cut', () => {
		const r = topN(rows, 3, 'overall');
		expect(r.selected).toEqual(['a', 'b', 'c']); // X2 before X10: natural order
		expect(r.tiedAtCut).toEqual(['c', 'd']);
		expect(r.groups).toEqual([{ field: null, selected: ['a', 'b', 'c'], cutScore: 80, tiedAtCut: ['c', 'd'] }]);
	});
	it('reports no tie when the tied pair is wholly inside or outside', () => {
		expect(topN(rows, 4, 'overall')).toMatchObject({ selected: ['a', 'b', 'c', 'd'], tiedAtCut: [] });
		expect(topN(rows, 2, 'overall').tiedAtCut).toEqual([]);
	});
	it('is independent of the input order', () => {
		expect(topN([...rows].reverse(), 3, 'overall')).toEqual(topN(rows, 3, 'overall'));
	});
	it('treats float-noise scores as equal and handles n = 0 and n > size', () => {
		const r = topN([row('p', 'f', 0.1 + 0.2, 'B'), row('q', 'f', 0.3, 'A')], 1, 'overall');
		expect(r).toMatchObject({ selected: ['q'], tiedAtCut: ['q', 'p'] });
		expect(topN(rows, 0, 'overall')).toMatchObject({ selected: [], tiedAtCut: [] });
		expect(topN(rows, 10, 'overall')).toMatchObject({ selected: ['a', 'b', 'c', 'd', 'e'], tiedAtCut: [] });
	});
	it('rejects duplicates and bad n', () => {
		expect(() => topN([...rows, row('a', '前沿', 1)], 2, 'overall')).toThrow(/重复/);
		expect(() => topN(rows, -1, 'overall')).toThrow(/非负整数/);
	});
});

describe('topN per field', () => {
	it('cuts each field separately and merges by score', () => {
		const rows = [
			row('a', '前沿', 95),
			row('b', '前沿', 90),
			row('c', '前沿', 90),
			row('d', '主战场', 70),
			row('e', '主战场', 60),
			row('f', '主战场', 50)
		];
		const r = topN(rows, 2, 'field');
		expect(r.selected).toEqual(['a', 'b', 'd', 'e']);
		expect(r.tiedAtCut).toEqual(['b', 'c']);
		expect(r.groups.map((g) => [g.field, g.selected, g.tiedAtCut])).toEqual([
			['主战场', ['d', 'e'], []],
			['前沿', ['a', 'b'], ['b', 'c']]
		]);
	});
});

describe('classifyAdvance: one decision for the page and the action', () => {
	const ranking = [
		{ ...row('a', '前沿', 90, 'X1'), passed: true },
		{ ...row('b', '前沿', 85, 'X2'), passed: true },
		{ ...row('c', '前沿', 85, 'X3'), passed: false },
		{ ...row('d', '前沿', 70, 'X4'), passed: false }
	];
	const choose = (picked: string[], n: number, isVote = false) =>
		classifyAdvance({ ranking, picked, n, per: 'overall', isVote });
	it('is by rank when the pick is exactly the top N and no tie straddles the cut', () => {
		expect(choose(['a'], 1)).toMatchObject({ how: 'top', label: '总排名前 1 名' });
		expect(choose(['a', 'b', 'c'], 3).how).toBe('top');
	});
	it('is by hand when a tie straddles the cut, the pick differs, or N is invalid', () => {
		expect(choose(['a', 'b'], 2)).toMatchObject({ how: 'manual', label: '手动选择' });
		expect(choose(['a', 'd'], 2).how).toBe('manual');
		expect(choose(['a'], 0)).toMatchObject({ how: 'manual', top: null });
		expect(choose(['a'], Number.NaN).how).toBe('manual');
	});
	it('in a vote round, the passers exactly are 表决通过者, even when they are also the top N', () => {
		expect(choose(['a', 'b'], 2, true)).toMatchObject({ how: 'passed', label: '表决通过者' });
		expect(choose(['b', 'a'], 1, true).how).toBe('passed');
		expect(choose(['a', 'b'], 2, false).how).toBe('manual');
		expect(choose(['a'], 1, true).how).toBe('top');
	});
});
