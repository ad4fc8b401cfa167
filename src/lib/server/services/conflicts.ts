// Conflicts of interest: detection results persisted with the chair's decisions, declarations,
// organizer-added ties and recusals. `blockedPairs` is the single rule every access path uses.
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, conflicts, experts } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { recordOf, type Tx } from './candidates';
// A cycle (sheets → rounds → conflicts), harmless: only called at run time.
import { withdrawPairSheets } from './sheets';
import { detectConflicts, type CandidateProfile, type ExpertProfile } from '../../domain/conflicts';
import type { CandidateRecord } from '../../domain/types';

export type ConflictRow = typeof conflicts.$inferSelect;

export const CONFLICT_KIND_LABELS: Record<string, string> = {
	same_unit: '同一工作单位',
	former_unit: '曾在同一单位',
	nominating_body: '专家单位为推荐单位',
	same_school: '同一毕业院校',
	declared_unit: '专家申报的关联单位',
	declared_person: '专家申报的关联人员',
	organizer: '活动办公室添加',
	recusal: '专家主动回避'
};

export const CONFLICT_STATUS_LABELS: Record<string, string> = { pending: '待确认', confirmed: '已确认回避', dismissed: '已排除' };

/** A pair is blocked by a confirmed tie, or by a detected conflict not yet dismissed. */
export function blocks(c: Pick<ConflictRow, 'severity' | 'status'>): boolean {
	return c.status === 'confirmed' || (c.severity === 'conflict' && c.status === 'pending');
}

export const pairKey = (expertId: string, candidateId: string) => `${expertId}|${candidateId}`;

export async function blockedPairs(db: DB | Tx, campaignId: string): Promise<Set<string>> {
	const rows = await db.select().from(conflicts).where(eq(conflicts.campaignId, campaignId));
	return new Set(rows.filter(blocks).map((r) => pairKey(r.expertId, r.candidateId)));
}

export async function isBlocked(db: DB | Tx, expertId: string, candidateId: string): Promise<boolean> {
	const rows = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, expertId), eq(conflicts.candidateId, candidateId)));
	return rows.some(blocks);
}

function candidateProfile(id: string, r: CandidateRecord): CandidateProfile {
	return {
		id,
		name: r.name,
		unitAndTitle: r.unitAndTitle,
		careerUnits: (r.career ?? []).map((c) => c.unit).filter(Boolean),
		school: r.school,
		channel: r.channel
	};
}

/**
 * Runs detection over the roster and the nominations and stores what is new. Existing rows keep
 * their decisions; pending detections that no longer hold (data corrected) are removed.
 */
export async function refreshDetectedConflicts(
	db: DB,
	actor: Actor,
	campaignId: string
): Promise<{ added: number; removed: number; total: number }> {
	return db.transaction(async (tx) => {
		const ex = await tx.select().from(experts).where(eq(experts.campaignId, campaignId));
		const cs = await tx.select({ id: candidates.id, record: candidates.record }).from(candidates).where(eq(candidates.campaignId, campaignId));
		const profiles: ExpertProfile[] = ex.map((e) => ({
			id: e.id,
			unit: e.unit,
			formerUnits: e.formerUnits ?? [],
			school: e.school ?? undefined,
			declaredUnits: e.declaredUnits ?? [],
			declaredPeople: e.declaredPeople ?? []
		}));
		const found = detectConflicts(profiles, cs.map((c) => candidateProfile(c.id, recordOf(c))));
		const existing = await tx.select().from(conflicts).where(eq(conflicts.campaignId, campaignId));
		const key = (e: string, c: string, k: string) => `${e}|${c}|${k}`;
		const have = new Map(existing.map((r) => [key(r.expertId, r.candidateId, r.kind), r]));
		const seen = new Set<string>();
		const now = Date.now();
		const fresh: (typeof conflicts.$inferInsert)[] = [];
		for (const d of found) {
			const k = key(d.expert, d.candidate, d.kind);
			seen.add(k);
			if (have.has(k)) continue;
			fresh.push({
				id: newId('cf_'),
				campaignId,
				expertId: d.expert,
				candidateId: d.candidate,
				kind: d.kind,
				severity: d.severity,
				source: d.kind.startsWith('declared') ? 'declared' : 'detected',
				reason: d.reason,
				status: 'pending',
				createdAt: now
			});
		}
		for (let i = 0; i < fresh.length; i += 100) await tx.insert(conflicts).values(fresh.slice(i, i + 100));
		const stale = existing.filter(
			(r) => (r.source === 'detected' || r.source === 'declared') && r.status === 'pending' && !seen.has(key(r.expertId, r.candidateId, r.kind))
		);
		if (stale.length) await tx.delete(conflicts).where(inArray(conflicts.id, stale.map((s) => s.id)));
		if (fresh.length || stale.length)
			await audit(tx, actor, { campaignId, action: 'conflict.detect', entity: 'campaign', entityId: campaignId, after: { added: fresh.length, removed: stale.length } });
		return { added: fresh.length, removed: stale.length, total: existing.length + fresh.length - stale.length };
	});
}

export type DecideResult = { ok: true } | { ok: false; status: 400 | 404; message: string };

/** The chair's decision on a detected tie; a dismissal needs a reason and stays on record. */
export async function decideConflict(
	db: DB,
	actor: Actor,
	campaignId: string,
	conflictId: string,
	decision: 'confirmed' | 'dismissed',
	reason: string
): Promise<DecideResult> {
	const trimmed = reason.trim();
	if (decision === 'dismissed' && !trimmed) return { ok: false, status: 400, message: '排除回避关系时必须填写理由' };
	if (trimmed.length > 500) return { ok: false, status: 400, message: '理由过长（最多 500 字）' };
	return db.transaction(async (tx) => {
		const row = (await tx.select().from(conflicts).where(and(eq(conflicts.id, conflictId), eq(conflicts.campaignId, campaignId))))[0];
		if (!row) return { ok: false as const, status: 404 as const, message: '没有找到该回避记录' };
		if (row.kind === 'recusal' && decision === 'dismissed')
			return { ok: false as const, status: 400 as const, message: '专家主动回避不能被排除' };
		const after = { status: decision, decidedBy: actor.name, decidedAt: Date.now(), decisionReason: trimmed || null };
		await tx.update(conflicts).set(after).where(eq(conflicts.id, row.id));
		if (decision === 'confirmed') {
			await dropAssignment(tx, actor, campaignId, row.expertId, row.candidateId, '确认回避');
			await withdrawPairSheets(tx, actor, campaignId, row.expertId, row.candidateId);
		}
		await audit(tx, actor, {
			campaignId,
			action: decision === 'confirmed' ? 'conflict.confirm' : 'conflict.dismiss',
			entity: 'conflict',
			entityId: row.id,
			before: { status: row.status },
			after,
			reason: trimmed || undefined
		});
		return { ok: true as const };
	});
}

/** A tie the organizer knows of (e.g. from a complaint); confirmed at once. */
export async function addOrganizerConflict(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	reason: string
): Promise<DecideResult> {
	if (!reason.trim()) return { ok: false, status: 400, message: '请填写回避理由' };
	return db.transaction(async (tx) => {
		const e = (await tx.select().from(experts).where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId))))[0];
		const c = (await tx.select().from(candidates).where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, campaignId))))[0];
		if (!e || !c) return { ok: false as const, status: 404 as const, message: '没有找到该专家或候选人' };
		await upsertConfirmed(tx, actor, campaignId, expertId, candidateId, 'organizer', 'organizer', reason.trim());
		await dropAssignment(tx, actor, campaignId, expertId, candidateId, '活动办公室添加回避');
		await withdrawPairSheets(tx, actor, campaignId, expertId, candidateId);
		return { ok: true as const };
	});
}

/**
 * The expert recognised the candidate: recorded as a confirmed tie, the assignment is withdrawn
 * (with any score sheet on it, via the hook), so that a replacement can be assigned.
 */
export async function recuse(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	reason: string
): Promise<DecideResult> {
	if (!reason.trim()) return { ok: false, status: 400, message: '请简要说明回避理由' };
	if (reason.length > 500) return { ok: false, status: 400, message: '理由过长（最多 500 字）' };
	return db.transaction(async (tx) => {
		await upsertConfirmed(tx, actor, campaignId, expertId, candidateId, 'recusal', 'recusal', reason.trim());
		await dropAssignment(tx, actor, campaignId, expertId, candidateId, '专家主动回避');
		await withdrawPairSheets(tx, actor, campaignId, expertId, candidateId);
		return { ok: true as const };
	});
}

async function upsertConfirmed(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	kind: 'organizer' | 'recusal',
	source: 'organizer' | 'recusal',
	reason: string
): Promise<void> {
	const now = Date.now();
	const existing = (
		await tx
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.expertId, expertId), eq(conflicts.candidateId, candidateId), eq(conflicts.kind, kind)))
	)[0];
	const id = existing?.id ?? newId('cf_');
	const values = { status: 'confirmed' as const, decidedBy: actor.name, decidedAt: now, decisionReason: reason, reason };
	if (existing) await tx.update(conflicts).set(values).where(eq(conflicts.id, id));
	else await tx.insert(conflicts).values({ id, campaignId, expertId, candidateId, kind, severity: 'conflict', source, createdAt: now, ...values });
	await audit(tx, actor, { campaignId, action: `conflict.${kind}`, entity: 'conflict', entityId: id, before: existing ?? null, after: values, reason });
}

async function dropAssignment(tx: Tx, actor: Actor, campaignId: string, expertId: string, candidateId: string, why: string) {
	const removed = await tx
		.delete(assignments)
		.where(and(eq(assignments.campaignId, campaignId), eq(assignments.expertId, expertId), eq(assignments.candidateId, candidateId)))
		.returning();
	if (removed.length)
		await audit(tx, actor, { campaignId, action: 'assignment.remove', entity: 'assignment', entityId: pairKey(expertId, candidateId), before: removed[0], reason: why });
}

/** Records what an expert declares on first login; detection then matches it without showing anyone. */
export async function declareTies(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	units: string[],
	people: string[]
): Promise<void> {
	const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))].slice(0, 100);
	await db.transaction(async (tx) => {
		const before = (await tx.select().from(experts).where(eq(experts.id, expertId)))[0];
		const after = { declaredUnits: clean(units), declaredPeople: clean(people), declaredAt: Date.now() };
		await tx.update(experts).set(after).where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)));
		await audit(tx, actor, {
			campaignId,
			action: 'expert.declare',
			entity: 'expert',
			entityId: expertId,
			before: { declaredUnits: before?.declaredUnits ?? null, declaredPeople: before?.declaredPeople ?? null },
			after
		});
	});
	await refreshDetectedConflicts(db, actor, campaignId);
}

export async function listConflicts(db: DB, campaignId: string) {
	return db
		.select({
			c: conflicts,
			expertName: experts.name,
			reviewCode: candidates.reviewCode,
			candidateName: candidates.name
		})
		.from(conflicts)
		.innerJoin(experts, eq(experts.id, conflicts.expertId))
		.innerJoin(candidates, eq(candidates.id, conflicts.candidateId))
		.where(eq(conflicts.campaignId, campaignId))
		.orderBy(conflicts.status, experts.name, candidates.reviewCode);
}
