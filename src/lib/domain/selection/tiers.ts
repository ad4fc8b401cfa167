// Several tiers chosen together (CONTRACTS.md "Tiers"; SPEC "How the notices are read": 晋城 picks
// 10 最美 and 10 优秀 under the same targets). A candidate is in at most one tier; each tier gets
// exactly its seats and obeys its own rules. Tier 1's total is the largest among selections in which
// EVERY tier's rules hold, then tier 2's, and so on — solving the tiers one after the other can take
// for tier 1 the very candidates tier 2 cannot do without, and then report tier 2 infeasible.
//
// How: one problem over "virtual candidates" (candidate i in tier t), solved by the exact selection
// engine (selection-solver.ts) with weighted values W_t·(score − min) where W_t exceeds every
// possible difference of the later tiers' weighted totals, so the weighted optimum is exactly the
// lexicographic one (integers, checked to stay below 2^52). Virtual candidates are ordered tier by
// tier, each in rank order, so the engine's tie-break is tier 1's tie-break, then tier 2's.
// "At most one tier per candidate" rows are added lazily: solve, add a row for every candidate used
// twice, solve again — a relaxation's optimum that uses nobody twice is the optimum (exact).
// Candidates ranked beyond Σ seats within their class (same membership in every rule of every tier)
// can never be chosen (swapping in the better class member keeps every rule), so they are dropped.
import { maximize } from './engine/solver';
import { type CoreProblem, type CoreRow } from './engine/model';
import { buildExplanation, coreProblem, describeRule, diagnoseInfeasible, isMember } from './explain';
import { quantizeScores } from './plain';
import {
	resolveRules,
	solveSelection,
	isInfeasible,
	type ExplanationEntry,
	type InfeasibleRule,
	type ResolvedRule,
	type SelectionCandidate,
	type SelectionInfeasible,
	type SelectionResult,
	type SelectionRule
} from './select';

export interface TierRules {
	name: string;
	seats: number;
	atLeast: SelectionRule[];
	atMost: SelectionRule[];
}

export interface TiersInstance {
	candidates: SelectionCandidate[];
	tiers: TierRules[];
}

export interface TierAnswer {
	name: string;
	selected: string[];
	total: number;
	explanation: ExplanationEntry[];
}

export interface TiersResult {
	tiers: TierAnswer[];
	total: number;
}

export type TiersInfeasible = SelectionInfeasible & { tier: string };

export const isTiersInfeasible = (r: TiersResult | TiersInfeasible): r is TiersInfeasible =>
	(r as TiersInfeasible).error === 'INFEASIBLE';

interface Prepared {
	ranked: SelectionCandidate[];
	units: number[];
	decimals: number;
	/** seats each tier really gets (fewer when the pool runs out) */
	k: number[];
	rules: ResolvedRule[][];
}

function prepare(inst: TiersInstance): Prepared {
	const cands = inst.candidates.map((c) => ({ ...c, groups: c.groups ?? [] }));
	const q = quantizeScores(cands.map((c) => c.score));
	const order = cands
		.map((_, i) => i)
		.sort((a, b) => q.units[b] - q.units[a] || (cands[a].id < cands[b].id ? -1 : cands[a].id > cands[b].id ? 1 : 0));
	let left = cands.length;
	const k = inst.tiers.map((t) => {
		const got = Math.min(t.seats, left);
		left -= got;
		return got;
	});
	return {
		ranked: order.map((i) => cands[i]),
		units: order.map((i) => q.units[i]),
		decimals: q.decimals,
		k,
		rules: inst.tiers.map((t) => resolveRules({ seats: t.seats, atLeast: t.atLeast, atMost: t.atMost }))
	};
}

/** Drops candidates that can never be chosen: beyond Σ seats within their joint class. */
function prune(p: Prepared): Prepared {
	const keep = p.k.reduce((a, b) => a + b, 0);
	const all = p.rules.flat();
	const seen = new Map<string, number>();
	const kept: number[] = [];
	p.ranked.forEach((c, i) => {
		const sig = all.map((r) => (isMember(r, c) ? '1' : '0')).join('');
		const n = seen.get(sig) ?? 0;
		seen.set(sig, n + 1);
		if (n < keep) kept.push(i);
	});
	if (kept.length === p.ranked.length) return p;
	return { ...p, ranked: kept.map((i) => p.ranked[i]), units: kept.map((i) => p.units[i]) };
}

/** Tier t's rows over virtual candidates t·n … t·n+n−1, plus its seat row. */
function tierRows(p: Prepared, tiers: number[]): CoreRow[] {
	const n = p.ranked.length;
	const rows: CoreRow[] = [];
	for (const t of tiers) {
		const shift = (m: readonly number[]) => m.map((i) => t * n + i);
		rows.push({ members: shift(p.ranked.map((_, i) => i)), lo: p.k[t], up: p.k[t], tag: { tier: t } });
		for (const row of coreProblem(p.ranked, p.k[t], p.rules[t]).rows)
			rows.push({ ...row, members: shift(row.members), tag: { tier: t, rules: row.tag } });
	}
	return rows;
}

const LIMIT = 2 ** 52;

/** Weighted values making the totals lexicographic, or null when they would not stay exact. */
function weights(p: Prepared, tiers: number[]): number[] | null {
	const n = p.ranked.length;
	const min = p.units.reduce((m, u) => Math.min(m, u), Infinity);
	const max = p.units.reduce((m, u) => Math.max(m, u), -Infinity);
	const range = n ? max - min : 0;
	const w = new Array<number>(p.k.length).fill(0);
	let below = 0; // largest possible spread of the weighted totals of the later tiers
	for (let j = tiers.length - 1; j >= 0; j--) {
		const t = tiers[j];
		w[t] = below + 1;
		below += w[t] * p.k[t] * range;
		if (below >= LIMIT) return null;
	}
	const values = new Array<number>(p.k.length * n).fill(0);
	for (const t of tiers) for (let i = 0; i < n; i++) values[t * n + i] = w[t] * (p.units[i] - min);
	return values;
}

/**
 * The lexicographic optimum of tiers `tiers` (indices, in order) jointly, as chosen ranks per tier,
 * or null when no selection satisfies them all. With `justFeasible` the values are ignored.
 */
function solveJoint(p: Prepared, tiers: number[], justFeasible = false): number[][] | null {
	const n = p.ranked.length;
	const m = p.k.length;
	const base = tierRows(p, tiers);
	const values = justFeasible ? new Array<number>(m * n).fill(0) : weights(p, tiers);
	if (!values) throw new RangeError('分数精度与名额组合过大，无法精确比较多个档次的总分，请减少分数的小数位数');
	const k = tiers.reduce((s, t) => s + p.k[t], 0);
	// the best-ranked candidates are the ones several tiers want: their rows from the start
	const onceRows = new Set<number>();
	if (tiers.length > 1) for (let i = 0; i < Math.min(n, k); i++) onceRows.add(i);
	for (;;) {
		const rows = [...base];
		if (tiers.length > 1) for (const i of onceRows) rows.push({ members: tiers.map((t) => t * n + i), lo: 0, up: 1 });
		const problem: CoreProblem = { n: m * n, k, rows };
		const chosen = maximize(problem, values, !justFeasible)?.chosen ?? null;
		if (!chosen) return null;
		const perTier: number[][] = Array.from({ length: m }, () => []);
		const uses = new Map<number, number>();
		for (const v of chosen) {
			const t = Math.floor(v / n);
			const i = v % n;
			perTier[t].push(i);
			uses.set(i, (uses.get(i) ?? 0) + 1);
		}
		const twice = [...uses].filter(([, u]) => u > 1).map(([i]) => i);
		if (twice.length === 0) return perTier;
		for (const i of twice) onceRows.add(i);
	}
}

function infeasible(full: Prepared, p: Prepared, inst: TiersInstance): TiersInfeasible {
	// a tier that fails on its own, with every candidate available to it
	for (let t = 0; t < inst.tiers.length; t++) {
		const r = solveSelection({
			seats: full.k[t],
			candidates: full.ranked,
			atLeast: inst.tiers[t].atLeast,
			atMost: inst.tiers[t].atMost
		});
		if (isInfeasible(r)) {
			const d = diagnoseInfeasible(full.ranked, full.k[t], full.rules[t], inst.tiers[t].seats, full.units);
			return {
				...d,
				tier: inst.tiers[t].name,
				message: `${inst.tiers[t].name}：${d.message}`,
				rules: d.rules.map((x) => ({ ...x, path: `tiers[${t}].${x.path}` }))
			};
		}
	}
	// the first tier that cannot be filled once the earlier ones have been: a minimal set of its rules
	for (let j = 1; j < inst.tiers.length; j++) {
		const prefix = Array.from({ length: j + 1 }, (_, t) => t);
		if (solveJoint(p, prefix, true)) continue;
		const all = p.rules[j];
		let core = all.slice();
		const ok = (subset: ResolvedRule[]) =>
			solveJoint({ ...p, rules: p.rules.map((r, t) => (t === j ? subset : r)) }, prefix, true) !== null;
		for (const r of all) {
			const without = core.filter((x) => x !== r);
			if (!ok(without)) core = without;
		}
		const earlier = inst.tiers
			.slice(0, j)
			.map((t) => t.name)
			.join('、');
		const rules: InfeasibleRule[] = core.map((r) => ({
			rule: describeRule(r),
			path: `tiers[${j}].${r.path}`,
			message: `${describeRule(r, 'zh')}（“${earlier}”按其规则入选后无法同时满足）`,
			conflict: 0
		}));
		return {
			error: 'INFEASIBLE',
			tier: inst.tiers[j].name,
			message: `${inst.tiers[j].name}：在“${earlier}”的规则同时成立时，以下规则无法满足：${rules.map((r) => describeRule(core[rules.indexOf(r)], 'zh')).join('；')}`,
			rules
		};
	}
	throw new Error('tiers: infeasible without a cause'); // unreachable: the joint solve found none
}

/** Every tier jointly, lexicographically best (see the head of this file). */
export function solveTiers(inst: TiersInstance): TiersResult | TiersInfeasible {
	const full = prepare(inst);
	if (inst.tiers.length === 1) {
		// one tier: exactly the one-tier engine
		const t = inst.tiers[0];
		const r = solveSelection({ seats: t.seats, candidates: inst.candidates, atLeast: t.atLeast, atMost: t.atMost });
		if (isInfeasible(r))
			return {
				...r,
				tier: t.name,
				message: `${t.name}：${r.message}`,
				rules: r.rules.map((x) => ({ ...x, path: `tiers[0].${x.path}` }))
			};
		return { tiers: [{ name: t.name, ...r }], total: r.total };
	}
	const p = prune(full);
	const all = inst.tiers.map((_, t) => t);
	const chosen = solveJoint(p, all);
	if (!chosen) return infeasible(full, p, inst);
	// back to ranks among all candidates (pruning dropped some), for the plain order
	const rankOf = new Map(full.ranked.map((c, i) => [c.id, i]));
	const taken = new Set<number>();
	let units = 0;
	const tiers = inst.tiers.map((t, ti) => {
		const sel = chosen[ti].map((i) => rankOf.get(p.ranked[i].id)!).sort((a, b) => a - b);
		// the plain order of a tier: the best of those the earlier tiers left
		const plain: number[] = [];
		for (let i = 0; i < full.ranked.length && plain.length < full.k[ti]; i++) if (!taken.has(i)) plain.push(i);
		for (const i of sel) taken.add(i);
		const sum = sel.reduce((s, i) => s + full.units[i], 0);
		units += sum;
		return {
			name: t.name,
			selected: sel.map((i) => full.ranked[i].id),
			total: sum / 10 ** full.decimals,
			explanation: buildExplanation(full.ranked, full.rules[ti], sel, plain)
		};
	});
	explainAcrossTiers(full, tiers);
	return { tiers, total: units / 10 ** full.decimals };
}

/**
 * A candidate the plain order of a tier wanted but a later tier needed: the swap back would break a
 * tight rule of that later tier (an atLeast the displaced one counts toward), so that rule is named
 * as `tier 优秀科技工作者: field 前沿 ≥ 1`; `later tiers` when no single rule shows it.
 */
function explainAcrossTiers(full: Prepared, tiers: TierAnswer[]): void {
	const byId = new Map(full.ranked.map((c) => [c.id, c]));
	tiers.forEach((tier, t) => {
		for (const e of tier.explanation) {
			if (e.rule !== 'unknown') continue;
			const D = byId.get(e.displaced)!;
			const E = byId.get(e.candidate)!;
			e.rule = 'later tiers';
			for (let u = t + 1; u < tiers.length; u++) {
				if (!tiers[u].selected.includes(D.id)) continue;
				const chosen = tiers[u].selected.map((id) => byId.get(id)!);
				const why = full.rules[u].find(
					(r) =>
						r.kind === 'atLeast' &&
						isMember(r, D) &&
						!isMember(r, E) &&
						chosen.filter((c) => isMember(r, c)).length === r.count
				);
				e.rule = why ? `tier ${tiers[u].name}: ${describeRule(why)}` : `tier ${tiers[u].name}`;
				break;
			}
		}
	});
}

// ---------------------------------------------------------------- the campaign's tiers

export interface TierSpec {
	name: string;
	size: number;
	rules?: { atLeast?: SelectionRule[]; atMost?: SelectionRule[] };
	/** draw from the winners of an earlier tier (e.g. 3 of the 20 go up to the province) instead of the rest */
	subsetOf?: string;
}

export interface TierSelection extends SelectionResult {
	name: string;
}

/**
 * The tiers of a campaign: those drawn from the whole pool are chosen jointly (selection-tiers.ts:
 * tier 1's total is the largest among selections where every tier's rules hold, then tier 2's …);
 * a tier drawn from an earlier tier's winners (subsetOf) is then chosen among them.
 * `sequential` solves the tiers one after the other instead (kept to show the difference in tests).
 */
export function selectTiers(
	candidates: SelectionCandidate[],
	tiers: TierSpec[],
	options: { sequential?: boolean } = {}
): { tiers: TierSelection[] } | (SelectionInfeasible & { tier: string }) {
	const out = new Map<string, TierSelection>();
	const main = tiers.filter((t) => t.subsetOf === undefined);
	if (!options.sequential && main.length > 1) {
		const res = solveTiers({
			candidates,
			tiers: main.map((t) => ({
				name: t.name,
				seats: t.size,
				atLeast: t.rules?.atLeast ?? [],
				atMost: t.rules?.atMost ?? []
			}))
		});
		if ('error' in res) return res;
		for (const t of res.tiers) out.set(t.name, t);
	}
	const taken = new Set<string>();
	for (const t of out.values()) for (const id of t.selected) taken.add(id);
	for (const t of tiers) {
		if (out.has(t.name)) continue;
		let pool: SelectionCandidate[];
		if (t.subsetOf !== undefined) {
			const from = out.get(t.subsetOf);
			if (!from) throw new Error(`tier ${t.name}: unknown subsetOf ${t.subsetOf}`);
			const ids = new Set(from.selected);
			pool = candidates.filter((c) => ids.has(c.id));
		} else pool = candidates.filter((c) => !taken.has(c.id));
		const res = solveSelection({
			seats: t.size,
			candidates: pool,
			atLeast: t.rules?.atLeast ?? [],
			atMost: t.rules?.atMost ?? []
		});
		if (isInfeasible(res)) return { ...res, tier: t.name, message: `${t.name}：${res.message}` };
		if (t.subsetOf === undefined) for (const id of res.selected) taken.add(id);
		out.set(t.name, { name: t.name, ...res });
	}
	return { tiers: tiers.map((t) => out.get(t.name)!) };
}
