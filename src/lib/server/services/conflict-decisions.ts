// Decisions on ties: the chair's and the office's confirmations and dismissals, ties the office
// adds, and an expert's own recusal (a confirmed tie takes the pair's assignment and sheets with it).
// Split from conflicts.ts.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, conflicts } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { lockRefusal } from './locks';
import type { Tx } from './candidates';
import { withdrawPairSheets } from './sheet-withdrawal';
import { assignmentPair, mayDecide, pairInCampaign, pairKey, type ConflictRow, type Decider } from './conflicts';

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
		.where(assignmentPair(campaignId, expertId, candidateId))
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
