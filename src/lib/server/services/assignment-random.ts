// 随机分配 (issue 15; CONTRACTS.md "Randomized assignment"): the same proposal as the exact one,
// but sampled so that no expert–dossier pair has a probability above q, from a public seed. The
// audit records k, q, the seed, the expected and the sampled value and the instance's hash, so the
// draw can be replayed with `laurel assign --in <instance> --seed <seed>`.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments } from '../db/schema';
import { audit, type Actor } from '../audit';
import { buildInstance, loadAssignmentContext } from './assignment';
import { solveRandomizedAssignment } from '../../domain/assignment/randomized';
import { canonicalJson } from '../../domain/audit/chain';
import { sha256Hex } from '../../domain/assignment/seeded-prng';
import type { AssignmentInfeasible } from '../../domain/assignment';

export type RandomProposeResult =
	| { ok: true; pairs: number; objective: number; expectedObjective: number; seed: string; q: number }
	| { ok: false; message: string; infeasible?: AssignmentInfeasible };

export async function proposeRandomizedAssignment(
	db: DB,
	actor: Actor,
	campaignId: string,
	opts: { k: number; q: number; seed: string }
): Promise<RandomProposeResult> {
	const { k, q, seed } = opts;
	if (!Number.isInteger(k) || k < 1 || k > 50)
		return { ok: false, message: `每份材料的评审人数“${k}”应为 1–50 的整数` };
	if (!(q > 0 && q <= 1)) return { ok: false, message: `概率上限“${q}”应在 0 到 1 之间（不含 0）` };
	if (!seed || seed.length > 200) return { ok: false, message: '随机种子不能为空，且不超过 200 个字符' };
	return db.transaction(async (tx) => {
		const published = await tx
			.select({ n: assignments.expertId })
			.from(assignments)
			.where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'published')))
			.limit(1);
		if (published.length) return { ok: false as const, message: '分配已发布，不能整体重新分配；请逐项调整' };
		const ctx = await loadAssignmentContext(tx, campaignId);
		if (!ctx.dossiers.length) return { ok: false as const, message: '还没有候选人材料可以分配' };
		if (!ctx.experts.length) return { ok: false as const, message: '还没有评审专家' };
		const instance = buildInstance(ctx, k);
		const result = solveRandomizedAssignment(instance, q, seed);
		if ('error' in result) {
			if (result.error === 'INFEASIBLE') return { ok: false as const, message: result.message, infeasible: result };
			return { ok: false as const, message: result.message };
		}
		const idOf = new Map(ctx.dossiers.map((d) => [d.code, d.id]));
		await tx.delete(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, 'draft')));
		const now = Date.now();
		const rows = result.assignments.map((a) => ({
			campaignId,
			expertId: a.expert,
			candidateId: idOf.get(a.dossier)!,
			state: 'draft' as const,
			source: 'auto' as const,
			createdAt: now
		}));
		for (let i = 0; i < rows.length; i += 200) await tx.insert(assignments).values(rows.slice(i, i + 200));
		const maxP = result.marginals.reduce((m, x) => Math.max(m, x.p), 0);
		await audit(tx, actor, {
			campaignId,
			action: 'assignment.propose',
			entity: 'campaign',
			entityId: campaignId,
			after: {
				mode: 'randomized',
				k,
				q,
				seed,
				pairs: rows.length,
				objective: result.objective,
				expectedObjective: result.expectedObjective,
				maxPairProbability: maxP,
				instanceHash: sha256Hex(canonicalJson({ ...instance, maxProbability: q }))
			}
		});
		return {
			ok: true as const,
			pairs: rows.length,
			objective: result.objective,
			expectedObjective: result.expectedObjective,
			seed,
			q
		};
	});
}
