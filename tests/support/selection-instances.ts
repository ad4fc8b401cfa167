// Instances and references for the selection unit tests (src/lib/domain/selection/selection*.test.ts):
// random instances, a brute force, HiGHS on the same MIP, and result guards.
import {
	isInfeasible,
	resolveRules,
	ruleViolations,
	solveSelection,
	type SelectionInstance,
	type SelectionResult,
	type SelectionInfeasible,
	type SelectionRule
} from '../../src/lib/domain/selection';
import { rng } from '../../src/lib/server/demo/synthetic/random';

const FIELDS = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];

/** 15–40 candidates, 3–8 seats, overlapping groups, field and channel rules; ties on odd seeds. */
export function randomInstance(seed: number, size?: { n: number; seats: number }): SelectionInstance {
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

/**
 * `n` candidates in the shape of the select bench's stress instance: 30 channels capped at one,
 * five groups demanded above their share, two fields with minimums; integer scores on odd seeds.
 */
export function largeInstance(seed: number, n: number): SelectionInstance {
	const r = rng(seed);
	const shares = [0.2, 0.3, 0.15, 0.25, 0.1];
	const candidates = Array.from({ length: n }, (_, i) => {
		const groups = shares.map((p, g) => (r() < p ? `g${g}` : '')).filter(Boolean);
		const base = 80 + 12 * (r() - 0.5) - groups.length;
		return {
			id: `L${String(i).padStart(4, '0')}`,
			score: seed % 2 ? Math.round(base) : Math.round(base * 100) / 100,
			groups,
			field: FIELDS[Math.floor(r() * 3)],
			channel: `CH${Math.floor(30 * r() * r())}`
		};
	});
	const atLeast: SelectionRule[] = shares.map((p, g) => ({ group: `g${g}`, share: Math.min(1, p * 1.5) }));
	atLeast.push({ field: FIELDS[1], count: 5 }, { field: FIELDS[2], count: 4 });
	const atMost = Array.from({ length: 30 }, (_, c) => ({ channel: `CH${c}`, count: 1 }));
	return { seats: 20, candidates, atLeast, atMost };
}

/** Many small overlapping groups with ≥ 1 / ≤ 1 (set cover and packing): a weak LP, real search. */
export function overlapInstance(seed: number): SelectionInstance {
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

export type Highs = { solve(lp: string, opts: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let highs: Highs;
/** Loads the HiGHS solver once per test file (call in beforeAll). */
export async function initHighs(): Promise<void> {
	highs = await (await import('highs')).default();
}
export const highsSolve = (inst: SelectionInstance) =>
	highs.solve(toLp(inst), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });

/** Every k-subset: the best total, then the tie-break (sorted by score desc, id asc; first wins). */
export function bruteForce(inst: SelectionInstance): string[] | null {
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

export const solved = (inst: SelectionInstance): SelectionResult => {
	const r = solveSelection(inst);
	if (isInfeasible(r)) throw new Error(`unexpectedly infeasible: ${r.message}`);
	return r;
};
export const infeasible = (inst: SelectionInstance): SelectionInfeasible => {
	const r = solveSelection(inst);
	if (!isInfeasible(r)) throw new Error(`unexpectedly feasible: ${r.selected.join(',')}`);
	return r;
};
export const scoreSum = (inst: SelectionInstance, ids: string[]) =>
	Math.round(ids.reduce((s, id) => s + inst.candidates.find((c) => c.id === id)!.score * 100, 0)) / 100;

// HiGHS-backed tests take seconds; keep them clear of the 30 s default on a busy machine
export const SLOW = 180_000;
