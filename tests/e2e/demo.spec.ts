// The demo as `npm start` creates it on an empty database: mid-review. The e2e server seeds the
// shared demo before its assignment (LAUREL_DEMO_STAGE=setup, for the specs that walk through
// the setup), so this spec starts a copy of the demo of its own (accounts demo-*) the same way.
import { test, expect } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { rounds } from '../../src/lib/server/db/schema';
import { loginAs, logout } from './helpers';
import { seedCampaign } from '../../src/lib/server/demo';
import { startDemoReview } from '../../src/lib/server/demo/review';

const P = 'demo';
const C = `e2e-${P}`;
let roundId = '';

test.beforeAll(async () => {
	const db = await e2eDb();
	const seeded = await seedCampaign(db, { id: C, name: `测试活动 ${P}`, prefix: `${P}-`, seed: 2024 });
	// A retried worker finds the campaign already started.
	if (seeded.created) roundId = (await startDemoReview(db, C, 2024)).roundId;
	else roundId = (await db.select().from(rounds).where(eq(rounds.campaignId, C)))[0].id;
});

test('every expert finds dossiers to review, submitted ones and a draft among them', async ({ page }) => {
	test.setTimeout(180_000);
	for (const n of ['01', '04', '09', '15']) {
		await loginAs(page, `${P}-expert${n}`);
		await expect(page).toHaveURL(new RegExp(`/c/${C}/tasks$`));
		const summary = page.getByRole('img', { name: /已提交 \d+，草稿 \d+/ }).first();
		await expect(summary).toBeVisible();
		const text = (await summary.getAttribute('aria-label')) ?? '';
		const [, submitted, total] = /已提交 (\d+)[\s\S]*共 (\d+) 份/.exec(text) ?? [];
		expect(Number(total), text).toBeGreaterThan(0);
		expect(Number(submitted), text).toBeGreaterThan(0);
		await expect(page.locator(`a[href*="/c/${C}/dossiers/"]`).first()).toBeVisible();
		await logout(page);
	}
});

test('every chair page has data: the open round, its progress, the assignment, the ties', async ({ page }) => {
	test.setTimeout(180_000);
	await loginAs(page, `${P}-chair`);
	await page.goto(`/c/${C}/panel`);
	await expect(page.getByRole('link', { name: '初评' }).first()).toBeVisible();
	await page.goto(`/c/${C}/rounds/${roundId}`);
	await expect(page.getByTestId('round-state')).toContainText('进行中');
	await expect(page.getByText('尚无已提交的评分。')).toHaveCount(0);
	await page.goto(`/c/${C}/assignment`);
	await expect(page.getByTestId('assignment-state')).toHaveText('已发布');
	// 资格审查 is the office's (it names candidates), so it is not among the chair's pages
	for (const path of ['conflicts', 'charts', 'panels', 'selection']) {
		const res = await page.goto(`/c/${C}/${path}`);
		expect(res?.status(), path).toBe(200);
	}
});
