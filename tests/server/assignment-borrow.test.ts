// Distributed assignment stays within each dossier's panel unless the office allows borrowing (issue 12).
import { describe, it, expect, beforeAll } from 'vitest';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { loadAssignmentContext, proposeAssignment } from '../../src/lib/server/services/assignment';
import { outsideOf, assignmentRows } from '../support/panel';
import { auditLog, conflicts } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

const C = 'bw';
const actor = { id: null, name: '办公室' };
let db: DB;

beforeAll(async () => {
	db = await freshDb();
	// 15 experts in five panels of three
	await seedCampaign(db, { id: C, name: 'borrow test', prefix: 'bw-', seed: 9, candidates: 30 });
});

async function outsideCount(): Promise<number> {
	const ctx = await loadAssignmentContext(db, C);
	const field = new Map(ctx.dossiers.map((d) => [d.id, d.field]));
	return (await assignmentRows(db, C)).filter((a) => outsideOf(ctx)(a.expertId, field.get(a.candidateId) ?? '')).length;
}

describe('borrowing across panels', () => {
	it('keeps every pair in the panel without borrowing, and refuses when the panel is too small', async () => {
		// the demo's ties are many: dismiss them so that a panel of three can give one each
		await db.update(conflicts).set({ status: 'dismissed' }).where(eq(conflicts.campaignId, C));
		const r = await proposeAssignment(db, actor, C, { mode: 'distributed', k: 2 });
		expect(r).toMatchObject({ ok: true });
		expect(await outsideCount()).toBe(0);
		expect((await assignmentRows(db, C)).length).toBe(30 * 2);
		// five experts per dossier cannot come from a panel of three
		const big = await proposeAssignment(db, actor, C, { mode: 'distributed', k: 5 });
		expect(big).toMatchObject({ ok: false, message: expect.stringContaining('允许跨组借用专家') });
		expect(big.ok ? '' : big.message).toContain('本组内无回避的专家');
	});

	it('borrows from other panels when allowed, and the count says how many', async () => {
		const r = await proposeAssignment(db, actor, C, { mode: 'distributed', k: 5, borrow: true });
		expect(r).toMatchObject({ ok: true });
		expect(await outsideCount()).toBeGreaterThan(0);
		const last = (await db.select().from(auditLog).where(eq(auditLog.action, 'assignment.propose'))).at(-1)!;
		expect(last.after).toMatchObject({ borrow: true, k: 5 });
	});
});
