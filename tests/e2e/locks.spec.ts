// Locked means locked (issue 12): the office locks the selection, a candidate edit is then refused
// with a message naming the lock, the office unlocks with a reason and the edit goes through.
// And 不予受理: a withdrawn nomination leaves the check counts.
import { test, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { createRound, openRound, closeRound, getRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { candidates, conflicts } from '../../src/lib/server/db/schema';

const seedActor = { id: null, name: 'e2e-seed' };

/** One closed score round over every candidate, so that the selection can run. */
async function scoreEveryone(campaignId: string): Promise<void> {
	const db = await e2eDb();
	await db.update(conflicts).set({ status: 'dismissed' }).where(eq(conflicts.campaignId, campaignId));
	const created = await createRound(db, seedActor, campaignId, {
		name: '初评',
		type: 'score',
		reviewers: 'panel',
		aggregation: 'mean'
	});
	if (!created.ok) throw new Error(created.message);
	const opened = await openRound(db, seedActor, campaignId, created.id, { excludeUncovered: '测试：本组专家均须回避' });
	if (!opened.ok) throw new Error(opened.message);
	const round = (await getRound(db, campaignId, created.id))!;
	let n = 0;
	for (const p of await roundPairs(db, round)) {
		const v = 15 + (n++ % 17);
		const res = await saveSheet(db, seedActor, {
			round,
			...p,
			values: { merit: v, story: Math.min(30, v), exemplary: 20 },
			baseVersion: 0,
			submit: true
		});
		if (!res.ok) throw new Error(res.message);
	}
	const closed = await closeRound(db, seedActor, campaignId, created.id);
	if (!closed.ok) throw new Error(closed.message);
}

async function candidateTotal(page: Page, campaignId: string): Promise<number> {
	await page.goto(`/c/${campaignId}/check`);
	const stat = page.locator('.summary .stat').filter({ has: page.getByText('候选人', { exact: true }) });
	return Number(((await stat.locator('.num').textContent()) ?? '').replace(/\D/g, ''));
}

test('a locked selection refuses a candidate edit naming the lock; unlocking with a reason lets it through', async ({
	page
}) => {
	test.setTimeout(240_000);
	const id = await seedReviewCampaign('lk', 5, 30);
	await scoreEveryone(id);
	const db = await e2eDb();
	const target = (await db.select().from(candidates).where(eq(candidates.campaignId, id)))[0];
	page.on('dialog', (d) => d.accept());
	await loginAs(page, 'lk-organizer');

	await test.step('run and lock the selection', async () => {
		await page.goto(`/c/${id}/selection`);
		await page.getByRole('button', { name: '运行遴选', exact: true }).click();
		await expect(page.getByTestId('run-state')).toHaveText('草案（未锁定）');
		// 锁定 is irreversible: the page asks first, saying what follows
		await page.getByText('锁定遴选结果…').click();
		await page.getByRole('button', { name: '确认锁定遴选结果' }).click();
		await expect(page.getByTestId('run-state')).toHaveText('已锁定');
	});

	await test.step('a candidate edit after the lock is refused, naming the lock', async () => {
		await page.goto(`/c/${id}/candidates/${target.id}`);
		await expect(page.getByTestId('lock-banner')).toContainText('遴选结果已于');
		await page.getByLabel('电子邮箱').fill('locked@example.com');
		await page.getByRole('button', { name: '保存修改' }).first().click();
		const alert = page
			.locator('#candidate-form')
			.getByRole('alert')
			.or(page.getByRole('alert').filter({ hasText: '锁定' }))
			.first();
		await expect(alert).toContainText(
			/遴选结果已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 lk-organizer 锁定，修改候选人不能进行/
		);
		const row = (await db.select().from(candidates).where(eq(candidates.id, target.id)))[0];
		expect((row.record as { email?: string }).email ?? '').not.toBe('locked@example.com');
	});

	await test.step('unlock with a reason; the edit then succeeds', async () => {
		await page.goto(`/c/${id}/selection`);
		await page.getByLabel('解除锁定的理由（必填，记入日志）').fill('复核发现联系方式需更正');
		await page.getByRole('button', { name: '解除锁定' }).click();
		await expect(page.getByTestId('run-state')).toHaveText('草案（未锁定）');
		await page.goto(`/c/${id}/candidates/${target.id}`);
		await expect(page.getByTestId('lock-banner')).toHaveCount(0);
		await page.getByLabel('电子邮箱').fill('unlocked@example.com');
		await page.getByRole('button', { name: '保存修改' }).first().click();
		await expect(page.getByRole('status').filter({ hasText: '已保存' }).first()).toBeVisible();
		const row = (await db.select().from(candidates).where(eq(candidates.id, target.id)))[0];
		expect((row.record as { email?: string }).email).toBe('unlocked@example.com');
	});

	await test.step('the audit log records the unlock with its reason', async () => {
		await page.goto(`/c/${id}/audit`);
		await expect(page.locator('body')).toContainText('复核发现联系方式需更正');
	});
});

test('a nomination withdrawn (不予受理) leaves the check counts and shows in the list; restored, it is back', async ({
	page
}) => {
	test.setTimeout(120_000);
	const id = await seedReviewCampaign('wd', 6, 20);
	const db = await e2eDb();
	const target = (await db.select().from(candidates).where(eq(candidates.campaignId, id)))[0];
	await loginAs(page, 'wd-organizer');
	const before = await candidateTotal(page, id);
	expect(before).toBeGreaterThanOrEqual(20);

	await page.goto(`/c/${id}/candidates/${target.id}`);
	await page.getByRole('button', { name: '不予受理' }).click();
	// a reason is required (the browser refuses the empty field; the server would too)
	await expect(page.getByTestId('withdrawn-banner')).toHaveCount(0);
	await page.getByLabel('不予受理的理由（必填，记入日志）').fill('推荐单位来函撤回推荐');
	await page.getByRole('button', { name: '不予受理' }).click();
	await expect(page.getByTestId('withdrawn-banner')).toContainText('推荐单位来函撤回推荐');

	expect(await candidateTotal(page, id)).toBe(before - 1);

	await page.goto(`/c/${id}/candidates?sort=status&dir=desc`);
	await expect(page.getByTestId('candidate-counts')).toContainText('不予受理 1 名');
	const first = page.getByTestId('candidate-row').first();
	await expect(first).toContainText(target.name);
	await expect(first.getByTestId('nomination-status')).toHaveText('不予受理');

	await page.goto(`/c/${id}/candidates/${target.id}`);
	await page.getByLabel('恢复受理的理由（必填，记入日志）').fill('来函有误');
	await page.getByRole('button', { name: '恢复受理' }).click();
	await expect(page.getByTestId('withdrawn-banner')).toHaveCount(0);
	expect(await candidateTotal(page, id)).toBe(before);
});
