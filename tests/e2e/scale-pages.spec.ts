// Long lists at national scale (issue 16): the 回避, assignment, check and candidates pages show one
// page of their rows with a pager; the page and the filters live in the URL; the counts cover the
// whole list; a bad page number or filter value is read as none, never an error; the chair finds
// dossiers by review code only.
import { test, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs, logout } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { proposeAssignment } from '../../src/lib/server/services/assignment';
import { insertCandidates } from '../../src/lib/server/services/candidates';
import { configOf } from '../../src/lib/server/services/campaigns';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { campaigns, candidates, conflicts } from '../../src/lib/server/db/schema';

const office = { id: null, name: 'e2e-seed' };

const pagerStatus = (page: Page) => page.getByTestId('pager-status').first();

/** SHOTS=dir: screenshots of the page at 1280 and 768 px wide, to look at the pagers. */
async function shot(page: Page, name: string) {
	const dir = process.env.SHOTS;
	if (!dir) return;
	for (const width of [1280, 768]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: false });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

test('回避: fifty ties a page, filters and search in the URL, the chair searches codes only', async ({ page }) => {
	test.setTimeout(120_000);
	const id = await seedReviewCampaign('scf', 7, 60);
	const db = await e2eDb();
	await refreshDetectedConflicts(db, office, id);
	const all = await db.select().from(conflicts).where(eq(conflicts.campaignId, id));
	expect(all.length).toBeGreaterThan(50);
	const warnings = all.filter((c) => c.severity === 'warning').length;

	await loginAs(page, 'scf-organizer');
	await page.goto(`/c/${id}/conflicts`);
	await expect(pagerStatus(page)).toHaveText(`第 1–50 条，共 ${all.length} 条`);
	await expect(page.getByTestId('conflict-row')).toHaveCount(50);
	await page.locator('.toolbar').scrollIntoViewIfNeeded();
	await shot(page, 'conflicts-office');
	const firstPage = await page.getByTestId('conflict-row').first().textContent();
	await page.getByRole('link', { name: '下一页' }).first().click();
	await expect(page).toHaveURL(/[?&]page=2/);
	await expect(page.getByTestId('conflict-row')).toHaveCount(Math.min(50, all.length - 50));
	await expect(page.getByTestId('conflict-row').first()).not.toHaveText(firstPage!);
	// back to the first page with the browser
	await page.goBack();
	await expect(pagerStatus(page)).toHaveText(`第 1–50 条，共 ${all.length} 条`);

	// one level: every row shown is a 提示, and the pager counts them
	if (warnings) {
		await page.locator('#f-severity').selectOption('warning');
		await expect(page).toHaveURL(/severity=warning/);
		await expect(pagerStatus(page)).toContainText(`共 ${warnings} 条`);
		const sev = page.getByTestId('conflict-row').getByTestId('severity');
		await expect(sev.first()).toHaveText('提示');
		for (const t of await sev.allTextContents()) expect(t).toBe('提示');
	}

	// the office finds a candidate by name
	const cand = (await db.select().from(candidates).where(eq(candidates.id, all[0].candidateId)))[0];
	const hers = all.filter((c) => c.candidateId === cand.id).length;
	await page.goto(`/c/${id}/conflicts`);
	await page.locator('#f-q').fill(cand.name);
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/q=/);
	await expect(page.getByTestId('conflict-row')).toHaveCount(hers);
	await expect(page.getByTestId('conflict-row').first()).toContainText(cand.reviewCode!);

	// bad page numbers and filter values: read as none, never an error
	for (const q of [
		'page=abc',
		'page=-3',
		'page=99999',
		'status=evil&kind=__proto__&severity=x&panel=nope&expert=nobody'
	])
		expect((await page.goto(`/c/${id}/conflicts?${q}`))?.status(), q).toBe(200);
	await page.goto(`/c/${id}/conflicts?page=99999`);
	await expect(pagerStatus(page)).toContainText(`共 ${all.length} 条`);
	await expect(page.getByTestId('pager').first().locator('[aria-current="page"]')).toHaveText(
		String(Math.ceil(all.length / 50))
	);
	await logout(page);

	// the chair: the search box takes review codes; a name finds nothing
	await loginAs(page, 'scf-chair');
	await page.goto(`/c/${id}/conflicts?q=${encodeURIComponent(cand.name)}`);
	await expect(page.getByLabel('评审编号', { exact: true })).toBeVisible();
	await expect(page.getByTestId('conflict-row')).toHaveCount(0);
	await expect(page.locator('main')).not.toContainText(cand.name);
	await page.goto(`/c/${id}/conflicts?q=${encodeURIComponent(cand.reviewCode!)}`);
	await expect(page.getByTestId('conflict-row')).toHaveCount(hers);
});

test('assignment: fifty dossiers a page with the summary over all, filters by code and problem', async ({ page }) => {
	test.setTimeout(120_000);
	const id = await seedReviewCampaign('sca', 7, 60);
	const db = await e2eDb();
	await db.update(conflicts).set({ status: 'dismissed' }).where(eq(conflicts.campaignId, id));
	expect(await proposeAssignment(db, office, id, { mode: 'distributed', k: 2, borrow: true })).toMatchObject({
		ok: true
	});
	await loginAs(page, 'sca-chair');
	await page.goto(`/c/${id}/assignment`);
	await expect(page.getByText('60 份材料 · 15 名专家')).toBeVisible();
	await expect(page.getByTestId('dossier-row')).toHaveCount(50);
	await expect(pagerStatus(page)).toHaveText('第 1–50 份材料，共 60 份材料');
	await page.getByRole('link', { name: '第 2 页' }).first().click();
	await expect(page).toHaveURL(/page=2/);
	await expect(page.getByTestId('dossier-row')).toHaveCount(10);
	await page.getByTestId('dossier-filters').scrollIntoViewIfNeeded();
	await shot(page, 'assignment');
	// the summary still counts every pair
	await expect(page.locator('.stat', { hasText: '评审人次' })).toContainText('120');

	const code = (await db.select().from(candidates).where(eq(candidates.campaignId, id)))[5].reviewCode!;
	await page.locator('#f-q').fill(code);
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByTestId('dossier-row')).toHaveCount(1);
	await expect(page.getByTestId('dossier-row')).toHaveAttribute('data-code', code);
	// the adjust form offers the dossiers shown
	await expect(page.locator('#adj-dossier option', { hasText: code })).toHaveCount(1);

	await page.goto(`/c/${id}/assignment?problem=blocked`);
	await expect(page.getByTestId('dossier-row')).toHaveCount(0);
	for (const q of ['page=0', 'page=x', 'page=1000', 'problem=evil&field=nope'])
		expect((await page.goto(`/c/${id}/assignment?${q}`))?.status(), q).toBe(200);
});

test('check and candidates: the long lists are paged, the counts cover all', async ({ page }) => {
	test.setTimeout(120_000);
	// the demo's quotas stop at 70 nominations: 40 more of another draw make two pages of 100
	const id = await seedReviewCampaign('scc', 7, 70);
	const db = await e2eDb();
	const config = configOf((await db.select().from(campaigns).where(eq(campaigns.id, id)))[0]);
	const more = generateCandidates(config, 70, 99).slice(0, 40);
	await db.transaction((tx) => insertCandidates(tx, office, id, config, more));
	const total = (await db.select().from(candidates).where(eq(candidates.campaignId, id))).length;
	expect(total).toBeGreaterThan(100);
	await loginAs(page, 'scc-organizer');

	await page.goto(`/c/${id}/candidates`);
	await expect(page.getByTestId('candidate-counts')).toHaveText(`共 ${total} 名`);
	await expect(page.getByTestId('candidate-row')).toHaveCount(100);
	await page.getByRole('link', { name: '下一页' }).first().click();
	await expect(page.getByTestId('candidate-row')).toHaveCount(total - 100);
	await expect(page.getByTestId('candidate-row').first().locator('td.num')).toHaveText('101');
	await shot(page, 'candidates');
	// a new order starts at its first page
	await page.getByTestId('sort-seq').click();
	await expect(page).not.toHaveURL(/page=/);
	await expect(page.getByTestId('candidate-row').first().locator('td.num')).toHaveText(String(total));
	expect((await page.goto(`/c/${id}/candidates?page=-1&sort=evil`))?.status()).toBe(200);

	// the check: the candidates' materials list is paged by its own parameter
	await page.goto(`/c/${id}/check`);
	const materials = page.getByTestId('materials');
	await materials.locator('summary').click();
	await expect(materials.getByTestId('pager-status')).toHaveText(`第 1–50 名，共 ${total} 名`);
	await materials.getByRole('link', { name: '第 3 页' }).click();
	await expect(page).toHaveURL(/cpage=3/);
	await expect(page.getByTestId('materials').locator('details tbody tr')).toHaveCount(total - 100);
	await page.getByTestId('materials').scrollIntoViewIfNeeded();
	await shot(page, 'check-materials');
	// any issue kind with more than its preview links to all of it, paged
	const moreIssues = page.getByTestId('issue-more').first();
	if (await moreIssues.count()) {
		await moreIssues.click();
		await expect(page).toHaveURL(/code=/);
		await expect(page.getByTestId('issue-focus')).toBeVisible();
		await shot(page, 'check-focus');
	}
	for (const q of ['code=__proto__', 'code=NOPE&page=7', 'cpage=abc'])
		expect((await page.goto(`/c/${id}/check?${q}`))?.status(), q).toBe(200);
});
