// The round page at national scale (issue 16), as a chair uses it on a round of 60 dossiers with a
// page of 50: the ranking and the score matrix are paged by links (?rpage=, ?page=) that the back
// button undoes; the filter narrows both to a field, a part of a review code or a task from the
// 需要处理 summary; bad values are said in Chinese, never a 500; and a candidate's name finds nothing
// (a chair sees review codes only). SHOTS=1 writes screenshots at 1280 and 768 px to screenshots/.
import { test, expect, type Page } from '@playwright/test';
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
let ranked = 0;
/** the dossier left without sheets: pending, unranked */
let unscored = { id: '', code: '', name: '' };
let sample = { code: '', field: '', name: '' };
let fieldCount = 0;
/** dossiers in the round (those nobody may review were taken out) */
let inRound = 0;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	id = await seedReviewCampaign('rpage', 11, 60);
	const db = await e2eDb();
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
	const pairs = await roundPairs(db, round);
	const skip = pairs[pairs.length - 1].candidateId;
	let i = 0;
	for (const p of existing ? [] : pairs) {
		i++;
		if (p.candidateId === skip) continue;
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
	const results = await roundResults(db, (await getRound(db, id, roundId))!);
	ranked = results.aggregates.length;
	inRound = results.candidates.length;
	const all = await db.select().from(candidates).where(eq(candidates.campaignId, id));
	const u = all.find((c) => c.id === skip)!;
	unscored = { id: u.id, code: u.reviewCode!, name: u.name };
	const a = results.aggregates[3];
	sample = { code: a.candidate, field: a.field, name: all.find((c) => c.id === a.id)!.name };
	fieldCount = results.candidates.filter((c) => c.field === sample.field).length;
});

const rankRows = (page: Page) => page.locator('tr[data-testid^="rank-"]');
const matrixRows = (page: Page) => page.locator('section.group tr[data-testid="matrix-row"]');

test('the chair pages the ranking and the matrix by links; back returns; the filter narrows both', async ({ page }) => {
	test.setTimeout(120_000);
	expect(ranked).toBeGreaterThan(50);
	await loginAs(page, 'rpage-chair');
	const url = `/c/${id}/rounds/${roundId}`;
	await page.goto(url);
	// the summary of what needs the chair, with counts over the whole round
	const tasks = page.getByTestId('round-tasks');
	await expect(tasks.getByTestId('task-pending')).toBeVisible();
	await expect(rankRows(page)).toHaveCount(50);
	const pager = page.getByTestId('ranking-pager');
	await expect(pager).toContainText(`第 1–50 条，共 ${ranked} 条`);
	await pager.getByRole('link', { name: '下一页' }).click();
	await expect(page).toHaveURL(/rpage=2/);
	await expect(rankRows(page)).toHaveCount(ranked - 50);
	await expect(page.getByTestId('ranking-pager')).toContainText(`第 51–${ranked} 条`);
	await page.goBack();
	await expect(page).not.toHaveURL(/rpage=/);
	await expect(rankRows(page)).toHaveCount(50);

	// the matrix pages on its own
	await expect(matrixRows(page)).toHaveCount(50);
	await page.getByTestId('matrix-pager').getByRole('link', { name: '第 2 页' }).click();
	await expect(page).toHaveURL(/[?&]page=2/);
	await expect(matrixRows(page)).toHaveCount(inRound - 50);

	// a part of a review code, then a field
	await page.goto(url);
	await tasks.getByLabel('评审编号').fill(sample.code.toLowerCase());
	await tasks.getByRole('button', { name: '筛选' }).click();
	await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(sample.code.toLowerCase());
	await expect(rankRows(page)).toHaveCount(1);
	await expect(page.getByTestId(`rank-${sample.code}`)).toBeVisible();
	await expect(matrixRows(page)).toHaveCount(1);
	await tasks.getByRole('link', { name: '清除筛选' }).click();
	await expect(rankRows(page)).toHaveCount(50);
	await tasks.getByLabel('领域').selectOption(sample.field);
	await tasks.getByRole('button', { name: '筛选' }).click();
	await expect(matrixRows(page)).toHaveCount(fieldCount);
	await expect(page.locator('section.group')).toHaveCount(1);

	// a task from the summary: the dossier with sheets still to come
	await page.goto(url);
	await tasks.getByTestId('task-pending').click();
	await expect(page).toHaveURL(/only=pending/);
	await expect(matrixRows(page)).toHaveCount(1);
	await expect(matrixRows(page).first()).toHaveAttribute('data-code', unscored.code);
	await expect(rankRows(page)).toHaveCount(0);
	await expect(page.getByText('没有符合筛选条件的材料。').first()).toBeVisible();

	if (process.env.SHOTS)
		for (const width of [1280, 768]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(url);
			await page.screenshot({ path: `screenshots/round-paging-${width}.png` });
			await page.locator('#matrix-h').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `screenshots/round-paging-matrix-${width}.png` });
		}
});

test('bad page numbers and filters are said in Chinese; a page past the end shows the last', async ({ page }) => {
	await loginAs(page, 'rpage-chair');
	const url = `/c/${id}/rounds/${roundId}`;
	const res = await page.goto(`${url}?page=abc&rpage=-2&panel=${encodeURIComponent('不存在')}&only=names`);
	expect(res?.status()).toBe(200);
	const alert = page.getByTestId('query-problems');
	await expect(alert).toContainText('页码“abc”无效，已显示第 1 页');
	await expect(alert).toContainText('本轮没有“不存在”领域，已显示全部领域');
	await expect(alert).toContainText('筛选条件“names”无效，已显示全部材料');
	await expect(rankRows(page)).toHaveCount(50);
	expect((await page.goto(`${url}?rpage=999`))?.status()).toBe(200);
	await expect(rankRows(page)).toHaveCount(ranked - 50);
	await expect(page.getByTestId('ranking-pager').getByText('2', { exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
});

test('a chair cannot find a dossier by its candidate’s name', async ({ page }) => {
	await loginAs(page, 'rpage-chair');
	await page.goto(`/c/${id}/rounds/${roundId}?q=${encodeURIComponent(sample.name)}`);
	await expect(rankRows(page)).toHaveCount(0);
	await expect(matrixRows(page)).toHaveCount(0);
	await expect(page.locator('main')).not.toContainText(sample.name);
	await expect(page.locator('main')).not.toContainText(unscored.name);
});
