// The assignment page's view at scale (issue 16): the summary counted over every pair, one page of
// dossiers, the ties read for assigned pairs and the page only — the same numbers as the whole
// context read the slow way.
import { describe, it, expect, beforeAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { loadAssignmentContext, proposeAssignment } from '../../src/lib/server/services/assignment';
import { outsideOf, assignmentRows } from '../support/panel';
import { assignmentView, readDossierFilter, type DossierFilter } from '../../src/lib/server/services/assignment-view';
import { pairKey } from '../../src/lib/server/services/conflicts';
import { assignments, conflicts } from '../../src/lib/server/db/schema';

const C = 'av';
const actor = { id: null, name: '办公室' };
let db: DB;
const none: DossierFilter = { q: '', field: '', problem: '' };

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'view test', prefix: 'av-', seed: 5, candidates: 45 });
	await db.update(conflicts).set({ status: 'dismissed' }).where(eq(conflicts.campaignId, C));
	expect(await proposeAssignment(db, actor, C, { mode: 'distributed', k: 3, borrow: true })).toMatchObject({
		ok: true
	});
	// one assigned pair becomes blocked (a confirmed tie), one dossier loses an expert
	const [a, b] = await assignmentRows(db, C);
	await db
		.update(conflicts)
		.set({ status: 'confirmed' })
		.where(and(eq(conflicts.expertId, a.expertId), eq(conflicts.candidateId, a.candidateId)));
	const tie = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, a.expertId), eq(conflicts.candidateId, a.candidateId)));
	if (!tie.length)
		await db.insert(conflicts).values({
			id: 'cf_test',
			campaignId: C,
			expertId: a.expertId,
			candidateId: a.candidateId,
			kind: 'organizer',
			severity: 'conflict',
			source: 'organizer',
			reason: '测试',
			status: 'confirmed',
			createdAt: 1
		});
	await db
		.delete(assignments)
		.where(and(eq(assignments.expertId, b.expertId), eq(assignments.candidateId, b.candidateId)));
}, 60_000);

describe('the assignment view', () => {
	it('counts what the whole context counts', async () => {
		const ctx = await loadAssignmentContext(db, C);
		const rows = await assignmentRows(db, C);
		const field = new Map(ctx.dossiers.map((d) => [d.id, d.field]));
		const fieldsOf = new Map(ctx.experts.map((e) => [e.id, e.fields]));
		const v = await assignmentView(db, C, 3, none, null);
		expect(v.pairs).toBe(rows.length);
		expect(v.objectiveNow).toBe(
			rows.filter((r) => fieldsOf.get(r.expertId)!.includes(field.get(r.candidateId)!)).length
		);
		expect(v.outside).toBe(rows.filter((r) => outsideOf(ctx)(r.expertId, field.get(r.candidateId)!)).length);
		expect(v.blockedPairs).toBe(rows.filter((r) => ctx.blocked.has(pairKey(r.expertId, r.candidateId))).length);
		expect(v.blockedPairs).toBe(1);
		expect(v.short).toHaveLength(1);
		for (const e of v.experts) expect(e.assigned).toBe(rows.filter((r) => r.expertId === e.id).length);
		expect(v.state).toBe('draft');
	});

	it('pages through every dossier by review code, with the page’s ties for the adjust form', async () => {
		const ctx = await loadAssignmentContext(db, C);
		const seen: string[] = [];
		const first = await assignmentView(db, C, 3, none, '1', 10);
		expect(first.window).toMatchObject({ page: 1, pages: 5, total: 45 });
		for (let p = 1; p <= first.window.pages; p++) {
			const v = await assignmentView(db, C, 3, none, String(p), 10);
			expect(v.dossiers.length).toBeLessThanOrEqual(10);
			seen.push(...v.dossiers.map((d) => d.code));
			// the blocked lists cover exactly the page's dossiers
			const want: Record<string, string[]> = {};
			for (const key of ctx.blocked) {
				const [e, c] = key.split('|');
				if (v.dossiers.some((d) => d.id === c)) (want[c] ??= []).push(e);
			}
			for (const k of Object.keys(want)) want[k].sort();
			const got = Object.fromEntries(Object.entries(v.blocked).map(([k, xs]) => [k, [...xs].sort()]));
			expect(got).toEqual(want);
		}
		expect(new Set(seen).size).toBe(45);
		expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
	});

	it('filters by code, field and problem; bad values read as no filter', async () => {
		const all = await assignmentView(db, C, 3, none, null, 100);
		const short = await assignmentView(db, C, 3, { ...none, problem: 'short' }, null);
		expect(short.dossiers.map((d) => d.code)).toEqual(all.short);
		const blocked = await assignmentView(db, C, 3, { ...none, problem: 'blocked' }, null);
		expect(blocked.dossiers).toHaveLength(1);
		expect(blocked.dossiers[0].experts.some((e) => e.blocked)).toBe(true);
		const f = all.dossiers[0].field;
		const byField = await assignmentView(db, C, 3, { ...none, field: f }, null, 100);
		expect(byField.dossiers.every((d) => d.field === f)).toBe(true);
		expect(byField.window.total).toBe(all.dossiers.filter((d) => d.field === f).length);
		const code = all.dossiers[7].code;
		expect((await assignmentView(db, C, 3, { ...none, q: code }, null)).dossiers.map((d) => d.code)).toContain(code);
		expect(readDossierFilter(new URLSearchParams('problem=evil&q=' + 'x'.repeat(80)))).toEqual({
			q: 'x'.repeat(50),
			field: '',
			problem: ''
		});
		expect((await assignmentView(db, C, 3, none, '999', 10)).window.page).toBe(5);
		expect((await assignmentView(db, C, 3, none, 'abc', 10)).window.page).toBe(1);
	});
});
