// Screenshots of the main pages at laptop and tablet width, for people to look at.
// Runs only when SCREENSHOTS=1 (npm run screenshots); asserts that each page renders.
import { test, expect } from '@playwright/test';
import { DEMO, loginAs } from './helpers';

const widths = [1280, 768];
test.skip(!process.env.SCREENSHOTS, 'screenshots only on demand');

for (const width of widths) {
	test(`screens at ${width}px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/login');
		await page.screenshot({ path: `screenshots/login-${width}.png`, fullPage: true });
		const shots: [string, string, string][] = [
			['organizer', `/c/${DEMO}/overview`, 'organizer-overview'],
			['organizer', `/c/${DEMO}/experts`, 'organizer-experts'],
			['organizer', `/c/${DEMO}/import`, 'organizer-import'],
			['organizer', `/c/${DEMO}/check`, 'organizer-check'],
			['organizer', `/c/${DEMO}/settings`, 'settings'],
			['organizer', '/campaigns/new', 'campaign-new'],
			['chair', `/c/${DEMO}/panel`, 'chair-panel'],
			['expert03', `/c/${DEMO}/tasks`, 'expert-tasks']
		];
		let who = '';
		for (const [user, path, name] of shots) {
			if (user !== who) {
				await page.context().clearCookies();
				await loginAs(page, user);
				who = user;
			}
			const res = await page.goto(path);
			expect(res?.status()).toBe(200);
			await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
		}
	});
}
