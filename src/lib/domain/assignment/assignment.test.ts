import { beforeAll, describe, expect, it } from 'vitest';
import {
	solveAssignment,
	solveAssignmentCertified,
	type AssignmentInfeasible,
	type AssignmentInstance,
	type AssignmentResult
} from './';
import { rng } from '../../server/demo/synthetic/random';
import {
	expectFeasible,
	highsOptimum as lpOptimum,
	loadHighs,
	randomInstance,
	semantics,
	type Highs
} from '../../../../tests/support/assignment-instances';

let highs: Highs;
beforeAll(async () => {
	highs = await loadHighs();
});
const highsOptimum = (inst: AssignmentInstance) => lpOptimum(highs, inst);

/** Every constraint of the contract, the reported objective recomputed, the order. */
function expectValid(inst: AssignmentInstance, res: AssignmentResult): void {
	expectFeasible(inst, res);
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
});
