// The demo as a newcomer first sees it (npm start, seed-demo): assignment published, 初评 open,
// sheets submitted and drafts, every expert with dossiers, an audit log that tells the story.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import { openDatabase, type DB } from '../../src/lib/server/db';
import {
	assignments,
	auditLog,
	campaigns,
	conflicts,
	experts,
	rounds,
	sheets,
	users
} from '../../src/lib/server/db/schema';
import { DEMO_CAMPAIGN_ID as C, demoAccounts, ensureDemo } from '../../src/lib/server/demo';
import { roundPairs } from '../../src/lib/server/services/round-pairs';

let db: DB;
beforeAll(async () => {
	db = await freshDb();
	const r = await ensureDemo(db, { onlyIfEmpty: true, stage: 'review' });
	expect(r?.created).toBe(true);
}, 120_000);

describe('the demo mid-review', () => {
	it('has its assignment published and 初评 open', async () => {
		const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
		expect(campaign.status).toBe('review');
		const pairs = await db.select().from(assignments).where(eq(assignments.campaignId, C));
		expect(pairs.length).toBeGreaterThan(100);
		expect(pairs.every((p) => p.state === 'published')).toBe(true);
		const list = await db.select().from(rounds).where(eq(rounds.campaignId, C));
		expect(list.map((r) => [r.name, r.state, r.reviewers])).toEqual([['初评', 'open', 'assigned']]);
	});

	it('gives every expert dossiers; some sheets are submitted, some drafts, some untouched', async () => {
		const round = (await db.select().from(rounds).where(eq(rounds.campaignId, C)))[0];
		const roster = await db.select().from(experts).where(eq(experts.campaignId, C));
		expect(roster).toHaveLength(15);
		const all = await db.select().from(sheets).where(eq(sheets.roundId, round.id));
		let untouched = 0;
		for (const e of roster) {
			const mine = await roundPairs(db, round, e.id);
			expect(mine.length, e.name).toBeGreaterThan(0);
			untouched += mine.filter((p) => !all.some((s) => s.expertId === e.id && s.candidateId === p.candidateId)).length;
		}
		const submitted = all.filter((s) => s.status === 'submitted');
		const drafts = all.filter((s) => s.status === 'draft');
		expect(submitted.length).toBeGreaterThan(50);
		expect(drafts.length).toBeGreaterThan(5);
		expect(untouched).toBeGreaterThan(10);
		expect(submitted.every((s) => typeof s.total === 'number' && s.total > 0)).toBe(true);
		// Some experts are done, some are not: the chair's progress has something to show.
		const doneBy = new Set(
			roster.filter((e) => !all.some((s) => s.expertId === e.id && s.status === 'draft')).map((e) => e.id)
		);
		expect(doneBy.size).toBeGreaterThan(0);
		expect(doneBy.size).toBeLessThan(15);
	});

	it('leaves ties waiting for a decision, and no pair is assigned across one', async () => {
		const ties = await db.select().from(conflicts).where(eq(conflicts.campaignId, C));
		expect(ties.some((t) => t.status === 'pending')).toBe(true);
		const pairs = new Set(
			(await db.select().from(assignments).where(eq(assignments.campaignId, C))).map(
				(p) => `${p.expertId}|${p.candidateId}`
			)
		);
		for (const t of ties.filter((t) => t.severity === 'conflict' && t.status !== 'dismissed'))
			expect(pairs.has(`${t.expertId}|${t.candidateId}`)).toBe(false);
	});

	it('tells the story in the audit log, each step under the name of who would have done it', async () => {
		const log = await db.select().from(auditLog).where(eq(auditLog.campaignId, C));
		const steps = log.map((a) => a.action).filter((a, i, xs) => xs.indexOf(a) === i);
		expect(steps.slice(0, 7)).toEqual([
			'candidate.codes_assigned',
			'demo.seed',
			'conflict.detect',
			'assignment.propose',
			'assignment.publish',
			'round.create',
			'round.open'
		]);
		expect(
			log
				.filter((a) => a.action.startsWith('assignment.') || a.action.startsWith('round.'))
				.every((a) => a.actorName === 'organizer')
		).toBe(true);
		const submits = log.filter((a) => a.action === 'sheet.submit');
		expect(submits.length).toBeGreaterThan(50);
		expect(submits.every((a) => /^expert\d\d$/.test(a.actorName ?? ''))).toBe(true);
	});

	it('is created once: a second call changes nothing', async () => {
		const before = (await db.select().from(sheets)).length;
		const again = await ensureDemo(db, { stage: 'review' });
		expect(again?.created).toBe(false);
		expect((await db.select().from(sheets)).length).toBe(before);
		expect(await db.select().from(rounds)).toHaveLength(1);
	});

	it('seed-demo on an empty database starts it mid-review and prints the same accounts', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'laurel-seed-demo-'));
		const url = `file:${join(dir, 'demo.db')}`;
		const out = await new Promise<{ code: number; stdout: string }>((resolve) =>
			execFile(
				process.execPath,
				['--import', 'tsx', 'scripts/laurel.ts', 'seed-demo'],
				{ env: { ...process.env, DATABASE_URL: url, LAUREL_DEMO_STAGE: '' }, encoding: 'utf8', timeout: 120_000 },
				(error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })
			)
		);
		expect(out.code).toBe(0);
		const json = JSON.parse(out.stdout) as { campaign: string; accounts: unknown[] };
		expect(json).toEqual({ campaign: C, accounts: demoAccounts() });
		const seeded = await openDatabase(url);
		expect((await seeded.select().from(rounds)).map((r) => r.state)).toEqual(['open']);
		expect((await seeded.select().from(sheets)).length).toBeGreaterThan(50);
		expect((await seeded.select().from(users)).length).toBe(17);
	}, 180_000);
});
