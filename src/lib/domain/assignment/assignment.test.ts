import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	defaultLoad,
	explainDossier,
	loadCap,
	solveAssignment,
	solveAssignmentCertified,
	validateAssignmentInstance,
	type AssignmentInfeasible,
	type AssignmentInstance,
	type AssignmentResult
} from './';
import { rng } from '../../server/demo/synthetic/random';

type Highs = { solve(lp: string, opts?: object): { Status: string; ObjectiveValue: number } };
let highs: Highs;
beforeAll(async () => {
	highs = (await (await import('highs')).default()) as unknown as Highs;
});

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];

function randomInstance(seed: number, maxD: number, maxE: number): AssignmentInstance {
	const r = rng(seed);
	const D = 1 + Math.floor(r() * maxD);
	const E = 2 + Math.floor(r() * (maxE - 1));
	const k = 1 + Math.floor(r() * Math.min(3, E));
	const dossiers = Array.from({ length: D }, (_, i) => ({
		id: `D${String(i).padStart(3, '0')}`,
		field: FIELDS[Math.floor(r() * 5)]
	}));
	const experts = Array.from({ length: E }, (_, j) => ({
		id: `E${String(j).padStart(2, '0')}`,
		fields: FIELDS.filter(() => r() < 0.4),
		// explicit loads (sometimes slack, sometimes tight) or the default
		...(r() < 0.5 ? { maxLoad: Math.floor(r() * ((2 * D * k) / E + 1)) } : {})
	}));
	const conflicts: { expert: string; dossier: string }[] = [];
	const affinity: { expert: string; dossier: string; value: number }[] = [];
	for (const d of dossiers) {
		for (const e of experts) {
			const x = r();
			if (x < 0.15) conflicts.push({ expert: e.id, dossier: d.id });
			// real values, some negative, up to 3 decimals; also on conflicted pairs (ignored)
			if (r() < 0.3) affinity.push({ expert: e.id, dossier: d.id, value: Math.round((r() * 4 - 0.5) * 1000) / 1000 });
		}
	}
	return { reviewsPerDossier: k, dossiers, experts, conflicts, affinity };
}

/** Pair values and loads exactly as CONTRACTS.md states them, computed independently of the solver. */
function semantics(inst: AssignmentInstance) {
	const D = inst.dossiers.length;
	const defaultLoad = Math.ceil((D * inst.reviewsPerDossier) / inst.experts.length);
	const conflicted = new Set((inst.conflicts ?? []).map((c) => `${c.expert}|${c.dossier}`));
	const aff = new Map((inst.affinity ?? []).map((a) => [`${a.expert}|${a.dossier}`, a.value]));
	const value = (e: string, d: string): number => {
		const a = aff.get(`${e}|${d}`);
		if (a !== undefined) return a;
		const dossier = inst.dossiers.find((x) => x.id === d)!;
		const expert = inst.experts.find((x) => x.id === e)!;
		return (expert.fields ?? []).includes(dossier.field ?? '\u0000') ? 1 : 0;
	};
	const load = (e: string): number => Math.min(inst.experts.find((x) => x.id === e)!.maxLoad ?? defaultLoad, D);
	return { conflicted, value, load };
}

function highsOptimum(inst: AssignmentInstance): number | 'INFEASIBLE' {
	const { conflicted, value, load } = semantics(inst);
	const obj: string[] = [];
	const rows: string[][] = inst.dossiers.map(() => []);
	const cols: string[][] = inst.experts.map(() => []);
	const vars: string[] = [];
	inst.dossiers.forEach((d, i) =>
		inst.experts.forEach((e, j) => {
			if (conflicted.has(`${e.id}|${d.id}`)) return;
			const x = `x_${i}_${j}`;
			vars.push(x);
			const v = value(e.id, d.id);
			obj.push(`${v < 0 ? '-' : '+'} ${Math.abs(v)} ${x}`);
			rows[i].push(x);
			cols[j].push(x);
		})
	);
	const lines = ['Maximize', ` obj: ${obj.join(' ') || '0 dummy'}`, 'Subject To'];
	rows.forEach((r, i) => lines.push(` d${i}: ${r.length ? r.join(' + ') : '0 dummy'} = ${inst.reviewsPerDossier}`));
	cols.forEach((c, j) => c.length && lines.push(` e${j}: ${c.join(' + ')} <= ${load(inst.experts[j].id)}`));
	lines.push('Bounds', ...vars.map((x) => ` 0 <= ${x} <= 1`), ...(vars.length ? [] : [' dummy = 0']), 'End');
	const sol = highs.solve(lines.join('\n'), { output_flag: false });
	if (sol.Status === 'Infeasible') return 'INFEASIBLE';
	expect(sol.Status).toBe('Optimal');
	return sol.ObjectiveValue;
}

/** Every constraint of the contract, and the reported objective recomputed. */
function expectValid(inst: AssignmentInstance, res: AssignmentResult): void {
	const { conflicted, value, load } = semantics(inst);
	const perDossier = new Map<string, Set<string>>();
	const perExpert = new Map<string, number>();
	let total = 0;
	for (const a of res.assignments) {
		expect(conflicted.has(`${a.expert}|${a.dossier}`)).toBe(false);
		const set = perDossier.get(a.dossier) ?? new Set<string>();
		expect(set.has(a.expert)).toBe(false);
		perDossier.set(a.dossier, set.add(a.expert));
		perExpert.set(a.expert, (perExpert.get(a.expert) ?? 0) + 1);
		total += value(a.expert, a.dossier);
	}
	for (const d of inst.dossiers) expect(perDossier.get(d.id)?.size ?? 0).toBe(inst.reviewsPerDossier);
	for (const e of inst.experts) expect(perExpert.get(e.id) ?? 0).toBeLessThanOrEqual(load(e.id));
	expect(res.objective).toBeCloseTo(total, 6);
	const sorted = [...res.assignments].sort((a, b) =>
		a.dossier < b.dossier ? -1 : a.dossier > b.dossier ? 1 : a.expert < b.expert ? -1 : 1
	);
	expect(res.assignments).toEqual(sorted);
}

/**
 * LP: max Σ v·x s.t. Σ_e x_de = k (dual u_d free), Σ_d x_de ≤ L_e (dual w_e ≥ 0), 0 ≤ x ≤ 1 (dual z ≥ 0).
 * Dual objective Σ k·u + Σ L·w + Σ max(0, v − u − w) ≥ every primal value; equality with the primal
 * objective proves optimality. Complementary slackness is checked pair by pair as well.
 */
function expectCertificate(inst: AssignmentInstance): void {
	const out = solveAssignmentCertified(inst);
	expect('error' in out.result).toBe(false);
	const res = out.result as AssignmentResult;
	const cert = out.certificate!;
	const { conflicted, value, load } = semantics(inst);
	const u = new Map(cert.dossierIds.map((id, i) => [id, cert.dossierDual[i]]));
	const w = new Map(cert.expertIds.map((id, j) => [id, cert.expertDual[j]]));
	const used = new Set(res.assignments.map((a) => `${a.expert}|${a.dossier}`));
	const loads = new Map<string, number>();
	for (const a of res.assignments) loads.set(a.expert, (loads.get(a.expert) ?? 0) + 1);
	let dual = 0;
	const tol = 1e-7;
	for (const d of inst.dossiers) dual += inst.reviewsPerDossier * u.get(d.id)!;
	for (const e of inst.experts) {
		expect(w.get(e.id)!).toBeGreaterThanOrEqual(0);
		if (w.get(e.id)! > tol) expect(loads.get(e.id) ?? 0).toBe(load(e.id)); // slackness: priced ⇒ full
		dual += load(e.id) * w.get(e.id)!;
	}
	for (const d of inst.dossiers) {
		for (const e of inst.experts) {
			if (conflicted.has(`${e.id}|${d.id}`)) continue;
			const slack = value(e.id, d.id) - u.get(d.id)! - w.get(e.id)!;
			if (used.has(`${e.id}|${d.id}`)) expect(slack).toBeGreaterThanOrEqual(-tol);
			else expect(slack).toBeLessThanOrEqual(tol);
			dual += Math.max(0, slack);
		}
	}
	expect(dual).toBeCloseTo(res.objective, 6);
}

/** Solves, compares with HiGHS (objective or infeasibility), checks constraints and certificate. */
function expectOptimal(inst: AssignmentInstance, label: string): boolean {
	const res = solveAssignment(inst);
	const opt = highsOptimum(inst);
	if (opt === 'INFEASIBLE') {
		expect('error' in res, label).toBe(true);
		return false;
	}
	expect('error' in res, `${label}: ${(res as AssignmentInfeasible).message}`).toBe(false);
	expectValid(inst, res as AssignmentResult);
	expect((res as AssignmentResult).objective, label).toBeCloseTo(opt, 6);
	expectCertificate(inst);
	return true;
}

describe('solveAssignment vs HiGHS', () => {
	it(
		'matches the LP optimum on 40 small random instances (≤ 20 × 8), infeasibility included',
		{ timeout: 120_000 },
		() => {
			let feasible = 0;
			for (let seed = 1; seed <= 40; seed++) if (expectOptimal(randomInstance(seed, 20, 8), `seed ${seed}`)) feasible++;
			expect(feasible).toBeGreaterThan(20);
		}
	);

	it('matches on medium instances with default loads (several cost-scaling phases)', { timeout: 120_000 }, () => {
		let feasible = 0;
		for (let seed = 100; seed < 106; seed++) {
			const inst = randomInstance(seed, 160, 30);
			for (const e of inst.experts) delete e.maxLoad; // tight when D·k / E is whole
			if (expectOptimal(inst, `seed ${seed}`)) feasible++;
		}
		expect(feasible).toBeGreaterThan(3);
	});
});

describe('solveAssignment semantics', () => {
	const base = (): AssignmentInstance => ({
		reviewsPerDossier: 2,
		dossiers: [
			{ id: 'D1', field: '前沿' },
			{ id: 'D2', field: '生命健康' }
		],
		experts: [
			{ id: 'E1', fields: ['前沿'] },
			{ id: 'E2', fields: ['前沿'] },
			{ id: 'E3', fields: ['社会服务'] }
		],
		conflicts: [],
		affinity: []
	});

	it('uses value-0 pairs when nothing better is allowed', () => {
		const res = solveAssignment(base()) as AssignmentResult;
		expect(res.objective).toBe(2); // D1 gets E1, E2 (value 1 each); D2 only value-0 experts
		expectValid(base(), res);
	});

	it('prefers affinity over field match and keeps decimals exact', () => {
		const inst = base();
		inst.affinity = [
			{ expert: 'E3', dossier: 'D1', value: 0.1 },
			{ expert: 'E3', dossier: 'D2', value: 0.2 },
			{ expert: 'E1', dossier: 'D2', value: 2.5 }
		];
		inst.experts.forEach((e) => (e.maxLoad = 2));
		const res = solveAssignment(inst) as AssignmentResult;
		// D1: E1 + E2 (1 + 1); D2: E1 + E3 (2.5 + 0.2): exactly 4.7, not 4.700000000000001
		expect(res.objective).toBe(4.7);
		expect(res.objective).toBeCloseTo(highsOptimum(inst) as number, 9);
		expect(res.warnings).toBeUndefined();
	});

	it('never uses a conflicted pair, even with a huge affinity', () => {
		const inst = base();
		inst.conflicts = [{ expert: 'E1', dossier: 'D1' }];
		inst.affinity = [{ expert: 'E1', dossier: 'D1', value: 1000 }];
		const res = solveAssignment(inst) as AssignmentResult;
		expect(res.assignments).not.toContainEqual({ expert: 'E1', dossier: 'D1' });
		expectValid(inst, res);
	});

	it('rounds only values beyond 15 decimals, and says so', () => {
		const inst = base();
		inst.affinity = [{ expert: 'E3', dossier: 'D2', value: 0.1 + 0.2 }];
		const res = solveAssignment(inst) as AssignmentResult;
		expect(res.warnings?.[0]).toMatch(/精度/);
		expect(res.objective).toBeCloseTo(2.3, 9);
	});

	it('is deterministic: same answer twice and with every input array shuffled', () => {
		const inst = randomInstance(7, 20, 8);
		const first = JSON.stringify(solveAssignment(inst));
		expect(JSON.stringify(solveAssignment(inst))).toBe(first);
		const r = rng(99);
		const shuffle = <T>(a: T[]): T[] =>
			a
				.map((x) => [r(), x] as const)
				.sort((p, q) => p[0] - q[0])
				.map((p) => p[1]);
		for (let t = 0; t < 3; t++) {
			const shuffled: AssignmentInstance = {
				reviewsPerDossier: inst.reviewsPerDossier,
				dossiers: shuffle(inst.dossiers),
				experts: shuffle(inst.experts).map((e) => ({ ...e, fields: shuffle(e.fields ?? []) })),
				conflicts: shuffle(inst.conflicts ?? []),
				affinity: shuffle(inst.affinity ?? [])
			};
			expect(JSON.stringify(solveAssignment(shuffled))).toBe(first);
		}
	});

	it('handles the empty instance', () => {
		expect(solveAssignment({ reviewsPerDossier: 3, dossiers: [], experts: [] })).toEqual({
			assignments: [],
			objective: 0
		});
	});
});

describe('infeasibility is explained per dossier and cause', () => {
	const experts = (n: number, fields: string[], maxLoad?: number) =>
		Array.from({ length: n }, (_, j) => ({ id: `E${j + 1}`, fields, ...(maxLoad !== undefined ? { maxLoad } : {}) }));

	it('names a dossier with fewer eligible experts than k, with its field', () => {
		const inst: AssignmentInstance = {
			reviewsPerDossier: 3,
			dossiers: [
				{ id: 'D0001', field: '前沿' },
				{ id: 'D0007', field: '生命健康' }
			],
			experts: experts(4, ['生命健康'], 10),
			conflicts: [
				{ expert: 'E1', dossier: 'D0007' },
				{ expert: 'E2', dossier: 'D0007' }
			]
		};
		const res = solveAssignment(inst) as AssignmentInfeasible;
		expect(res.error).toBe('INFEASIBLE');
		expect(res.dossiers).toEqual(['D0007']);
		expect(res.message).toContain(
			'D0007：仅有 2 名无回避的专家，需要 3 名 — 请增加“生命健康”领域专家或降低每份材料评审人数'
		);
		expect(res.details).toEqual([
			expect.objectContaining({ dossier: 'D0007', eligible: 2, needed: 3, code: 'TOO_FEW_EXPERTS' })
		]);
	});

	it('does not count experts whose maxLoad is 0', () => {
		const inst: AssignmentInstance = {
			reviewsPerDossier: 2,
			dossiers: [{ id: 'D1', field: '前沿' }],
			experts: [{ id: 'E1', maxLoad: 0 }, { id: 'E2' }]
		};
		const res = solveAssignment(inst) as AssignmentInfeasible;
		expect(res.dossiers).toEqual(['D1']);
		expect(res.message).toMatch(/仅有 1 名无回避且评审上限大于 0 的专家，需要 2 名/);
	});

	it('finds a Hall violator: each dossier alone is fine, together the shared experts are too busy', () => {
		// D1–D3 may only use E1, E2 (conflicts with E3, E4), k = 2 ⇒ 6 reviews, but E1, E2 take 2 each.
		const inst: AssignmentInstance = {
			reviewsPerDossier: 2,
			dossiers: ['D1', 'D2', 'D3', 'D4', 'D5'].map((id) => ({ id, field: '重大需求' })),
			experts: experts(4, ['重大需求'], 3).map((e, j) => (j < 2 ? { ...e, maxLoad: 2 } : e)),
			conflicts: ['D1', 'D2', 'D3'].flatMap((d) => [
				{ expert: 'E3', dossier: d },
				{ expert: 'E4', dossier: d }
			])
		};
		expect(highsOptimum(inst)).toBe('INFEASIBLE');
		const res = solveAssignment(inst) as AssignmentInfeasible;
		expect(res.dossiers).toEqual(['D1', 'D2', 'D3']);
		expect(res.details.every((d) => d.eligible === 2 && d.needed === 2 && d.code === 'LOAD_LIMIT')).toBe(true);
		expect(res.message).toContain('3 份材料（D1、D2、D3）共需 6 人次评审');
		expect(res.message).toContain('2 名专家');
		expect(res.message).toContain('最多只能承担 4 人次');
		expect(res.message).toContain('“重大需求”');
	});

	it('says when the total capacity is short', () => {
		const inst: AssignmentInstance = {
			reviewsPerDossier: 2,
			dossiers: ['D1', 'D2', 'D3'].map((id) => ({ id })),
			experts: experts(3, [], 1)
		};
		const res = solveAssignment(inst) as AssignmentInfeasible;
		expect(res.message).toContain('专家评审上限合计 3 人次，少于需要的 6 人次');
		expect(res.dossiers).toEqual(['D1', 'D2', 'D3']);
	});

	it('explainDossier counts eligible and matching experts and lists conflicts', () => {
		const inst: AssignmentInstance = {
			reviewsPerDossier: 2,
			dossiers: [{ id: 'D1', field: '前沿' }],
			experts: [
				{ id: 'E2', fields: ['前沿'] },
				{ id: 'E1', fields: ['前沿'] },
				{ id: 'E3', maxLoad: 0 }
			],
			conflicts: [{ expert: 'E1', dossier: 'D1' }]
		};
		expect(explainDossier(inst, 'D1')).toEqual({
			dossier: 'D1',
			field: '前沿',
			needed: 2,
			eligible: 1,
			matching: 1,
			conflicts: ['E1'],
			zeroLoad: ['E3']
		});
		expect(explainDossier(inst, 'nope')).toBeNull();
	});
});

describe('validateAssignmentInstance', () => {
	const good = () => ({
		reviewsPerDossier: 1,
		dossiers: [{ id: 'D1', field: '前沿' }],
		experts: [{ id: 'E1', fields: ['前沿'], maxLoad: 2 }],
		conflicts: [{ expert: 'E1', dossier: 'D1' }],
		affinity: [{ expert: 'E1', dossier: 'D1', value: 2.5 }]
	});
	const bad = (mutate: (x: Record<string, any>) => void) => {
		const x: Record<string, any> = good();
		mutate(x);
		const r = validateAssignmentInstance(x);
		expect(r.ok).toBe(false);
		return r as { ok: false; message: string; path?: string };
	};

	it('accepts the contract example and fills optional arrays', () => {
		expect(validateAssignmentInstance(good()).ok).toBe(true);
		const r = validateAssignmentInstance({ reviewsPerDossier: 1, dossiers: [], experts: [] });
		expect(r).toEqual({
			ok: true,
			instance: { reviewsPerDossier: 1, dossiers: [], experts: [], conflicts: [], affinity: [] }
		});
	});
	it('rejects non-objects and missing arrays', () => {
		expect(validateAssignmentInstance([]).ok).toBe(false);
		expect(validateAssignmentInstance(null).ok).toBe(false);
		expect(bad((x) => delete x.dossiers)).toMatchObject({
			path: 'dossiers',
			message: expect.stringContaining('缺少数组 dossiers')
		});
		expect(bad((x) => (x.experts = {})).path).toBe('experts');
		expect(bad((x) => (x.conflicts = 'E1')).path).toBe('conflicts');
	});
	it('names the offending path', () => {
		expect(bad((x) => (x.reviewsPerDossier = 0)).path).toBe('reviewsPerDossier');
		expect(bad((x) => (x.reviewsPerDossier = 1.5)).path).toBe('reviewsPerDossier');
		expect(bad((x) => x.experts.push({ id: 'E2' }, { id: 'E3' }, { id: 'E4', maxLoad: -1 }))).toMatchObject({
			path: 'experts[3].maxLoad',
			message: expect.stringMatching(/^experts\[3\]\.maxLoad: 评审上限必须是不小于 0 的整数/)
		});
		expect(bad((x) => (x.experts[0].maxLoad = 'many')).path).toBe('experts[0].maxLoad');
		expect(bad((x) => x.dossiers.push({ id: 'D1' }))).toMatchObject({
			path: 'dossiers[1].id',
			message: expect.stringContaining('重复')
		});
		expect(bad((x) => x.experts.push({ id: 'E1' })).path).toBe('experts[1].id');
		expect(bad((x) => (x.dossiers[0].id = '')).path).toBe('dossiers[0].id');
		expect(bad((x) => (x.dossiers[0].field = 3)).path).toBe('dossiers[0].field');
		expect(bad((x) => (x.experts[0].fields = ['前沿', 7])).path).toBe('experts[0].fields[1]');
		expect(bad((x) => (x.conflicts[0].expert = 'E9'))).toMatchObject({
			path: 'conflicts[0].expert',
			message: expect.stringContaining('"E9"')
		});
		expect(bad((x) => (x.affinity[0].dossier = 'D9')).path).toBe('affinity[0].dossier');
		expect(bad((x) => (x.affinity[0].value = Infinity)).path).toBe('affinity[0].value');
		expect(bad((x) => (x.affinity[0].value = '2')).path).toBe('affinity[0].value');
		expect(bad((x) => x.affinity.push({ expert: 'E1', dossier: 'D1', value: 1 })).path).toBe('affinity[1]');
		const many = { reviewsPerDossier: 1, dossiers: Array.from({ length: 5000 }, (_, i) => ({ id: `D${i}` })) };
		const huge = validateAssignmentInstance({
			...many,
			experts: Array.from({ length: 2001 }, (_, j) => ({ id: `E${j}` }))
		});
		expect(huge).toMatchObject({ ok: false, message: expect.stringContaining('实例过大') });
	});
});

describe('laurel assign (CLI)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'laurel-assign-test-'));
	const cli = (file: string) => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/laurel.ts', 'assign', '--in', file], {
			encoding: 'utf8'
		});
		return { code: r.status, out: r.stdout ? JSON.parse(r.stdout) : null };
	};
	const write = (name: string, body: string) => {
		const f = join(dir, name);
		writeFileSync(f, body);
		return f;
	};

	it('exit 0 with the answer, 2 on bad input, 3 when infeasible', () => {
		const ok = cli(write('ok.json', JSON.stringify(randomInstance(3, 20, 8))));
		expect(ok.code).toBe(0);
		expect(ok.out).toEqual(JSON.parse(JSON.stringify(solveAssignment(randomInstance(3, 20, 8)))));
		expect(cli(join(dir, 'missing.json'))).toMatchObject({ code: 2, out: { error: 'BAD_INPUT' } });
		expect(cli(write('broken.json', '{"dossiers": ['))).toMatchObject({ code: 2, out: { error: 'BAD_INPUT' } });
		const invalid = cli(write('invalid.json', JSON.stringify({ reviewsPerDossier: 0, dossiers: [], experts: [] })));
		expect(invalid).toMatchObject({ code: 2, out: { error: 'BAD_INPUT', path: 'reviewsPerDossier' } });
		const inf = { reviewsPerDossier: 2, dossiers: [{ id: 'D7', field: '前沿' }], experts: [{ id: 'E1' }] };
		expect(cli(write('inf.json', JSON.stringify(inf)))).toMatchObject({
			code: 3,
			out: { error: 'INFEASIBLE', dossiers: ['D7'] }
		});
	}, 120_000); // five CLI processes: slow on a busy machine

	it('prints large answers completely through a pipe', () => {
		const inst = randomInstance(5, 20, 8);
		inst.dossiers = Array.from({ length: 3000 }, (_, i) => ({
			id: `D${String(i).padStart(5, '0')}`,
			field: FIELDS[i % 5]
		}));
		inst.conflicts = [];
		inst.affinity = [];
		inst.experts.forEach((e) => delete e.maxLoad);
		const r = cli(write('big.json', JSON.stringify(inst)));
		expect(r.code).toBe(0);
		expect(r.out.assignments).toHaveLength(3000 * inst.reviewsPerDossier);
	}, 60_000);
});

describe('loadCap: the one load rule', () => {
	it('is maxLoad when given, else the even share rounded up, never more than the dossiers', () => {
		expect(defaultLoad(10, 3, 4)).toBe(8); // ⌈30 / 4⌉
		expect(defaultLoad(10, 3, 0)).toBe(0);
		expect(loadCap(undefined, 10, 3, 4)).toBe(8);
		expect(loadCap(null, 10, 3, 4)).toBe(8);
		expect(loadCap(2, 10, 3, 4)).toBe(2);
		expect(loadCap(0, 10, 3, 4)).toBe(0);
		// the drifted copy on the assignment page showed 12 here; the solver never gives more than 10
		expect(loadCap(12, 10, 3, 4)).toBe(10);
		expect(loadCap(undefined, 3, 5, 1)).toBe(3);
	});
});
