// 不予受理 (issue 12): a withdrawn nomination leaves the check counts, the assignment, open rounds and
// the selection; it stays in the audit and comes back with a reason.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { withdrawNomination, restoreNomination } from '../../src/lib/server/services/withdrawal';
import { campaignCheck, checkInputs } from '../../src/lib/server/services/intake';
import { createRound } from '../../src/lib/server/services/rounds';
import { roundCandidateIds } from '../../src/lib/server/services/round-pairs';
import { loadAssignmentContext, proposeAssignment } from '../../src/lib/server/services/assignment';
import { assignments, auditLog, candidates } from '../../src/lib/server/db/schema';

const C = 'wd';
const actor = { id: null, name: '李干事' };
let db: DB;

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'withdraw test', prefix: 'wd-', seed: 3, candidates: 20 });
});

describe('withdrawal', () => {
	it('needs a reason and a candidate of the campaign', async () => {
		const row = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0];
		expect(await withdrawNomination(db, actor, C, row.id, '  ')).toMatchObject({ ok: false, status: 400 });
		expect(await withdrawNomination(db, actor, 'other', row.id, '撤回')).toMatchObject({ ok: false, status: 404 });
		expect(await restoreNomination(db, actor, C, row.id, '误操作')).toMatchObject({ ok: false, status: 409 });
	});

	it('leaves the check counts, the assignment and a new round; stays in the audit; restores', async () => {
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, C));
		const target = rows[0];
		const before = await checkInputs(db, C);
		expect(before.records).toHaveLength(rows.length);
		expect(await proposeAssignment(db, actor, C, { mode: 'distributed', k: 2, borrow: true })).toMatchObject({
			ok: true
		});
		expect((await db.select().from(assignments).where(eq(assignments.candidateId, target.id))).length).toBeGreaterThan(
			0
		);
		expect(await withdrawNomination(db, actor, C, target.id, '推荐单位来函撤回')).toEqual({ ok: true });
		expect(await db.select().from(assignments).where(eq(assignments.candidateId, target.id))).toHaveLength(0);
		expect(await withdrawNomination(db, actor, C, target.id, '再次')).toMatchObject({ ok: false, status: 409 });
		const after = await checkInputs(db, C);
		expect(after.records).toHaveLength(rows.length - 1);
		expect(after.ctx.ids).not.toContain(target.id);
		const report = await campaignCheck(db, C);
		expect(JSON.stringify(report)).not.toContain(target.name);
		const ctx = await loadAssignmentContext(db, C);
		expect(ctx.dossiers.map((d) => d.id)).not.toContain(target.id);
		const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel', aggregation: 'mean' });
		if (!r.ok) throw new Error(r.message);
		expect(await roundCandidateIds(db, r.id)).not.toContain(target.id);
		const log = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'candidate.withdraw')));
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ entityId: target.id, reason: '推荐单位来函撤回' });
		// the record itself stays
		expect((await db.select().from(candidates).where(eq(candidates.id, target.id)))[0].withdrawnBy).toBe('李干事');

		expect(await restoreNomination(db, actor, C, target.id, '')).toMatchObject({ ok: false, status: 400 });
		expect(await restoreNomination(db, actor, C, target.id, '来函有误，恢复')).toEqual({ ok: true });
		expect((await checkInputs(db, C)).records).toHaveLength(rows.length);
		// the draft first round takes it back
		expect(await roundCandidateIds(db, r.id)).toContain(target.id);
		expect(
			await db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'candidate.restore')))
		).toHaveLength(1);
	});
});
