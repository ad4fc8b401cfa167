// Expert assignment (CONTRACTS.md "Assignment instance"): every dossier gets exactly k distinct
// experts, no expert exceeds maxLoad, conflicted pairs are never used, total value is maximal.
// Exact: a min-cost transportation problem solved by cost scaling on integral costs, with a dual
// certificate. Pure: no I/O, no database.
//
// Values are made integral by scaling with 10^d, d = the most decimals any affinity needs (as
// JavaScript prints it), so the optimum is exact. Only when that would overflow the exact range of
// doubles (absurd magnitudes or > ~7 decimals on big instances) d is lowered; the result is then
// optimal for values rounded to 10^-d and says so in `warnings`.
import { minCostTransport } from './engine/mincost-flow';
import { type TransportProblem } from './engine/transport';
import { maxTransportFlow } from './engine/maxflow';
import type { AssignmentInstance } from './instance-schema';
import { explainInfeasible, type AssignmentInfeasible } from './explain';
import { compareReviewCodes } from '../../shared/review-codes';

export { validateAssignmentInstance } from './instance-schema';
export type { AssignmentInstance, AssignmentDossier, AssignmentExpert, ValidationResult } from './instance-schema';
export type { AssignmentInfeasible, InfeasibleDetail } from './explain';

export interface AssignmentResult {
	/** Sorted by dossier, then expert (code-unit order of the ids). */
	assignments: { expert: string; dossier: string }[];
	objective: number;
	/** Present only when values had to be rounded (see the file comment). */
	warnings?: string[];
}

/** LP duals of the optimum, in value units, aligned with the sorted ids. */
export interface AssignmentCertificate {
	dossierIds: string[];
	expertIds: string[];
	/** Free dual of "dossier gets exactly k experts". */
	dossierDual: number[];
	/** Dual (≥ 0) of "expert load ≤ min(maxLoad, #dossiers)". */
	expertDual: number[];
}

/** The instance in solver form: ids sorted, dense matrices indexed [dossier * E + expert]. */
export interface AssignmentModel {
	dossierIds: string[];
	expertIds: string[];
	dossierFields: (string | undefined)[];
	k: number;
	/** min(maxLoad, #dossiers): an expert reviews a dossier at most once anyway. */
	cap: Int32Array;
	/** 1 where the pair is conflicted. */
	conflict: Uint8Array;
	/** Pair values times `scale` (integers). */
	value: Float64Array;
	scale: number;
	rounded: boolean;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SAFE = 2 ** 53;

const POW10 = Array.from({ length: 16 }, (_, d) => 10 ** d);

/** Decimal places of the shortest decimal that reads back as v (0.1 → 1, 1.5e-7 → 8); 16 if none ≤ 15. */
export function decimalsOf(v: number): number {
	for (let d = 0; d < 16; d++) if (Math.round(v * POW10[d]) / POW10[d] === v) return d;
	return 16;
}

export function buildAssignmentModel(instance: AssignmentInstance): AssignmentModel {
	// Sorting by id makes the answer independent of input order.
	const dossiers = [...instance.dossiers].sort((a, b) => compareReviewCodes(a.id, b.id));
	const experts = [...instance.experts].sort((a, b) => byCodeUnit(a.id, b.id));
	const D = dossiers.length;
	const E = experts.length;
	const k = instance.reviewsPerDossier;
	const dIndex = new Map(dossiers.map((d, i) => [d.id, i]));
	const eIndex = new Map(experts.map((e, j) => [e.id, j]));
	const cap = new Int32Array(E);
	experts.forEach((e, j) => (cap[j] = loadCap(e.maxLoad, D, k, E)));

	const conflict = new Uint8Array(D * E);
	for (const c of instance.conflicts ?? [])
		conflict[(dIndex.get(c.dossier) as number) * E + (eIndex.get(c.expert) as number)] = 1;

	// Field match as a bit matrix over the fields that dossiers actually use.
	const fieldIndex = new Map<string, number>();
	const dField = new Int32Array(D).fill(-1);
	dossiers.forEach((d, i) => {
		if (d.field === undefined) return;
		if (!fieldIndex.has(d.field)) fieldIndex.set(d.field, fieldIndex.size);
		dField[i] = fieldIndex.get(d.field) as number;
	});
	const F = fieldIndex.size;
	const knows = new Uint8Array(E * F);
	experts.forEach((e, j) => {
		for (const f of e.fields ?? []) {
			const t = fieldIndex.get(f);
			if (t !== undefined) knows[j * F + t] = 1;
		}
	});

	const affinity = instance.affinity ?? [];
	let decimals = 0;
	let maxAbs = 1;
	let lo = 0;
	let hi = 1;
	for (const a of affinity) {
		decimals = Math.max(decimals, decimalsOf(a.value));
		maxAbs = Math.max(maxAbs, Math.abs(a.value));
		lo = Math.min(lo, a.value);
		hi = Math.max(hi, a.value);
	}
	// Largest d keeping every scaled cost, price and sum an exact integer in a double:
	// prices of cost scaling stay within ~8n(n+1)·maxCost (see mincost-flow.ts).
	const n = D + E + 1;
	let d = Math.min(decimals, 15);
	const fits = (s: number): boolean => (hi - lo) * s * 8 * n * (n + 1) < SAFE && D * k * maxAbs * s < SAFE;
	while (d > 0 && !fits(10 ** d)) d--;
	const scale = 10 ** d;
	const rounded = d < decimals || !fits(scale);

	const value = new Float64Array(D * E);
	for (let i = 0; i < D; i++) {
		const f = dField[i];
		if (f < 0) continue;
		for (let j = 0; j < E; j++) if (knows[j * F + f]) value[i * E + j] = scale;
	}
	for (const a of affinity) {
		value[(dIndex.get(a.dossier) as number) * E + (eIndex.get(a.expert) as number)] = Math.round(a.value * scale);
	}
	return {
		dossierIds: dossiers.map((x) => x.id),
		expertIds: experts.map((x) => x.id),
		dossierFields: dossiers.map((x) => x.field),
		k,
		cap,
		conflict,
		value,
		scale,
		rounded
	};
}

export type AssignmentOutcome =
	| { result: AssignmentResult; certificate: AssignmentCertificate }
	| { result: AssignmentInfeasible; certificate?: undefined };

/** An expert without a maxLoad takes at most ⌈D·k / E⌉ dossiers: the even share, rounded up. */
function defaultLoad(dossiers: number, reviewsPerDossier: number, experts: number): number {
	return experts > 0 ? Math.ceil((dossiers * reviewsPerDossier) / experts) : 0;
}

/**
 * How many dossiers an expert may be given: their maxLoad, else the default load, and never more
 * than there are dossiers (an expert reviews a dossier at most once). The one load rule of the
 * solver, the explanation and the assignment page.
 */
export function loadCap(
	maxLoad: number | null | undefined,
	dossiers: number,
	reviewsPerDossier: number,
	experts: number
): number {
	return Math.min(maxLoad ?? defaultLoad(dossiers, reviewsPerDossier, experts), dossiers);
}

/** Solves and also returns the dual certificate (used by tests; the CLI prints only `result`). */
export function solveAssignmentCertified(instance: AssignmentInstance): AssignmentOutcome {
	const model = buildAssignmentModel(instance);
	const { dossierIds, expertIds, k, cap, conflict, value, scale } = model;
	const D = dossierIds.length;
	const E = expertIds.length;

	// Costs: maxValue − value ≥ 0 (every feasible answer uses exactly D·k pairs, so the shift is exact).
	let maxV = 0;
	for (let a = 0; a < D * E; a++) if (!conflict[a] && value[a] > maxV) maxV = value[a];
	const cost = new Float64Array(D * E);
	for (let a = 0; a < D * E; a++) cost[a] = conflict[a] ? Infinity : maxV - value[a];
	const problem: TransportProblem = { rows: D, cols: E, demand: k, cost, colCap: cap };

	const flow = D > 0 ? maxTransportFlow(problem) : null;
	if (flow && flow.flow < D * k) return { result: explainInfeasible(model, flow) };

	const sol = D > 0 && E > 0 ? minCostTransport(problem) : null;
	const assignments: { expert: string; dossier: string }[] = [];
	let total = 0;
	let totalRaw = 0;
	const dossierDual: number[] = new Array(D).fill(0);
	const expertDual: number[] = new Array(E).fill(0);
	if (sol) {
		const raw = rawValues(instance, model);
		const load = new Int32Array(E);
		for (let i = 0; i < D; i++) {
			let count = 0;
			for (let j = 0; j < E; j++) {
				if (!sol.assigned[i * E + j]) continue;
				assignments.push({ expert: expertIds[j], dossier: dossierIds[i] });
				total += value[i * E + j];
				totalRaw += raw ? raw(i, j) : 0;
				count++;
				load[j]++;
				if (conflict[i * E + j]) throw new Error(`内部错误：分配使用了回避关系 ${expertIds[j]}–${dossierIds[i]}`);
			}
			if (count !== k) throw new Error(`内部错误：${dossierIds[i]} 分到 ${count} 名专家`);
		}
		// The engine's certificate covers optimality; this covers feasibility, cheaply.
		for (let j = 0; j < E; j++) if (load[j] > cap[j]) throw new Error(`内部错误：${expertIds[j]} 超出评审上限`);
		// Potentials → LP duals (derivation in assignment.test.ts next to the certificate check).
		const pT = sol.sinkPotential;
		for (let i = 0; i < D; i++) dossierDual[i] = (maxV + sol.rowPotential[i] - pT) / scale;
		for (let j = 0; j < E; j++) expertDual[j] = Math.max(0, pT - sol.colPotential[j]) / scale;
	}
	const result: AssignmentResult = {
		assignments,
		objective: model.rounded ? Number(totalRaw.toPrecision(15)) : total / scale
	};
	if (model.rounded) {
		result.warnings = [`匹配度的小数位数过多，已按 ${1 / scale} 的精度求解：结果在该精度下最优`];
	}
	return { result, certificate: { dossierIds, expertIds, dossierDual, expertDual } };
}

/** Unscaled pair values, needed only when scaling had to round. */
function rawValues(instance: AssignmentInstance, model: AssignmentModel): ((i: number, j: number) => number) | null {
	if (!model.rounded) return null;
	const E = model.expertIds.length;
	const exact = new Map<number, number>();
	const dIndex = new Map(model.dossierIds.map((id, i) => [id, i]));
	const eIndex = new Map(model.expertIds.map((id, j) => [id, j]));
	for (const a of instance.affinity ?? [])
		exact.set((dIndex.get(a.dossier) as number) * E + (eIndex.get(a.expert) as number), a.value);
	return (i, j) => exact.get(i * E + j) ?? model.value[i * E + j] / model.scale;
}

export function solveAssignment(instance: AssignmentInstance): AssignmentResult | AssignmentInfeasible {
	return solveAssignmentCertified(instance).result;
}
