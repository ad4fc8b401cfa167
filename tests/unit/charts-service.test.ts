// Review progress over time: submitted sheets per Beijing day, gaps filled, drafts left out.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { freshDb } from '../helpers/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/services/demo';
import { createRound, openRound, getRound, roundPairs, type RoundRow } from '../../src/lib/server/services/rounds';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { progressOverTime } from '../../src/lib/server/services/charts';

const C = 'charts';
const actor = { id: null, name: 'organizer' };
let db: DB;
let round: RoundRow;
let pairs: { expertId: string; candidateId: string }[];

async function submitAt(iso: string, pair: { expertId: string; candidateId: string }, submit = true) {
	vi.setSystemTime(new Date(iso));
	const res = await saveSheet(db, actor, { round, ...pair, values: { merit: 30, story: 20, exemplary: 20 }, baseVersion: 0, submit });
	if (!res.ok) throw new Error(res.message);
}

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'charts test', prefix: 'ch-', seed: 5, candidates: 10 });
	const r = await createRound(db, actor, C, { name: '初评', type: 'score', reviewers: 'panel' });
	if (!r.ok) throw new Error(r.message);
	const opened = await openRound(db, actor, C, r.id);
	if (!opened.ok) throw new Error(opened.message);
	round = (await getRound(db, C, r.id))!;
	pairs = await roundPairs(db, round);
	// Only Date is faked: the database driver's timers keep running.
	vi.useFakeTimers({ toFake: ['Date'] });
	await submitAt('2024-04-01T02:00:00Z', pairs[0]); // 10:00 Beijing, 1 April
	await submitAt('2024-04-01T09:00:00Z', pairs[1]);
	await submitAt('2024-04-01T15:59:00Z', pairs[2]); // 23:59 Beijing, still 1 April
	await submitAt('2024-04-02T16:30:00Z', pairs[3]); // 00:30 Beijing, 3 April (nothing on 2 April)
	await submitAt('2024-04-03T03:00:00Z', pairs[4]);
	await submitAt('2024-04-03T04:00:00Z', pairs[5], false); // a draft does not count
	vi.useRealTimers();
	// a second round that has not started is not a series
	const later = await createRound(db, actor, C, { name: '终评', type: 'vote', reviewers: 'all' });
	if (!later.ok) throw new Error(later.message);
});

afterAll(() => {
	vi.useRealTimers();
});

describe('progressOverTime', () => {
	it('counts submitted sheets per Beijing day, with the days between filled in', async () => {
		const p = await progressOverTime(db, C);
		expect(p.days).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
		expect(p.rounds).toHaveLength(1);
		const s = p.rounds[0];
		expect(s.name).toBe('初评');
		expect(s.daily).toEqual([3, 0, 2]);
		expect(s.cumulative).toEqual([3, 3, 5]);
		expect(s.submitted).toBe(5);
		expect(s.expected).toBe(pairs.length);
	});

	it('uses the offset it is given (UTC days here)', async () => {
		const p = await progressOverTime(db, C, { offsetMinutes: 0 });
		expect(p.days).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
		expect(p.rounds[0].daily).toEqual([3, 1, 1]);
	});

	it('is empty for a campaign without submissions', async () => {
		const p = await progressOverTime(db, 'no-such-campaign');
		expect(p).toEqual({ days: [], rounds: [] });
	});
});
