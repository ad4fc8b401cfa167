// 随机抽取专家 (issue 15): a panel drawn at random from the expert pool for one field of a campaign.
// Eligible: the field, no tie (the conflict detector of conflicts.ts, any severity) with any
// candidate of that field, at most m per unit. The exact input — pool snapshot, exclusions,
// request — is stored with the public seed and the result, so anyone can replay it (here, or with
// `laurel draw` on the exported instance) and must get the same panel.
import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, panelDraws } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { recordOf } from './candidates';
import { CONFLICT_KIND_LABELS } from '../../shared/labels';
import { listPool } from './pool';
import { detectConflicts } from '../../domain/conflicts';
import { canonicalJson } from '../../domain/audit/chain';
import {
	drawPanels,
	poolHash,
	type DrawExclusion,
	type DrawResult,
	type PoolExpert
} from '../../domain/assignment/panel-draw';
import { validateDrawInput } from '../../domain/assignment/draw-schema';

export type DrawRow = typeof panelDraws.$inferSelect;

export interface DrawRequest {
	field: string;
	size: number;
	alternates: number;
	maxPerUnit: number | null;
	seed: string;
}

export type DrawOutcome = { ok: true; id: string } | { ok: false; status: 400 | 422; message: string };

export async function drawFromPool(
	db: DB,
	actor: Actor,
	campaignId: string,
	fields: readonly string[],
	req: DrawRequest
): Promise<DrawOutcome> {
	if (!fields.includes(req.field)) return { ok: false, status: 400, message: `“${req.field}”不是本活动的领域` };
	if (!Number.isInteger(req.size) || req.size < 1 || req.size > 50)
		return { ok: false, status: 400, message: '抽取人数应为 1–50 的整数' };
	if (!Number.isInteger(req.alternates) || req.alternates < 0 || req.alternates > 50)
		return { ok: false, status: 400, message: '备选人数应为 0–50 的整数' };
	if (req.maxPerUnit !== null && (!Number.isInteger(req.maxPerUnit) || req.maxPerUnit < 1 || req.maxPerUnit > 50))
		return { ok: false, status: 400, message: '同一单位最多人数应为 1–50 的整数' };
	if (!req.seed || req.seed.length > 200)
		return { ok: false, status: 400, message: '随机种子不能为空，且不超过 200 个字符' };
	return db.transaction(async (tx) => {
		const rows = await listPool(tx as unknown as DB);
		if (!rows.length) return { ok: false as const, status: 422 as const, message: '专家库为空，请先导入专家库' };
		// The snapshot: what the draw saw, in a stable order and without timestamps.
		const pool: PoolExpert[] = rows
			.map((r) => ({
				id: r.id,
				name: r.name,
				unit: r.unit,
				fields: r.fields,
				...(r.region ? { region: r.region } : {}),
				...(r.title ? { title: r.title } : {}),
				formerUnits: r.formerUnits,
				...(r.school ? { school: r.school } : {})
			}))
			.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const cs = await tx
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.field, req.field)));
		const ties = detectConflicts(
			pool.map((p) => ({
				id: p.id,
				unit: p.unit ?? '',
				formerUnits: (p.formerUnits as string[]) ?? [],
				school: p.school as string | undefined
			})),
			cs.map((c) => {
				const r = recordOf(c);
				return {
					id: c.id,
					name: r.name,
					unitAndTitle: r.unitAndTitle,
					careerUnits: (r.career ?? []).map((x) => x.unit).filter(Boolean),
					school: r.school,
					channel: r.channel
				};
			})
		);
		const reasons = new Map<string, Set<string>>();
		for (const t of ties)
			reasons.set(t.expert, (reasons.get(t.expert) ?? new Set()).add(CONFLICT_KIND_LABELS[t.kind] ?? t.kind));
		// Reasons name the kind of tie only: the record is shown to the inspector, not the candidate.
		const exclude: DrawExclusion[] = [...reasons.entries()]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([expert, r]) => ({ expert, reason: `与本领域候选人${[...r].join('、')}`, field: req.field }));
		const panel = {
			field: req.field,
			size: req.size,
			alternates: req.alternates,
			...(req.maxPerUnit !== null ? { maxPerUnit: req.maxPerUnit } : {})
		};
		const input = { pool, panels: [panel], exclude };
		const checked = validateDrawInput(input);
		if (!checked.ok) return { ok: false as const, status: 422 as const, message: checked.message };
		const result = drawPanels(checked.input, req.seed);
		if ('error' in result) return { ok: false as const, status: 422 as const, message: result.message };
		const id = newId('dr_');
		const now = Date.now();
		await tx.insert(panelDraws).values({
			id,
			campaignId,
			field: req.field,
			seed: req.seed,
			poolHash: result.poolHash,
			input: input,
			result: result as unknown as Record<string, unknown>,
			createdBy: actor.name,
			createdAt: now
		});
		const nameOf = new Map(pool.map((p) => [p.id, `${p.name}（${p.unit}）`]));
		await audit(tx, actor, {
			campaignId,
			action: 'pool.draw',
			entity: 'panel_draw',
			entityId: id,
			after: {
				field: req.field,
				seed: req.seed,
				poolHash: result.poolHash,
				poolSize: pool.length,
				excluded: exclude.length,
				request: panel,
				members: result.panels[0].members.map((m) => nameOf.get(m)),
				alternates: result.panels[0].alternates.map((m) => nameOf.get(m))
			}
		});
		return { ok: true as const, id };
	});
}

export async function listDraws(db: DB, campaignId: string): Promise<DrawRow[]> {
	return db.select().from(panelDraws).where(eq(panelDraws.campaignId, campaignId)).orderBy(desc(panelDraws.createdAt));
}

export async function getDraw(db: DB, campaignId: string, id: string): Promise<DrawRow | null> {
	return (
		(
			await db
				.select()
				.from(panelDraws)
				.where(and(eq(panelDraws.campaignId, campaignId), eq(panelDraws.id, id)))
		)[0] ?? null
	);
}

export interface ReplayVerdict {
	same: boolean;
	poolHashMatches: boolean;
	recomputed: DrawResult | null;
	message: string;
}

/** Recomputes the draw from its recorded snapshot and seed; read-only. */
export function replayDraw(row: DrawRow): ReplayVerdict {
	const checked = validateDrawInput(row.input);
	if (!checked.ok)
		return { same: false, poolHashMatches: false, recomputed: null, message: `记录的抽取输入无效：${checked.message}` };
	const poolHashMatches = poolHash(checked.input.pool) === row.poolHash;
	const res = drawPanels(checked.input, row.seed);
	if ('error' in res) return { same: false, poolHashMatches, recomputed: null, message: res.message };
	const same = poolHashMatches && canonicalJson(res) === canonicalJson(row.result);
	return {
		same,
		poolHashMatches,
		recomputed: res,
		message: same
			? '复核一致'
			: poolHashMatches
				? '复核不一致：重算结果与记录不同'
				: '复核不一致：专家库快照的哈希与记录不同'
	};
}

/** The `laurel draw --in` instance of a recorded draw, for replay outside the web. */
export function drawInstance(row: DrawRow): Record<string, unknown> {
	return { seed: row.seed, ...row.input };
}
