import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTiersInfeasible, solveTiers, type TiersInstance } from './tiers';
import { validateTiersInstance } from './instance-schema';
import {
	explainChinese,
	resolveRules,
	ruleViolations,
	selectTiers,
	solveSelection,
	isInfeasible,
	type SelectionRule
} from './';
import { rng } from '../../server/demo/synthetic/random';

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康'];

/** 20–34 candidates, two tiers of 3–6 seats under the same kind of rules (the 晋城 shape). */
function randomTiers(seed: number): TiersInstance {
	const r = rng(seed);
	const n = 20 + Math.floor(r() * 15);
	const ties = seed % 3 === 0;
	const candidates = Array.from({ length: n }, (_, i) => ({
		id: `C${String(i).padStart(2, '0')}`,
		score: ties ? 80 + Math.floor(r() * 6) : Math.round((70 + r() * 30) * 10) / 10,
		groups: (['youth', 'woman', 'grassroots'] as const).filter((_, j) => r() < [0.3, 0.3, 0.25][j]),
		field: FIELDS[Math.floor(r() * 4)],
		channel: `CH${Math.floor(r() * 4)}`
	}));
	const rules = (): { atLeast: SelectionRule[]; atMost: SelectionRule[] } => {
		const atLeast: SelectionRule[] = [
			{ group: 'youth', share: 0.2 },
			{ group: 'woman', count: 1 + Math.floor(r() * 2) }
		];
		for (const f of FIELDS) if (r() < 0.5) atLeast.push({ field: f, count: 1 });
		if (r() < 0.5) atLeast.push({ group: 'grassroots', count: 1 + Math.floor(r() * 2) });
		const atMost: SelectionRule[] = [];
		for (let c = 0; c < 4; c++) if (r() < 0.4) atMost.push({ channel: `CH${c}`, count: 2 });
		return { atLeast, atMost };
	};
	return {
		candidates,
		tiers: [
			{ name: '最美', seats: 3 + Math.floor(r() * 4), ...rules() },
			{ name: '优秀', seats: 3 + Math.floor(r() * 4), ...rules() }
		]
	};
}

/** The tiers as one MIP: x_i_t binary, each candidate at most once; objective chosen by the caller. */
function toLp(inst: TiersInstance, objectiveTier: number, floor?: { tier: number; total: number }, scale = 10): string {
	const n = inst.candidates.length;
	const all = inst.candidates.map((_, i) => i);
	const v = (i: number, t: number) => `x${i}_${t}`;
	const sum = (ids: number[], t: number, coef = (_: number) => 1) =>
		ids.length ? ids.map((i) => `+ ${coef(i)} ${v(i, t)}`).join(' ') : `0 ${v(0, t)}`;
	const score = (i: number) => Math.round(inst.candidates[i].score * scale);
	const lines = ['Maximize', ` obj: ${sum(all, objectiveTier, score)}`, 'Subject To'];
	let left = n;
	inst.tiers.forEach((tier, t) => {
		const k = Math.min(tier.seats, left);
		left -= k;
		lines.push(` card${t}: ${sum(all, t)} = ${k}`);
		resolveRules(tier).forEach((rule, j) => {
			const members = all.filter((i) => {
				const c = inst.candidates[i];
				return rule.key === 'group' ? c.groups.includes(rule.value) : c[rule.key] === rule.value;
			});
			lines.push(` r${t}_${j}: ${sum(members, t)} ${rule.kind === 'atLeast' ? '>=' : '<='} ${rule.count}`);
		});
	});
	for (const i of all) lines.push(` once${i}: ${inst.tiers.map((_, t) => `+ ${v(i, t)}`).join(' ')} <= 1`);
	if (floor) lines.push(` floor: ${sum(all, floor.tier, score)} >= ${floor.total}`);
	lines.push('Binaries', ` ${inst.tiers.flatMap((_, t) => all.map((i) => v(i, t))).join(' ')}`, 'End');
	return lines.join('\n');
}

type Highs = { solve(lp: string, opts: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let highs: Highs;
beforeAll(async () => {
	highs = await (await import('highs')).default();
});
const opts = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 };

const SLOW = 180_000;

describe('solveTiers is exact (two HiGHS MIPs in sequence)', () => {
	it(
		'matches tier 1 then tier 2 optimum on 40 random instances, and agrees on infeasibility',
		() => {
			let feasibleCount = 0;
			let differsFromSequential = 0;
			for (let seed = 1; seed <= 40; seed++) {
				const inst = randomTiers(seed);
				const res = solveTiers(inst);
				const first = highs.solve(toLp(inst, 0), opts);
				if (isTiersInfeasible(res)) {
					expect(first.Status, `seed ${seed}`).toBe('Infeasible');
					continue;
				}
				feasibleCount++;
				expect(first.Status, `seed ${seed}`).toBe('Optimal');
				const t1 = Math.round(first.ObjectiveValue);
				const second = highs.solve(toLp(inst, 1, { tier: 0, total: t1 }), opts);
				expect(second.Status, `seed ${seed}`).toBe('Optimal');
				expect(Math.round(res.tiers[0].total * 10), `seed ${seed} tier 1`).toBe(t1);
				expect(Math.round(res.tiers[1].total * 10), `seed ${seed} tier 2`).toBe(Math.round(second.ObjectiveValue));
				// the answer itself obeys every rule and uses nobody twice
				const ids = res.tiers.flatMap((t) => t.selected);
				expect(new Set(ids).size).toBe(ids.length);
				res.tiers.forEach((t, i) =>
					expect(ruleViolations({ ...inst.tiers[i], candidates: inst.candidates }, t.selected), `seed ${seed}`).toEqual(
						[]
					)
				);
				expect(res.total).toBeCloseTo(res.tiers[0].total + res.tiers[1].total, 9);
				const seq = selectTiers(
					inst.candidates,
					inst.tiers.map((t) => ({ name: t.name, size: t.seats, rules: t, subsetOf: undefined })),
					{ sequential: true }
				);
				if ('error' in seq || seq.tiers[1].total !== res.tiers[1].total) differsFromSequential++;
			}
			expect(feasibleCount).toBeGreaterThanOrEqual(20);
			expect(differsFromSequential).toBeGreaterThanOrEqual(1);
		},
		SLOW
	);

	it(
		'stays exact at the web’s score precision (4 decimals, 60 candidates, 2 × 10 seats, the 晋城 shape)',
		() => {
			const F = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];
			for (let seed = 1; seed <= 8; seed++) {
				const r = rng(1000 + seed);
				const candidates = Array.from({ length: 60 }, (_, i) => ({
					id: `C${String(i).padStart(2, '0')}`,
					score: Math.round((60 + 40 * r()) * 1e4) / 1e4,
					groups: (['youth', 'woman', 'grassroots'] as const).filter(() => r() < 0.3),
					field: F[Math.floor(r() * 5)],
					channel: `CH${Math.floor(r() * 6)}`
				}));
				const rules = () => ({
					atLeast: [
						{ group: 'youth', share: 0.2 },
						{ group: 'woman', count: 2 },
						{ group: 'grassroots', count: 3 },
						...F.map((f) => ({ field: f, count: 1 }))
					],
					atMost: [
						{ channel: 'CH0', count: 2 },
						{ channel: 'CH1', count: 2 }
					]
				});
				const inst: TiersInstance = {
					candidates,
					tiers: [
						{ name: '最美', seats: 10, ...rules() },
						{ name: '优秀', seats: 10, ...rules() }
					]
				};
				const res = solveTiers(inst);
				const first = highs.solve(toLp(inst, 0, undefined, 1e4), opts);
				if (isTiersInfeasible(res)) {
					expect(first.Status, `seed ${seed}`).toBe('Infeasible');
					continue;
				}
				const t1 = Math.round(first.ObjectiveValue);
				const second = highs.solve(toLp(inst, 1, { tier: 0, total: t1 }, 1e4), opts);
				expect(Math.round(res.tiers[0].total * 1e4), `seed ${seed} tier 1`).toBe(t1);
				expect(Math.round(res.tiers[1].total * 1e4), `seed ${seed} tier 2`).toBe(Math.round(second.ObjectiveValue));
			}
		},
		SLOW
	);

	it('equal inputs in any order give equal answers', () => {
		for (let seed = 41; seed <= 46; seed++) {
			const inst = randomTiers(seed);
			const a = solveTiers(inst);
			const b = solveTiers({ ...inst, candidates: [...inst.candidates].reverse() });
			expect(b).toEqual(a);
		}
	});
});

describe('solveTiers: the 晋城 case', () => {
	// Two 前沿 candidates only; tier 1 would take both by score, leaving 优秀 without its 前沿 seat.
	const inst: TiersInstance = {
		candidates: [
			{ id: 'A', score: 99, groups: [], field: '前沿' },
			{ id: 'B', score: 98, groups: [], field: '前沿' },
			{ id: 'C', score: 97, groups: [], field: '主战场' },
			{ id: 'D', score: 90, groups: [], field: '主战场' },
			{ id: 'E', score: 80, groups: [], field: '主战场' },
			{ id: 'F', score: 70, groups: [], field: '主战场' }
		],
		tiers: [
			{ name: '最美科技工作者', seats: 2, atLeast: [{ field: '前沿', count: 1 }], atMost: [] },
			{ name: '优秀科技工作者', seats: 2, atLeast: [{ field: '前沿', count: 1 }], atMost: [] }
		]
	};
	it('one after the other reports 优秀 infeasible; jointly both tiers hold with the best 最美 total', () => {
		const seq = selectTiers(
			inst.candidates,
			inst.tiers.map((t) => ({ name: t.name, size: t.seats, rules: t })),
			{ sequential: true }
		);
		expect('error' in seq && seq.tier).toBe('优秀科技工作者');
		const res = solveTiers(inst);
		expect(isTiersInfeasible(res)).toBe(false);
		if (isTiersInfeasible(res)) return;
		expect(res.tiers.map((t) => t.selected)).toEqual([
			['A', 'C'],
			['B', 'D']
		]);
		expect(res.tiers.map((t) => t.total)).toEqual([196, 188]);
		expect(res.total).toBe(384);
		// B (98) is the plain second of 最美 but 优秀 needs it: the lift names 优秀's rule
		expect(res.tiers[0].explanation).toEqual([
			{ candidate: 'C', rule: 'tier 优秀科技工作者: field 前沿 ≥ 1', displaced: 'B' }
		]);
		expect(explainChinese(res.tiers[0].explanation[0], (id) => inst.candidates.find((c) => c.id === id)?.score)).toBe(
			'为满足“优秀科技工作者”的前沿领域不少于1名：C (97) 入选，替代 B (98)'
		);
		// the web path (selectTiers) is joint too
		const web = selectTiers(
			inst.candidates,
			inst.tiers.map((t) => ({ name: t.name, size: t.seats, rules: t }))
		);
		expect('error' in web).toBe(false);
		if (!('error' in web))
			expect(web.tiers.map((t) => t.selected)).toEqual([
				['A', 'C'],
				['B', 'D']
			]);
	});
	it('names the tier and its rules when no pair exists', () => {
		const tight: TiersInstance = {
			...inst,
			tiers: inst.tiers.map((t, i) => (i === 1 ? { ...t, atLeast: [{ field: '前沿', count: 2 }] } : t))
		};
		const res = solveTiers(tight);
		expect(isTiersInfeasible(res)).toBe(true);
		if (!isTiersInfeasible(res)) return;
		expect(res.tier).toBe('优秀科技工作者');
		expect(res.rules.map((r) => r.rule)).toEqual(['field 前沿 ≥ 2']);
		expect(res.rules[0].path).toBe('tiers[1].atLeast[0]');
		expect(res.message).toMatch(/^优秀科技工作者：/);
	});
	it('a tier infeasible on its own is reported with the one-tier diagnosis', () => {
		const bad: TiersInstance = {
			...inst,
			tiers: [{ ...inst.tiers[0], atLeast: [{ field: '前沿', count: 3 }] }, inst.tiers[1]]
		};
		const res = solveTiers(bad);
		if (!isTiersInfeasible(res)) throw new Error('expected infeasible');
		expect(res.tier).toBe('最美科技工作者');
		expect(res.rules[0].path).toBe('tiers[0].atLeast[0]');
	});
	it('a single tier behaves exactly as the one-tier engine', () => {
		const one = solveTiers({ candidates: inst.candidates, tiers: [inst.tiers[0]] });
		const plain = solveSelection({ seats: 2, candidates: inst.candidates, atLeast: inst.tiers[0].atLeast, atMost: [] });
		if (isTiersInfeasible(one) || isInfeasible(plain)) throw new Error('expected feasible');
		expect(one.tiers[0]).toEqual({ name: '最美科技工作者', ...plain });
		expect(one.total).toBe(plain.total);
	});
});

describe('validateTiersInstance', () => {
	const ok = {
		candidates: [{ id: 'A', score: 1, groups: [] }],
		tiers: [{ name: 'T', seats: 1, atLeast: [], atMost: [] }]
	};
	it('accepts the contract shape', () => {
		expect(validateTiersInstance(ok).ok).toBe(true);
	});
	it('refuses bad tiers with a path', () => {
		const cases: [unknown, RegExp][] = [
			[{ ...ok, tiers: [] }, /tiers: 必须是非空数组/],
			[{ ...ok, tiers: [{ name: '', seats: 1 }] }, /tiers\[0\]\.name/],
			[{ ...ok, tiers: [ok.tiers[0], ok.tiers[0]] }, /重复/],
			[{ ...ok, tiers: [{ name: 'T', seats: -1 }] }, /tiers\[0\]\.seats/],
			[{ ...ok, tiers: [{ name: 'T', seats: 1, atLeast: [{ group: 'y' }] }] }, /tiers\[0\]\.atLeast\[0\]/],
			[{ ...ok, candidates: [{ id: 'A' }] }, /candidates\[0\]\.score/]
		];
		for (const [json, re] of cases) {
			const v = validateTiersInstance(json);
			expect(v.ok).toBe(false);
			if (!v.ok) expect(v.message).toMatch(re);
		}
	});
});

describe('select command with tiers', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-tiers-'));
	const run = async (json: unknown) => {
		const file = join(dir, `${Math.random()}.json`);
		writeFileSync(file, JSON.stringify(json));
		return (await import('../../../../scripts/cli/select')).default(['--in', file]);
	};
	it('exits 0 with every tier, 3 naming the tier, 2 on a bad tier', async () => {
		const inst = randomTiers(5);
		const ok = await run(inst);
		expect(ok.exit).toBe(0);
		expect(ok.json).toEqual(solveTiers(inst));
		expect(Object.keys(ok.json as object)).toEqual(['tiers', 'total']);
		const bad = await run({ ...inst, tiers: [{ ...inst.tiers[0], seats: 'x' }] });
		expect(bad).toMatchObject({ exit: 2, json: { error: 'BAD_INPUT', path: 'tiers[0].seats' } });
		const none = await run({
			candidates: [
				{ id: 'A', score: 1, groups: ['youth'] },
				{ id: 'B', score: 2, groups: [] }
			],
			tiers: [
				{ name: '一', seats: 1, atLeast: [{ group: 'youth', count: 1 }] },
				{ name: '二', seats: 1, atLeast: [{ group: 'youth', count: 1 }] }
			]
		});
		expect(none).toMatchObject({
			exit: 3,
			json: { error: 'INFEASIBLE', tier: '二', rules: [{ rule: 'youth ≥ 1', path: 'tiers[1].atLeast[0]' }] }
		});
		// totals too fine to compare exactly across three large tiers: refused, never approximated
		const fine = {
			candidates: Array.from({ length: 160 }, (_, i) => ({
				id: `F${i}`,
				score: Math.round(i * 6.2501 * 1e4) / 1e4,
				groups: []
			})),
			tiers: ['一', '二', '三'].map((name) => ({ name, seats: 50, atLeast: [], atMost: [] }))
		};
		expect(() => solveTiers(fine)).toThrow(RangeError);
		expect(await run(fine)).toMatchObject({ exit: 2, json: { error: 'BAD_INPUT' } });
	});
});
