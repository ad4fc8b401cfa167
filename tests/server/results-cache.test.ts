// The memo of round results (services/results-cache.ts) against the database it summarises: every
// write that can change a closed round's results — by this process or by another one on the same
// file — is seen by the next view; a hit is indistinguishable from a fresh computation; without its
// triggers the memo is never used.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { buildScaleFixture, type ScaleFixture } from '../../scripts/bench/scale-lib';
import { rounds, sheets } from '../../src/lib/server/db/schema';
import { getRound } from '../../src/lib/server/services/rounds';
import { roundResults } from '../../src/lib/server/services/results';
import { RESULTS_TRIGGERS, resultsVersion } from '../../src/lib/server/services/results-cache';
import { addOrganizerConflict } from '../../src/lib/server/services/conflict-decisions';
import { observerProgress } from '../../src/lib/server/services/observer';
import { progressOverTime } from '../../src/lib/server/services/charts';

const office = { id: 'u_office', name: '活动办公室' };
let file: string;
let fixture: ScaleFixture;

beforeAll(async () => {
	file = join(mkdtempSync(join(tmpdir(), 'laurel-results-cache-')), 'cache.db');
	fixture = await buildScaleFixture(file, { candidates: 40, experts: 15, k: 3, second: 15, third: 6 });
}, 120_000);

/** A second server process: its own client on the same file. */
const open = () => openDatabase(`file:${file}`);
const first = async (db: DB) => (await getRound(db, fixture.campaignId, fixture.roundIds[0]))!;

describe('round results memo', () => {
	it('answers a second view from the memo, with what a fresh computation gives', async () => {
		const a = await open();
		const one = await roundResults(a, await first(a));
		expect(await roundResults(a, await first(a))).toBe(one);
		// another process has no memo: it computes, and gets the same ranking, matrix, order
		const b = await open();
		expect(await roundResults(b, await first(b))).toEqual(one);
		// what the memo hands out cannot be changed by a caller
		expect(() => (one.aggregates as unknown[]).push({})).toThrow();
		expect(Object.isFrozen(one.cells[0])).toBe(true);
	});

	it('sees a conflict recorded by another process after the round closed', async () => {
		const a = await open();
		const before = await roundResults(a, await first(a));
		expect(before.round.state).toBe('closed');
		const cell = before.cells[0];
		const agg = before.aggregates.find((x) => x.id === cell.candidateId)!;
		const b = await open();
		const r = await addOrganizerConflict(
			b,
			office,
			fixture.campaignId,
			cell.expertId,
			cell.candidateId,
			'事后发现同单位'
		);
		expect(r.ok).toBe(true);
		const after = await roundResults(a, await first(a));
		expect(after).not.toBe(before);
		// the blocked pair's sheet no longer counts: one sheet fewer on that dossier, its cell gone
		expect(after.aggregates.find((x) => x.id === cell.candidateId)!.n).toBe(agg.n - 1);
		expect(after.cells.some((c) => c.expertId === cell.expertId && c.candidateId === cell.candidateId)).toBe(false);
		const ranking = await roundResults(a, await first(a), { ranking: true });
		expect(ranking.aggregates.find((x) => x.id === cell.candidateId)!.n).toBe(agg.n - 1);
	});

	it('sees a changed score, a withdrawn sheet and a changed rule', async () => {
		const a = await open();
		const b = await open();
		const before = await roundResults(a, await first(a), { ranking: true });
		const top = before.aggregates[0];
		const [sheet] = await b
			.select()
			.from(sheets)
			.where(
				sql`${sheets.roundId} = ${fixture.roundIds[0]} and ${sheets.candidateId} = ${top.id} and status = 'submitted'`
			);
		await b.update(sheets).set({ total: 0 }).where(eq(sheets.id, sheet.id));
		const lowered = await roundResults(a, await first(a), { ranking: true });
		expect(lowered.aggregates.find((x) => x.id === top.id)!.mean).toBeLessThan(top.mean);
		await b.update(sheets).set({ status: 'withdrawn' }).where(eq(sheets.id, sheet.id));
		const withdrawn = await roundResults(a, await first(a), { ranking: true });
		expect(withdrawn.aggregates.find((x) => x.id === top.id)!.n).toBe(top.n - 1);
		// the round's rule changed elsewhere: the row this process reads next carries it
		await b.update(rounds).set({ aggregation: 'median' }).where(eq(rounds.id, fixture.roundIds[0]));
		const median = await roundResults(a, await first(a), { ranking: true });
		expect(median.round.aggregation).toBe('median');
		expect(median.aggregates.every((x) => x.value === x.median)).toBe(true);
	});

	it('every table the results read raises a version, in the writing transaction', async () => {
		const db = await open();
		const round = await first(db);
		const writes = [
			sql`update sheets set version = version where round_id = ${round.id} and rowid = (select min(rowid) from sheets where round_id = ${round.id})`,
			sql`update round_candidates set how = how where round_id = ${round.id} and rowid = (select min(rowid) from round_candidates where round_id = ${round.id})`,
			sql`insert into candidate_notes (id, round_id, candidate_id, note, by, at) select 'n_t', ${round.id}, candidate_id, 'x', 'x', 0 from round_candidates where round_id = ${round.id} limit 1`,
			sql`update rounds set name = name where id = ${round.id}`,
			sql`update conflicts set reason = reason where campaign_id = ${round.campaignId} and rowid = (select min(rowid) from conflicts where campaign_id = ${round.campaignId})`,
			sql`update candidates set field = field where campaign_id = ${round.campaignId} and rowid = (select min(rowid) from candidates where campaign_id = ${round.campaignId})`,
			sql`update experts set name = name where campaign_id = ${round.campaignId} and rowid = (select min(rowid) from experts where campaign_id = ${round.campaignId})`,
			sql`update assignments set state = state where campaign_id = ${round.campaignId} and rowid = (select min(rowid) from assignments where campaign_id = ${round.campaignId})`,
			sql`update panels set field = field where campaign_id = ${round.campaignId} and rowid = (select min(rowid) from panels where campaign_id = ${round.campaignId})`,
			sql`delete from panel_members where rowid = (select min(m.rowid) from panel_members m join panels p on p.id = m.panel_id where p.campaign_id = ${round.campaignId})`
		];
		for (const w of writes) {
			const v = await resultsVersion(db, round);
			await db.run(w);
			expect(await resultsVersion(db, round), String(w.queryChunks[0])).not.toBe(v);
		}
	});

	it('the campaign-wide views (observer progress, progress over time) see another process’s writes', async () => {
		const a = await open();
		const b = await open();
		const progress = await observerProgress(a, fixture.campaignId);
		const series = await progressOverTime(a, fixture.campaignId);
		expect(await observerProgress(a, fixture.campaignId)).toBe(progress);
		expect(await progressOverTime(a, fixture.campaignId)).toBe(series);
		// a sheet of the second round goes back to draft (a rescore asked by the chair)
		const [sheet] = await b
			.select()
			.from(sheets)
			// not the pair the office blocked above: its sheet no longer counts anyway
			.where(
				sql`${sheets.roundId} = ${fixture.roundIds[1]} and status = 'submitted' and not exists (select 1 from conflicts c where c.expert_id = ${sheets.expertId} and c.candidate_id = ${sheets.candidateId})`
			)
			.limit(1);
		await b.update(sheets).set({ status: 'draft' }).where(eq(sheets.id, sheet.id));
		const second = (p: typeof progress) => p.find((r) => r.id === fixture.roundIds[1])!;
		expect(second(await observerProgress(a, fixture.campaignId)).submitted).toBe(second(progress).submitted - 1);
		const s2 = (await progressOverTime(a, fixture.campaignId)).rounds.find((r) => r.roundId === fixture.roundIds[1])!;
		expect(s2.submitted).toBe(series.rounds.find((r) => r.roundId === fixture.roundIds[1])!.submitted - 1);
		// a round added by another process appears
		const before = (await observerProgress(a, fixture.campaignId)).length;
		await b.run(
			sql`insert into rounds (id, campaign_id, seq, name, type, state, reviewers, aggregation, created_at) values ('r_extra', ${fixture.campaignId}, 99, '补充轮', 'vote', 'draft', 'all', 'mean', 0)`
		);
		expect((await observerProgress(a, fixture.campaignId)).length).toBe(before + 1);
	});

	it('never uses the memo when a trigger is missing (a later migration rebuilt a table)', async () => {
		const db = await open();
		const round = await first(db);
		const n = await db.all<{ n: number }>(
			sql`select count(*) as n from sqlite_master where type = 'trigger' and name glob 'results_v_*'`
		);
		expect(Number(n[0].n)).toBe(RESULTS_TRIGGERS);
		await db.run(sql`drop trigger results_v_conflicts_insert`);
		expect(await resultsVersion(db, round)).toBeNull();
		const one = await roundResults(db, round);
		expect(await roundResults(db, round)).not.toBe(one);
	});
});
