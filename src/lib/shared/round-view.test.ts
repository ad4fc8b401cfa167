import { describe, expect, it } from 'vitest';
import { roundView, ROUND_PAGE_SIZE, type RoundResultsLike } from './round-view';
import { COMPACT_OVER, matrixGroups } from './round-matrix';

const sp = (s: string) => new URLSearchParams(s);

/** n candidates in two fields, each scored by `per` of `experts` experts (round robin). */
function results(n: number, experts: number, per: number, opts: { state?: 'open' | 'closed' } = {}): RoundResultsLike {
	const candidates = Array.from({ length: n }, (_, i) => ({
		id: `c${i}`,
		code: `A${String(i + 1).padStart(4, '0')}`,
		field: i % 2 ? '前沿' : '主战场'
	}));
	const ex = Array.from({ length: experts }, (_, j) => ({ id: `e${j}`, name: `专家${j}` }));
	const cells = candidates.flatMap((c, i) =>
		Array.from({ length: per }, (_, k) => ({ expertId: `e${(i + k) % experts}`, candidateId: c.id, raw: 80, cal: 80 }))
	);
	const aggregates = candidates
		.map((c, i) => ({
			id: c.id,
			candidate: c.code,
			field: c.field,
			// candidates 0 and 1 tie at the top; the rest descend
			value: i < 2 ? 99 : 90 - i / 100,
			n: i === 5 ? 1 : per,
			mean: 80,
			calibrated: 80,
			outliers: i === 7 ? [{ expert: '专家0', score: 20, reason: '低于其余专家均值', deviation: -60 }] : []
		}))
		.sort((a, b) => b.value - a.value || (a.candidate < b.candidate ? -1 : 1));
	return {
		round: { type: 'score', state: opts.state ?? 'open' },
		candidates,
		experts: ex,
		aggregates,
		votes: [],
		cells,
		pending: [{ expertId: 'e1', candidateId: 'c3', status: 'draft' }]
	};
}

const view = (r: RoundResultsLike, q: string, focusId = '') =>
	roundView(r, [], sp(q), { required: null, ranking: [], advance: { n: 1, per: 'field' }, focusId });

// The query and the paging are read by roundView, as the round page calls it.
describe('the round page’s query', () => {
	const r = results(10, 4, 2);
	it('reads pages, code, panel and filter', () => {
		const v = view(r, 'page=3&rpage=2&q=%20a12%20&panel=前沿&only=outliers');
		expect({ query: v.query, problems: v.problems }).toEqual({
			query: { page: 3, rpage: 2, q: 'a12', panel: '前沿', only: 'outliers' },
			problems: []
		});
	});
	it('replaces bad values with the defaults and says so in Chinese', () => {
		const { query, problems } = view(r, 'page=-1&rpage=abc&panel=姓名&only=name');
		expect(query).toEqual({ page: 1, rpage: 1, q: '', panel: '', only: '' });
		expect(problems).toEqual([
			'页码“-1”无效，已显示第 1 页',
			'页码“abc”无效，已显示第 1 页',
			'本轮没有“姓名”领域，已显示全部领域',
			'筛选条件“name”无效，已显示全部材料'
		]);
	});
	it('refuses a page of 0, a fraction and a huge number; cuts a long code', () => {
		for (const p of ['0', '1.5', '9999999', '1e3']) expect(view(r, `page=${p}`).query.page).toBe(1);
		expect(view(r, `q=${'x'.repeat(100)}`).query.q).toHaveLength(40);
	});
});

describe('a page of the matrix', () => {
	it('clamps a page past the end to the last one', () => {
		const n = 2 * ROUND_PAGE_SIZE + 5;
		const { rows, ...page } = view(results(n, 4, 2), 'page=9').matrix;
		expect({ ...page, groups: undefined }).toEqual({
			page: 3,
			pages: 3,
			total: n,
			size: ROUND_PAGE_SIZE,
			groups: undefined
		});
		expect(rows).toHaveLength(5);
		const { rows: none, ...empty } = view(results(0, 4, 2), 'page=4').matrix;
		expect(none).toEqual([]);
		expect({ ...empty, groups: undefined }).toEqual({
			page: 1,
			pages: 1,
			total: 0,
			size: ROUND_PAGE_SIZE,
			groups: undefined
		});
	});
});

describe('roundView', () => {
	it('pages the ranking and the matrix; counts cover the whole round', () => {
		const r = results(120, 100, 5);
		const v = view(r, 'page=3&rpage=2');
		expect(v.ranking.rows).toHaveLength(ROUND_PAGE_SIZE);
		expect(v.ranking.rows[0].id).toBe(r.aggregates[ROUND_PAGE_SIZE].id);
		expect(v.matrix.page).toBe(3);
		expect(v.matrix.rows).toHaveLength(20);
		expect(v.matrix.groups.flatMap((g) => g.rows)).toHaveLength(20);
		expect(v.counts).toEqual({ outliers: 1, rescore: 0, pending: 1, short: 1, tied: 2 });
		expect(v.outlierTotal).toBe(1);
		expect(v.pendingTotal).toBe(1);
	});
	it('marks a tie with a neighbour on another page', () => {
		const r = results(60, 10, 3);
		// the two tied at the top are on page 1; move the tie across the page cut
		r.aggregates[ROUND_PAGE_SIZE - 1].value = r.aggregates[ROUND_PAGE_SIZE].value;
		const v = view(r, 'rpage=2');
		expect(v.tiedIds).toContain(r.aggregates[ROUND_PAGE_SIZE].id);
	});
	it('filters by field, by a part of the review code (any case) and by a task', () => {
		const r = results(120, 100, 5);
		expect(view(r, 'panel=前沿').ranking.rows.every((a) => a.field === '前沿')).toBe(true);
		expect(view(r, 'panel=前沿').matrix.total).toBe(60);
		expect(
			view(r, 'q=a011')
				.matrix.rows.map((c) => c.code)
				.sort()
		).toEqual(['A0110', 'A0111', 'A0112', 'A0113', 'A0114', 'A0115', 'A0116', 'A0117', 'A0118', 'A0119']);
		expect(view(r, 'only=outliers').matrix.rows.map((c) => c.id)).toEqual(['c7']);
		expect(view(r, 'only=pending').ranking.rows.map((a) => a.id)).toEqual(['c3']);
		expect(view(r, 'only=short').ranking.rows.map((a) => a.id)).toEqual(['c5']);
		expect(
			view(r, 'only=tied')
				.ranking.rows.map((a) => a.id)
				.sort()
		).toEqual(['c0', 'c1']);
		expect(view(r, 'q=zzz').matrix.groups).toEqual([]);
	});
	it('a wide panel lists each row’s own reviewers; a small one keeps a column per expert', () => {
		const wide = view(results(120, 100, 5), '').matrix.groups[0];
		expect(wide.experts.length).toBeGreaterThan(COMPACT_OVER);
		expect(wide.compact).toBe(true);
		expect(wide.rows.every((row) => row.cells.length === 5 || row.cells.length === 6)).toBe(true);
		const small = view(results(12, 3, 3), '').matrix.groups[0];
		expect(small.compact).toBe(false);
		expect(small.rows.every((row) => row.cells.length === 3)).toBe(true);
	});
	it('the focused dossier’s cells come with it even when it is not on the page', () => {
		const r = results(120, 100, 5);
		const v = view(r, 'page=1', 'c119');
		expect(v.matrix.rows.some((c) => c.id === 'c119')).toBe(false);
		expect(v.focusCells.map((c) => c.name).sort()).toEqual(['专家19', '专家20', '专家21', '专家22', '专家23']);
	});
	it('lists a few pending codes per expert with the count of all', () => {
		const r = results(60, 10, 3);
		r.pending = Array.from({ length: 45 }, (_, i) => ({
			expertId: 'e2',
			candidateId: `c${i}`,
			status: 'none' as const
		}));
		const v = view(r, '');
		expect(v.pending).toHaveLength(1);
		expect(v.pending[0].total).toBe(45);
		expect(v.pending[0].codes).toHaveLength(20);
	});
	it('reports a tie at the advance cut of a closed round', () => {
		const r = results(10, 5, 3, { state: 'closed' });
		const ranking = r.aggregates.map((a) => ({ candidate: a.id, field: '', score: a.value, code: a.candidate }));
		const v = roundView(r, [], sp(''), { required: null, ranking, advance: { n: 1, per: 'overall' }, focusId: '' });
		expect(v.tiedAtCut.map((t) => t.code).sort()).toEqual(['A0001', 'A0002']);
		const open = roundView({ ...r, round: { ...r.round, state: 'open' } }, [], sp(''), {
			required: null,
			ranking,
			advance: { n: 1, per: 'overall' },
			focusId: ''
		});
		expect(open.tiedAtCut).toEqual([]);
	});
});

describe('matrixGroups', () => {
	it('costs the page: experts without a cell on the rows are no columns', () => {
		const r = results(120, 100, 5);
		const groups = matrixGroups(r, [], r.candidates.slice(0, 2));
		expect(groups.flatMap((g) => g.experts.map((e) => e.id)).sort()).toEqual(
			['e0', 'e1', 'e2', 'e3', 'e4', 'e1', 'e2', 'e3', 'e4', 'e5'].sort()
		);
	});
});
