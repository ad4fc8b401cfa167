// Random instances for the assignment unit tests (src/lib/domain/assignment/*.test.ts), and what they
// check a solution against: the contract's semantics, HiGHS's LP optimum, the constraints.
import { expect } from 'vitest';
import type { AssignmentInstance } from '../../src/lib/domain/assignment';
import { rng } from '../../src/lib/server/demo/synthetic/random';

export const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];

export function randomInstance(seed: number, maxD: number, maxE: number): AssignmentInstance {
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

/** The HiGHS LP solver (wasm), loaded once per test file in beforeAll. */
export type Highs = { solve(lp: string, opts?: object): { Status: string; ObjectiveValue: number } };
export async function loadHighs(): Promise<Highs> {
	return (await (await import('highs')).default()) as unknown as Highs;
}

/** Pair values and loads exactly as CONTRACTS.md states them, computed independently of the solver. */
export function semantics(inst: AssignmentInstance) {
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

/** The LP optimum with every pair capped at `cap` (1: the assignment; q < 1: the randomized one). */
export function highsOptimum(highs: Highs, inst: AssignmentInstance, cap = 1): number | 'INFEASIBLE' {
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
	lines.push('Bounds', ...vars.map((x) => ` 0 <= ${x} <= ${cap}`), ...(vars.length ? [] : [' dummy = 0']), 'End');
	const sol = highs.solve(lines.join('\n'), { output_flag: false });
	if (sol.Status === 'Infeasible') return 'INFEASIBLE';
	expect(sol.Status).toBe('Optimal');
	return sol.ObjectiveValue;
}

/** Every constraint of the contract, and the reported objective recomputed. */
export function expectFeasible(
	inst: AssignmentInstance,
	res: { assignments: { expert: string; dossier: string }[]; objective: number }
): void {
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
}
