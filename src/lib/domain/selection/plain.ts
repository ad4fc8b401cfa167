// The plain order of a selection: score descending, then review code. The engine ranks in it
// (solveInput hands it review codes as ids), and the results page, the charts and the service's
// "plain" list show it, so a candidate shown as displaced is exactly one the explanation names.
// One owner: every sort of candidates by score in selection goes through plainOrder/rankOrder.
import { compareReviewCodes } from '../../shared/review-codes';

/** The largest score magnitude the engine takes (|score|·10^D stays an exact integer). */
export const MAX_SCORE = 1e9;

/**
 * Scores as integers in units of 10^−D, with D the fewest decimals that represent every score
 * (at most what keeps |score|·10^D ≤ 1e9), so totals compare exactly and ties are real ties.
 */
export function quantizeScores(scores: readonly number[]): { units: number[]; decimals: number } {
	const maxAbs = scores.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
	const maxD = Math.max(0, Math.min(9, Math.floor(Math.log10(MAX_SCORE / Math.max(1, maxAbs)))));
	let decimals = maxD;
	for (let d = 0; d < maxD; d++) {
		const f = 10 ** d;
		if (scores.every((s) => Math.abs(s * f - Math.round(s * f)) <= 1e-6)) {
			decimals = d;
			break;
		}
	}
	const f = 10 ** decimals;
	return { units: scores.map((s) => Math.round(s * f)), decimals };
}

/** Indices best first: score desc (at the quantised resolution), then review code (the engine's ids). */
export function rankOrder(codes: readonly string[], units: readonly number[]): number[] {
	const n = codes.length;
	const byCode = (a: number, b: number) => compareReviewCodes(codes[a], codes[b]);
	let top = -Infinity;
	let bottom = Infinity;
	for (const u of units) {
		top = Math.max(top, u);
		bottom = Math.min(bottom, u);
	}
	// score desc by a native numeric sort of (top − unit)·n + index (exact below 2^53: units are
	// integers), then only runs of equal scores by review code; the order is total, so the result
	// is the one a comparator sort gives, at a fraction of the comparator calls (cold CLI start)
	if (n === 0 || !((top - bottom + 1) * n < Number.MAX_SAFE_INTEGER)) {
		return codes.map((_, i) => i).sort((a, b) => units[b] - units[a] || byCode(a, b));
	}
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) keys[i] = (top - units[i]) * n + i;
	keys.sort();
	const order = Array.from(keys, (k) => k % n);
	for (let i = 0; i < n;) {
		let j = i + 1;
		while (j < n && units[order[j]] === units[order[i]]) j++;
		if (j - i > 1) {
			const run = order.slice(i, j).sort(byCode);
			for (let t = 0; t < run.length; t++) order[i + t] = run[t];
		}
		i = j;
	}
	return order;
}

/** The pool in plain order: score desc at the pool's own decimal resolution, then review code. */
export function plainOrder<T extends { score: number; code: string }>(pool: readonly T[]): T[] {
	const { units } = quantizeScores(pool.map((c) => c.score));
	return rankOrder(
		pool.map((c) => c.code),
		units
	).map((i) => pool[i]);
}

interface PlainInput {
	pool: readonly { id: string; score: number; code: string }[];
	tiers: readonly { subsetOf?: string }[];
}
interface PlainOutcome {
	tiers: readonly { name: string; size: number; selected: readonly string[] }[];
}

/**
 * Each tier's candidates (ids) in plain order, before its seats cut them: those no earlier tier
 * took, or the named tier's winners, as selectTiers draws them.
 */
export function eligibleByTier(input: PlainInput, outcome: PlainOutcome): string[][] {
	const order = plainOrder(input.pool).map((c) => c.id);
	const taken = new Set<string>();
	return outcome.tiers.map((t, i) => {
		const spec = input.tiers[i];
		if (spec?.subsetOf) {
			const src = new Set(outcome.tiers.find((x) => x.name === spec.subsetOf)?.selected ?? []);
			return order.filter((id) => src.has(id));
		}
		const from = order.filter((id) => !taken.has(id));
		for (const id of t.selected) taken.add(id);
		return from;
	});
}

/** The plain top `size` of each tier: what the tier would be without its balance rules. */
export function plainByTier(input: PlainInput, outcome: PlainOutcome): string[][] {
	return eligibleByTier(input, outcome).map((from, i) => from.slice(0, outcome.tiers[i].size));
}
