// The 回避 page's read side at national scale (issue 16): ~150,000 ties for 5,000 candidates and
// 500 experts. The page shows one page of them; every count comes from one grouped query over a
// covering index (status, expert, kind, severity, source), and the rows of the page are read for
// the few experts the page spans. Order: pending first (what needs a decision), then the expert's
// name as the roster sorts it, then the review code.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, conflicts, panelMembers, panels } from '../db/schema';
import { blocks, type ConflictRow } from './conflicts';
import { expertNames } from './experts';
import { compareReviewCodes } from '../../shared/review-codes';
import { pageWindow, PAGE_SIZE, type PageWindow } from '../../shared/paging';
import { CONFLICT_KIND_LABELS } from '../../shared/labels';

const CONFLICT_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
const SEVERITIES = ['conflict', 'warning'] as const;

export interface ConflictFilter {
	status: ConflictStatus | '';
	kind: string;
	severity: (typeof SEVERITIES)[number] | '';
	panel: string;
	expert: string;
	/** a review code (or part of one); for the office also a candidate's name */
	q: string;
}

/** Reads the filter from the URL; a value that names nothing known is dropped (never an error). */
export function readConflictFilter(params: URLSearchParams): ConflictFilter {
	const get = (k: string) => (params.get(k) ?? '').trim();
	return {
		status: CONFLICT_STATUSES.find((s) => s === get('status')) ?? '',
		kind: Object.hasOwn(CONFLICT_KIND_LABELS, get('kind')) ? get('kind') : '',
		severity: SEVERITIES.find((s) => s === get('severity')) ?? '',
		panel: get('panel').slice(0, 100),
		expert: get('expert').slice(0, 100),
		q: get('q').slice(0, 50)
	};
}

interface Group {
	status: ConflictStatus;
	expertId: string;
	kind: string;
	severity: 'conflict' | 'warning';
	source: ConflictRow['source'];
	n: number;
}

export interface ConflictListing {
	rows: (ConflictRow & { expertName: string; reviewCode: string; candidateName: string })[];
	window: PageWindow;
	/** every tie of the campaign */
	total: number;
	/** by status, under every filter but the status */
	statusCounts: Record<ConflictStatus | 'all', number>;
	/** by kind and by severity, over the whole campaign */
	kindCounts: Record<string, number>;
	severityCounts: Record<string, number>;
	pendingBlocking: number;
	pendingWarnings: number;
	pendingDeclared: number;
	experts: { id: string; name: string }[];
	panels: { id: string; name: string }[];
	/** the filter as applied (unknown expert or panel ids dropped) */
	filter: ConflictFilter;
}

/** Ties whose candidate's review code (and, for the office, name) contains the text. */
function candidateMatch(campaignId: string, q: string, byName: boolean): SQL {
	const match = byName
		? sql`(instr(${candidates.reviewCode}, ${q}) > 0 or instr(${candidates.name}, ${q}) > 0)`
		: sql`instr(${candidates.reviewCode}, ${q}) > 0`;
	return inArray(
		conflicts.candidateId,
		sql`(select ${candidates.id} from ${candidates} where ${candidates.campaignId} = ${campaignId} and ${match})`
	);
}

async function grouped(db: DB, campaignId: string, extra?: SQL): Promise<Group[]> {
	const rows = await db
		.select({
			status: conflicts.status,
			expertId: conflicts.expertId,
			kind: conflicts.kind,
			severity: conflicts.severity,
			source: conflicts.source,
			n: sql<number>`count(*)`
		})
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, campaignId), extra))
		.groupBy(conflicts.status, conflicts.expertId, conflicts.kind, conflicts.severity, conflicts.source);
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * One page of the campaign's ties under the filter, with the counts the page shows. Statements:
 * the roster, the panels, the grouped counts (twice when a text is searched: the campaign's and
 * the matching ones), a panel's members when one is chosen, and the page's rows.
 */
export async function conflictListing(
	db: DB,
	campaignId: string,
	asked: ConflictFilter,
	pageParam: string | null,
	opts: { searchNames: boolean; size?: number }
): Promise<ConflictListing> {
	const size = opts.size ?? PAGE_SIZE;
	const roster = await expertNames(db, campaignId);
	const panelList = await db
		.select({ id: panels.id, name: panels.name })
		.from(panels)
		.where(eq(panels.campaignId, campaignId))
		.orderBy(panels.name);
	const filter: ConflictFilter = {
		...asked,
		expert: roster.some((e) => e.id === asked.expert) ? asked.expert : '',
		panel: panelList.some((p) => p.id === asked.panel) ? asked.panel : ''
	};
	const nameOf = new Map(roster.map((e) => [e.id, e.name]));
	const rank = new Map(roster.map((e, i) => [e.id, i]));

	const all = await grouped(db, campaignId);
	const searched = filter.q
		? await grouped(db, campaignId, candidateMatch(campaignId, filter.q, opts.searchNames))
		: all;
	const inPanel = filter.panel
		? new Set(
				(
					await db
						.select({ id: panelMembers.expertId })
						.from(panelMembers)
						.where(eq(panelMembers.panelId, filter.panel))
				).map((r) => r.id)
			)
		: null;

	const byOthers = (g: Group) =>
		(!filter.kind || g.kind === filter.kind) &&
		(!filter.severity || g.severity === filter.severity) &&
		(!filter.expert || g.expertId === filter.expert) &&
		(!inPanel || inPanel.has(g.expertId));

	let total = 0;
	let pendingBlocking = 0;
	let pendingWarnings = 0;
	let pendingDeclared = 0;
	const kindCounts: Record<string, number> = {};
	const severityCounts: Record<string, number> = {};
	for (const g of all) {
		total += g.n;
		kindCounts[g.kind] = (kindCounts[g.kind] ?? 0) + g.n;
		severityCounts[g.severity] = (severityCounts[g.severity] ?? 0) + g.n;
		if (g.status !== 'pending') continue;
		if (blocks(g)) pendingBlocking += g.n;
		else if (g.source !== 'declared') pendingWarnings += g.n;
		if (g.source === 'declared') pendingDeclared += g.n;
	}

	const statusCounts = { all: 0, pending: 0, confirmed: 0, dismissed: 0 };
	// rows per (status, expert) of the filtered list: where each page starts and ends
	const cells = new Map<string, number>();
	for (const g of searched) {
		if (!byOthers(g)) continue;
		statusCounts.all += g.n;
		statusCounts[g.status] += g.n;
		if (filter.status && g.status !== filter.status) continue;
		const key = `${g.status}|${g.expertId}`;
		cells.set(key, (cells.get(key) ?? 0) + g.n);
	}
	const statusRank = (s: string) => CONFLICT_STATUSES.indexOf(s as ConflictStatus);
	const ordered = [...cells.entries()]
		.map(([key, n]) => {
			const [status, expertId] = key.split('|');
			return { status, expertId, n };
		})
		.sort(
			(a, b) =>
				statusRank(a.status) - statusRank(b.status) ||
				(rank.get(a.expertId) ?? 1e9) - (rank.get(b.expertId) ?? 1e9) ||
				a.expertId.localeCompare(b.expertId)
		);
	const window = pageWindow(pageParam, filter.status ? statusCounts[filter.status] : statusCounts.all, size);

	// the (status, expert) cells the page spans, and how many rows of the first one come before it
	const span: typeof ordered = [];
	let before = 0;
	let skip = 0;
	for (const c of ordered) {
		if (before + c.n > window.offset && before < window.offset + size) {
			if (!span.length) skip = window.offset - before;
			span.push(c);
		}
		before += c.n;
	}

	let rows: ConflictListing['rows'] = [];
	if (span.length) {
		const read = await db
			.select({ c: conflicts, reviewCode: candidates.reviewCode, candidateName: candidates.name })
			.from(conflicts)
			.innerJoin(candidates, eq(candidates.id, conflicts.candidateId))
			.where(
				and(
					eq(conflicts.campaignId, campaignId),
					inArray(conflicts.status, [...new Set(span.map((c) => c.status as ConflictStatus))]),
					inArray(conflicts.expertId, [...new Set(span.map((c) => c.expertId))]),
					filter.kind ? eq(conflicts.kind, filter.kind) : undefined,
					filter.severity ? eq(conflicts.severity, filter.severity) : undefined,
					filter.q ? candidateMatch(campaignId, filter.q, opts.searchNames) : undefined
				)
			);
		const cellOrder = new Map(span.map((c, i) => [`${c.status}|${c.expertId}`, i]));
		rows = read
			.filter((r) => cellOrder.has(`${r.c.status}|${r.c.expertId}`))
			.sort(
				(a, b) =>
					cellOrder.get(`${a.c.status}|${a.c.expertId}`)! - cellOrder.get(`${b.c.status}|${b.c.expertId}`)! ||
					compareReviewCodes(a.reviewCode ?? '', b.reviewCode ?? '') ||
					a.c.kind.localeCompare(b.c.kind)
			)
			.slice(skip, skip + size)
			.map((r) => ({
				...r.c,
				expertName: nameOf.get(r.c.expertId) ?? '',
				reviewCode: r.reviewCode ?? '',
				candidateName: r.candidateName
			}));
	}
	return {
		rows,
		window,
		total,
		statusCounts,
		kindCounts,
		severityCounts,
		pendingBlocking,
		pendingWarnings,
		pendingDeclared,
		experts: roster,
		panels: panelList,
		filter
	};
}
