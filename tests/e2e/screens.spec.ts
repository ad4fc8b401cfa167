// Screenshots of the main pages at laptop and tablet width, for people to look at.
// Runs only when SCREENSHOTS=1 (npm run screenshots); asserts that each page renders.
import { test, expect } from '@playwright/test';
import { DEMO, loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { createRound, listRounds, openRound } from '../../src/lib/server/services/rounds';

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
			['organizer', `/c/${DEMO}/candidates`, 'organizer-candidates'],
			['organizer', `/c/${DEMO}/candidates/1`, 'organizer-candidate-edit'],
			['organizer', `/c/${DEMO}/candidates/1/dossier`, 'organizer-candidate-dossier'],
			['organizer', `/c/${DEMO}/experts/expert01`, 'organizer-expert-edit'],
			['organizer', `/c/${DEMO}/panels`, 'organizer-panels'],
			['organizer', `/c/${DEMO}/import`, 'organizer-import'],
			['organizer', `/c/${DEMO}/check`, 'organizer-check'],
			['organizer', `/c/${DEMO}/settings`, 'settings'],
			['organizer', '/campaigns/new', 'campaign-new'],
			['chair', `/c/${DEMO}/panel`, 'chair-panel'],
			['chair', `/c/${DEMO}/conflicts`, 'chair-conflicts'],
			['chair', `/c/${DEMO}/assignment`, 'chair-assignment'],
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
			// A fresh server has no assignment yet: propose a draft (k = 3) so the page shows one.
			if (name === 'chair-assignment' && (await page.getByRole('button', { name: '生成方案' }).count())) {
				await page.getByLabel('每份材料评审人数（k）').fill('3');
				await page.getByRole('button', { name: '生成方案' }).click();
				await expect(page.getByTestId('assignment-state')).toHaveText('草案（未发布）');
			}
			await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
		}
	});
}

// The expert's desk in a campaign of its own with an open 'panel' round: the task list with some
// progress, and a dossier with a partly filled score sheet.
test('expert desk screens', async ({ page }) => {
	const id = await seedReviewCampaign('desk');
	const db = await e2eDb();
	let round = (await listRounds(db, id)).find((r) => r.state === 'open');
	if (!round) {
		const r = await createRound(db, { id: null, name: 'screens' }, id, { name: '初评', type: 'score', reviewers: 'panel', deadline: '2030-06-30' });
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, { id: null, name: 'screens' }, id, r.id);
		if (!o.ok) throw new Error(o.message);
		round = (await listRounds(db, id)).find((x) => x.id === r.id)!;
	}
	await loginAs(page, 'desk-expert01');
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${id}/tasks`);
		const links = page.locator('td.code a');
		if (width === widths[0]) {
			// one dossier scored in full and submitted, one left as a draft
			await links.nth(0).click();
			await page.locator('body[data-hydrated]').waitFor();
			for (const [label, v] of [['业绩突出', '36'], ['事迹感人', '26'], ['示范引领', '25']]) await page.getByLabel(label, { exact: true }).fill(v);
			await expect(page.getByTestId('save-status')).toContainText('已保存');
			await page.getByRole('button', { name: '提交评分' }).click();
			await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
			await expect(page.getByTestId('submitted-badge')).toBeVisible();
			await page.goto(`/c/${id}/tasks`);
			await links.nth(1).click();
			await page.locator('body[data-hydrated]').waitFor();
			await page.getByLabel('业绩突出', { exact: true }).fill('32');
			await expect(page.getByTestId('save-status')).toContainText('已保存');
			await page.goto(`/c/${id}/tasks`);
		}
		await page.screenshot({ path: `screenshots/expert-desk-tasks-${width}.png`, fullPage: true });
		await links.nth(2).click();
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('业绩突出', { exact: true }).fill(width === widths[0] ? '34.5' : '31');
		await page.getByLabel('事迹感人', { exact: true }).fill('24');
		await page.getByLabel('评语').fill('长期扎根一线，成果转化成效明显。');
		await expect(page.getByTestId('save-status')).toContainText('已保存');
		await page.screenshot({ path: `screenshots/expert-desk-dossier-${width}.png` });
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: `screenshots/expert-desk-dossier-top-${width}.png` });
		await page.screenshot({ path: `screenshots/expert-desk-dossier-full-${width}.png`, fullPage: true });
	}
});

