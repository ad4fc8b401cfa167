// The guards of a round, through the web: a new round follows the published assignment by default
// and says so; opening asks for confirmation and is refused for a candidate nobody may review (all
// of its assigned experts conflicted), named for the office and by review code for the chair; the
// office excludes it with a reason and the round opens; closing names the missing sheets; the
// ranking flags scores resting on fewer sheets than required; the chair reads comments and
// per-criterion scores.
import { test, expect, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { assignments, auditLog, candidates } from '../../src/lib/server/db/schema';
import { proposeAssignment, publishAssignment } from '../../src/lib/server/services/assignment';
import { addOrganizerConflict } from '../../src/lib/server/services/conflict-decisions';
import { listRounds } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';

const office = { id: null, name: 'e2e-guards' };
let id = '';
let target = { id: '', code: '', name: '' };

async function switchUser(page: Page, username: string) {
	await page.context().clearCookies();
	await loginAs(page, username);
}

test.beforeAll(async () => {
	id = await seedReviewCampaign('rguard', 7, 30);
	const db = await e2eDb();
	const proposed = await proposeAssignment(db, office, id, { mode: 'distributed', k: 2, borrow: true });
	if (!proposed.ok) throw new Error(proposed.message);
	const published = await publishAssignment(db, office, id);
	if (!published.ok) throw new Error(published.message);
	// One candidate's every assigned expert turns out to be conflicted: nobody is left to review it.
	const c = (await db.select().from(candidates).where(eq(candidates.campaignId, id))).sort((a, b) =>
		a.reviewCode! < b.reviewCode! ? -1 : 1
	)[0];
	target = { id: c.id, code: c.reviewCode!, name: c.name };
	const pairs = await db
		.select()
		.from(assignments)
		.where(and(eq(assignments.campaignId, id), eq(assignments.candidateId, c.id)));
	expect(pairs.length).toBe(2);
	for (const p of pairs) {
		const r = await addOrganizerConflict(db, office, id, p.expertId, c.id, '同一单位');
		if (!r.ok) throw new Error(r.message);
	}
});

test('a round follows the assignment, is refused for an uncovered candidate until excluded, and closes naming the missing sheets', async ({
	page
}) => {
	test.setTimeout(180_000);
	await loginAs(page, 'rguard-organizer');
	await page.goto(`/c/${id}/panel`);
	// The scope defaults to the published assignment, and the form says so.
	await expect(page.getByTestId('scope-default')).toContainText('默认按已发布的分配方案');
	await expect(page.getByLabel('评审范围')).toHaveValue('assigned');
	await expect(page.getByLabel('每份材料应有评分份数（可不填）')).toHaveValue('2');
	await page.getByLabel('轮次名称').fill('初评');
	await page.getByRole('button', { name: '创建轮次' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已创建轮次“初评”' })).toBeVisible();

	// Opening asks first, saying what follows; then it is refused, naming the candidate (the office sees the name).
	const card = page.getByTestId('round-初评');
	await card.getByText('开始评审…').click();
	await expect(
		card.getByText(/开始后，本轮 30 名候选人的材料将向专家开放评审（评审范围：按分配方案）.*只能结束或延长截止时间/)
	).toBeVisible();
	await card.getByRole('button', { name: '确认开始评审' }).click();
	const refusal = page.getByRole('alert');
	await expect(refusal).toContainText('没有可评审的专家');
	await expect(refusal).toContainText(`${target.name}（${target.code}）`);
	await expect(card.getByTestId('round-state')).toHaveText('未开始');

	// The chair reads the same refusal on the round page by review code only.
	const roundId = (await listRounds(await e2eDb(), id)).find((r) => r.name === '初评')!.id;
	await switchUser(page, 'rguard-chair');
	await page.goto(`/c/${id}/rounds/${roundId}`);
	const uncovered = page.getByTestId('uncovered');
	await expect(uncovered).toContainText(target.code);
	await expect(uncovered).not.toContainText(target.name);
	await expect(uncovered.getByRole('button', { name: '移出本轮' })).toHaveCount(0);
	await page.getByText('开始评审…').click();
	await page.getByRole('button', { name: '确认开始评审' }).click();
	await expect(page.getByRole('alert')).toContainText(target.code);
	await expect(page.getByRole('alert')).not.toContainText(target.name);

	// The office excludes it with a reason (audited) and the round opens.
	await switchUser(page, 'rguard-organizer');
	await page.goto(`/c/${id}/rounds/${roundId}`);
	await expect(uncovered).toContainText(target.name);
	await page.screenshot({ path: 'test-results/round-guards-uncovered.png', fullPage: true });
	await uncovered.getByLabel(`移出 ${target.code} 的理由`).fill('本组专家均须回避，改由下一年度参评');
	await uncovered.getByRole('button', { name: '移出本轮' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已将该候选人移出本轮' })).toBeVisible();
	await expect(page.getByTestId('uncovered')).toHaveCount(0);
	const logged = await (
		await e2eDb()
	)
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.campaignId, id), eq(auditLog.action, 'round.remove_candidate')));
	expect(logged.map((l) => l.reason)).toEqual(['本组专家均须回避，改由下一年度参评']);
	await page.getByText('开始评审…').click();
	await page.getByRole('button', { name: '确认开始评审' }).click();
	await expect(page.getByTestId('round-state')).toHaveText('进行中');
	// an open round cannot be edited any more: no settings form, no delete
	await expect(page.getByText('修改本轮设置')).toHaveCount(0);
	await expect(page.getByText('删除…')).toHaveCount(0);

	// One sheet, with a comment; the rest are missing.
	const db = await e2eDb();
	const round = (await listRounds(db, id)).find((r) => r.id === roundId)!;
	const pairs = await roundPairs(db, round);
	const p = pairs[0];
	const saved = await saveSheet(db, office, {
		round,
		expertId: p.expertId,
		candidateId: p.candidateId,
		values: { merit: 30, story: 20, exemplary: 21 },
		comment: '事迹扎实，示范性强',
		baseVersion: 0,
		submit: true
	});
	expect(saved.ok).toBe(true);
	await page.goto(`/c/${id}/rounds/${roundId}`);
	await page.getByText('结束本轮…').click();
	await expect(page.getByTestId('close-missing')).toContainText(`缺 ${pairs.length - 1} 份评分：`);
	await page.screenshot({ path: 'test-results/round-guards-close.png' });
	await page.getByRole('button', { name: '确认结束' }).click();
	await expect(page.getByRole('status').filter({ hasText: `缺 ${pairs.length - 1} 份评分` })).toBeVisible();
	await expect(page.getByTestId('round-state')).toHaveText('已结束');

	// The ranking flags the score resting on one sheet where two are required.
	const code = (await db.select().from(candidates).where(eq(candidates.id, p.candidateId)))[0].reviewCode!;
	await expect(page.getByTestId(`rank-${code}`)).toContainText('少于 2 份');
	await expect(page.getByTestId('few-sheets')).toContainText('少于 2 份');

	// The chair reads the comment and the per-criterion scores.
	await switchUser(page, 'rguard-chair');
	await page.goto(`/c/${id}/rounds/${roundId}?c=${p.candidateId}`);
	const details = page.getByTestId('sheet-details');
	await expect(details).toContainText('事迹扎实，示范性强');
	await expect(details.locator('tbody tr').first()).toContainText('30');
	await expect(details.locator('tbody tr').first()).toContainText('71');
	await page.screenshot({ path: 'test-results/round-guards-details.png', fullPage: true });
});
