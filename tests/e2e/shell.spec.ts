// The frame of every page at laptop (1280 px) and tablet (768 px) width: the campaign switcher with
// several long-named campaigns stays on one header line and switches; the campaign navigation shows
// every link (图表, 日志, 设置 included) inside the window; no page scrolls sideways. Also: 专家 has no
// duplicate ids, 概览 prints Beijing time in a browser set to another zone, and 分配 speaks plainly.
import { test, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { auditLog, campaigns, memberships, users } from '../../src/lib/server/db/schema';
import { formatBeijing } from '../../src/lib/shared/time';

const LONG = [
	'2025年内蒙古自治区“最美科技工作者”学习宣传活动（第二批）',
	'2024年广西壮族自治区“最美科技工作者”推荐遴选',
	'2023年青海省“最美科技工作者”'
];
let ids: string[] = [];

test.use({ timezoneId: 'America/New_York' });

test.beforeAll(async () => {
	const db = await e2eDb();
	ids = [
		await seedReviewCampaign('shella', 3, 12),
		await seedReviewCampaign('shellb', 4, 12),
		await seedReviewCampaign('shellc', 5, 12)
	];
	for (const [i, id] of ids.entries()) await db.update(campaigns).set({ name: LONG[i] }).where(eq(campaigns.id, id));
	// shella's organizer also runs shellb and chairs in shellc
	const u = (await db.select().from(users).where(eq(users.username, 'shella-organizer')))[0];
	for (const [campaignId, role] of [
		[ids[1], 'organizer'],
		[ids[2], 'chair']
	] as const)
		await db
			.insert(memberships)
			.values({ campaignId, userId: u.id, role, createdAt: Date.now() })
			.onConflictDoNothing();
});

async function noSideScroll(page: Page) {
	const { scroll, inner } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth
	}));
	expect(scroll, '页面不应横向滚动').toBeLessThanOrEqual(inner);
}

for (const width of [1280, 768]) {
	test(`header and navigation at ${width}px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await loginAs(page, 'shella-organizer');
		await page.goto(`/c/${ids[0]}/overview`);
		await page.locator('body[data-hydrated]').waitFor();
		await noSideScroll(page);
		const header = page.locator('header.app-header');
		expect((await header.boundingBox())!.height, '页眉应保持一行').toBeLessThan(72);
		await expect(header.getByRole('button', { name: '退出登录' })).toBeInViewport();

		// the switcher names the current campaign and lists all three
		const switcher = page.getByTestId('campaign-switcher');
		await expect(switcher.locator('summary')).toContainText(LONG[0].slice(0, 6));
		await switcher.locator('summary').click();
		const menu = switcher.getByRole('list', { name: '我的活动' });
		await expect(menu.getByRole('link')).toHaveCount(4);
		for (const name of LONG) await expect(menu.getByRole('link', { name })).toBeInViewport();
		await menu.getByRole('link', { name: LONG[2] }).click();
		await expect(page).toHaveURL(new RegExp(`/c/${ids[2]}`));
		await expect(switcher.locator('summary')).toContainText('评审组长');
		await expect(menu).toBeHidden();

		// every link of the office's navigation is inside the window, none hidden in a scroll strip
		await page.goto(`/c/${ids[0]}/overview`);
		const nav = page.getByRole('navigation', { name: '活动导航' });
		const links = nav.getByRole('link');
		await expect(links).toHaveCount(15); // with 成员 (members)
		for (const label of ['图表', '日志', '设置'])
			await expect(nav.getByRole('link', { name: label, exact: true })).toBeInViewport({ ratio: 1 });
		for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().right)))
			expect(box).toBeLessThanOrEqual(width);
		await noSideScroll(page);
	});
}

test('专家 has no duplicate ids; 概览 shows Beijing time in a browser set to New York; 分配 speaks plainly', async ({
	page
}) => {
	await loginAs(page, 'shella-organizer');
	await page.goto(`/c/${ids[0]}/experts`);
	const dupes = await page.evaluate(() => {
		const seen = new Map<string, number>();
		for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
		return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	});
	expect(dupes).toEqual([]);
	await expect(page.getByRole('region', { name: '添加专家并生成邀请链接' })).toBeVisible();

	const db = await e2eDb();
	const latest = (await db.select().from(auditLog).where(eq(auditLog.campaignId, ids[0]))).sort(
		(a, b) => b.at - a.at || b.id - a.id
	)[0];
	await page.goto(`/c/${ids[0]}/overview`);
	await page.locator('body[data-hydrated]').waitFor();
	expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
	await expect(page.getByTestId('audit-time').first()).toHaveText(formatBeijing(latest.at));

	await page.goto(`/c/${ids[0]}/assignment`);
	const text = await page.locator('main').innerText();
	expect(text).not.toContain('最小费用流');
	expect(text).not.toMatch(/（k）|\bk\b 名/);
	await expect(page.getByLabel('每份材料评审专家数')).toBeVisible();
});
