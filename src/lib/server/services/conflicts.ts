// Conflicts of interest: detection results persisted with the chair's decisions, declarations,
// organizer-added ties and recusals. `blockedPairs` is the single rule every access path uses.
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, auditLog, candidates, conflicts, experts } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { lockRefusal } from './locks';
import { recordOf, type Tx } from './candidates';
import { withdrawPairSheets } from './sheet-withdrawal';
import { chairBlockedPairs, chairsCandidatePanel } from './chair-seats';
import { detectConflicts, type CandidateProfile, type ExpertProfile } from '../../domain/conflicts';
import type { CandidateRecord } from '../../domain/types';

export type ConflictRow = typeof conflicts.$inferSelect;

/**
 * A pair is blocked by a confirmed tie, or by a detected conflict (from the roster and the
 * nominations, which only the office edits) not yet dismissed. A tie derived from the expert's own
 * declaration blocks only once the office confirms it: if it blocked while pending, declaring a
 * name and watching which dossier disappears would tell the expert who they judge (an oracle).
 */
export function blocks(c: Pick<ConflictRow, 'severity' | 'status' | 'source'>): boolean {
	if (c.status === 'confirmed') return true;
	return c.status === 'pending' && c.severity === 'conflict' && c.source !== 'declared';
}

/** Kinds whose decision needs the candidate's identity (the expert's declared person or unit). */
const DECLARED_KINDS = new Set(['declared_unit', 'declared_person']);

export type Decider = 'organizer' | 'chair';

/**
 * Who may decide what. The chair sees review codes and the kind of tie only, never the unit or
 * name behind it, so the chair may only take the safe direction on detected ties (confirm: the
 * expert steps aside), and dismiss a same-school 提示 (severity 'warning', "the chair decides").
 * Dismissing a 回避-level tie means judging the units or names themselves, and every tie from a
 * declaration or added by the office is the office's to decide.
 */
export function mayDecide(
	by: Decider,
	row: Pick<ConflictRow, 'kind' | 'source' | 'severity'>,
	decision: 'confirmed' | 'dismissed'
): string | null {
	if (decision === 'dismissed' && row.kind === 'recusal') return '专家主动回避不能被排除';
	if (by === 'organizer') return null;
	if (row.kind === 'organizer') return decision === 'dismissed' ? '活动办公室添加的回避关系只能由活动办公室排除' : null;
	if (row.source === 'declared' || DECLARED_KINDS.has(row.kind)) return '专家申报产生的回避关系由活动办公室核实决定';
	if (decision === 'dismissed' && row.severity !== 'warning')
		return '排除“回避”级别的关系需核对候选人身份信息，由活动办公室决定';
	return null;
}

export const pairKey = (expertId: string, candidateId: string) => `${expertId}|${candidateId}`;

/** The expert and the candidate of one pair, both of this campaign (undefined where either is not). */
export async function pairInCampaign(db: DB | Tx, campaignId: string, expertId: string, candidateId: string) {
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
	)[0];
	const c = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, campaignId)))
	)[0];
	return { e, c };
}

export async function blockedPairs(db: DB | Tx, campaignId: string): Promise<Set<string>> {
	const rows = await db.select().from(conflicts).where(eq(conflicts.campaignId, campaignId));
	// A chair who also reviews never reviews the panel they chair (chair-seats.ts).
	return new Set([
		...rows.filter(blocks).map((r) => pairKey(r.expertId, r.candidateId)),
		...(await chairBlockedPairs(db, campaignId))
	]);
}

export async function isBlocked(db: DB | Tx, expertId: string, candidateId: string): Promise<boolean> {
	const rows = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, expertId), eq(conflicts.candidateId, candidateId)));
	// Both asked every time: a refused dossier costs the same work whatever blocks it.
	const chairs = await chairsCandidatePanel(db, expertId, candidateId);
	return rows.some(blocks) || chairs;
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
	campaignId: string,
	opts: { declaredOnly?: boolean } = {}
): Promise<{ added: number; removed: number; total: number }> {
	return db.transaction(async (tx) => {
		const ex = await tx.select().from(experts).where(eq(experts.campaignId, campaignId));
		const cs = await tx
			.select({ id: candidates.id, record: candidates.record })
			.from(candidates)
			.where(eq(candidates.campaignId, campaignId));
		const profiles: ExpertProfile[] = ex.map((e) => ({
			id: e.id,
			unit: e.unit,
			formerUnits: e.formerUnits ?? [],
			school: e.school ?? undefined,
			declaredUnits: e.declaredUnits ?? [],
			declaredPeople: e.declaredPeople ?? []
		}));
		// After an expert's declaration only declaration ties are refreshed: nothing the expert does
		// may change the detected ties (whose pending state blocks at once).
		const found = detectConflicts(
			profiles,
			cs.map((c) => candidateProfile(c.id, recordOf(c)))
		).filter((d) => !opts.declaredOnly || d.kind.startsWith('declared'));
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
			(r) =>
				(r.source === 'declared' || (r.source === 'detected' && !opts.declaredOnly)) &&
				r.status === 'pending' &&
				!seen.has(key(r.expertId, r.candidateId, r.kind))
		);
		if (stale.length)
			await tx.delete(conflicts).where(
				inArray(
					conflicts.id,
					stale.map((s) => s.id)
				)
			);
		if (fresh.length || stale.length)
			await audit(tx, actor, {
				campaignId,
				action: 'conflict.detect',
				entity: 'campaign',
				entityId: campaignId,
				after: { added: fresh.length, removed: stale.length }
			});
		return { added: fresh.length, removed: stale.length, total: existing.length + fresh.length - stale.length };
	});
}

export type DecideResult = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/** A decision on a tie (who may decide what: `mayDecide`); a dismissal needs a reason and stays on record. */
export async function decideConflict(
	db: DB,
	actor: Actor,
	campaignId: string,
	conflictId: string,
	decision: 'confirmed' | 'dismissed',
	reason: string,
	by: Decider
): Promise<DecideResult> {
	const trimmed = reason.trim();
	if (decision === 'dismissed' && !trimmed) return { ok: false, status: 400, message: '排除回避关系时必须填写理由' };
	if (trimmed.length > 500) return { ok: false, status: 400, message: '理由过长（最多 500 字）' };
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '回避决定');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const row = (
			await tx
				.select()
				.from(conflicts)
				.where(and(eq(conflicts.id, conflictId), eq(conflicts.campaignId, campaignId)))
		)[0];
		if (!row) return { ok: false as const, status: 404 as const, message: '没有找到该回避记录' };
		const refused = mayDecide(by, row, decision);
		if (refused)
			return { ok: false as const, status: row.kind === 'recusal' ? (400 as const) : (403 as const), message: refused };
		await applyDecision(tx, actor, campaignId, row, decision, trimmed);
		return { ok: true as const };
	});
}

/** The decision itself, audited; `bulk` records how many ties the one decision covered. */
export async function applyDecision(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	row: ConflictRow,
	decision: 'confirmed' | 'dismissed',
	trimmed: string,
	bulk?: number
) {
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
		after: bulk ? { ...after, bulk } : after,
		reason: trimmed || undefined
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
		const locked = await lockRefusal(tx, campaignId, '添加回避');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const { e, c } = await pairInCampaign(tx, campaignId, expertId, candidateId);
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
		const locked = await lockRefusal(tx, campaignId, '回避');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
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
			.where(
				and(
					eq(conflicts.campaignId, campaignId),
					eq(conflicts.expertId, expertId),
					eq(conflicts.candidateId, candidateId),
					eq(conflicts.kind, kind)
				)
			)
	)[0];
	const id = existing?.id ?? newId('cf_');
	const values = {
		status: 'confirmed' as const,
		decidedBy: actor.name,
		decidedAt: now,
		decisionReason: reason,
		reason
	};
	if (existing) await tx.update(conflicts).set(values).where(eq(conflicts.id, id));
	else
		await tx
			.insert(conflicts)
			.values({ id, campaignId, expertId, candidateId, kind, severity: 'conflict', source, createdAt: now, ...values });
	await audit(tx, actor, {
		campaignId,
		action: `conflict.${kind}`,
		entity: 'conflict',
		entityId: id,
		before: existing ?? null,
		after: values,
		reason
	});
}

async function dropAssignment(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	why: string
) {
	const removed = await tx
		.delete(assignments)
		.where(
			and(
				eq(assignments.campaignId, campaignId),
				eq(assignments.expertId, expertId),
				eq(assignments.candidateId, candidateId)
			)
		)
		.returning();
	if (removed.length)
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.remove',
			entity: 'assignment',
			entityId: pairKey(expertId, candidateId),
			before: removed[0],
			reason: why
		});
}

/** At most this many new declared items per expert in any hour, and this many submissions. */
export const DECLARATION_ITEMS_PER_HOUR = 20;
const DECLARATION_SUBMISSIONS_PER_HOUR = 10;
const HOUR = 3600_000;

export type DeclareResult = { ok: true; added: number } | { ok: false; status: 400 | 404 | 429; message: string };

/**
 * Adds what an expert declares (append-only: an expert cannot withdraw or replace an item, only
 * the office removes one, see `removeDeclaration`). Matching ties wait for the office's decision
 * and block nothing until then (`blocks`). Counted per rolling hour from the audit log, so the
 * limit holds across processes and restarts.
 */
export async function declareTies(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	units: string[],
	people: string[],
	opts: { detachDetection?: boolean } = {}
): Promise<DeclareResult> {
	const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
	const result = await db.transaction(async (tx): Promise<DeclareResult> => {
		const before = (
			await tx
				.select()
				.from(experts)
				.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
		)[0];
		if (!before) return { ok: false, status: 404, message: '您不在本活动的专家名单中' };
		const oldUnits = before.declaredUnits ?? [];
		const oldPeople = before.declaredPeople ?? [];
		const newUnits = clean(units).filter((u) => !oldUnits.includes(u));
		const newPeople = clean(people).filter((p) => !oldPeople.includes(p));
		const since = Date.now() - HOUR;
		const recent = await tx
			.select({ after: auditLog.after })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.campaignId, campaignId),
					eq(auditLog.action, 'expert.declare'),
					eq(auditLog.entityId, expertId),
					gte(auditLog.at, since)
				)
			);
		const recentItems = recent.reduce((n, r) => n + ((r.after as { added?: unknown[] } | null)?.added ?? []).length, 0);
		if (recent.length >= DECLARATION_SUBMISSIONS_PER_HOUR)
			return {
				ok: false,
				status: 429,
				message: `一小时内最多提交 ${DECLARATION_SUBMISSIONS_PER_HOUR} 次申报，请稍后再试；如有紧急情况请联系活动办公室`
			};
		if (recentItems + newUnits.length + newPeople.length > DECLARATION_ITEMS_PER_HOUR)
			return {
				ok: false,
				status: 429,
				message: `一小时内最多新增 ${DECLARATION_ITEMS_PER_HOUR} 项申报（本小时已新增 ${recentItems} 项），请稍后再试；如需一次申报更多，请联系活动办公室`
			};
		const after = {
			declaredUnits: [...oldUnits, ...newUnits],
			declaredPeople: [...oldPeople, ...newPeople],
			declaredAt: Date.now()
		};
		await tx.update(experts).set(after).where(eq(experts.id, expertId));
		await audit(tx, actor, {
			campaignId,
			action: 'expert.declare',
			entity: 'expert',
			entityId: expertId,
			before: { declaredUnits: before.declaredUnits ?? null, declaredPeople: before.declaredPeople ?? null },
			after: { ...after, added: [...newUnits, ...newPeople] }
		});
		return { ok: true, added: newUnits.length + newPeople.length };
	});
	if (result.ok && result.added) {
		const detection = refreshDetectedConflicts(db, actor, campaignId, { declaredOnly: true });
		// A name that matches a candidate adds a pending tie (one more insert) and an invented one does
		// not; the web answers before that work so the response time says nothing about the match.
		// The office's 重新检测 runs the same detection again should this one be cut short.
		if (opts.detachDetection) detection.catch((e) => console.error('申报关联检测失败', e));
		else await detection;
	}
	return result;
}

/**
 * The office removes one declared item (e.g. entered by mistake), with a reason; pending ties it
 * caused go with it, decided ones stay on record. The expert has no way to do this.
 */
export async function removeDeclaration(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	what: 'unit' | 'person',
	text: string,
	reason: string
): Promise<DecideResult> {
	const why = reason.trim();
	if (!why) return { ok: false, status: 400, message: '请填写删除申报的理由' };
	if (why.length > 500) return { ok: false, status: 400, message: '理由过长（最多 500 字）' };
	const result = await db.transaction(async (tx): Promise<DecideResult> => {
		const e = (
			await tx
				.select()
				.from(experts)
				.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
		)[0];
		if (!e) return { ok: false, status: 404, message: '没有找到该专家' };
		const list = (what === 'unit' ? e.declaredUnits : e.declaredPeople) ?? [];
		if (!list.includes(text)) return { ok: false, status: 404, message: '该专家没有这项申报' };
		const next = list.filter((x) => x !== text);
		await tx
			.update(experts)
			.set(what === 'unit' ? { declaredUnits: next } : { declaredPeople: next })
			.where(eq(experts.id, expertId));
		await audit(tx, actor, {
			campaignId,
			action: 'expert.declaration.remove',
			entity: 'expert',
			entityId: expertId,
			before: { [what === 'unit' ? 'declaredUnits' : 'declaredPeople']: list },
			after: { [what === 'unit' ? 'declaredUnits' : 'declaredPeople']: next, removed: text },
			reason: why
		});
		return { ok: true };
	});
	if (result.ok) await refreshDetectedConflicts(db, actor, campaignId);
	return result;
}

/** Every expert's declarations, for the office. */
export async function listDeclarations(db: DB, campaignId: string) {
	const rows = await db
		.select({
			id: experts.id,
			name: experts.name,
			units: experts.declaredUnits,
			people: experts.declaredPeople,
			at: experts.declaredAt
		})
		.from(experts)
		.where(eq(experts.campaignId, campaignId));
	return rows
		.filter((r) => (r.units ?? []).length || (r.people ?? []).length)
		.map((r) => ({
			expertId: r.id,
			expertName: r.name,
			units: r.units ?? [],
			people: r.people ?? [],
			declaredAt: r.at
		}))
		.sort((a, b) => a.expertName.localeCompare(b.expertName, 'zh-CN'));
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
