// What experts declare (their own ties, issue 5): the append-only declaration, the office's removal
// of an item, and the office's list. Split from conflicts.ts.
import { and, eq, gte } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, experts } from '../db/schema';
import { audit, type Actor } from '../audit';
import { refreshDetectedConflicts } from './conflicts';
import { type DecideResult } from './conflict-decisions';

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
