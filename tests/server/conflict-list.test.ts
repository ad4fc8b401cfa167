// The 回避 page's listing at scale (issue 16): pages, filters and counts read from grouped queries
// must give exactly the rows and numbers of the whole list filtered by hand.
import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { listConflicts, refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { decideConflicts } from '../../src/lib/server/services/conflicts-bulk';
import { conflictListing, readConflictFilter, type ConflictFilter } from '../../src/lib/server/services/conflict-list';
import { expertNames } from '../../src/lib/server/services/experts';
import { compareReviewCodes } from '../../src/lib/shared/review-codes';
import { conflicts, panelMembers, panels } from '../../src/lib/server/db/schema';

const C = 'cl';
const office = { id: null, name: '办公室' };
let db: DB;
let panelId = '';
let panelExperts = new Set<string>();

const none: ConflictFilter = { status: '', kind: '', severity: '', panel: '', expert: '', q: '' };

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: 'listing test', prefix: 'cl-', seed: 11, candidates: 60 });
	await refreshDetectedConflicts(db, office, C);
	const some = (await db.select().from(conflicts).where(eq(conflicts.campaignId, C))).filter(
		(r) => r.source !== 'declared'
	);
	await decideConflicts(
		db,
		office,
		C,
		some.slice(0, 5).map((r) => r.id),
		'confirmed',
		'',
		'organizer'
	);
	await decideConflicts(
		db,
		office,
		C,
		some.slice(5, 8).map((r) => r.id),
		'dismissed',
		'核实无关',
		'organizer'
	);
	const p = (await db.select().from(panels).where(eq(panels.campaignId, C)))[0];
	panelId = p?.id ?? '';
	if (panelId)
		panelExperts = new Set(
			(await db.select().from(panelMembers).where(eq(panelMembers.panelId, panelId))).map((m) => m.expertId)
		);
}, 60_000);

/** The whole list, ordered and filtered the slow way. */
async function reference(f: ConflictFilter, byName: boolean) {
	const rank = new Map((await expertNames(db, C)).map((e, i) => [e.id, i]));
	const order = { pending: 0, confirmed: 1, dismissed: 2 } as const;
	return (await listConflicts(db, C))
		.filter(
			({ c, reviewCode, candidateName }) =>
				(!f.status || c.status === f.status) &&
				(!f.kind || c.kind === f.kind) &&
				(!f.severity || c.severity === f.severity) &&
				(!f.expert || c.expertId === f.expert) &&
				(!f.panel || panelExperts.has(c.expertId)) &&
				(!f.q || (reviewCode ?? '').includes(f.q) || (byName && candidateName.includes(f.q)))
		)
		.sort(
			(a, b) =>
				order[a.c.status] - order[b.c.status] ||
				rank.get(a.c.expertId)! - rank.get(b.c.expertId)! ||
				compareReviewCodes(a.reviewCode ?? '', b.reviewCode ?? '') ||
				a.c.kind.localeCompare(b.c.kind)
		)
		.map((r) => r.c.id);
}

/** Every page of the listing, concatenated. */
async function paged(f: ConflictFilter, byName: boolean, size = 7) {
	const first = await conflictListing(db, C, f, '1', { searchNames: byName, size });
	const ids = first.rows.map((r) => r.id);
	for (let p = 2; p <= first.window.pages; p++)
		ids.push(...(await conflictListing(db, C, f, String(p), { searchNames: byName, size })).rows.map((r) => r.id));
	return { ids, first };
}

describe('the conflict listing', () => {
	it('pages through exactly the whole list, in order', async () => {
		const want = await reference(none, true);
		expect(want.length).toBeGreaterThan(30);
		const { ids, first } = await paged(none, true);
		expect(ids).toEqual(want);
		expect(first.total).toBe(want.length);
		expect(first.window).toMatchObject({ page: 1, pages: Math.ceil(want.length / 7), total: want.length });
		expect(first.rows).toHaveLength(7);
	});

	it('gives each filter the rows and counts of the list filtered by hand', async () => {
		const all = await listConflicts(db, C);
		const someExpert = all[Math.floor(all.length / 2)].c.expertId;
		const someCode = (all[3].reviewCode ?? '').slice(-2);
		const filters: ConflictFilter[] = [
			{ ...none, status: 'pending' },
			{ ...none, status: 'dismissed' },
			{ ...none, kind: all[0].c.kind },
			{ ...none, severity: 'warning' },
			{ ...none, expert: someExpert },
			{ ...none, q: someCode },
			{ ...none, status: 'pending', severity: 'conflict', q: someCode }
		];
		if (panelId) filters.push({ ...none, panel: panelId });
		for (const f of filters) {
			const want = await reference(f, true);
			const { ids, first } = await paged(f, true);
			expect(ids, JSON.stringify(f)).toEqual(want);
			// the status counts apply every filter but the status
			const others = await reference({ ...f, status: '' }, true);
			expect(first.statusCounts.all, JSON.stringify(f)).toBe(others.length);
			expect(first.total).toBe(all.length);
		}
	});

	it('counts the pending ties the page summarises, over the whole campaign', async () => {
		const all = await listConflicts(db, C);
		const l = await conflictListing(db, C, { ...none, status: 'dismissed' }, null, { searchNames: true });
		expect(l.statusCounts).toEqual({
			all: all.length,
			pending: all.filter((r) => r.c.status === 'pending').length,
			confirmed: 5,
			dismissed: 3
		});
		expect(l.pendingBlocking).toBe(
			all.filter((r) => r.c.status === 'pending' && r.c.severity === 'conflict' && r.c.source !== 'declared').length
		);
		const kinds = Object.values(l.kindCounts).reduce((s, n) => s + n, 0);
		expect(kinds).toBe(all.length);
	});

	it('does not let the chair find a dossier by the candidate’s name', async () => {
		const all = await listConflicts(db, C);
		const name = all[0].candidateName;
		const office = await conflictListing(db, C, { ...none, q: name }, null, { searchNames: true });
		expect(office.window.total).toBeGreaterThan(0);
		const chair = await conflictListing(db, C, { ...none, q: name }, null, { searchNames: false });
		expect(chair.window.total).toBe(0);
		expect(chair.rows).toEqual([]);
	});

	it('clamps bad page numbers and drops unknown filter values', async () => {
		const n = (await reference(none, true)).length;
		const last = Math.ceil(n / 50);
		for (const p of ['0', '-1', 'x', '1e3', "1' or 1=1"])
			expect((await conflictListing(db, C, none, p, { searchNames: true })).window.page).toBe(1);
		expect((await conflictListing(db, C, none, '9999', { searchNames: true })).window.page).toBe(last);
		const f = readConflictFilter(
			new URLSearchParams('status=bogus&kind=__proto__&severity=x&panel=other&expert=e_nobody&q=' + 'x'.repeat(90))
		);
		expect(f).toMatchObject({ status: '', kind: '', severity: '' });
		expect(f.q).toHaveLength(50);
		const l = await conflictListing(db, C, { ...f, q: '' }, null, { searchNames: true });
		expect(l.filter).toMatchObject({ panel: '', expert: '' });
		expect(l.window.total).toBe(n);
	});
});
