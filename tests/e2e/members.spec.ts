// People and roles through the web (issue 12): the office appoints a chair and an observer
// (纪检监察) on the members page; the observer sets a password through the invitation link, finds
// the login page prefilled with "密码已设置", reads the progress (counts only while the round is
// open) and the audit chain status, and is refused every action. A password reset ends the old
// session and the old password.
import { test, expect, type Browser } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates, panels } from '../../src/lib/server/db/schema';
import {
	closeRound,
	createRound,
	getRound,
	listRounds,
	openRound,
	reopenRound
} from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import type { RubricCriterion } from '../../src/lib/domain/types';

const P = 'mem';
let C = '';
let roundId = '';
const actor = { id: null, name: 'e2e-members' };

test.beforeAll(async () => {
	test.setTimeout(120_000);
	C = await seedReviewCampaign(P, 5, 10);
	const db = await e2eDb();
	if (!(await listRounds(db, C)).length) {
		const r = await createRound(db, actor, C, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, actor, C, r.id, { excludeUncovered: '测试：本组专家均须回避' });
		if (!o.ok) throw new Error(o.message);
		const round = (await getRound(db, C, r.id))!;
		const [pair] = await roundPairs(db, round);
		const values = Object.fromEntries(((round.rubric ?? []) as RubricCriterion[]).map((c) => [c.key, c.max - 1]));
		const s = await saveSheet(db, actor, {
			round,
			expertId: pair.expertId,
			candidateId: pair.candidateId,
			values,
			comment: '事迹突出，材料翔实，同意推荐。',
			baseVersion: 0,
			submit: true
		});
		if (!s.ok) throw new Error(s.message);
	}
	roundId = (await listRounds(db, C)).find((r) => r.state === 'open')!.id;
});

/** Sets the password through the one-time link in a fresh browser; returns the page on the login form. */
async function acceptLink(browser: Browser, link: string, username: string, password: string) {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await page.goto(new URL(link).pathname);
	await page.locator('body[data-hydrated]').waitFor();
	await page.locator('input[name="password"]').fill(password);
	await page.locator('input[name="confirm"]').fill(password);
	await page.getByRole('button', { name: '设置密码' }).click();
	await expect(page).toHaveURL(/\/login\?invited=1/);
	await expect(page.getByTestId('password-set')).toContainText('密码已设置');
	await expect(page.getByLabel('用户名')).toHaveValue(username);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	return { ctx, page };
}

test('the office appoints a chair and an observer; the observer reads progress and the audit chain and changes nothing', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const db = await e2eDb();
	const firstPanel = (await db.select().from(panels).where(eq(panels.campaignId, C)))[0];
	await loginAs(page, `${P}-organizer`);
	await page.goto(`/c/${C}/members`);
	await expect(page.getByRole('navigation', { name: '活动导航' }).getByRole('link', { name: '成员' })).toBeVisible();

	// A chair of one panel.
	const add = page.locator('form[action="?/add"]');
	await add.getByLabel('用户名').fill(`${P}-chair2`);
	await add.getByLabel('姓名').fill('王组长');
	await add.getByLabel('角色').selectOption('chair');
	await add.getByLabel(firstPanel.name, { exact: true }).check();
	await add.getByRole('button', { name: '添加并生成邀请链接' }).click();
	await expect(page.getByTestId('added')).toContainText(`${P}-chair2`);
	const chairLink = await page.getByTestId('invite-link').inputValue();
	const chairRow = page.locator(`tr[data-username="${P}-chair2"]`);
	await expect(chairRow).toContainText('评审组长');
	await expect(chairRow).toContainText(`组长：${firstPanel.name}`);
	await expect(chairRow).toContainText('已邀请');

	// The observer.
	await add.getByLabel('用户名').fill(`${P}-watch`);
	await add.getByLabel('姓名').fill('赵纪检');
	await add.getByLabel('角色').selectOption('observer');
	await add.getByRole('button', { name: '添加并生成邀请链接' }).click();
	await expect(page.getByTestId('added')).toContainText(`${P}-watch`);
	const observerLink = await page.getByTestId('invite-link').inputValue();
	await expect(page.locator(`tr[data-username="${P}-watch"]`)).toContainText('纪检监察');

	// The observer sets a password, lands on the progress page.
	const { ctx, page: obs } = await acceptLink(browser, observerLink, `${P}-watch`, 'watch-the-process-1');
	await expect(obs).toHaveURL(new RegExp(`/c/${C}/progress$`));
	await expect(obs.getByTestId('chain-status')).toContainText('✓');
	const progress = obs.getByTestId('round-progress').first();
	await expect(progress).toContainText('进行中');
	await expect(progress.getByTestId('submitted')).toHaveText('已提交 1 份');
	await expect(obs.getByRole('navigation', { name: '活动导航' }).getByRole('link')).toHaveText([
		'评审进度',
		'操作日志',
		'最终名单'
	]);
	await obs.screenshot({ path: test.info().outputPath('observer-progress.png'), fullPage: true });
	// No score of the open round: no link to results, the results page itself refused.
	await expect(progress.getByRole('link', { name: '查看本轮结果' })).toHaveCount(0);
	expect((await obs.goto(`/c/${C}/progress/${roundId}`))?.status()).toBe(403);
	expect((await obs.goto(`/c/${C}/rounds/${roundId}`))?.status()).toBe(403);
	expect((await obs.goto(`/c/${C}/panel`))?.status()).toBe(403);
	// The audit log: readable, the chain verified, no export.
	await obs.goto(`/c/${C}/audit`);
	await expect(obs.getByTestId('chain-status')).toContainText('✓ 链完整');
	await expect(obs.locator('tbody tr').filter({ hasText: '添加活动成员' }).first()).toContainText('赵纪检');
	expect((await obs.request.get(`/c/${C}/export/audit`)).status()).toBe(403);
	await obs.goto(`/c/${C}/final`);
	await expect(obs.getByTestId('final-none')).toBeVisible();
	// Refused every action: adding a member, closing the round.
	for (const [url, form] of [
		[`/c/${C}/members?/add`, { username: `${P}-sneak`, role: 'organizer' }],
		[`/c/${C}/panel?/close`, { roundId }]
	] as const) {
		const r = await obs.request.post(url, {
			form,
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json', origin: new URL(obs.url()).origin }
		});
		const body = await r.text();
		expect(r.status(), `${url}: ${body.slice(0, 200)}`).toBe(403);
	}
	expect((await getRound(db, C, roundId))!.state).toBe('open');
	await page.reload();
	await expect(page.locator(`tr[data-username="${P}-sneak"]`)).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('members.png'), fullPage: true });
	// Once the round is closed, its results are the observer's to read.
	expect(await closeRound(db, actor, C, roundId)).toMatchObject({ ok: true });
	await obs.goto(`/c/${C}/progress`);
	await obs.getByTestId('round-progress').first().getByRole('link', { name: '查看本轮结果' }).click();
	await expect(obs.getByTestId('ranking').locator('tbody tr')).toHaveCount(1);
	await obs.screenshot({ path: test.info().outputPath('observer-results.png'), fullPage: true });
	await ctx.close();

	// The chair sets a password; the office resets it: the chair's session ends, the old password too.
	const chair = await acceptLink(browser, chairLink, `${P}-chair2`, 'chair-password-1');
	await expect(chair.page).toHaveURL(new RegExp(`/c/${C}/panel$`));
	await page.reload();
	await expect(chairRow).toContainText('已激活');
	await chairRow.getByRole('button', { name: '重置密码' }).click();
	await expect(page.getByTestId('reset')).toContainText('王组长');
	const resetLink = await page.getByTestId('reset-link').inputValue();
	await expect(chairRow).toContainText('已邀请');
	await chair.page.reload();
	await expect(chair.page).toHaveURL(/\/login/);
	await chair.ctx.close();
	const again = await acceptLink(browser, resetLink, `${P}-chair2`, 'chair-password-2');
	await again.ctx.close();
});

test('a chair also reviews on another panel: the desk opens its dossiers, never those of the panel they chair', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const db = await e2eDb();
	const ps = await db.select().from(panels).where(eq(panels.campaignId, C));
	const own = ps[0]; // chaired by mem-chair2 since the first test
	const other = ps.find((p) => p.field !== own.field)!;
	await loginAs(page, `${P}-organizer`);
	await page.goto(`/c/${C}/members`);
	const row = page.locator(`tr[data-username="${P}-chair2"]`);
	await row.getByText('调整评审组').click();
	const form = row.locator('form[action="?/panels"]');
	// Their own panel as a reviewing seat: refused, with the reason.
	await form.locator('fieldset').nth(1).getByLabel(own.name, { exact: true }).check();
	await form.getByRole('button', { name: '保存' }).click();
	await expect(row.getByRole('alert')).toContainText('组长不能在自己担任组长的领域评审');
	await page.reload();
	await row.getByText('调整评审组').click();
	await form.locator('fieldset').nth(1).getByLabel(other.name, { exact: true }).check();
	await form.getByRole('button', { name: '保存' }).click();
	await expect(row).toContainText(`兼任评审：${other.name}`);

	// The round (closed by the first test) reopened: reviewed by the panels as they are now.
	const o = await reopenRound(db, actor, C, roundId, 'e2e：组长兼任评审');
	if (!o.ok) throw new Error(o.message);
	const r = { id: roundId };
	const all = await db.select().from(candidates).where(eq(candidates.campaignId, C));
	const inRound = new Set((await roundPairs(db, (await getRound(db, C, r.id))!)).map((p) => p.candidateId));
	const ownCode = all.find((c) => c.field === own.field && inRound.has(c.id))!.reviewCode!;
	const otherCode = all.find((c) => c.field === other.field && inRound.has(c.id))!.reviewCode!;

	const ctx = await browser.newContext();
	const chair = await ctx.newPage();
	await loginAs(chair, `${P}-chair2`, 'chair-password-2');
	await chair.getByRole('navigation', { name: '活动导航' }).getByRole('link', { name: '我的评审任务' }).click();
	await expect(chair).toHaveURL(new RegExp(`/c/${C}/tasks$`));
	await expect(chair.getByText(otherCode, { exact: true }).first()).toBeVisible();
	await expect(chair.getByText(ownCode, { exact: true })).toHaveCount(0);
	expect((await chair.goto(`/c/${C}/dossiers/${encodeURIComponent(otherCode)}?round=${r.id}`))?.status()).toBe(200);
	expect((await chair.goto(`/c/${C}/dossiers/${encodeURIComponent(ownCode)}?round=${r.id}`))?.status()).toBe(404);
	// Still the chair of their own panel.
	expect((await chair.goto(`/c/${C}/panel`))?.status()).toBe(200);
	await ctx.close();
});
