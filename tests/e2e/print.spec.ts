// Printable records on A4: the round results (ranking and score matrix over as many pages as
// needed), the 评分汇总表 with a signature line per expert, and an expert's dossier. Each is
// printed to PDF by Chromium (page.pdf, A4) and its page count read from the PDF's page objects;
// the print rendering (emulateMedia print) hides the navigation and shows the last row.
import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates } from '../../src/lib/server/db/schema';
import { createRound, listRounds, getRound, openRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { roundResults } from '../../src/lib/server/services/results';

const actor = { id: null, name: 'e2e' };
let id = '';
let roundId = '';
let lastCode = '';
let ranked = 0;
let reviewers = 0;

/** Pages of a PDF: its page objects (/Type /Page, not /Pages). PRINT_OUT=dir keeps the PDFs to look at. */
function pdfPages(pdf: Buffer, name: string): number {
	if (process.env.PRINT_OUT) {
		mkdirSync(process.env.PRINT_OUT, { recursive: true });
		writeFileSync(`${process.env.PRINT_OUT}/${name}.pdf`, pdf);
	}
	return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

async function printView(page: Page, path: string) {
	await page.goto(path);
	await page.locator('body[data-hydrated]').waitFor();
	await page.emulateMedia({ media: 'print' });
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	id = await seedReviewCampaign('print', 13, 60);
	const db = await e2eDb();
	// a worker restarted after a failure finds the round of the first one
	const existing = (await listRounds(db, id)).find((x) => x.name === '初评');
	if (existing) roundId = existing.id;
	else {
		const r = await createRound(db, actor, id, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, actor, id, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!o.ok) throw new Error(o.message);
		roundId = r.id;
	}
	const round = (await getRound(db, id, roundId))!;
	// every pair scored, deterministic and spread out
	const pairs = await roundPairs(db, round);
	let i = 0;
	for (const p of pairs) {
		i++;
		if (existing) break;
		const s = await saveSheet(db, actor, {
			round,
			expertId: p.expertId,
			candidateId: p.candidateId,
			values: { merit: 20 + (i % 20), story: 10 + ((i * 7) % 20), exemplary: 10 + ((i * 3) % 20) },
			baseVersion: 0,
			submit: true
		});
		if (!s.ok) throw new Error(s.message);
	}
	// left open, so that the experts still reach their dossiers (the print shows the results so far)
	const results = await roundResults(db, (await getRound(db, id, roundId))!);
	ranked = results.aggregates.length;
	lastCode = results.aggregates.at(-1)!.candidate;
	reviewers = results.progress.length;
});

test('the round results print on A4: no navigation, every row, several pages', async ({ page }) => {
	await loginAs(page, 'print-organizer');
	await page.goto(`/c/${id}/rounds/${roundId}`);
	await page.getByRole('link', { name: '打印结果' }).click();
	await expect(page).toHaveURL(new RegExp(`/rounds/${roundId}/print$`));
	await expect(page.getByTestId('print-button')).toBeVisible();
	await printView(page, `/c/${id}/rounds/${roundId}/print`);
	await expect(page.locator('header.app-header')).toBeHidden();
	await expect(page.locator('nav.campaign-nav')).toBeHidden();
	await expect(page.getByTestId('print-button')).toBeHidden();
	const rows = page.getByTestId('print-row');
	await expect(rows).toHaveCount(ranked);
	await expect(rows.last()).toBeVisible();
	await expect(rows.last()).toHaveAttribute('data-code', lastCode);
	// the matrix has every dossier too
	await expect(page.getByTestId('matrix-row')).toHaveCount(ranked);
	await expect(page.getByTestId('matrix-row').last()).toBeVisible();
	// thead repeats on every printed page
	expect(await page.locator('[data-testid=print-ranking] thead').evaluate((t) => getComputedStyle(t).display)).toBe(
		'table-header-group'
	);

	const pdf = await page.pdf({ format: 'A4' });
	const pages = pdfPages(pdf, 'round-results');
	// 60 ranking rows and a 60-row matrix in five field tables: more than one page, far fewer than 20
	expect(pages).toBeGreaterThanOrEqual(3);
	expect(pages).toBeLessThanOrEqual(12);
	// A4 portrait: 595 × 842 points
	expect(pdf.toString('latin1')).toMatch(
		/\/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+841(\.\d+)?|\/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+842/
	);
});

test('the 评分汇总表 has a signature line per expert and prints its last line', async ({ page }) => {
	await loginAs(page, 'print-chair');
	await printView(page, `/c/${id}/rounds/${roundId}/print?what=summary`);
	await expect(page.getByRole('heading', { name: '评审专家签字' })).toBeVisible();
	const sign = page.getByTestId('signature-row');
	await expect(sign).toHaveCount(reviewers);
	await expect(sign.last()).toBeVisible();
	await expect(page.getByTestId('print-row').last()).toHaveAttribute('data-code', lastCode);
	await expect(page.locator('nav.campaign-nav')).toBeHidden();
	const pages = pdfPages(await page.pdf({ format: 'A4' }), 'round-summary');
	expect(pages).toBeGreaterThanOrEqual(2);
	expect(pages).toBeLessThanOrEqual(6);
});

test('an expert prints a dossier: anonymized, the score sheet left off', async ({ page }) => {
	const db = await e2eDb();
	const names = (await db.select({ n: candidates.name }).from(candidates).where(eq(candidates.campaignId, id))).map(
		(c) => c.n
	);
	await loginAs(page, 'print-expert01');
	await page.goto(`/c/${id}/tasks`);
	const link = page.locator('td.code a').first();
	const code = (await link.textContent())!.trim();
	await link.click();
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('print-button')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('dossier-code')).toHaveText(code);
	await expect(page.locator('main.desk .recusal')).toBeHidden();
	await expect(page.locator('nav.campaign-nav')).toBeHidden();
	const text = await page.locator('main').innerText();
	for (const n of names) expect(text).not.toContain(n);
	// the footer carries the review code (the @page margin box of the print setup)
	const css = await page.locator('head style').evaluateAll((els) => els.map((e) => e.textContent ?? '').join('\n'));
	expect(css).toContain(`评审材料 ${code}（匿名）`);
	expect(css).toContain('counter(pages)');
	const pages = pdfPages(await page.pdf({ format: 'A4' }), 'dossier');
	expect(pages).toBeGreaterThanOrEqual(1);
	expect(pages).toBeLessThanOrEqual(8);
});
