// The audit log as a record an inspector reads: people by name, objects by name (or review code
// when identities are not to be shown), actions in Chinese, the short difference, Beijing time,
// filters by person, action and date, pages, and whether the hash chain verifies.
import { and, count, desc, asc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DB } from '../db';
import { attachments, auditLog, candidates, conflicts, experts, panels, rounds, sheets, users } from '../db/schema';
import { verifyAuditChain, type AuditChainVerdict } from '../audit';
import { actionLabel, auditDiff, AUDIT_ACTION_LABELS, type DiffLine } from '../../domain/audit/view';
import { beijingDayStart, formatBeijing } from '../../shared/time';
import { AUDIT_ENTITY_LABELS } from '../../shared/labels';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
	/** a user id, or `name:<actor name>` for entries without an account (系统, 命令行) */
	person?: string;
	action?: string;
	/** Beijing days, YYYY-MM-DD, both inclusive */
	from?: string;
	to?: string;
	page?: number;
}

export interface AuditViewOptions {
	/**
	 * Names of candidates and the content of entries about them. Only the campaign office sees
	 * identities; anyone else (the observer to come) reads candidates by review code.
	 */
	identities: boolean;
	/**
	 * Rounds not yet closed whose sheets' content (values, totals, choices, notes) is not shown: the
	 * observer (纪检监察) never reads a score while its round is open.
	 */
	sealedRounds?: string[];
	/**
	 * The content of entries about nominations (whole records: phones, addresses, file names);
	 * `identities` when absent. The observer reads names but not these records.
	 */
	identityContent?: boolean;
}

export interface AuditRowView {
	id: number;
	seq: number | null;
	time: string;
	person: string;
	action: string;
	object: string;
	reason: string;
	diff: DiffLine[];
	hidden: boolean;
	/** content of a sheet or note of a round that is not closed (sealedRounds) */
	sealed?: boolean;
	hash: string | null;
	prevHash: string | null;
}

/** Entries whose content is a nomination (names, units, phones): not for eyes without identities. */
const IDENTITY_CONTENT = new Set(['candidate', 'attachment', 'conflict']);
const ID_KEYS = new Set([
	'chairUserId',
	'userId',
	'expertId',
	'candidateId',
	'candidate',
	'round',
	'roundId',
	'panelId'
]);

type Row = typeof auditLog.$inferSelect;

function whereOf(campaignId: string, f: AuditFilters): SQL {
	const where: SQL[] = [eq(auditLog.campaignId, campaignId)];
	if (f.person?.startsWith('name:'))
		where.push(and(isNull(auditLog.actorId), eq(auditLog.actorName, f.person.slice(5)))!);
	else if (f.person) where.push(eq(auditLog.actorId, f.person));
	if (f.action) where.push(eq(auditLog.action, f.action));
	const from = f.from ? beijingDayStart(f.from) : null;
	const to = f.to ? beijingDayStart(f.to) : null;
	if (from !== null) where.push(gte(auditLog.at, from));
	if (to !== null) where.push(lt(auditLog.at, to + 86_400_000));
	return and(...where)!;
}

/**
 * The campaign as a filter that SQLite does not use as an index (the unary +): looked up by a
 * list of ids, a table with an index on its campaign was otherwise scanned by campaign — the
 * campaign's ~150,000 ties for seven ids took most of the audit page at national scale.
 */
const ofCampaign = (column: SQLiteColumn, campaignId: string) => sql`+${column} = ${campaignId}`;

/** id → readable name for the ids that the rows mention (entity ids and ids inside before/after). */
async function namesFor(db: DB, campaignId: string, rows: Row[], identities: boolean): Promise<Map<string, string>> {
	const ids = new Set<string>();
	for (const r of rows) {
		if (r.actorId) ids.add(r.actorId);
		if (r.entityId) for (const part of r.entityId.split('|')) ids.add(part);
		for (const doc of [r.before, r.after])
			if (doc && typeof doc === 'object' && !Array.isArray(doc))
				for (const [k, v] of Object.entries(doc)) if (ID_KEYS.has(k) && typeof v === 'string') ids.add(v);
	}
	const list = [...ids];
	const names = new Map<string, string>();
	if (!list.length) return names;
	for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list)))
		names.set(u.id, u.name);
	for (const e of await db
		.select({ id: experts.id, name: experts.name })
		.from(experts)
		.where(and(ofCampaign(experts.campaignId, campaignId), inArray(experts.id, list))))
		names.set(e.id, e.name);
	const cands = await db
		.select({ id: candidates.id, name: candidates.name, code: candidates.reviewCode })
		.from(candidates)
		.where(and(ofCampaign(candidates.campaignId, campaignId), inArray(candidates.id, list)));
	for (const c of cands) names.set(c.id, identities ? c.name : `评审编号 ${c.code ?? '未分配'}`);
	for (const p of await db
		.select({ id: panels.id, name: panels.name })
		.from(panels)
		.where(and(ofCampaign(panels.campaignId, campaignId), inArray(panels.id, list))))
		names.set(p.id, p.name);
	for (const r of await db
		.select({ id: rounds.id, name: rounds.name })
		.from(rounds)
		.where(and(ofCampaign(rounds.campaignId, campaignId), inArray(rounds.id, list))))
		names.set(r.id, r.name);
	// Conflicts and sheets are pairs: named by their expert and candidate.
	const pair = (e: string, c: string) => `${names.get(e) ?? '专家'} — ${names.get(c) ?? '候选人'}`;
	const pairs = [
		...(await db
			.select({ id: conflicts.id, e: conflicts.expertId, c: conflicts.candidateId })
			.from(conflicts)
			.where(and(ofCampaign(conflicts.campaignId, campaignId), inArray(conflicts.id, list)))),
		...(await db
			.select({ id: sheets.id, e: sheets.expertId, c: sheets.candidateId })
			.from(sheets)
			.where(inArray(sheets.id, list)))
	];
	const more = [...new Set(pairs.flatMap((p) => [p.e, p.c]).filter((x) => !names.has(x)))];
	if (more.length) {
		for (const e of await db
			.select({ id: experts.id, name: experts.name })
			.from(experts)
			.where(inArray(experts.id, more)))
			names.set(e.id, e.name);
		for (const c of await db
			.select({ id: candidates.id, name: candidates.name, code: candidates.reviewCode })
			.from(candidates)
			.where(inArray(candidates.id, more)))
			names.set(c.id, identities ? c.name : `评审编号 ${c.code ?? '未分配'}`);
	}
	for (const p of pairs) names.set(p.id, pair(p.e, p.c));
	if (identities)
		for (const a of await db
			.select({ id: attachments.id, name: attachments.filename })
			.from(attachments)
			.where(inArray(attachments.id, list)))
			names.set(a.id, a.name);
	return names;
}

function objectOf(r: Row, names: Map<string, string>): string {
	const kind = r.entity ? (AUDIT_ENTITY_LABELS[r.entity] ?? '') : '';
	if (!r.entityId || r.entity === 'campaign') return kind;
	if (r.entity === 'assignment') {
		const [e, c] = r.entityId.split('|');
		return `${kind} ${names.get(e) ?? '专家'} — ${names.get(c) ?? '候选人'}`;
	}
	if (r.entity === 'selection') return kind;
	return `${kind} ${names.get(r.entityId) ?? ''}`.trim();
}

function personOf(r: Row, names: Map<string, string>): string {
	return (r.actorId && names.get(r.actorId)) || r.actorName || '（未知）';
}

function roundOfRow(r: Row): string | null {
	for (const doc of [r.after, r.before])
		if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
			const v = (doc as Record<string, unknown>).round ?? (doc as Record<string, unknown>).roundId;
			if (typeof v === 'string') return v;
		}
	return null;
}

function view(
	r: Row,
	names: Map<string, string>,
	identities: boolean,
	sealedRounds: string[] = [],
	content = identities
): AuditRowView {
	const round =
		sealedRounds.length &&
		(r.entity === 'sheet' ||
			r.action.startsWith('sheet.') ||
			r.action.startsWith('vote.') ||
			r.action.startsWith('note.'))
			? roundOfRow(r)
			: null;
	// A sheet entry whose round cannot be told is sealed too, while any round is open.
	const sealed =
		sealedRounds.length > 0 &&
		(r.entity === 'sheet' || r.action.startsWith('note.')) &&
		(round === null || sealedRounds.includes(round));
	const hidden =
		sealed ||
		(!content &&
			(IDENTITY_CONTENT.has(r.entity ?? '') || r.action.startsWith('candidate.') || r.action === 'expert.declare'));
	return {
		id: r.id,
		seq: r.seq,
		time: formatBeijing(r.at, 'seconds'),
		person: personOf(r, names),
		action: actionLabel(r.action),
		object: objectOf(r, names),
		reason: r.reason ?? '',
		diff: hidden ? [] : auditDiff(r.before, r.after, (id) => names.get(id)),
		hidden,
		sealed,
		hash: r.hash,
		prevHash: r.prevHash
	};
}

export interface AuditPage {
	rows: AuditRowView[];
	total: number;
	page: number;
	pages: number;
	people: { value: string; label: string }[];
	actions: { value: string; label: string }[];
	chain: AuditChainVerdict;
}

export async function auditLogPage(
	db: DB,
	campaignId: string,
	filters: AuditFilters,
	opts: AuditViewOptions
): Promise<AuditPage> {
	const where = whereOf(campaignId, filters);
	const total = Number((await db.select({ n: count() }).from(auditLog).where(where))[0]?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(filters.page ?? 1)), pages);
	const rows = await db
		.select()
		.from(auditLog)
		.where(where)
		.orderBy(desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE);
	const names = await namesFor(db, campaignId, rows, opts.identities);
	// The filter lists: everyone and every action that occurs in this campaign's log.
	const actors = await db
		.selectDistinct({ id: auditLog.actorId, name: auditLog.actorName })
		.from(auditLog)
		.where(eq(auditLog.campaignId, campaignId));
	const ids = actors.map((a) => a.id).filter((x): x is string => Boolean(x));
	const display = new Map(
		(ids.length
			? await db
					.select({ id: users.id, name: users.displayName, username: users.username })
					.from(users)
					.where(inArray(users.id, ids))
			: []
		).map((u) => [u.id, u])
	);
	const people = new Map<string, string>();
	for (const a of actors) {
		if (a.id) people.set(a.id, display.get(a.id)?.name ?? a.name ?? a.id);
		else if (a.name) people.set(`name:${a.name}`, a.name);
	}
	const used = await db
		.selectDistinct({ action: auditLog.action })
		.from(auditLog)
		.where(eq(auditLog.campaignId, campaignId));
	const actions = [...new Set([...used.map((u) => u.action)])]
		.map((value) => ({ value, label: actionLabel(value) }))
		.sort(
			(a, b) => Object.keys(AUDIT_ACTION_LABELS).indexOf(a.value) - Object.keys(AUDIT_ACTION_LABELS).indexOf(b.value)
		);
	return {
		rows: rows.map((r) => view(r, names, opts.identities, opts.sealedRounds, opts.identityContent ?? opts.identities)),
		total,
		page,
		pages,
		people: [...people]
			.map(([value, label]) => ({ value, label }))
			.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
		actions,
		chain: await verifyAuditChain(db, campaignId)
	};
}

/** Every entry of the campaign, oldest first, as the export shows it (with the raw fields the hash covers). */
export async function auditLogRecords(db: DB, campaignId: string, opts: AuditViewOptions) {
	const rows = await db.select().from(auditLog).where(eq(auditLog.campaignId, campaignId)).orderBy(asc(auditLog.id));
	const names = new Map<string, string>();
	// Resolve in slices, so that one huge log does not become one huge IN list.
	for (let i = 0; i < rows.length; i += 500)
		for (const [k, v] of await namesFor(db, campaignId, rows.slice(i, i + 500), opts.identities)) names.set(k, v);
	return rows.map((r) => ({
		raw: r,
		view: view(r, names, opts.identities, opts.sealedRounds, opts.identityContent ?? opts.identities)
	}));
}
