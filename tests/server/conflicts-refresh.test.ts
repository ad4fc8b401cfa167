// Re-detection of conflicts (refreshDetectedConflicts): the stored ties are compared with the
// detection by number keys and read as one string (issue 16, national scale); what it stores,
// keeps and removes must be exactly what the rules say.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { recordOf } from '../../src/lib/server/services/candidates';
import { candidates, conflicts, experts } from '../../src/lib/server/db/schema';
import { detectConflicts } from '../../src/lib/domain/conflicts';

const C = 'cr';
const office = { id: null, name: '办公室' };
let db: DB;

const stored = async () => db.select().from(conflicts).where(eq(conflicts.campaignId, C));

/** The reference: detectConflicts on the same roster and nominations, as the rows would hold it. */
async function expected() {
	const ex = await db.select().from(experts).where(eq(experts.campaignId, C));
	const cs = await db.select().from(candidates).where(eq(candidates.campaignId, C));
	return detectConflicts(
		ex.map((e) => ({
			id: e.id,
			unit: e.unit,
			formerUnits: e.formerUnits ?? [],
			school: e.school ?? undefined,
			declaredUnits: e.declaredUnits ?? [],
			declaredPeople: e.declaredPeople ?? []
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
	).map((d) => `${d.expert}|${d.candidate}|${d.kind}|${d.severity}|${d.reason}`);
}
const asText = (rows: (typeof conflicts.$inferSelect)[]) =>
	rows.map((r) => `${r.expertId}|${r.candidateId}|${r.kind}|${r.severity}|${r.reason}`).sort();

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'refresh test', prefix: 'cr-', seed: 11, candidates: 60 });
});

describe('refreshDetectedConflicts', () => {
	it('stores exactly the detected ties, and a second run changes nothing', async () => {
		await db.delete(conflicts).where(eq(conflicts.campaignId, C));
		const first = await refreshDetectedConflicts(db, office, C);
		const rows = await stored();
		expect(first.added).toBeGreaterThan(10);
		expect(first).toEqual({ added: rows.length, removed: 0, total: rows.length });
		expect(asText(rows)).toEqual((await expected()).sort());
		// written many to a statement, each with an id of its own
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
		expect(rows.every((r) => r.status === 'pending' && /^cf_[\w-]+$/.test(r.id))).toBe(true);
		const again = await refreshDetectedConflicts(db, office, C);
		expect(again).toEqual({ added: 0, removed: 0, total: rows.length });
		expect((await stored()).map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
	});

	it('removes pending ties that no longer hold, keeps decided and office ties, and re-adds on correction', async () => {
		const rows = (await stored()).filter((r) => r.source === 'detected');
		const counts = new Map<string, number>();
		for (const r of rows) counts.set(r.expertId, (counts.get(r.expertId) ?? 0) + 1);
		const [expertId] = [...counts].sort((a, b) => b[1] - a[1])[0];
		const own = rows.filter((r) => r.expertId === expertId);
		expect(own.length).toBeGreaterThan(1);
		const kept = own[0];
		await db.update(conflicts).set({ status: 'confirmed' }).where(eq(conflicts.id, kept.id));
		await db.insert(conflicts).values({
			id: 'cf_office_test',
			campaignId: C,
			expertId,
			candidateId: own[1].candidateId,
			kind: 'organizer',
			severity: 'conflict',
			source: 'organizer',
			reason: '办公室添加',
			status: 'pending',
			createdAt: Date.now()
		});
		const before = await db.select().from(experts).where(eq(experts.id, expertId));
		await db
			.update(experts)
			.set({ unit: '某某无关研究所', formerUnits: [], school: null, declaredUnits: [], declaredPeople: [] })
			.where(eq(experts.id, expertId));
		const total = (await stored()).length;
		// an expert's declaration refreshes declaration ties only: the detected ones stay
		expect(await refreshDetectedConflicts(db, office, C, { declaredOnly: true })).toEqual({
			added: 0,
			removed: 0,
			total
		});
		const res = await refreshDetectedConflicts(db, office, C);
		expect(res).toEqual({ added: 0, removed: own.length - 1, total: total - (own.length - 1) });
		const left = (await stored()).filter((r) => r.expertId === expertId);
		expect(left.map((r) => r.id).sort()).toEqual([kept.id, 'cf_office_test'].sort());
		// corrected back: the removed ties return, the confirmed one is not stored twice
		await db.update(experts).set(before[0]).where(eq(experts.id, expertId));
		const back = await refreshDetectedConflicts(db, office, C);
		expect(back).toMatchObject({ added: own.length - 1, removed: 0 });
		const now = await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.campaignId, C), eq(conflicts.expertId, expertId)));
		expect(now).toHaveLength(own.length + 1);
		expect(now.find((r) => r.id === kept.id)?.status).toBe('confirmed');
		expect(asText((await stored()).filter((r) => r.source !== 'organizer'))).toEqual((await expected()).sort());
	});
});
