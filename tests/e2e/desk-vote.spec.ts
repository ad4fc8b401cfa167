// The expert's desk in a vote round (the score desk: desk.spec.ts), on a campaign of its own.
import { test, expect } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs, live, saveStatus } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates } from '../../src/lib/server/db/schema';
import {
	advanceCandidates,
	closeRound,
	createRound,
	listRounds,
	openRound
} from '../../src/lib/server/services/rounds';

const actor = { id: null, name: 'e2e' };

test.describe('a vote round', () => {
	let vid = '';
	test.beforeAll(async () => {
		vid = await seedReviewCampaign('deskvote');
		const db = await e2eDb();
		if ((await listRounds(db, vid)).some((r) => r.type === 'vote' && r.state === 'open')) return;
		const first = await createRound(db, actor, vid, { name: '初评', type: 'score', reviewers: 'panel' });
		if (!first.ok) throw new Error(first.message);
		for (const step of [
			() => openRound(db, actor, vid, first.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' }),
			() => closeRound(db, actor, vid, first.id)
		]) {
			const r = await step();
			if (!r.ok) throw new Error(r.message);
		}
		const vote = await createRound(db, actor, vid, {
			name: '终评',
			type: 'vote',
			reviewers: 'panel',
			deadline: '2020-01-31'
		});
		if (!vote.ok) throw new Error(vote.message);
		const all = (await db.select({ id: candidates.id }).from(candidates).where(eq(candidates.campaignId, vid))).map(
			(c) => c.id
		);
		const adv = await advanceCandidates(db, actor, vid, vote.id, all, 'top', '');
		if (!adv.ok) throw new Error(adv.message);
		const opened = await openRound(db, actor, vid, vote.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!opened.ok) throw new Error(opened.message);
	});

	test('三个选项, autosaved, submitted with 提交投票 and locked; a past deadline is said in red', async ({ page }) => {
		await loginAs(page, 'deskvote-expert01');
		await page.goto(`/c/${vid}/tasks`);
		await expect(page.getByRole('heading', { name: '终评' })).toBeVisible();
		await expect(page.getByText('已过截止时间')).toBeVisible();
		await page.locator('td.code a').first().click();
		await expect(page.getByRole('radio')).toHaveCount(3);
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('赞成').check();
		await expect(saveStatus(page)).toContainText('已保存');
		await live(page);
		await expect(page.getByLabel('赞成')).toBeChecked();
		await page.getByLabel('评语').fill('同意推荐');
		await page.getByRole('button', { name: '提交投票' }).click();
		await expect(page.getByRole('dialog')).toContainText('您的表决：赞成');
		await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
		await expect(page.getByTestId('submitted-badge')).toBeVisible();
		await expect(page.getByLabel('反对')).toBeDisabled();
	});

	test('closing the round while typing says so and keeps the draft; a recusal removes the dossier', async ({
		page
	}) => {
		await loginAs(page, 'deskvote-expert01');
		await page.goto(`/c/${vid}/tasks`);
		const codes = await page.locator('td.code a').allTextContents();
		await live(
			page,
			`/c/${vid}/dossiers/${encodeURIComponent(codes[1])}?round=${(await listRounds(await e2eDb(), vid)).find((r) => r.type === 'vote')!.id}`
		);
		// 申请回避 on another dossier first: Enter in the reason does not submit; 确认回避 does
		await page.getByRole('button', { name: '我认识该候选人，申请回避' }).click();
		await page.getByLabel('回避理由').fill('候选人是我以前的同事');
		await page.getByLabel('回避理由').press('Enter');
		await expect(page).toHaveURL(/dossiers/);
		await page.getByRole('button', { name: '确认回避' }).click();
		await expect(page).toHaveURL(/\/tasks\?recused=/);
		await expect(page.getByRole('status')).toContainText(`已对材料 ${codes[1]} 申请回避`);
		await expect(page.getByRole('link', { name: codes[1], exact: true })).toHaveCount(0);

		await page.getByRole('link', { name: codes[2], exact: true }).click();
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('反对').check();
		await expect(saveStatus(page)).toContainText('已保存');
		const db = await e2eDb();
		const vote = (await listRounds(db, vid)).find((r) => r.type === 'vote')!;
		expect((await closeRound(db, actor, vid, vote.id)).ok).toBe(true);
		await page.getByLabel('评语').fill('补充意见');
		await page.getByLabel('评语').blur();
		await expect(page.getByRole('alert')).toContainText('本轮评审已结束');
		await expect(page.getByLabel('反对')).toBeChecked();
		await expect(page.getByLabel('评语')).toHaveValue('补充意见');
		await expect(page.getByRole('button', { name: '提交投票' })).toBeDisabled();
	});
});
