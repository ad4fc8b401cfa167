// The assignment page's read side at national scale (issue 16): 5,000 dossiers × 5 experts and
// ~150,000 ties. The summary (pairs, matches, loads, short and blocked dossiers) is counted over
// every pair, but only one page of dossiers is sent, and the ties are read only for the pairs
// that are assigned (the summary's 回避 count) and for the page's dossiers (the adjust form).
import { eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, conflicts, experts, panelMembers, panels } from '../db/schema';
import { blocks, pairKey } from './conflicts';
import { chairBlockedPairs } from './chair-seats';
import { compareReviewCodes } from '../../shared/review-codes';
import { pageWindow, PAGE_SIZE, type PageWindow } from '../../shared/paging';
import { leavesPanel, panelledFields } from '../../domain/assignment/panels';

const DOSSIER_PROBLEMS = ['short', 'blocked', 'mismatch', 'outside'] as const;
export type DossierProblem = (typeof DOSSIER_PROBLEMS)[number];

export interface DossierFilter {
	/** part of a review code */
	q: string;
	field: string;
	problem: DossierProblem | '';
}

export function readDossierFilter(params: URLSearchParams): DossierFilter {
	const get = (k: string) => (params.get(k) ?? '').trim();
	return {
		q: get('q').slice(0, 50),
		field: get('field').slice(0, 100),
		problem: DOSSIER_PROBLEMS.find((p) => p === get('problem')) ?? ''
	};
}

export interface AssignmentExpert {
	id: string;
	name: string;
	fields: string[];
	maxLoad: number | null;
	panelFields: string[];
	assigned: number;
	match: number;
}

export interface ViewDossier {
	id: string;
	code: string;
	field: string;
	experts: { id: string; name: string; match: boolean; blocked: boolean; source: string; outside: boolean }[];
}

export interface AssignmentView {
	state: 'none' | 'draft' | 'published';
	pairs: number;
	objectiveNow: number;
	outside: number;
	experts: AssignmentExpert[];
	/** every (not withdrawn) dossier's field, for the default k and the field filter */
	fields: { field: string; dossiers: number }[];
	dossierCount: number;
	/** the page of dossiers under the filter, by review code */
	dossiers: ViewDossier[];
	window: PageWindow;
	/** dossiers with fewer than k experts (all of them, by code: the page names the first few) */
	short: string[];
	/** assigned pairs blocked by a tie */
	blockedPairs: number;
	/** page dossier id → experts who must not review it */
	blocked: Record<string, string[]>;
	filter: DossierFilter;
}

type Tie = Pick<typeof conflicts.$inferSelect, 'expertId' | 'candidateId' | 'severity' | 'status' | 'source'>;

const zh = new Intl.Collator('zh-CN');
// Unit and record separators: never in an id, a state or a source.
const US = '\u001f';
const RS = '\u001e';

/**
 * The suggested reviews per dossier: 5, or fewer when the roster is small — no more than the
 * largest number of experts that share some dossier's field, nor than the experts' load limits
 * can carry (when every expert has one).
 */
export function defaultReviewsPerDossier(view: Pick<AssignmentView, 'experts' | 'fields' | 'dossierCount'>): number {
	const D = view.dossierCount;
	let k = Math.min(5, view.experts.length);
	let best = 0;
	for (const { field } of view.fields)
		if (field) best = Math.max(best, view.experts.filter((e) => e.fields.includes(field)).length);
	if (best > 0) k = Math.min(k, best);
	if (D && view.experts.length && view.experts.every((e) => e.maxLoad != null)) {
		const capacity = view.experts.reduce((s, e) => s + Math.min(e.maxLoad ?? 0, D), 0);
		k = Math.min(k, Math.floor(capacity / D));
	}
	return Math.max(1, k);
}

/**
 * The page's view. Statements: dossiers, roster, panel seats, assignments, the ties of assigned
 * pairs, the chairs' seats (chair-seats.ts), and the ties of the page's dossiers.
 */
export async function assignmentView(
	db: DB,
	campaignId: string,
	/** reviews per dossier of the last distributed run: dossiers with fewer are “short” */
	k: number | null,
	filter: DossierFilter,
	pageParam: string | null,
	size = PAGE_SIZE
): Promise<AssignmentView> {
	// The dossiers with their pairs, one SQL row per dossier (group_concat, see roundSheetStates):
	// 25,000 pairs read as 25,000 row objects cost several times as much as 5,000 short strings.
	const cs = await db.all<{ id: string; code: string | null; field: string | null; pairs: string | null }>(
		sql`select c.id, c.review_code as code, c.field,
			(select group_concat(a.expert_id || char(31) || a.state || char(31) || a.source, char(30))
				from ${assignments} a where a.candidate_id = c.id and a.campaign_id = c.campaign_id) as pairs
			from ${candidates} c where c.campaign_id = ${campaignId} and c.withdrawn_at is null`
	);
	const ex = await db
		.select({ id: experts.id, name: experts.name, fields: experts.fields, maxLoad: experts.maxLoad })
		.from(experts)
		.where(eq(experts.campaignId, campaignId));
	const seats = await db
		.select({ expertId: panelMembers.expertId, field: panels.field })
		.from(panelMembers)
		.innerJoin(panels, eq(panels.id, panelMembers.panelId))
		.where(eq(panels.campaignId, campaignId));
	// Every pair counts in the total and the state, those of withdrawn dossiers too.
	const [all] = await db.all<{ n: number; published: number | null }>(
		sql`select count(*) as n, max(state = 'published') as published from ${assignments} where campaign_id = ${campaignId}`
	);
	const rows: { expertId: string; candidateId: string; source: string }[] = [];
	for (const c of cs)
		if (c.pairs)
			for (const one of c.pairs.split(RS)) {
				const [expertId, , source] = one.split(US);
				rows.push({ expertId, candidateId: c.id, source });
			}
	// The ties of assigned pairs only: driven from the assignments (CROSS JOIN keeps SQLite from
	// starting at the campaign's ~150,000 ties), each probing the (campaign, expert, candidate)
	// index by name: a covering index scanned by campaign alone would cost 25,000 scans.
	const tied = await db.all<{ e: string; c: string } & Omit<Tie, 'expertId' | 'candidateId'>>(
		sql`select a.expert_id as e, a.candidate_id as c, t.severity, t.status, t.source
			from ${assignments} a cross join ${conflicts} t indexed by conflicts_pair_kind_uq
			on t.campaign_id = a.campaign_id and t.expert_id = a.expert_id and t.candidate_id = a.candidate_id
			where a.campaign_id = ${campaignId} and t.status != 'dismissed'`
	);
	const chairPairs = new Set(await chairBlockedPairs(db, campaignId));
	const blockedAssigned = new Set(
		tied
			.filter(blocks)
			.map((t) => pairKey(t.e, t.c))
			.concat(rows.map((r) => pairKey(r.expertId, r.candidateId)).filter((key) => chairPairs.has(key)))
	);

	const panelFields = new Map<string, string[]>();
	for (const s of seats) panelFields.set(s.expertId, [...(panelFields.get(s.expertId) ?? []), s.field]);
	const expertList: AssignmentExpert[] = ex
		.map((e) => ({ ...e, panelFields: panelFields.get(e.id) ?? [], assigned: 0, match: 0 }))
		.sort((a, b) => zh.compare(a.name, b.name));
	const expertById = new Map(expertList.map((e) => [e.id, e]));
	const dossierList = cs
		.map((c) => ({ id: c.id, code: c.code ?? c.id, field: c.field ?? '' }))
		.sort((a, b) => compareReviewCodes(a.code, b.code));
	const dossierById = new Map(dossierList.map((d) => [d.id, d]));
	const panelled = panelledFields(expertList);

	const perDossier = new Map<string, ViewDossier['experts']>();
	let objectiveNow = 0;
	let outside = 0;
	for (const a of rows) {
		const e = expertById.get(a.expertId);
		const d = dossierById.get(a.candidateId);
		if (!e || !d) continue;
		const match = e.fields.includes(d.field);
		// borrowed from another panel (issue 12)
		const away = leavesPanel(panelled, e.panelFields, d.field);
		if (away) outside++;
		if (match) objectiveNow++;
		e.assigned++;
		if (match) e.match++;
		const list = perDossier.get(d.id) ?? [];
		list.push({
			id: e.id,
			name: e.name,
			match,
			blocked: blockedAssigned.has(pairKey(e.id, d.id)),
			source: a.source,
			outside: away
		});
		perDossier.set(d.id, list);
	}

	const fieldCounts = new Map<string, number>();
	for (const d of dossierList) fieldCounts.set(d.field, (fieldCounts.get(d.field) ?? 0) + 1);
	const short: string[] = [];
	let blockedPairs = 0;
	const q = filter.q.replace(/\s+/g, '');
	const shown: ViewDossier[] = [];
	for (const d of dossierList) {
		const list = perDossier.get(d.id) ?? [];
		const isShort = k !== null && list.length < k;
		if (isShort) short.push(d.code);
		const tiedHere = list.filter((e) => e.blocked).length;
		blockedPairs += tiedHere;
		if (q && !d.code.includes(q)) continue;
		if (filter.field && d.field !== filter.field) continue;
		if (filter.problem === 'short' && !isShort) continue;
		if (filter.problem === 'blocked' && !tiedHere) continue;
		if (filter.problem === 'mismatch' && list.every((e) => e.match)) continue;
		if (filter.problem === 'outside' && list.every((e) => !e.outside)) continue;
		shown.push({ ...d, experts: list });
	}
	const window = pageWindow(pageParam, shown.length, size);
	const page = shown
		.slice(window.offset, window.offset + size)
		.map((d) => ({ ...d, experts: [...d.experts].sort((a, b) => zh.compare(a.name, b.name)) }));

	// Which experts each dossier of the page must not get: shown in the adjust form's selects.
	const blocked: Record<string, string[]> = {};
	if (page.length) {
		const ids = page.map((d) => d.id);
		// Driven from the roster (500 experts × the page's dossiers, probing the pair index): the
		// ties have no index by candidate, and a scan of the campaign's ~150,000 took most of the view.
		const ties = await db.all<Tie>(
			sql`select t.expert_id as expertId, t.candidate_id as candidateId, t.severity, t.status, t.source
				from ${experts} e cross join ${conflicts} t indexed by conflicts_pair_kind_uq
				on t.campaign_id = e.campaign_id and t.expert_id = e.id and t.candidate_id in (${sql.join(
					ids.map((id) => sql`${id}`),
					sql`, `
				)})
				where e.campaign_id = ${campaignId} and t.status != 'dismissed'`
		);
		const keys = new Set(ties.filter(blocks).map((t) => pairKey(t.expertId, t.candidateId)));
		const onPage = new Set(ids);
		for (const key of chairPairs) if (onPage.has(key.split('|')[1])) keys.add(key);
		for (const key of keys) {
			const [expertId, candidateId] = key.split('|');
			(blocked[candidateId] ??= []).push(expertId);
		}
	}

	return {
		state: !Number(all?.n) ? 'none' : Number(all.published) ? 'published' : 'draft',
		pairs: Number(all?.n ?? 0),
		objectiveNow,
		outside,
		experts: expertList,
		fields: [...fieldCounts.entries()].map(([field, dossiers]) => ({ field, dossiers })),
		dossierCount: dossierList.length,
		dossiers: page,
		window,
		short,
		blockedPairs,
		blocked,
		filter
	};
}
