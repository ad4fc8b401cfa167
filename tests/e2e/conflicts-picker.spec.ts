// The office's candidate picker on the 回避 page is searched on the server as the office types
// (issue 16: at national scale the page carried all 5,000 names); the chair gets no names from it.
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs, logout } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates, conflicts, experts } from '../../src/lib/server/db/schema';

test('the office finds a candidate by typing part of the name; the page carries no list of names', async ({ page }) => {
	test.setTimeout(120_000);
	const id = await seedReviewCampaign('cfp', 9, 60);
	const db = await e2eDb();
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, id));
	// one in no tie: the page's table names the candidates of the ties it lists
	const tied = new Set(
		(await db.select().from(conflicts).where(eq(conflicts.campaignId, id))).map((c) => c.candidateId)
	);
	const cand = rows.filter((r) => !tied.has(r.id))[3];
	const choice = `${cand.name}（${cand.reviewCode}）`;

	await loginAs(page, 'cfp-organizer');
	await page.goto(`/c/${id}/conflicts`);
	const options = page.getByTestId('candidate-choices').locator('option');
	await expect(options).toHaveCount(0);
	expect(await page.content()).not.toContain(choice);

	const input = page.getByLabel('候选人姓名');
	// what every review code holds: more than the picker shows
	await input.pressSequentially('-');
	await expect(options).toHaveCount(20);
	await expect(page.locator('#add-code-hint')).toHaveText('显示前 20 项，请输入更多字缩小范围');

	await input.fill('');
	await input.pressSequentially(cand.name.replace(/\s+/g, '').slice(0, 2));
	await expect(options.and(page.locator(`[value="${choice}"]`))).toHaveCount(1);
	await input.fill(choice);
	const expert = (await db.select().from(experts).where(eq(experts.campaignId, id)))[1];
	await page.locator('#add-expert').selectOption(expert.id);
	await page.getByLabel('回避理由').fill('举报：亲属关系');
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`已添加与候选人 ${choice}`);
	const added = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, expert.id), eq(conflicts.candidateId, cand.id), eq(conflicts.kind, 'organizer')));
	expect(added).toHaveLength(1);

	// nothing typed that matches: said so, nothing offered
	await input.fill('');
	await input.pressSequentially('查无此人');
	await expect(page.locator('#add-code-hint')).toHaveText('没有匹配的候选人（同名时请选择带评审编号的一项）');
	await expect(options).toHaveCount(0);
	await logout(page);

	// the chair works by review code: no picker, and the search answers nothing but a refusal
	await loginAs(page, 'cfp-chair');
	await page.goto(`/c/${id}/conflicts`);
	await expect(page.getByLabel('候选人姓名')).toHaveCount(0);
	const asked = await page.request.get(`/c/${id}/conflicts/candidates?q=${encodeURIComponent(cand.name)}`);
	expect(asked.status()).toBe(403);
	expect(await asked.text()).not.toContain(cand.name);
});
