// Server tests of conflicts and assignment on a real (temporary) database with the demo seeded.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { assignments, auditLog, candidates, conflicts, experts } from '../../src/lib/server/db/schema';
import { ensureDemo, DEMO_CAMPAIGN_ID as C } from '../../src/lib/server/demo';
import { refreshDetectedConflicts, blockedPairs, pairKey } from '../../src/lib/server/services/conflicts';
import { decideConflict, addOrganizerConflict, recuse } from '../../src/lib/server/services/conflict-decisions';
import { declareTies } from '../../src/lib/server/services/conflict-declarations';
import {
	proposeAssignment,
	addPair,
	movePair,
	publishAssignment,
	removePair
} from '../../src/lib/server/services/assignment';

import { dossierAccess } from '../../src/lib/server/services/access';

/** The one dossier rule (services/access.ts) as a yes or no. */
const mayOpen = async (expertId: string, candidateId: string) =>
	(await dossierAccess(db, C, expertId, candidateId)) !== null;

const chair = { id: null, name: 'chair' };
let db: DB;

beforeAll(async () => {
	db = await freshDb();
	await ensureDemo(db);
});

describe('conflicts', () => {
	it('detects same-unit ties between the roster and the nominations and keeps decisions on refresh', async () => {
		const e = (await db.select().from(experts).where(eq(experts.campaignId, C)))[0];
		const c = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[0];
		const rec = c.record as { unitAndTitle: string };
		// Put the expert in the candidate's unit: detection must find it.
		await db
			.update(experts)
			.set({ unit: rec.unitAndTitle.split(/\s/)[0] })
			.where(eq(experts.id, e.id));
		await refreshDetectedConflicts(db, chair, C);
		const found = await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.expertId, e.id), eq(conflicts.candidateId, c.id)));
		expect(found.map((f) => f.kind)).toContain('same_unit');
		expect((await blockedPairs(db, C)).has(pairKey(e.id, c.id))).toBe(true);
		const row = found.find((f) => f.kind === 'same_unit')!;
		expect((await decideConflict(db, chair, C, row.id, 'dismissed', '', 'organizer')).ok).toBe(false);
		expect((await decideConflict(db, chair, C, row.id, 'dismissed', '同名不同单位，经核实无关', 'organizer')).ok).toBe(
			true
		);
		await refreshDetectedConflicts(db, chair, C);
		const again = (await db.select().from(conflicts).where(eq(conflicts.id, row.id)))[0];
		expect(again.status).toBe('dismissed');
		expect(again.decisionReason).toBe('同名不同单位，经核实无关');
		// dismissed (and only that kind) no longer blocks
		const still = found.filter((f) => f.id !== row.id && f.severity === 'conflict');
		expect((await blockedPairs(db, C)).has(pairKey(e.id, c.id))).toBe(still.length > 0);
	});

	it('matches an expert declaration against candidates', async () => {
		const e = (await db.select().from(experts).where(eq(experts.campaignId, C)))[3];
		const c = (await db.select().from(candidates).where(eq(candidates.campaignId, C)))[5];
		await declareTies(db, { id: null, name: 'expert' }, C, e.id, [], [c.name]);
		const rows = await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.expertId, e.id), eq(conflicts.candidateId, c.id)));
		expect(rows.some((r) => r.kind === 'declared_person')).toBe(true);
		expect(rows.find((r) => r.kind === 'declared_person')!.reason).not.toContain(c.name);
	});
});

describe('assignment', () => {
	it('proposes an exact distributed assignment that respects every blocked pair, then publishes it', async () => {
		const r = await proposeAssignment(db, chair, C, { mode: 'distributed', k: 3, borrow: true });
		expect(r.ok).toBe(true);
		const rows = await db.select().from(assignments).where(eq(assignments.campaignId, C));
		const n = (await db.select().from(candidates).where(eq(candidates.campaignId, C))).length;
		expect(rows).toHaveLength(n * 3);
		const blocked = await blockedPairs(db, C);
		expect(rows.filter((a) => blocked.has(pairKey(a.expertId, a.candidateId)))).toHaveLength(0);
		const perDossier = new Map<string, number>();
		for (const a of rows) perDossier.set(a.candidateId, (perDossier.get(a.candidateId) ?? 0) + 1);
		expect([...perDossier.values()].every((v) => v === 3)).toBe(true);
		// nothing is visible to experts before publication
		expect(await mayOpen(rows[0].expertId, rows[0].candidateId)).toBe(false);
		expect((await publishAssignment(db, chair, C)).ok).toBe(true);
		expect(await mayOpen(rows[0].expertId, rows[0].candidateId)).toBe(true);
		expect((await proposeAssignment(db, chair, C, { mode: 'distributed', k: 3, borrow: true })).ok).toBe(false);
	});

	it('refuses to assign or move onto a conflicted pair, and a recusal withdraws the assignment', async () => {
		const rows = await db.select().from(assignments).where(eq(assignments.campaignId, C));
		const a = rows[0];
		await addOrganizerConflict(db, chair, C, a.expertId, a.candidateId, '师生关系');
		// the organizer's conflict withdraws the assignment at once
		expect(
			(
				await db
					.select()
					.from(assignments)
					.where(and(eq(assignments.expertId, a.expertId), eq(assignments.candidateId, a.candidateId)))
			).length
		).toBe(0);
		expect(await mayOpen(a.expertId, a.candidateId)).toBe(false);
		expect((await removePair(db, chair, C, a.expertId, a.candidateId, '回避')).ok).toBe(false);
		const add = await addPair(db, chair, C, a.expertId, a.candidateId);
		expect(add.ok).toBe(false);
		const other = rows.find((r) => r.candidateId !== a.candidateId && r.expertId !== a.expertId)!;
		const mv = await movePair(db, chair, C, a.candidateId, other.expertId, a.expertId);
		expect(mv.ok === false && mv.status).toBe(409);

		const b = rows[5];
		expect((await recuse(db, { id: null, name: 'expert' }, C, b.expertId, b.candidateId, '认识候选人')).ok).toBe(true);
		expect(
			(
				await db
					.select()
					.from(assignments)
					.where(and(eq(assignments.expertId, b.expertId), eq(assignments.candidateId, b.candidateId)))
			).length
		).toBe(0);
		expect(await mayOpen(b.expertId, b.candidateId)).toBe(false);
		const actions = (await db.select().from(auditLog).where(eq(auditLog.campaignId, C))).map((x) => x.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'assignment.propose',
				'assignment.publish',
				'conflict.organizer',
				'conflict.recusal',
				'assignment.remove'
			])
		);
	});

	it('explains infeasibility by dossier instead of failing bare', async () => {
		const db2 = await freshDb();
		await ensureDemo(db2);
		const r = await proposeAssignment(db2, chair, C, { mode: 'distributed', k: 16 });
		expect(r.ok).toBe(false);
		expect(r.ok === false && r.message).toMatch(/专家|需要/);
	});
});
