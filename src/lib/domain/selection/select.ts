// Shortlist selection under balance rules (CONTRACTS.md "Selection instance"). Pure: no I/O.
// Chooses exactly `seats` candidates maximising the sum of scores under every atLeast / atMost
// rule; among equal totals the selection whose list sorted by (score desc, id asc) is
// lexicographically first wins — equivalently, the one holding the best-ranked candidate of the
// symmetric difference. That optimum is unique, so equal inputs (in any order) give equal outputs.
//
// How (files): scores are made integers at their own decimal resolution (quantizeScores), so totals
// compare exactly. selection-model.ts groups candidates into classes of identical rule signature
// (interchangeable: a class always gives its best first); selection-solver.ts runs an exact
// branch and bound over class counts with LP bounds from selection-lp.ts (bounded dual simplex,
// one row per rule), reliability branching on class counts and rule counts, reduced-cost fixing
// and gcd pruning; a second phase settles the tie-break the same exact way. selection-explain.ts
// pairs rule-lifted entrants with the plain-order candidates they displaced and, when no selection
// exists, names a minimal set of conflicting rules (deletion filter) with shortBy per rule.
// Complexity: building the model is O(candidates × rules); each node is a warm-started LP with
// rows = rules + 1. The problem is NP-hard in general (overlapping groups encode set cover), so
// the worst case is exponential, but it never gives up or approximates; on 5,000 candidates with
// ~50–70 rules the search takes a few to a few dozen nodes (scripts/bench/select.ts).
import type { SearchStats } from './engine/types';
import { maximizeSifted } from './engine/sift';
import { buildExplanation, coreProblem, describeRule, diagnoseInfeasible, isMember } from './explain';
import { quantizeScores, rankOrder } from './plain';

export type RuleKey = 'group' | 'field' | 'channel';
const RULE_KEYS: readonly RuleKey[] = ['group', 'field', 'channel'];

export interface SelectionCandidate {
	id: string;
	score: number;
	groups: string[];
	field?: string;
	channel?: string;
	/** optional display name (the web passes it; the engine ignores it) */
	name?: string;
}

/** One of group / field / channel, and one of share / count. */
export interface SelectionRule {
	group?: string;
	field?: string;
	channel?: string;
	share?: number;
	count?: number;
	/** optional Chinese wording used by describeRule(…, 'zh') */
	label?: string;
}

export interface SelectionInstance {
	seats: number;
	candidates: SelectionCandidate[];
	atLeast: SelectionRule[];
	atMost: SelectionRule[];
}

/** A rule with its share turned into a count: atLeast ceil(share × seats), atMost floor(share × seats). */
export interface ResolvedRule {
	kind: 'atLeast' | 'atMost';
	key: RuleKey;
	value: string;
	count: number;
	share?: number;
	label?: string;
	/** where it came from, e.g. atLeast[2] */
	path: string;
}

export interface ExplanationEntry {
	candidate: string;
	rule: string;
	displaced: string;
}

export interface SelectionResult {
	selected: string[];
	total: number;
	explanation: ExplanationEntry[];
}

export interface InfeasibleRule {
	rule: string;
	path: string;
	/** how far the rule must be relaxed for the others of the conflict to hold */
	shortBy?: number;
	message: string;
	/** rules with the same number form one minimal conflicting set (0, 1, … when several are independent) */
	conflict: number;
}

export interface SelectionInfeasible {
	error: 'INFEASIBLE';
	message: string;
	rules: InfeasibleRule[];
}

export interface Violation {
	rule: string;
	path: string;
	required: number;
	actual: number;
	shortBy: number;
}

// ---------------------------------------------------------------- rules and scores

/** ceil/floor of share × seats, forgiving float noise: ceil(0.2 × 10) is 2, not 3. */
function shareToCount(share: number, seats: number, kind: 'atLeast' | 'atMost'): number {
	const x = share * seats;
	const eps = 1e-9 * Math.max(1, Math.abs(x));
	return kind === 'atLeast' ? Math.max(0, Math.ceil(x - eps)) : Math.max(0, Math.floor(x + eps));
}

export function resolveRules(instance: Pick<SelectionInstance, 'seats' | 'atLeast' | 'atMost'>): ResolvedRule[] {
	const out: ResolvedRule[] = [];
	for (const kind of ['atLeast', 'atMost'] as const) {
		(instance[kind] ?? []).forEach((r, i) => {
			const key = RULE_KEYS.find((k) => r[k] !== undefined)!;
			const count = r.share !== undefined ? shareToCount(r.share, instance.seats, kind) : (r.count ?? 0);
			const rule: ResolvedRule = { kind, key, value: r[key]!, count, path: `${kind}[${i}]` };
			if (r.share !== undefined) rule.share = r.share;
			if (r.label !== undefined) rule.label = r.label;
			out.push(rule);
		});
	}
	return out;
}

interface Prepared {
	rules: ResolvedRule[];
	/** candidates in rank order */
	ranked: SelectionCandidate[];
	units: number[];
	decimals: number;
	k: number;
}

function prepare(instance: SelectionInstance): Prepared {
	const cands = instance.candidates.map((c) => ({ ...c, groups: c.groups ?? [] }));
	const q = quantizeScores(cands.map((c) => c.score));
	const order = rankOrder(
		cands.map((c) => c.id),
		q.units
	);
	return {
		rules: resolveRules(instance),
		ranked: order.map((i) => cands[i]),
		units: order.map((i) => q.units[i]),
		decimals: q.decimals,
		k: Math.min(instance.seats, cands.length)
	};
}

function countsOf(rules: readonly ResolvedRule[], chosen: readonly SelectionCandidate[]): number[] {
	return rules.map((r) => chosen.reduce((n, c) => n + (isMember(r, c) ? 1 : 0), 0));
}

// ---------------------------------------------------------------- public API

export function solveSelection(
	instance: SelectionInstance,
	stats?: SearchStats
): SelectionResult | SelectionInfeasible {
	const p = prepare(instance);
	if (p.ranked.length <= instance.seats) {
		// everyone is selected; only a broken rule can stop that
		const broken = ruleViolations(
			instance,
			p.ranked.map((c) => c.id)
		);
		if (broken.length) return diagnoseInfeasible(p.ranked, p.k, p.rules, instance.seats);
		return finish(
			p,
			p.ranked.map((_, i) => i)
		);
	}
	const problem = coreProblem(p.ranked, p.k, p.rules);
	const best = maximizeSifted(problem, p.units, stats);
	if (!best) return diagnoseInfeasible(p.ranked, p.k, p.rules, instance.seats, p.units);
	return finish(p, best.chosen);
}

function finish(p: Prepared, chosen: number[]): SelectionResult {
	const sel = chosen.slice().sort((a, b) => a - b);
	const plain = p.ranked.slice(0, p.k).map((_, i) => i);
	const exact = sel.reduce((s, i) => s + p.units[i], 0);
	return {
		selected: sel.map((i) => p.ranked[i].id),
		total: exact / 10 ** p.decimals,
		explanation: buildExplanation(p.ranked, p.rules, sel, plain)
	};
}

export function isInfeasible(r: SelectionResult | SelectionInfeasible): r is SelectionInfeasible {
	return (r as SelectionInfeasible).error === 'INFEASIBLE';
}

/** The plain order: the top `seats` by score (ties by id), ignoring every rule. */
export function greedyByScore(instance: SelectionInstance): string[] {
	const p = prepare(instance);
	return p.ranked.slice(0, p.k).map((c) => c.id);
}

/** Rules a given selection breaks (and a wrong size, as rule `seats = k`). */
export function ruleViolations(instance: SelectionInstance, selectedIds: readonly string[]): Violation[] {
	const byId = new Map(instance.candidates.map((c) => [c.id, c]));
	const chosen = [...new Set(selectedIds)].map((id) => byId.get(id)).filter((c): c is SelectionCandidate => !!c);
	const rules = resolveRules(instance);
	const counts = countsOf(rules, chosen);
	const out: Violation[] = [];
	const k = Math.min(instance.seats, instance.candidates.length);
	if (chosen.length !== k)
		out.push({
			rule: `seats = ${k}`,
			path: 'seats',
			required: k,
			actual: chosen.length,
			shortBy: Math.abs(k - chosen.length)
		});
	rules.forEach((r, i) => {
		const a = counts[i];
		if (r.kind === 'atLeast' ? a < r.count : a > r.count)
			out.push({ rule: describeRule(r), path: r.path, required: r.count, actual: a, shortBy: Math.abs(a - r.count) });
	});
	return out;
}
