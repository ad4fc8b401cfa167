// The round page at national scale (issue 16): 5,000 dossiers, 500 experts. The ranking and the
// score matrix are paged on the server (?page= for the matrix, ?rpage= for the ranking, both linkable)
// and filtered by panel (field), review code and what needs the chair (?only=outliers|…); the work
// the chair must act on is summarised with counts and links. Everything here works on the round's
// results, computed once per request; a chair sees review codes only, so the only text filter is
// the review code and the orders are the rank and the review code, as before.
import { topN, type RankingRow } from '../domain/review/advance';
import { compareReviewCodes } from './review-codes';
import { matrixGroups, outlierList, type MatrixGroup, type OutlierItem, type ResultsLike } from './round-matrix';

/** What the view reads of the round's results (services/results.ts: RoundResults). */
interface Aggregate {
	id: string;
	candidate: string;
	field: string;
	value: number;
	n: number;
	mean: number;
	calibrated: number;
	outliers: { expert: string; score: number; reason: string; deviation: number }[];
}
interface Vote {
	id: string;
	candidate: string;
	field: string;
}
export interface RoundResultsLike<A extends Aggregate = Aggregate, V extends Vote = Vote> extends ResultsLike {
	round: { type: 'score' | 'vote'; state: 'draft' | 'open' | 'closed' };
	aggregates: A[];
	votes: V[];
}

/** Rows per page of the ranking and of the matrix: a chair's screenful, a small campaign's whole round. */
export const ROUND_PAGE_SIZE = 50;
/** Listed on the first screen; the rest are one link away (?only=outliers). */
const SUMMARY_SHOWN = 20;
/** Codes listed per expert under 尚未提交 (the count says how many more). */
const PENDING_CODES_SHOWN = 20;

const ONLY_LABELS = {
	outliers: '有异常分',
	rescore: '等待重评',
	pending: '有未提交评分',
	short: '评分份数不足',
	tied: '同分并列'
} as const;
export type Only = keyof typeof ONLY_LABELS;

export interface RoundQuery {
	/** the matrix's page, 1-based */
	page: number;
	/** the ranking's (or the tally's) page, 1-based */
	rpage: number;
	/** part of a review code, case-insensitive */
	q: string;
	/** a field (panel) of the round; '' for all */
	panel: string;
	only: Only | '';
}

const PAGE_RE = /^[1-9]\d{0,5}$/;

/** The query of the round page; a bad value is replaced (and said, in Chinese), never an error. */
function parseRoundQuery(sp: URLSearchParams, fields: readonly string[]): { query: RoundQuery; problems: string[] } {
	const problems: string[] = [];
	const pageOf = (name: string) => {
		const v = sp.get(name);
		if (v === null || v === '') return 1;
		if (PAGE_RE.test(v.trim())) return Number(v.trim());
		problems.push(`页码“${v.slice(0, 20)}”无效，已显示第 1 页`);
		return 1;
	};
	const page = pageOf('page');
	const rpage = pageOf('rpage');
	const q = (sp.get('q') ?? '').trim().slice(0, 40);
	let panel = (sp.get('panel') ?? '').trim();
	if (panel && !fields.includes(panel)) {
		problems.push(`本轮没有“${panel.slice(0, 20)}”领域，已显示全部领域`);
		panel = '';
	}
	let only = (sp.get('only') ?? '').trim();
	if (only && !(only in ONLY_LABELS)) {
		problems.push(`筛选条件“${only.slice(0, 20)}”无效，已显示全部材料`);
		only = '';
	}
	return { query: { page, rpage, q, panel, only: only as Only | '' }, problems };
}

export interface Paged<T> {
	rows: T[];
	page: number;
	pages: number;
	total: number;
	size: number;
}

/** One page of a list; a page past the end shows the last one. */
function pageOf<T>(list: readonly T[], page: number, size = ROUND_PAGE_SIZE): Paged<T> {
	const pages = Math.max(1, Math.ceil(list.length / size));
	const p = Math.min(Math.max(1, page), pages);
	return { rows: list.slice((p - 1) * size, p * size), page: p, pages, total: list.length, size };
}

export interface RoundView<A extends Aggregate = Aggregate, V extends Vote = Vote> {
	query: RoundQuery;
	problems: string[];
	fields: string[];
	/** the reconciliation tasks of the first screen, each with its count over the whole round */
	counts: Record<Only, number>;
	/** the widest disagreements (SUMMARY_SHOWN), of outlierTotal */
	outliers: OutlierItem[];
	outlierTotal: number;
	/** the chair's open rescore requests (listed up to SUMMARY_SHOWN) */
	asked: { candidateId: string; code: string; expertId: string; expert: string; message: string }[];
	/** a tie straddling the default advance cut (top n per field or overall), as review codes */
	tiedAtCut: { id: string; code: string; score: number }[];
	ranking: Paged<A>;
	/** the ranking page's dossiers whose value equals a neighbour's in the whole ranking (并列) */
	tiedIds: string[];
	votes: Paged<V>;
	matrix: Paged<{ id: string; code: string; field: string }> & { groups: MatrixGroup[] };
	/** per expert, what is not submitted yet: the count and the first codes */
	pending: { expert: string; total: number; codes: { code: string; status: 'draft' | 'none' }[] }[];
	pendingTotal: number;
	/** the focused dossier's cells (it need not be on the shown page) */
	focusCells: (MatrixGroup['rows'][number]['cells'][number] & { name: string })[];
}

const q6 = (x: number) => Math.round(x * 1e6);

export function roundView<A extends Aggregate, V extends Vote>(
	results: RoundResultsLike<A, V>,
	rescore: { expertId: string; candidateId: string; message: string }[],
	sp: URLSearchParams,
	opts: {
		required: number | null;
		ranking: RankingRow[];
		advance: { n: number; per: 'field' | 'overall' };
		focusId: string;
	}
): RoundView<A, V> {
	const fields = [...new Set(results.candidates.map((c) => c.field))].sort(compareReviewCodes);
	const { query, problems } = parseRoundQuery(sp, fields);
	const nameOf = new Map(results.experts.map((e) => [e.id, e.name]));
	const codeOf = new Map(results.candidates.map((c) => [c.id, c.code]));

	// What needs the chair, per dossier, over the whole round (counts are totals, not the page's).
	const isScore = results.round.type === 'score';
	const outlierIds = new Set(results.aggregates.filter((a) => a.outliers.length).map((a) => a.id));
	const rescoreIds = new Set(rescore.map((r) => r.candidateId));
	const pendingIds = new Set(results.pending.map((p) => p.candidateId));
	const few = opts.required ?? 2;
	const shortIds = new Set(results.aggregates.filter((a) => a.n < few).map((a) => a.id));
	const tiedIds = new Set<string>();
	const ranked = isScore ? results.aggregates : [];
	ranked.forEach((a, i) => {
		const v = q6(a.value);
		if (q6(ranked[i - 1]?.value ?? NaN) === v || q6(ranked[i + 1]?.value ?? NaN) === v) tiedIds.add(a.id);
	});
	const sets: Record<Only, Set<string>> = {
		outliers: outlierIds,
		rescore: rescoreIds,
		pending: pendingIds,
		short: shortIds,
		tied: tiedIds
	};
	const counts = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, s.size])) as Record<Only, number>;

	const needle = query.q.toLowerCase();
	const match = (c: { id: string; code: string; field: string }) =>
		(!query.panel || c.field === query.panel) &&
		(!needle || c.code.toLowerCase().includes(needle)) &&
		(!query.only || sets[query.only].has(c.id));

	const ranking = pageOf(
		results.aggregates.filter((a) => match({ id: a.id, code: a.candidate, field: a.field })),
		query.rpage
	);
	const votes = pageOf(
		results.votes.filter((v) => match({ id: v.id, code: v.candidate, field: v.field })),
		query.rpage
	);
	const rows = results.candidates
		.filter(match)
		.sort((a, b) => compareReviewCodes(a.field, b.field) || compareReviewCodes(a.code, b.code));
	const matrixPage = pageOf(rows, query.page);
	const groups = isScore ? matrixGroups(results, rescore, matrixPage.rows) : [];

	const outliers = isScore ? outlierList(results) : [];
	const asked = rescore.map((r) => ({
		candidateId: r.candidateId,
		code: codeOf.get(r.candidateId) ?? r.candidateId,
		expertId: r.expertId,
		expert: nameOf.get(r.expertId) ?? '',
		message: r.message
	}));
	asked.sort((a, b) => compareReviewCodes(a.code, b.code));

	const cut =
		results.round.state === 'closed' && opts.ranking.length
			? topN(opts.ranking, opts.advance.n, opts.advance.per)
			: null;
	const scoreOf = new Map(opts.ranking.map((r) => [r.candidate, r.score]));
	const tiedAtCut = (cut?.tiedAtCut ?? []).map((id) => ({
		id,
		code: codeOf.get(id) ?? id,
		score: scoreOf.get(id) ?? 0
	}));

	// Not submitted, per expert, the most first; a few codes each (thousands at national scale).
	const per = new Map<string, { expert: string; total: number; codes: { code: string; status: 'draft' | 'none' }[] }>();
	for (const p of results.pending) {
		const x = per.get(p.expertId) ?? { expert: nameOf.get(p.expertId) ?? p.expertId, total: 0, codes: [] };
		x.total++;
		x.codes.push({ code: codeOf.get(p.candidateId) ?? p.candidateId, status: p.status });
		per.set(p.expertId, x);
	}
	const pending = [...per.values()]
		.map((x) => ({
			...x,
			codes: x.codes.sort((a, b) => compareReviewCodes(a.code, b.code)).slice(0, PENDING_CODES_SHOWN)
		}))
		.sort((a, b) => b.total - a.total || a.expert.localeCompare(b.expert, 'zh-CN'));

	const focus = results.candidates.find((c) => c.id === opts.focusId);
	const focusGroup = isScore && focus ? matrixGroups(results, rescore, [focus])[0] : null;
	const focusCells = (focusGroup?.rows[0]?.cells ?? []).map((c) => ({
		...c,
		name: focusGroup!.experts.find((e) => e.id === c.expertId)?.name ?? ''
	}));

	return {
		query,
		problems,
		fields,
		counts,
		outliers: outliers.slice(0, SUMMARY_SHOWN),
		outlierTotal: outliers.length,
		asked: asked.slice(0, SUMMARY_SHOWN),
		tiedAtCut,
		ranking,
		tiedIds: ranking.rows.filter((a) => tiedIds.has(a.id)).map((a) => a.id),
		votes,
		matrix: { ...matrixPage, groups },
		pending,
		pendingTotal: results.pending.length,
		focusCells
	};
}
