// The selection, part 2 (part 1, exactness and share rounding: selection.test.ts): explanations,
// infeasibility diagnosis, instance validation, the select command and tiers.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	explainChinese,
	greedyByScore,
	isInfeasible,
	resolveRules,
	selectTiers,
	solveSelection,
	validateSelectionInstance,
	type SelectionInstance
} from './';
import {
	randomInstance,
	highsSolve,
	initHighs,
	solved,
	infeasible,
	SLOW
} from '../../../../tests/support/selection-instances';

beforeAll(initHighs);

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
