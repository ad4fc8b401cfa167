// The whole round walk: the organizer creates and opens 初评; a panel scores (through the services),
// one expert far off on one dossier; the chair sees the outlier, asks for a rescore, sees the flag
// go once the expert revises, closes the round, creates 终评 (a vote), advances the top 1 per field;
// the panel votes and the chair reads the tally. An expert gets 403 on the round page.
import { test, expect, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates, experts, users } from '../../src/lib/server/db/schema';
import { listRounds, type RoundRow } from '../../src/lib/server/services/rounds';
import { saveSheet, type VoteChoice } from '../../src/lib/server/services/sheets';
import { getSheet } from '../../src/lib/server/services/access';
import { blockedPairs, pairKey } from '../../src/lib/server/services/conflicts';

const actor = { id: null, name: 'e2e' };
let id = '';

async function expert(username: string): Promise<{ id: string; name: string }> {
	const db = await e2eDb();
	const u = (await db.select().from(users).where(eq(users.username, username)))[0];
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, id), eq(experts.userId, u.id)))
	)[0];
	return { id: e.id, name: e.name };
}

/** Dossiers of a field that none of the given experts is blocked from. */
async function freeDossiers(field: string, expertIds: string[]): Promise<{ id: string; code: string }[]> {
	const db = await e2eDb();
	const blocked = await blockedPairs(db, id);
	return (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, id), eq(candidates.field, field)))
	)
		.filter((c) => expertIds.every((e) => !blocked.has(pairKey(e, c.id))))
		.map((c) => ({ id: c.id, code: c.reviewCode! }))
		.sort((a, b) => (a.code < b.code ? -1 : 1));
}

async function round(name: string): Promise<RoundRow> {
	return (await listRounds(await e2eDb(), id)).find((r) => r.name === name)!;
}

async function score(r: RoundRow, expertId: string, candidateId: string, [merit, story, exemplary]: number[]) {
	const db = await e2eDb();
	const baseVersion = (await getSheet(db, r.id, expertId, candidateId))?.version ?? 0;
	const s = await saveSheet(db, actor, {
		round: r,
		expertId,
		candidateId,
		values: { merit, story, exemplary },
		baseVersion,
		submit: true
	});
	if (!s.ok) throw new Error(s.message);
}

async function vote(r: RoundRow, expertId: string, candidateId: string, choice: VoteChoice) {
	const s = await saveSheet(await e2eDb(), actor, {
		round: r,
		expertId,
		candidateId,
		values: {},
		choice,
		baseVersion: 0,
		submit: true
	});
	if (!s.ok) throw new Error(s.message);
}

async function switchUser(page: Page, username: string) {
	await page.context().clearCookies();
	await loginAs(page, username);
}

test.beforeAll(async () => {
	id = await seedReviewCampaign('round');
});

test('a round from creation to the vote: outlier, rescore, close, advance, tally; experts get 403', async ({
	page
}) => {
	test.setTimeout(180_000);
	// The organizer creates 初评 and opens it.
	await loginAs(page, 'round-organizer');
	await page.goto(`/c/${id}/panel`);
	await expect(page.getByRole('heading', { name: '评审进度' })).toBeVisible();
	await page.getByLabel('轮次名称').fill('初评');
	await page.getByLabel('评分（按评分标准打分）').check();
	await page.getByLabel('评审范围').selectOption({ label: '本领域评审组全体' });
	await page.getByLabel('计分方式（排名依据）').selectOption({ label: '平均分' });
	await page.getByLabel('截止时间（北京时间，可不填）').fill('2030-06-30T17:00');
	await page.getByRole('button', { name: '创建轮次' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已创建轮次“初评”' })).toBeVisible();
	const card = page.getByTestId('round-初评');
	await expect(card.getByTestId('round-state')).toHaveText('未开始');
	await expect(card).toContainText('本领域评审组全体');
	await expect(card).toContainText('按平均分排名');
	await card.getByText('开始评审…').click();
	await card.getByRole('button', { name: '确认开始评审' }).click();
	// Seed 7 has candidates whose whole panel must recuse: refused, naming them; the office excludes them.
	await expect(page.getByRole('alert')).toContainText('没有可评审的专家');
	await expect(card.getByTestId('round-state')).toHaveText('未开始');
	await page.getByRole('link', { name: '到轮次页处理 →' }).click();
	const uncovered = page.getByTestId('uncovered');
	await expect(uncovered).toBeVisible();
	for (let left = await uncovered.locator('form').count(); left > 0; left--) {
		await uncovered
			.locator('form')
			.first()
			.getByPlaceholder(/移出本轮的理由/)
			.fill('本组专家均须回避');
		await uncovered.locator('form').first().getByRole('button', { name: '移出本轮' }).click();
		await expect(uncovered.locator('form')).toHaveCount(left - 1);
	}
	await page.getByText('开始评审…').click();
	await page.getByRole('button', { name: '确认开始评审' }).click();
	await expect(page.getByTestId('round-state')).toHaveText('进行中');
	await page.goto(`/c/${id}/panel`);
	await expect(card).toContainText('已提交 0 /');

	// Two panels score through the services; expert11 is far off on the first dossier.
	const first = await round('初评');
	expect(first.state).toBe('open');
	const [e1, e6, e11] = await Promise.all(['round-expert01', 'round-expert06', 'round-expert11'].map(expert));
	const [e2, e7, e12] = await Promise.all(['round-expert02', 'round-expert07', 'round-expert12'].map(expert));
	const front = await freeDossiers('前沿', [e1.id, e6.id, e11.id]);
	const market = await freeDossiers('主战场', [e2.id, e7.id, e12.id]);
	expect(front.length).toBeGreaterThanOrEqual(3);
	expect(market.length).toBeGreaterThanOrEqual(1);
	const [a, b, c] = front;
	const d = market[0];
	const sheetsOf: [typeof e1, typeof a, number[]][] = [
		[e1, a, [36, 27, 27]],
		[e6, a, [35, 26, 27]],
		[e11, a, [15, 10, 10]],
		[e1, b, [30, 22, 22]],
		[e6, b, [31, 22, 21]],
		[e11, b, [29, 21, 22]],
		[e1, c, [33, 24, 24]],
		[e6, c, [32, 25, 24]],
		[e11, c, [34, 24, 23]],
		[e2, d, [30, 20, 20]],
		[e7, d, [31, 20, 20]],
		[e12, d, [30, 21, 20]]
	];
	for (const [e, cand, v] of sheetsOf) await score(first, e.id, cand.id, v);

	// The chair sees the outlier, with its reason in words, and asks for a rescore.
	await switchUser(page, 'round-chair');
	await page.goto(`/c/${id}/panel`);
	await expect(page.getByRole('heading', { name: '评审组概览' })).toBeVisible();
	await page.getByTestId('round-初评').getByRole('link', { name: '初评' }).click();
	await expect(page.getByRole('heading', { name: '初评', level: 1 })).toBeVisible();
	const disagree = page.locator('section.disagree');
	await expect(disagree).toContainText(a.code);
	await expect(disagree).toContainText(`专家${e11.name}评 35 分：低于其余专家均值`);
	await expect(page.getByTestId(`rank-${a.code}`).getByTestId('outlier')).toContainText('超过 15 分');
	const cell = page.getByRole('link', { name: new RegExp(`^${a.code} ${e11.name} 35 分，异常`) });
	await expect(cell).toBeVisible();
	// the calibrated view, without losing the flag
	await page.getByRole('link', { name: '校准分', exact: true }).click();
	await expect(page).toHaveURL(/view=calibrated/);
	await expect(page.locator('td.outlier')).toHaveCount(1);
	await page.getByRole('link', { name: '原始分', exact: true }).click();
	await cell.click();
	const focus = page.locator('#focus');
	await expect(focus.getByRole('heading', { name: new RegExp(`材料 ${a.code}`) })).toBeVisible();
	await expect(focus.getByLabel('专家', { exact: true })).toHaveValue(e11.id);
	await focus.getByLabel('给专家的说明').fill('您的评分明显低于其他专家，请复核“业绩突出”一项');
	await focus.getByRole('button', { name: '请求重评' }).click();
	await expect(focus.getByRole('status')).toContainText('已请求重评');
	await expect(page.locator('td.rescore')).toHaveText('重评中');
	// a note for the panel
	await focus.getByLabel(/添加备注/).fill('业绩材料需核实专利转化情况');
	await focus.getByRole('button', { name: '保存备注' }).click();
	await expect(focus.getByText('业绩材料需核实专利转化情况')).toBeVisible();

	// The expert revises; the flag is gone.
	await score(first, e11.id, a.id, [33, 25, 25]);
	await page.reload();
	await expect(page.locator('section.disagree')).toHaveCount(0);
	await expect(page.getByText('目前没有异常分')).toBeVisible();
	await expect(page.locator('td.outlier')).toHaveCount(0);

	// The chair closes the round after confirming.
	await page.getByText('结束本轮…').click();
	await expect(page.getByTestId('close-missing')).toContainText('份评分');
	await page.getByRole('button', { name: '确认结束' }).click();
	await expect(page.getByRole('status').filter({ hasText: '这些评分不计入结果' })).toBeVisible();
	await expect(page.getByTestId('round-state')).toHaveText('已结束');

	// …creates 终评, a vote of the field panels, and advances the top 1 per field.
	const next = page.locator('section', { has: page.getByRole('heading', { name: '创建下一轮' }) });
	await next.getByLabel('轮次名称').fill('终评');
	await next.getByLabel('投票（赞成/反对/弃权）').check();
	await next.getByLabel('评审范围').selectOption({ label: '本领域评审组全体' });
	await expect(next.getByLabel('通过比例分子')).toHaveValue('2');
	await expect(next.getByLabel('通过比例分母')).toHaveValue('3');
	await next.getByRole('button', { name: '创建下一轮' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已创建轮次“终评”' })).toBeVisible();
	const adv = page.locator('section.advance');
	await expect(adv.getByRole('heading', { name: '晋级到“终评”' })).toBeVisible();
	await expect(adv.getByLabel('晋级名额 N')).toHaveValue('1');
	await expect(adv.getByLabel('晋级范围')).toHaveValue('field');
	await expect(adv.getByTestId('advance-mode')).toContainText('按名次晋级（每个领域前 1 名）');
	await expect(adv.getByLabel(`晋级 ${a.code}`)).toBeChecked();
	await expect(adv.getByLabel(`晋级 ${d.code}`)).toBeChecked();
	await expect(adv.getByLabel(`晋级 ${c.code}`)).not.toBeChecked();
	await adv.getByRole('button', { name: '晋级 2 名到“终评”' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已晋级 2 名候选人到“终评”' })).toBeVisible();

	// 终评 opens; the panels vote (services); the chair reads the tally.
	await page.getByRole('navigation', { name: '评审轮次' }).getByRole('link', { name: '终评' }).click();
	await expect(page.getByRole('heading', { name: '终评', level: 1 })).toBeVisible();
	await page.getByText('开始评审…').click();
	await page.getByRole('button', { name: '确认开始评审' }).click();
	await expect(page.getByTestId('round-state')).toHaveText('进行中');
	const final = await round('终评');
	for (const e of [e1, e6, e11]) await vote(final, e.id, a.id, 'yes');
	await vote(final, e2.id, d.id, 'yes');
	await vote(final, e7.id, d.id, 'no');
	await vote(final, e12.id, d.id, 'abstain');
	await page.reload();
	const rowA = page.getByTestId(`tally-${a.code}`);
	await expect(rowA).toContainText('通过');
	await expect(rowA.locator('td').nth(2)).toHaveText('3');
	await expect(rowA.locator('td').nth(6)).toHaveText('2');
	await expect(page.getByTestId(`tally-${d.code}`)).toContainText('未通过');
	await expect(page.getByTestId('passed-count')).toHaveText('通过 1 / 2');
	// earlier rounds stay visible
	await page.getByRole('navigation', { name: '评审轮次' }).getByRole('link', { name: '初评' }).click();
	await expect(page.getByTestId(`rank-${a.code}`)).toBeVisible();

	// An expert may not see any of it.
	await switchUser(page, 'round-expert01');
	const res = await page.goto(`/c/${id}/rounds/${first.id}`);
	expect(res?.status()).toBe(403);
	expect((await page.goto(`/c/${id}/panel`))?.status()).toBe(403);
});
