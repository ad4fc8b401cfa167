// The panel page's per-round figures (panel-progress.ts) count in SQL what roundPairs and
// missingSheets list pair by pair: both must agree on every round, with blocked pairs (a confirmed
// tie on a submitted pair, a pending detected one on a missing pair, a declared one that does not
// block yet), a chair who also reviews (their own panels' dossiers left out) and an open round.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { buildScaleFixture, type ScaleFixture } from '../../scripts/bench/scale-lib';
import { assignments, conflicts, experts, rounds, sheets } from '../../src/lib/server/db/schema';
import { roundFigures } from '../../src/lib/server/services/panel-progress';
import { listRounds } from '../../src/lib/server/services/rounds';
import { missingSheets, roundPairs } from '../../src/lib/server/services/round-pairs';
import { pairKey } from '../../src/lib/server/services/conflicts';

let db: DB;
let fixture: ScaleFixture;

beforeAll(async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-panel-')), 'scale.db');
	fixture = await buildScaleFixture(file, { candidates: 40, experts: 15, k: 3, second: 15, third: 6 });
	db = await openDatabase(`file:${file}`);
}, 120_000);

/** What the page showed before: every pair listed, the submitted ones counted, missingSheets. */
async function reference(roundId: string) {
	const r = (await db.select().from(rounds).where(eq(rounds.id, roundId)))[0];
	const pairs = await roundPairs(db, r);
	const done = new Set(
		(
			await db
				.select()
				.from(sheets)
				.where(and(eq(sheets.roundId, r.id), eq(sheets.status, 'submitted')))
		).map((s) => pairKey(s.expertId, s.candidateId))
	);
	return {
		progress: { done: pairs.filter((p) => done.has(pairKey(p.expertId, p.candidateId))).length, total: pairs.length },
		missing: r.state === 'open' ? await missingSheets(db, r) : null
	};
}

async function figures() {
	return roundFigures(db, fixture.campaignId, await listRounds(db, fixture.campaignId));
}

describe('the panel page’s round figures', () => {
	it('agree with the pairs listed one by one on closed rounds', async () => {
		const f = await figures();
		for (const id of fixture.roundIds) {
			expect(f.get(id)).toEqual(await reference(id));
			expect(f.get(id)!.progress!.total).toBeGreaterThan(0);
		}
	});

	it('leave out blocked pairs and name the experts whose sheets are missing in an open round', async () => {
		const [r1] = fixture.roundIds;
		await db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, r1));
		const pairs = await db
			.select()
			.from(assignments)
			.where(and(eq(assignments.campaignId, fixture.campaignId), eq(assignments.state, 'published')));
		// three sheets back in draft: missing
		const [a, b, c, d, e] = pairs.filter((p) => p.expertId !== 'e_0');
		for (const p of [a, b, c])
			await db
				.update(sheets)
				.set({ status: 'draft' })
				.where(and(eq(sheets.roundId, r1), eq(sheets.expertId, p.expertId), eq(sheets.candidateId, p.candidateId)));
		const tie = (p: typeof a, status: 'confirmed' | 'pending', source: 'detected' | 'declared', id: string) =>
			db.insert(conflicts).values({
				id,
				campaignId: fixture.campaignId,
				expertId: p.expertId,
				candidateId: p.candidateId,
				kind: source === 'declared' ? 'declared_person' : 'organizer',
				severity: 'conflict',
				source,
				reason: 'test',
				status,
				createdAt: Date.now()
			});
		await db.delete(conflicts).where(eq(conflicts.campaignId, fixture.campaignId));
		await tie(a, 'pending', 'detected', 'cf_a'); // blocks a missing pair
		await tie(d, 'confirmed', 'detected', 'cf_d'); // blocks a submitted pair
		await tie(e, 'pending', 'declared', 'cf_e'); // not yet: counted
		const before = await reference(r1);
		const f = (await figures()).get(r1)!;
		expect(f).toEqual(before);
		expect(f.missing!.total).toBe(2);
		expect(f.missing!.experts.map((x) => x.expertId).sort()).toEqual([...new Set([b.expertId, c.expertId])].sort());

		// The chair reviews too (a roster entry of the chair's account): the chaired panels' dossiers leave their count.
		await db.update(experts).set({ userId: 'u_chair' }).where(eq(experts.id, 'e_0'));
		const chaired = (await figures()).get(r1)!;
		expect(chaired).toEqual(await reference(r1));
		expect(chaired.progress!.total).toBeLessThan(f.progress!.total);
		for (const id of fixture.roundIds.slice(1)) expect((await figures()).get(id)).toEqual(await reference(id));
	});

	it('has no figures for a round not yet open', async () => {
		const [, r2] = fixture.roundIds;
		await db.update(rounds).set({ state: 'draft' }).where(eq(rounds.id, r2));
		expect((await figures()).get(r2)).toEqual({ progress: null, missing: null });
	});
});
