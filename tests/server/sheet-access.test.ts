// The save's one access query (services/sheet-access.ts) against the rules it stands for: the
// pair's eligibility as reviewsInRound decides it, on every kind of round and pair; the role and
// roster entry as requireReviewer reads them; and the lean draft write keeping the version check.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { assignments, candidates, experts, memberships, selections } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { reviewsInRound } from '../../src/lib/server/services/access';
import { saveAccess } from '../../src/lib/server/services/sheet-access';
import { saveChecked } from '../../src/lib/server/services/sheets';
import { recuse } from '../../src/lib/server/services/conflict-decisions';

const C = 'access';
const chair = { id: null, name: 'chair' };
let db: DB;
let roundIds: Record<'panel' | 'all' | 'assigned', string>;
let roster: { id: string; userId: string }[];
let cands: { id: string; code: string }[];

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'access test', prefix: 'sa-', seed: 7, candidates: 24 });
	roster = (await db.select().from(experts).where(eq(experts.campaignId, C))).map((e) => ({
		id: e.id,
		userId: e.userId!
	}));
	cands = (await db.select().from(candidates).where(eq(candidates.campaignId, C))).map((c) => ({
		id: c.id,
		code: c.reviewCode!
	}));
	// some published assignments (and one draft one, which does not count)
	for (const [i, c] of cands.entries())
		await db.insert(assignments).values({
			campaignId: C,
			expertId: roster[i % roster.length].id,
			candidateId: c.id,
			state: i === 3 ? 'draft' : 'published',
			source: 'manual',
			createdAt: Date.now()
		} as typeof assignments.$inferInsert);
	// a recusal blocks one pair that would otherwise be reviewable everywhere
	await recuse(db, chair, C, roster[1].id, cands[1].id, '本人学生');
	roundIds = {} as typeof roundIds;
	for (const reviewers of ['all', 'panel', 'assigned'] as const) {
		const r = await createRound(db, chair, C, { name: `轮次 ${reviewers}`, type: 'score', reviewers });
		if (!r.ok) throw new Error(r.message);
		roundIds[reviewers] = r.id;
	}
});

describe('save access query', () => {
	it('decides every pair of every kind of round as reviewsInRound does', async () => {
		let reviewable = 0;
		for (const [kind, roundId] of Object.entries(roundIds)) {
			const round = (await getRound(db, C, roundId))!;
			for (const e of roster)
				for (const c of cands) {
					const a = await saveAccess(db, { userId: e.userId, campaignId: C, roundId, code: c.code });
					const expected = await reviewsInRound(db, round, e.id, c.id);
					expect(a?.reviewable, `${kind} ${e.id} ${c.code}`).toBe(expected);
					if (expected) reviewable++;
				}
		}
		// the comparison means something only if both answers occur
		expect(reviewable).toBeGreaterThan(0);
		expect(reviewable).toBeLessThan(3 * roster.length * cands.length);
	});

	it('reads the role and roster entry as requireReviewer does, and refuses unknown codes and rounds', async () => {
		const e = roster[0];
		const base = { userId: e.userId, campaignId: C, roundId: roundIds.all, code: cands[0].code };
		expect(await saveAccess(db, base)).toMatchObject({ role: 'expert', expertId: e.id, candidateId: cands[0].id });
		expect(await saveAccess(db, { ...base, campaignId: 'elsewhere' })).toBeNull();
		expect(await saveAccess(db, { ...base, userId: 'u_nobody' })).toBeNull();
		const unknown = await saveAccess(db, { ...base, code: '前沿-999' });
		expect(unknown).toMatchObject({ candidateId: null, reviewable: false });
		expect(await saveAccess(db, { ...base, roundId: 'r_other' })).toMatchObject({ round: null, reviewable: false });
		const chairRow = (
			await db
				.select()
				.from(memberships)
				.where(and(eq(memberships.campaignId, C), eq(memberships.role, 'chair')))
		)[0];
		expect(await saveAccess(db, { ...base, userId: chairRow.userId })).toMatchObject({ role: 'chair', expertId: null });
	});

	it('saves a draft in one statement and keeps the version check: a second tab with the old version is refused', async () => {
		expect(await openRound(db, chair, C, roundIds.all, { excludeUncovered: 'test' })).toMatchObject({ ok: true });
		const round = (await getRound(db, C, roundIds.all))!;
		const e = roster[2];
		const c = cands[5];
		const q = { userId: e.userId, campaignId: C, roundId: round.id, code: c.code };
		const input = (baseVersion: number, merit: string): Parameters<typeof saveChecked>[2] => ({
			round,
			expertId: e.id,
			candidateId: c.id,
			values: { merit },
			comment: '',
			baseVersion,
			submit: false
		});
		const actor = { id: e.userId, name: 'e' };
		const first = await saveChecked(db, actor, input(0, '20'), (await saveAccess(db, q))!);
		expect(first).toMatchObject({ ok: true, version: 1 });
		// two tabs both saw version 1: the first wins, the second is told and given the current sheet
		const [a, b] = await Promise.all([
			saveChecked(db, actor, input(1, '21'), (await saveAccess(db, q))!),
			saveChecked(db, actor, input(1, '22'), (await saveAccess(db, q))!)
		]);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		const refused = (a.ok ? b : a) as Extract<typeof a, { ok: false }>;
		expect(refused).toMatchObject({ status: 409, code: 'STALE', current: { version: 2 } });
		// a client that never saw the sheet cannot create it a second time
		expect(await saveChecked(db, actor, input(0, '23'), (await saveAccess(db, q))!)).toMatchObject({
			ok: false,
			code: 'STALE'
		});
		// once the selection is locked the save is refused with the lock's message (423)
		await db.insert(selections).values({
			id: 'sel_lock',
			campaignId: C,
			inputHash: 'x',
			input: {},
			result: {},
			state: 'locked',
			createdAt: Date.now(),
			lockedAt: Date.now(),
			lockedBy: '办公室'
		} as typeof selections.$inferInsert);
		const lockedAccess = (await saveAccess(db, q))!;
		expect(lockedAccess.locked).toBe(true);
		await expect(saveChecked(db, actor, input(2, '24'), lockedAccess)).rejects.toMatchObject({ status: 423 });
	});
});
