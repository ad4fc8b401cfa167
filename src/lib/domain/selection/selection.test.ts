import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maximize } from './engine/solver';
import { quantizeScores } from './plain';
import {
	coreProblem,
	explainChinese,
	greedyByScore,
	isInfeasible,
	resolveRules,
	ruleViolations,
	selectTiers,
	shareToCount,
	solveSelection,
	validateSelectionInstance,
	type SelectionInstance,
	type SelectionResult,
	type SelectionInfeasible,
	type SelectionRule
} from './';
import { rng } from '../../server/demo/synthetic/random';

// ---------------------------------------------------------------- helpers

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];

/** 15–40 candidates, 3–8 seats, overlapping groups, field and channel rules; ties on odd seeds. */
function randomInstance(seed: number, size?: { n: number; seats: number }): SelectionInstance {
	const r = rng(seed);
	const n = size?.n ?? 15 + Math.floor(r() * 26);
	const seats = size?.seats ?? 3 + Math.floor(r() * 6);
	const channels = 3 + Math.floor(r() * 4);
	const ties = seed % 2 === 1;
	const candidates = Array.from({ length: n }, (_, i) => {
		const groups = (['youth', 'woman', 'grassroots'] as const).filter((_, j) => r() < [0.3, 0.35, 0.25][j]);
		const score = ties ? 80 + Math.floor(r() * 5) : Math.round((70 + r() * 30) * 10) / 10;
		return {
			id: `C${String(i).padStart(2, '0')}`,
			score,
			groups,
			field: FIELDS[Math.floor(r() * 4)],
			channel: `CH${Math.floor(r() * channels)}`
		};
	});
	const atLeast: SelectionRule[] = [
		{ group: 'youth', share: [0.2, 0.25, 0.4][Math.floor(r() * 3)] },
		{ group: 'woman', count: 1 + Math.floor(r() * 2) },
		{ group: 'grassroots', count: Math.floor(r() * 2) }
	];
	for (const f of FIELDS.slice(0, 4)) if (r() < 0.4) atLeast.push({ field: f, count: 1 });
	if (r() < 0.2) atLeast.push({ channel: 'CH0', count: 1 });
	const atMost: SelectionRule[] = [];
	for (let c = 0; c < channels; c++) if (r() < 0.7) atMost.push({ channel: `CH${c}`, count: 1 + Math.floor(r() * 2) });
	if (r() < 0.25) atMost.push({ group: 'woman', count: Math.max(1, seats - 2) });
	if (r() < 0.15) atMost.push({ field: FIELDS[0], count: 1 });
	return { seats, candidates, atLeast, atMost };
}

/** Many small overlapping groups with ≥ 1 / ≤ 1 (set cover and packing): a weak LP, real search. */
function overlapInstance(seed: number): SelectionInstance {
	const r = rng(seed);
	const n = 24 + Math.floor(r() * 17);
	const member = Array.from({ length: 24 }, () => new Set(Array.from({ length: 5 }, () => Math.floor(r() * n))));
	const candidates = Array.from({ length: n }, (_, i) => ({
		id: `H${String(i).padStart(2, '0')}`,
		score: seed % 2 ? 70 + Math.floor(r() * 30) : Math.round((70 + 30 * r()) * 10) / 10,
		groups: member.map((m, g) => (m.has(i) ? `g${g}` : '')).filter(Boolean)
	}));
	const atLeast = Array.from({ length: 12 }, (_, g) => ({ group: `g${g}`, count: 1 }));
	const atMost = Array.from({ length: 12 }, (_, g) => ({ group: `g${12 + g}`, count: 1 }));
	return { seats: 5 + Math.floor(r() * 5), candidates, atLeast, atMost };
}

function toLp(inst: SelectionInstance): string {
	const all = inst.candidates.map((_, i) => i);
	const sum = (ids: number[], coef = (_: number) => 1) =>
		ids.length ? ids.map((i) => `+ ${coef(i)} x${i}`).join(' ') : '0 x0';
	const lines = ['Maximize', ` obj: ${sum(all, (i) => inst.candidates[i].score)}`, 'Subject To'];
	lines.push(` card: ${sum(all)} = ${Math.min(inst.seats, inst.candidates.length)}`);
	resolveRules(inst).forEach((rule, j) => {
		const members = all.filter((i) => {
			const c = inst.candidates[i];
			return rule.key === 'group' ? c.groups.includes(rule.value) : c[rule.key] === rule.value;
		});
		lines.push(` r${j}: ${sum(members)} ${rule.kind === 'atLeast' ? '>=' : '<='} ${rule.count}`);
	});
	lines.push('Binaries', ` ${all.map((i) => `x${i}`).join(' ')}`, 'End');
	return lines.join('\n');
}

type Highs = { solve(lp: string, opts: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let highs: Highs;
beforeAll(async () => {
	highs = await (await import('highs')).default();
});
const highsSolve = (inst: SelectionInstance) =>
	highs.solve(toLp(inst), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });

/** Every k-subset: the best total, then the tie-break (sorted by score desc, id asc; first wins). */
function bruteForce(inst: SelectionInstance): string[] | null {
	const ranked = inst.candidates.slice().sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
	const k = Math.min(inst.seats, ranked.length);
	let best: { total: number; ids: string[] } | null = null;
	const pick: number[] = [];
	const visit = (from: number) => {
		if (pick.length === k) {
			const ids = pick.map((i) => ranked[i].id);
			if (ruleViolations(inst, ids).length) return;
			const total = Math.round(pick.reduce((s, i) => s + ranked[i].score * 10, 0));
			// pick is ascending in rank, so the first total-equal subset met is the tie-break winner
			if (!best || total > best.total) best = { total, ids };
			return;
		}
		for (let i = from; i <= ranked.length - (k - pick.length); i++) {
			pick.push(i);
			visit(i + 1);
			pick.pop();
		}
	};
	visit(0);
	return best ? (best as { ids: string[] }).ids : null;
}

const solved = (inst: SelectionInstance): SelectionResult => {
	const r = solveSelection(inst);
	if (isInfeasible(r)) throw new Error(`unexpectedly infeasible: ${r.message}`);
	return r;
};
const infeasible = (inst: SelectionInstance): SelectionInfeasible => {
	const r = solveSelection(inst);
	if (!isInfeasible(r)) throw new Error(`unexpectedly feasible: ${r.selected.join(',')}`);
	return r;
};
const scoreSum = (inst: SelectionInstance, ids: string[]) =>
	Math.round(ids.reduce((s, id) => s + inst.candidates.find((c) => c.id === id)!.score * 100, 0)) / 100;

// HiGHS-backed tests take seconds; keep them clear of the 30 s default on a busy machine
const SLOW = 180_000;

// ---------------------------------------------------------------- optimality

describe('solveSelection is exact', () => {
	it(
		'matches the HiGHS MIP optimum on 40 random instances (and agrees on infeasibility)',
		() => {
			let feasibleCount = 0;
			for (let seed = 1; seed <= 40; seed++) {
				const inst = randomInstance(seed);
				const res = solveSelection(inst);
				const ref = highsSolve(inst);
				if (isInfeasible(res)) {
					expect(ref.Status, `seed ${seed}`).toBe('Infeasible');
					continue;
				}
				feasibleCount++;
				expect(ref.Status, `seed ${seed}`).toBe('Optimal');
				expect(res.total, `seed ${seed}`).toBeCloseTo(ref.ObjectiveValue, 6);
				expect(res.selected).toHaveLength(Math.min(inst.seats, inst.candidates.length));
				expect(ruleViolations(inst, res.selected)).toEqual([]);
				expect(res.total).toBeCloseTo(scoreSum(inst, res.selected), 9);
			}
			expect(feasibleCount).toBeGreaterThanOrEqual(25);
		},
		SLOW
	);

	it(
		'matches HiGHS on 30 instances of many small overlapping groups (weak LP)',
		() => {
			for (let seed = 1; seed <= 30; seed++) {
				const inst = overlapInstance(seed);
				const res = solveSelection(inst);
				const ref = highsSolve(inst);
				if (isInfeasible(res)) expect(ref.Status, `seed ${seed}`).toBe('Infeasible');
				else expect(res.total, `seed ${seed}`).toBeCloseTo(ref.ObjectiveValue, 6);
			}
		},
		SLOW
	);

	it(
		'prunes exactly at the boundary: given a floor one step below the optimum, it still finds it',
		() => {
			let tested = 0;
			for (let seed = 1; seed <= 60; seed++) {
				const inst = seed % 2 ? overlapInstance(seed) : randomInstance(seed);
				const { units } = quantizeScores(inst.candidates.map((c) => c.score));
				const k = Math.min(inst.seats, inst.candidates.length);
				const problem = coreProblem(inst.candidates, k, resolveRules(inst));
				const best = maximize(problem, units, false);
				if (!best) continue;
				tested++;
				const step = units.reduce((g, u) => {
					let [a, b] = [g, Math.abs(u)];
					while (b) [a, b] = [b, a % b];
					return a;
				}, 0);
				expect(maximize(problem, units, false, undefined, best.value - step)?.value, `seed ${seed}`).toBe(best.value);
				expect(maximize(problem, units, false, undefined, best.value), `seed ${seed}`).toBeNull();
			}
			expect(tested).toBeGreaterThan(40);
		},
		SLOW
	);

	it(
		'matches exhaustive enumeration, tie-break included, on small instances full of ties',
		() => {
			for (let seed = 101; seed <= 140; seed += 2) {
				const inst = randomInstance(seed, { n: 16, seats: 3 + (seed % 5) });
				const expected = bruteForce(inst);
				const res = solveSelection(inst);
				if (expected === null) expect(isInfeasible(res), `seed ${seed}`).toBe(true);
				else expect(isInfeasible(res) ? null : res.selected, `seed ${seed}`).toEqual(expected);
			}
		},
		SLOW
	);

	it('meets the rules where the plain score order breaks them', () => {
		let broken = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const inst = randomInstance(seed);
			const res = solveSelection(inst);
			if (isInfeasible(res)) continue;
			if (ruleViolations(inst, greedyByScore(inst)).length > 0) {
				broken++;
				expect(ruleViolations(inst, res.selected)).toEqual([]);
			}
		}
		expect(broken).toBeGreaterThanOrEqual(10);
	});

	it('gives the same answer whatever the input order', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const inst = randomInstance(seed);
			const base = solveSelection(inst);
			const r = rng(seed * 31);
			const shuffled = {
				...inst,
				candidates: inst.candidates
					.map((c) => ({ c, k: r() }))
					.sort((a, b) => a.k - b.k)
					.map((x) => x.c)
			};
			expect(solveSelection(shuffled), `seed ${seed}`).toEqual(base);
		}
	});

	it('lists the selection by descending score, ties by id, and adds totals without float noise', () => {
		const inst: SelectionInstance = {
			seats: 3,
			candidates: [
				{ id: 'B', score: 0.1, groups: [] },
				{ id: 'A', score: 0.1, groups: [] },
				{ id: 'C', score: 0.2, groups: [] },
				{ id: 'D', score: 0.05, groups: [] }
			],
			atLeast: [],
			atMost: []
		};
		const res = solved(inst);
		expect(res.selected).toEqual(['C', 'A', 'B']);
		expect(res.total).toBe(0.4);
	});
});

// ---------------------------------------------------------------- shares

describe('share rounding', () => {
	it('is ceil(share × seats) without float artefacts', () => {
		expect(shareToCount(0.2, 10, 'atLeast')).toBe(2); // 0.2*10 = 2.0000000000000004 in floats
		expect(shareToCount(0.7, 10, 'atLeast')).toBe(7);
		expect(shareToCount(0.15, 20, 'atLeast')).toBe(3);
		expect(shareToCount(0.21, 10, 'atLeast')).toBe(3);
		expect(shareToCount(0.2, 7, 'atLeast')).toBe(2);
		expect(shareToCount(0.29, 100, 'atMost')).toBe(29);
	});

	it('asks for exactly two youth of ten seats at 20 %, not three', () => {
		const candidates = Array.from({ length: 14 }, (_, i) => ({
			id: `P${String(i).padStart(2, '0')}`,
			score: 100 - i,
			groups: i >= 10 ? ['youth'] : []
		}));
		const res = solved({ seats: 10, candidates, atLeast: [{ group: 'youth', share: 0.2 }], atMost: [] });
		expect(res.selected.filter((id) => Number(id.slice(1)) >= 10)).toEqual(['P10', 'P11']);
		expect(res.explanation.map((e) => e.rule)).toEqual(['youth ≥ 2', 'youth ≥ 2']);
	});
});

// ---------------------------------------------------------------- explanation

describe('explanation', () => {
	const inst: SelectionInstance = {
		seats: 4,
		candidates: [
			{ id: '前沿-01', score: 95, groups: [], field: '前沿', channel: '南宁市' },
			{ id: '前沿-02', score: 94, groups: [], field: '前沿', channel: '南宁市' },
			{ id: '前沿-11', score: 93, groups: [], field: '前沿', channel: '南宁市' },
			{ id: '前沿-05', score: 92, groups: [], field: '前沿', channel: '柳州市' },
			{ id: '主战场-07', score: 88, groups: [], field: '主战场', channel: '柳州市' },
			{ id: '生命健康-03', score: 86.2, groups: ['youth'], field: '生命健康', channel: '桂林市' },
			{ id: '社会服务-09', score: 80, groups: ['youth'], field: '社会服务', channel: '桂林市' }
		],
		atLeast: [{ group: 'youth', count: 1 }],
		atMost: [{ channel: '南宁市', count: 2 }]
	};

	it('names the rule that lifted each entrant and whom it displaced', () => {
		const res = solved(inst);
		expect(res.selected).toEqual(['前沿-01', '前沿-02', '前沿-05', '生命健康-03']);
		expect(res.explanation).toEqual([{ candidate: '生命健康-03', rule: 'youth ≥ 1', displaced: '前沿-11' }]);
		const score = (id: string) => inst.candidates.find((c) => c.id === id)?.score;
		expect(explainChinese(res.explanation[0], score)).toBe('青年不少于1名：生命健康-03 (86.2) 入选，替代 前沿-11 (93)');
	});

	it('can name an atMost rule and field rules', () => {
		const res = solved({
			...inst,
			atLeast: [{ field: '主战场', count: 1 }],
			atMost: [{ channel: '南宁市', count: 1 }]
		});
		expect(res.selected).toEqual(['前沿-01', '前沿-05', '主战场-07', '生命健康-03']);
		expect(res.explanation).toEqual([
			{ candidate: '主战场-07', rule: 'field 主战场 ≥ 1', displaced: '前沿-11' },
			{ candidate: '生命健康-03', rule: 'channel 南宁市 ≤ 1', displaced: '前沿-02' }
		]);
		expect(
			explainChinese(
				res.explanation[1],
				() => 1,
				(id) => `«${id}»`
			)
		).toBe('南宁市不超过1名：«生命健康-03» (1) 入选，替代 «前沿-02» (1)');
		expect(explainChinese(res.explanation[0], () => 90)).toMatch(/^主战场领域不少于1名：/);
	});

	it('covers every lifted candidate with a binding rule it satisfies, and nobody else', () => {
		let entries = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const inst = randomInstance(seed);
			const res = solveSelection(inst);
			if (isInfeasible(res)) continue;
			const plain = greedyByScore(inst);
			const lifted = res.selected.filter((id) => !plain.includes(id));
			const displaced = plain.filter((id) => !res.selected.includes(id));
			expect(res.explanation.map((e) => e.candidate).sort()).toEqual(lifted.sort());
			expect(res.explanation.map((e) => e.displaced).sort()).toEqual(displaced.sort());
			const rules = resolveRules(inst);
			const byId = new Map(inst.candidates.map((c) => [c.id, c]));
			for (const e of res.explanation) {
				entries++;
				const rule = rules.find(
					(r) =>
						`${r.key === 'group' ? '' : r.key + ' '}${r.value} ${r.kind === 'atLeast' ? '≥' : '≤'} ${r.count}` ===
						e.rule
				);
				expect(rule, `seed ${seed} ${e.rule}`).toBeDefined();
				const member = (id: string) => {
					const c = byId.get(id)!;
					return rule!.key === 'group' ? c.groups.includes(rule!.value) : c[rule!.key] === rule!.value;
				};
				const count = res.selected.filter(member).length;
				expect(count, `seed ${seed}: ${e.rule} is binding`).toBe(rule!.count);
				if (rule!.kind === 'atLeast') expect([member(e.candidate), member(e.displaced)]).toEqual([true, false]);
				else expect([member(e.candidate), member(e.displaced)]).toEqual([false, true]);
			}
		}
		expect(entries).toBeGreaterThan(20);
	});
});

// ---------------------------------------------------------------- infeasibility

describe('infeasibility diagnosis', () => {
	const people = (n: number, f: (i: number) => Partial<{ groups: string[]; field: string; channel: string }>) =>
		Array.from({ length: n }, (_, i) => ({
			id: `X${String(i).padStart(2, '0')}`,
			score: 90 - i,
			groups: [],
			field: '前沿',
			channel: 'A',
			...f(i)
		}));

	it('an atLeast count above the members available', () => {
		const r = infeasible({
			seats: 6,
			candidates: people(10, (i) => ({ groups: i < 3 ? ['youth'] : [] })),
			atLeast: [
				{ group: 'youth', count: 4 },
				{ group: 'woman', count: 0 }
			],
			atMost: []
		});
		expect(r.rules).toEqual([
			{
				rule: 'youth ≥ 4',
				path: 'atLeast[0]',
				shortBy: 1,
				conflict: 0,
				message: '青年不少于4名，但只有 3 名青年候选人'
			}
		]);
		expect(r.message).toContain('青年不少于4名，但只有 3 名青年候选人');
	});

	it('disjoint atLeast rules that need more than the seats', () => {
		const r = infeasible({
			seats: 5,
			candidates: people(12, (i) => ({ field: i % 2 ? '生命健康' : '前沿' })),
			atLeast: [
				{ group: 'youth', count: 0 },
				{ field: '前沿', count: 3 },
				{ field: '生命健康', count: 3 }
			],
			atMost: [{ channel: 'B', count: 1 }]
		});
		expect(r.rules.map((x) => [x.rule, x.shortBy])).toEqual([
			['field 前沿 ≥ 3', 1],
			['field 生命健康 ≥ 3', 1]
		]);
		expect(r.message).toContain('合计至少需要 6 名，超过 5 个名额');
	});

	it('an atLeast against an atMost (every woman is in one capped channel)', () => {
		const r = infeasible({
			seats: 5,
			candidates: people(12, (i) => (i < 4 ? { groups: ['woman'], channel: '南宁市' } : { channel: `C${i}` })),
			atLeast: [
				{ group: 'youth', count: 0 },
				{ group: 'woman', count: 3 }
			],
			atMost: [
				{ channel: '南宁市', count: 2 },
				{ channel: 'C5', count: 1 }
			]
		});
		expect(r.rules.map((x) => [x.rule, x.shortBy])).toEqual([
			['woman ≥ 3', 1],
			['channel 南宁市 ≤ 2', 1]
		]);
		expect(r.message).toContain('女性不少于3名');
	});

	it('the same target bounded both ways', () => {
		const r = infeasible({
			seats: 5,
			candidates: people(12, (i) => ({ groups: i < 6 ? ['youth'] : [] })),
			atLeast: [{ group: 'youth', count: 3 }],
			atMost: [{ group: 'youth', count: 2 }]
		});
		expect(r.rules.map((x) => [x.rule, x.shortBy, x.conflict])).toEqual([
			['youth ≥ 3', 1, 0],
			['youth ≤ 2', 1, 0]
		]);
		expect(r.message).toBe('青年不少于3名，但同时要求青年不超过2名');
	});

	it('fewer candidates than seats and a rule still broken', () => {
		const r = infeasible({
			seats: 10,
			candidates: people(4, (i) => ({ groups: i === 0 ? ['youth'] : [] })),
			atLeast: [{ group: 'youth', share: 0.2 }],
			atMost: []
		});
		expect(r.rules).toEqual([expect.objectContaining({ rule: 'youth ≥ 2', shortBy: 1 })]);
		expect(solved({ seats: 10, candidates: people(4, () => ({})), atLeast: [], atMost: [] }).selected).toHaveLength(4);
	});

	it(
		'names a minimal infeasible set of rules on random instances',
		() => {
			let checked = 0;
			for (let seed = 1; seed <= 60 && checked < 12; seed++) {
				const inst = randomInstance(seed);
				const res = solveSelection(inst);
				if (!isInfeasible(res)) continue;
				checked++;
				expect(res.rules.length, `seed ${seed}`).toBeGreaterThan(0);
				const rules = resolveRules(inst);
				const keep = (paths: Set<string>) => ({
					...inst,
					atLeast: inst.atLeast.filter((_, i) => paths.has(`atLeast[${i}]`)),
					atMost: inst.atMost.filter((_, i) => paths.has(`atMost[${i}]`))
				});
				// each conflict group is infeasible on its own, and needs every one of its rules
				for (const group of new Set(res.rules.map((x) => x.conflict))) {
					const named = new Set(res.rules.filter((x) => x.conflict === group).map((x) => x.path));
					expect(rules.filter((r) => named.has(r.path)).length).toBe(named.size);
					expect(highsSolve(keep(named)).Status, `seed ${seed}: named rules conflict`).toBe('Infeasible');
					for (const p of named) {
						const fewer = new Set([...named].filter((x) => x !== p));
						expect(highsSolve(keep(fewer)).Status, `seed ${seed}: ${p} is needed`).toBe('Optimal');
					}
				}
			}
			expect(checked).toBeGreaterThanOrEqual(5);
		},
		SLOW
	);
});

// ---------------------------------------------------------------- validation and CLI

describe('validateSelectionInstance', () => {
	const ok = {
		seats: 2,
		candidates: [
			{ id: 'A', score: 1, groups: ['youth'], field: '前沿', channel: 'X' },
			{ id: 'B', score: 2 }
		],
		atLeast: [{ group: 'youth', share: 0.5 }],
		atMost: [{ channel: 'X', count: 1 }]
	};
	const bad = (patch: (j: any) => void) => {
		const j = structuredClone(ok) as any;
		patch(j);
		const v = validateSelectionInstance(j);
		if (v.ok) throw new Error('accepted');
		return v;
	};

	it('accepts a valid instance and fills defaults', () => {
		const v = validateSelectionInstance(ok);
		expect(v.ok && v.instance.candidates[1].groups).toEqual([]);
	});

	it('names the offending path', () => {
		expect(bad((j) => (j.candidates[1].id = 'A'))).toMatchObject({
			path: 'candidates[1].id',
			message: expect.stringContaining('重复')
		});
		expect(bad((j) => (j.candidates[0].score = NaN)).path).toBe('candidates[0].score');
		expect(bad((j) => (j.candidates[0].score = Infinity)).path).toBe('candidates[0].score');
		expect(bad((j) => (j.seats = -1)).path).toBe('seats');
		expect(bad((j) => (j.seats = 2.5)).path).toBe('seats');
		expect(bad((j) => j.atLeast.push({ field: '前沿', count: 1 }, { group: 'woman', share: 1.2 })).path).toBe(
			'atLeast[2].share'
		);
		expect(bad((j) => (j.atMost[0].count = -2)).path).toBe('atMost[0].count');
		expect(bad((j) => (j.candidates[0].scor = 1))).toMatchObject({
			path: 'candidates[0].scor',
			message: expect.stringContaining('未知字段')
		});
		expect(bad((j) => (j.seat = 1)).path).toBe('seat');
		// a key that is merely extra is ignored: the format may grow
		expect(validateSelectionInstance({ ...structuredClone(ok), note: 'x' }).ok).toBe(true);
		expect(bad((j) => (j.atLeast[0].field = '前沿')).path).toBe('atLeast[0]');
		expect(bad((j) => delete j.atMost[0].count).path).toBe('atMost[0]');
		expect(bad((j) => (j.candidates[0].groups = ['youth', 3])).path).toBe('candidates[0].groups[1]');
		expect(validateSelectionInstance([]).ok).toBe(false);
	});
});

describe('select command', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-select-'));
	const run = async (content: string | null) => {
		const file = join(dir, `${Math.random()}.json`);
		if (content !== null) writeFileSync(file, content);
		return (await import('../../../../scripts/cli/select')).default(['--in', file]);
	};

	it('exits 0 with the result, 2 on bad input, 3 when infeasible', async () => {
		const inst = randomInstance(2);
		const okRes = await run(JSON.stringify(inst));
		expect(okRes.exit).toBe(0);
		expect(okRes.json).toEqual(solveSelection(inst));
		expect(await run(null)).toMatchObject({ exit: 2, json: { error: 'BAD_INPUT' } });
		expect(await run('{not json')).toMatchObject({ exit: 2, json: { error: 'BAD_INPUT' } });
		expect(
			await run(JSON.stringify({ seats: 1, candidates: [], atLeast: [{ group: 'youth', share: 2 }] }))
		).toMatchObject({ exit: 2, json: { error: 'BAD_INPUT', path: 'atLeast[0].share' } });
		const inf = await run(
			JSON.stringify({
				seats: 2,
				candidates: [
					{ id: 'A', score: 1, groups: [] },
					{ id: 'B', score: 1, groups: [] }
				],
				atLeast: [{ group: 'youth', count: 1 }]
			})
		);
		expect(inf).toMatchObject({ exit: 3, json: { error: 'INFEASIBLE', rules: [{ rule: 'youth ≥ 1', shortBy: 1 }] } });
	});
});

describe('selectTiers', () => {
	it('fills tier 1 first, tier 2 from the rest, and a subset tier from its parent', () => {
		const candidates = Array.from({ length: 12 }, (_, i) => ({
			id: `T${String(i).padStart(2, '0')}`,
			score: 90 - i,
			groups: i % 4 === 3 ? ['youth'] : []
		}));
		const res = selectTiers(candidates, [
			{ name: '最美科技工作者', size: 4, rules: { atLeast: [{ group: 'youth', count: 2 }] } },
			{ name: '优秀科技工作者', size: 4 },
			{ name: '推荐参加上级评选', size: 2, subsetOf: '最美科技工作者' }
		]);
		if ('error' in res) throw new Error(res.message);
		expect(res.tiers.map((t) => t.selected)).toEqual([
			['T00', 'T01', 'T03', 'T07'],
			['T02', 'T04', 'T05', 'T06'],
			['T00', 'T01']
		]);
		const fail = selectTiers(candidates, [
			{ name: '最美科技工作者', size: 4, rules: { atLeast: [{ group: 'youth', count: 4 }] } }
		]);
		expect(fail).toMatchObject({ error: 'INFEASIBLE', tier: '最美科技工作者' });
	});
});
