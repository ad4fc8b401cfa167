// The selection page's list of candidates not ranked at all (4,900 of a national campaign's 5,000):
// counted per reason, one page listed by review code, the page number from the URL clamped, and
// names only for the office.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { buildScaleFixture, type ScaleFixture } from '../../scripts/bench/scale-lib';
import { latestSelection } from '../../src/lib/server/services/selection';
import { notRanked } from '../../src/routes/c/[campaignId]/selection/view.server';
import { compareReviewCodes } from '../../src/lib/shared/review-codes';

let db: DB;
let fixture: ScaleFixture;

beforeAll(async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'laurel-outside-')), 'scale.db');
	fixture = await buildScaleFixture(file, { candidates: 40, experts: 15, k: 3, second: 15, third: 6 });
	db = await openDatabase(`file:${file}`);
}, 120_000);

describe('the candidates not ranked', () => {
	it('are counted per reason and listed a page at a time, by review code', async () => {
		const sel = (await latestSelection(db, fixture.campaignId))!;
		const all = await notRanked(db, fixture.campaignId, sel.input, true, null, 1000);
		expect(all.total).toBe(40 - sel.input.pool.length - sel.input.excluded.length);
		expect(all.reasons.reduce((s, r) => s + r.n, 0)).toBe(all.total);
		// not advanced to 复评, and advanced but not passed (or not in) the vote
		expect(all.reasons.length).toBeGreaterThan(1);
		const codes = all.rows.map((r) => r.code);
		expect([...codes].sort(compareReviewCodes)).toEqual(codes);

		const second = await notRanked(db, fixture.campaignId, sel.input, true, '2', 10);
		expect(second.window).toMatchObject({ page: 2, size: 10, total: all.total });
		expect(second.rows).toEqual(all.rows.slice(10, 20));
		expect(second.rows[0].name).toBeTruthy();
	});

	it('clamp a page number from the URL that is not one, and show the chair no names', async () => {
		const sel = (await latestSelection(db, fixture.campaignId))!;
		const pages = Math.ceil((await notRanked(db, fixture.campaignId, sel.input, false, null, 10)).total / 10);
		for (const [param, page] of [
			['x', 1],
			['-3', 1],
			['0', 1],
			['1e3', 1],
			['99999', pages]
		] as const) {
			const r = await notRanked(db, fixture.campaignId, sel.input, false, param, 10);
			expect(r.window.page).toBe(page);
			expect(r.rows.length).toBeGreaterThan(0);
			for (const row of r.rows) expect(row).not.toHaveProperty('name');
		}
	});
});
