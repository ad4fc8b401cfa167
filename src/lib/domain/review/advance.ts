// Advancing candidates to the next round: the top n overall or per field. Pure: no I/O.
// Deterministic: score descending, then review code ascending (natural order, locale-free).
// The code only breaks the order; a tie straddling the cut is reported in `tiedAtCut` so the
// chair decides it (e.g. by a vote) instead of the alphabet deciding silently.
import { compareReviewCodes, sortReviewCodes } from '../../shared/review-codes';

export interface RankingRow {
	candidate: string; // id
	field: string;
	score: number;
	code: string; // review code, the tie-break
}
export interface AdvanceGroup {
	field: string | null; // null for per = 'overall'
	selected: string[];
	cutScore: number | null; // score of the last selected, null when none selected
	/** Every candidate of the group with the cut score, when some of them fall below the cut. */
	tiedAtCut: string[];
}
export interface AdvanceResult {
	selected: string[]; // all groups, score descending then code
	tiedAtCut: string[]; // all groups, same order
	groups: AdvanceGroup[]; // fields in natural order
}

// Scores are compared at 1e-6 so that 85.1 from two different sums is one score.
const q = (x: number) => Math.round(x * 1e6);
/** The order of a round's ranking: score descending (at 1e-6), then review code. */
export const byScoreThenCode = (a: Pick<RankingRow, 'score' | 'code'>, b: Pick<RankingRow, 'score' | 'code'>) =>
	q(b.score) - q(a.score) || compareReviewCodes(a.code, b.code);

function cut(rows: RankingRow[], n: number, field: string | null): AdvanceGroup {
	const sorted = [...rows].sort(byScoreThenCode);
	const take = sorted.slice(0, Math.max(0, n));
	const last = take[take.length - 1];
	const next = sorted[take.length];
	const straddles = last !== undefined && next !== undefined && q(last.score) === q(next.score);
	return {
		field,
		selected: take.map((r) => r.candidate),
		cutScore: last ? last.score : null,
		tiedAtCut: straddles ? sorted.filter((r) => q(r.score) === q(last.score)).map((r) => r.candidate) : []
	};
}

export function topN(ranking: readonly RankingRow[], n: number, per: 'field' | 'overall'): AdvanceResult {
	if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`晋级名额应为非负整数：${n}`);
	const ids = new Set<string>();
	for (const r of ranking) {
		if (ids.has(r.candidate)) throw new RangeError(`候选人 ${r.candidate} 在排名中重复出现`);
		if (!Number.isFinite(r.score)) throw new RangeError(`候选人 ${r.candidate} 的得分无效`);
		ids.add(r.candidate);
	}
	let groups: AdvanceGroup[];
	if (per === 'overall') groups = [cut([...ranking], n, null)];
	else {
		const byField = new Map<string, RankingRow[]>();
		for (const r of ranking) {
			const g = byField.get(r.field);
			if (g) g.push(r);
			else byField.set(r.field, [r]);
		}
		groups = sortReviewCodes(byField.keys()).map((f) => cut(byField.get(f)!, n, f));
	}
	const row = new Map(ranking.map((r) => [r.candidate, r]));
	const order = (xs: string[]) =>
		xs
			.map((id) => row.get(id)!)
			.sort(byScoreThenCode)
			.map((r) => r.candidate);
	return {
		selected: order(groups.flatMap((g) => g.selected)),
		tiedAtCut: order(groups.flatMap((g) => g.tiedAtCut)),
		groups
	};
}

export type AdvanceHow = 'top' | 'passed' | 'manual';

export interface AdvanceChoice {
	/** the closed round's ranking; `passed` marks a vote round's passers */
	ranking: readonly (RankingRow & { passed?: boolean })[];
	/** the candidates the chair ticked */
	picked: readonly string[];
	n: number;
	per: 'field' | 'overall';
	isVote: boolean;
}

/**
 * How a chosen list advances, decided once for the page and the action alike: by rank when it is
 * exactly the top N and no tie straddles the cut; in a vote round, as the passers when it is
 * exactly them (this wins over rank: it is what the vote decided); otherwise by hand, which needs a
 * reason. `label` is the wording recorded and shown. `top` is the top-N result (null for an invalid N).
 */
export function classifyAdvance(c: AdvanceChoice): { how: AdvanceHow; label: string; top: AdvanceResult | null } {
	const picked = new Set(c.picked);
	const same = (xs: readonly string[]) => xs.length === picked.size && xs.every((x) => picked.has(x));
	const top =
		Number.isSafeInteger(c.n) && c.n > 0
			? topN(
					c.ranking.map(({ candidate, field, score, code }) => ({ candidate, field, score, code })),
					c.n,
					c.per
				)
			: null;
	let how: AdvanceHow = top && same(top.selected) && !top.tiedAtCut.length ? 'top' : 'manual';
	if (c.isVote && same(c.ranking.filter((r) => r.passed).map((r) => r.candidate))) how = 'passed';
	const label =
		how === 'top'
			? `${c.per === 'field' ? '每个领域' : '总排名'}前 ${c.n} 名`
			: how === 'passed'
				? '表决通过者'
				: '手动选择';
	return { how, label, top };
}
