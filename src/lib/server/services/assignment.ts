// Who reviews which dossier: proposals from the exact solver (or the full panel), the chair's
// manual changes with conflicts enforced, and publication. Every change is audited.
import { lockRefusal } from './locks';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, experts, panelMembers, panels } from '../db/schema';
import { audit, type Actor } from '../audit';
import { assignmentPair, blockedPairs, isBlocked, pairInCampaign, pairKey } from './conflicts';
import type { Tx } from './candidates';
import { solveAssignment, type AssignmentInstance, type AssignmentInfeasible } from '../../domain/assignment';
import { leavesPanel, panelledFields } from '../../domain/assignment/panels';

/** `borrow`: the office allows experts of other panels (“允许跨组借用专家”); otherwise each dossier stays in its panel. */
export type AssignMode = { mode: 'distributed'; k: number; borrow?: boolean } | { mode: 'panel' };

/** The solver instance kept within the panels: out-of-panel pairs are forbidden like conflicts. */
function panelOnlyInstance(ctx: AssignmentContext, k: number): AssignmentInstance {
	const inst = buildInstance(ctx, k);
	const extra: { expert: string; dossier: string }[] = [];
	const panelled = panelledFields(ctx.experts);
	for (const d of ctx.dossiers) {
		for (const e of ctx.experts)
			if (leavesPanel(panelled, e.panelFields, d.field) && !ctx.blocked.has(pairKey(e.id, d.id)))
				extra.push({ expert: e.id, dossier: d.code });
	}
	return { ...inst, conflicts: [...(inst.conflicts ?? []), ...extra] };
}

export interface AssignmentContext {
	dossiers: { id: string; code: string; field: string }[];
	experts: { id: string; name: string; fields: string[]; maxLoad: number | null; panelFields: string[] }[];
	blocked: Set<string>;
}

export async function loadAssignmentContext(db: DB | Tx, campaignId: string): Promise<AssignmentContext> {
	const cs = await db
		.select({ id: candidates.id, code: candidates.reviewCode, field: candidates.field })
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), isNull(candidates.withdrawnAt)));
	const ex = await db.select().from(experts).where(eq(experts.campaignId, campaignId));
	const pm = await db
		.select({ expertId: panelMembers.expertId, field: panels.field })
		.from(panelMembers)
		.innerJoin(panels, eq(panels.id, panelMembers.panelId))
		.where(eq(panels.campaignId, campaignId));
	const panelFields = new Map<string, string[]>();
	for (const p of pm) panelFields.set(p.expertId, [...(panelFields.get(p.expertId) ?? []), p.field]);
	return {
		dossiers: cs.map((c) => ({ id: c.id, code: c.code ?? c.id, field: c.field ?? '' })),
		experts: ex.map((e) => ({
			id: e.id,
			name: e.name,
			fields: e.fields,
			maxLoad: e.maxLoad,
			panelFields: panelFields.get(e.id) ?? []
		})),
		blocked: await blockedPairs(db, campaignId)
	};
}

/** The solver instance of CONTRACTS.md, with review codes as dossier ids so messages name them. */
export function buildInstance(ctx: AssignmentContext, k: number): AssignmentInstance {
	const codeOf = new Map(ctx.dossiers.map((d) => [d.id, d.code]));
	const conflicts: { expert: string; dossier: string }[] = [];
	for (const key of ctx.blocked) {
		const [expert, candidate] = key.split('|');
		const code = codeOf.get(candidate);
		if (code) conflicts.push({ expert, dossier: code });
	}
	return {
		reviewsPerDossier: k,
		dossiers: ctx.dossiers.map((d) => ({ id: d.code, field: d.field })),
		experts: ctx.experts.map((e) =>
			e.maxLoad != null ? { id: e.id, fields: e.fields, maxLoad: e.maxLoad } : { id: e.id, fields: e.fields }
		),
		conflicts
	};
}

export type ProposeResult =
	| { ok: true; pairs: number; objective: number | null }
	| { ok: false; message: string; infeasible?: AssignmentInfeasible };

/** Replaces the draft with a new proposal. Refused once the assignment is published. */
export async function proposeAssignment(
	db: DB,
	actor: Actor,
	campaignId: string,
	mode: AssignMode
): Promise<ProposeResult> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '重新分配');
		if (locked) return { ok: false as const, message: locked };
		const published = await tx
			.select({ n: assignments.expertId })
			.from(assignments)
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'published')))
			.limit(1);
		if (published.length) return { ok: false as const, message: '分配已发布，不能整体重新分配；请逐项调整' };
		const ctx = await loadAssignmentContext(tx, campaignId);
		if (!ctx.dossiers.length) return { ok: false as const, message: '还没有候选人材料可以分配' };
		if (!ctx.experts.length) return { ok: false as const, message: '还没有评审专家' };
		let pairs: { expertId: string; candidateId: string }[] = [];
		let objective: number | null = null;
		if (mode.mode === 'panel') {
			for (const d of ctx.dossiers)
				for (const e of ctx.experts)
					if (e.panelFields.includes(d.field) && !ctx.blocked.has(pairKey(e.id, d.id)))
						pairs.push({ expertId: e.id, candidateId: d.id });
			const uncovered = ctx.dossiers.filter((d) => !pairs.some((p) => p.candidateId === d.id));
			if (uncovered.length)
				return {
					ok: false as const,
					message: `${uncovered
						.slice(0, 8)
						.map((d) => d.code)
						.join(
							'、'
						)}${uncovered.length > 8 ? ` 等 ${uncovered.length} 份材料` : ''}没有可评审的评审组专家（无对应评审组或全部回避）`
				};
		} else {
			if (!Number.isInteger(mode.k) || mode.k < 1 || mode.k > 50)
				return { ok: false as const, message: `每份材料的评审人数“${mode.k}”应为 1–50 的整数` };
			const result = solveAssignment(mode.borrow ? buildInstance(ctx, mode.k) : panelOnlyInstance(ctx, mode.k));
			if ('error' in result)
				return {
					ok: false as const,
					message: mode.borrow
						? result.message
						: `${result.message.split('无回避的专家').join('本组内无回避的专家')}（当前只在材料所属评审组内安排专家；组内人数不足时，可勾选“允许跨组借用专家”）`,
					infeasible: result
				};
			const idOf = new Map(ctx.dossiers.map((d) => [d.code, d.id]));
			pairs = result.assignments.map((a) => ({ expertId: a.expert, candidateId: idOf.get(a.dossier)! }));
			objective = result.objective;
		}
		await tx.delete(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'draft')));
		const now = Date.now();
		const source = mode.mode === 'panel' ? ('panel' as const) : ('auto' as const);
		// One statement for all pairs (25,000 at national scale): SQLite reads them from one JSON
		// parameter, where 125 inserts of 200 rows each spent most of their time building SQL.
		const rows = pairs.map((p) => [p.expertId, p.candidateId]);
		if (rows.length)
			await tx.run(sql`
				INSERT INTO assignments (campaign_id, expert_id, candidate_id, state, source, created_at)
				SELECT ${campaignId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'draft', ${source}, ${now}
				FROM json_each(${JSON.stringify(rows)})`);
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.propose',
			entity: 'campaign',
			entityId: campaignId,
			after: {
				mode: mode.mode,
				k: mode.mode === 'distributed' ? mode.k : null,
				borrow: mode.mode === 'distributed' ? !!mode.borrow : null,
				pairs: rows.length,
				objective
			}
		});
		return { ok: true as const, pairs: rows.length, objective };
	});
}

export type ChangeResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

async function stateOf(tx: Tx, campaignId: string): Promise<'draft' | 'published'> {
	const any = await tx
		.select({ s: assignments.state })
		.from(assignments)
		.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'published')))
		.limit(1);
	return any.length ? 'published' : 'draft';
}

async function checkPair(tx: Tx, campaignId: string, expertId: string, candidateId: string): Promise<ChangeResult> {
	const { e, c } = await pairInCampaign(tx, campaignId, expertId, candidateId);
	if (!e || !c) return { ok: false, status: 404, message: '没有找到该专家或材料' };
	if (await isBlocked(tx, expertId, candidateId))
		return { ok: false, status: 409, message: `专家${e.name}与材料 ${c.reviewCode} 存在回避关系，不能分配` };
	return { ok: true };
}

/** Adds one pair (conflicts enforced). After publication the pair is published at once. */
export async function addPair(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	reason = ''
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '调整分配');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const ok = await checkPair(tx, campaignId, expertId, candidateId);
		if (!ok.ok) return ok;
		const exists = await tx
			.select()
			.from(assignments)
			.where(assignmentPair(campaignId, expertId, candidateId));
		if (exists.length) return { ok: false as const, status: 409 as const, message: '该专家已分配到这份材料' };
		const row = {
			campaignId,
			expertId,
			candidateId,
			state: await stateOf(tx, campaignId),
			source: 'manual' as const,
			createdAt: Date.now()
		};
		await tx.insert(assignments).values(row);
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.add',
			entity: 'assignment',
			entityId: pairKey(expertId, candidateId),
			after: row,
			reason: reason || undefined
		});
		return { ok: true as const };
	});
}

export async function removePair(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string,
	reason = ''
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '调整分配');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const removed = await tx
			.delete(assignments)
			.where(assignmentPair(campaignId, expertId, candidateId))
			.returning();
		if (!removed.length) return { ok: false as const, status: 404 as const, message: '没有找到该分配' };
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.remove',
			entity: 'assignment',
			entityId: pairKey(expertId, candidateId),
			before: removed[0],
			reason: reason || undefined
		});
		return { ok: true as const };
	});
}

/** Moves a dossier from one expert to another in one step (both checks or neither change). */
export async function movePair(
	db: DB,
	actor: Actor,
	campaignId: string,
	candidateId: string,
	fromExpertId: string,
	toExpertId: string,
	reason = ''
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '调整分配');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const ok = await checkPair(tx, campaignId, toExpertId, candidateId);
		if (!ok.ok) return ok;
		const already = await tx
			.select()
			.from(assignments)
			.where(assignmentPair(campaignId, toExpertId, candidateId));
		if (already.length) return { ok: false as const, status: 409 as const, message: '目标专家已分配到这份材料' };
		const removed = await tx
			.delete(assignments)
			.where(assignmentPair(campaignId, fromExpertId, candidateId))
			.returning();
		if (!removed.length) return { ok: false as const, status: 404 as const, message: '原专家没有分配到这份材料' };
		const row = {
			campaignId,
			expertId: toExpertId,
			candidateId,
			state: removed[0].state,
			source: 'manual' as const,
			createdAt: Date.now()
		};
		await tx.insert(assignments).values(row);
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.move',
			entity: 'assignment',
			entityId: candidateId,
			before: { expertId: fromExpertId },
			after: { expertId: toExpertId },
			reason: reason || undefined
		});
		return { ok: true as const };
	});
}

/** Publishes the draft: from now on the experts see their dossiers. Re-checks conflicts first. */
export async function publishAssignment(
	db: DB,
	actor: Actor,
	campaignId: string
): Promise<ChangeResult & { pairs?: number }> {
	return db.transaction(async (tx) => {
		const locked = await lockRefusal(tx, campaignId, '调整分配');
		if (locked) return { ok: false as const, status: 409 as const, message: locked };
		const drafts = await tx
			.select()
			.from(assignments)
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'draft')));
		if (!drafts.length) return { ok: false as const, status: 400 as const, message: '没有待发布的分配方案' };
		const blocked = await blockedPairs(tx, campaignId);
		const bad = drafts.filter((d) => blocked.has(pairKey(d.expertId, d.candidateId)));
		if (bad.length)
			return {
				ok: false as const,
				status: 409 as const,
				message: `方案中有 ${bad.length} 个分配与回避关系冲突，请重新分配或调整后再发布`
			};
		await tx
			.update(assignments)
			.set({ state: 'published' })
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'draft')));
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.publish',
			entity: 'campaign',
			entityId: campaignId,
			after: { pairs: drafts.length }
		});
		return { ok: true as const, pairs: drafts.length };
	});
}
