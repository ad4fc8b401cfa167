// The expert's desk: tasks per open round, scoring beside the dossier with autosave, a reload that
// loses nothing, a conflict between two windows, submission and lock, inline validation, 404 for
// another panel's code, and no other expert's score anywhere in the page or its data.
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs, PASSWORD, live, saveStatus } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates, panelMembers, sheetHistory, sheets, users } from '../../src/lib/server/db/schema';
import { createRound, getRound, listRounds, openRound } from '../../src/lib/server/services/rounds';
import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';
import { getSheet } from '../../src/lib/server/services/access';
import { expertOfUser, expertRoundTasks } from '../../src/lib/server/services/desk';

const actor = { id: null, name: 'e2e' };
let id = '';
let roundId = '';

async function expertId(username: string): Promise<string> {
	const db = await e2eDb();
	const u = (await db.select().from(users).where(eq(users.username, username)))[0];
	return (await expertOfUser(db, id, u.id))!.id;
}

async function tasksOf(username: string) {
	return (await expertRoundTasks(await e2eDb(), id, await expertId(username)))[0].tasks;
}

async function sheetOf(username: string, code: string) {
	const db = await e2eDb();
	const c = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, id), eq(candidates.reviewCode, code)))
	)[0];
	return getSheet(db, roundId, await expertId(username), c.id);
}

const dossierUrl = (code: string) => `/c/${id}/dossiers/${encodeURIComponent(code)}?round=${roundId}`;

test.beforeAll(async () => {
	id = await seedReviewCampaign('desk');
	const db = await e2eDb();
	// Idempotent, so that a retried worker finds the round it opened before.
	const existing = (await listRounds(db, id)).find((r) => r.state === 'open');
	if (existing) {
		roundId = existing.id;
		return;
	}
	const r = await createRound(db, actor, id, {
		name: '初评',
		type: 'score',
		reviewers: 'panel',
		deadline: '2030-06-30'
	});
	if (!r.ok) throw new Error(r.message);
	const opened = await openRound(db, actor, id, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
	if (!opened.ok) throw new Error(opened.message);
	roundId = r.id;
});

test('an expert scores with autosave, survives a reload, resolves a two-window conflict and submits once', async ({
	page,
	context
}) => {
	await loginAs(page, 'desk-expert01');
	await page.goto(`/c/${id}/tasks`);
	await expect(page.getByRole('heading', { name: '我的评审任务' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '初评' })).toBeVisible();
	await expect(page.getByTestId('round-counts')).toContainText('未开始');
	const first = (await tasksOf('desk-expert01'))[0].code;
	await page.getByRole('link', { name: first, exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/dossiers/${encodeURIComponent(first)}\\?round=${roundId}$`));
	await expect(page.getByRole('heading', { name: `评审材料 ${first}` })).toBeVisible();
	await page.locator('body[data-hydrated]').waitFor();

	const merit = page.getByLabel('业绩突出', { exact: true });
	await expect(page.getByText('满分 40')).toBeVisible();
	// the autosave posts JSON to the draft endpoint (not the form action)
	const autosave = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/draft'));
	await merit.fill('35');
	// Enter moves on to the next criterion instead of submitting
	await merit.press('Enter');
	await expect(page.getByLabel('事迹感人', { exact: true })).toBeFocused();
	await page.getByLabel('事迹感人', { exact: true }).fill('25');
	await expect(page.getByTestId('total')).toHaveText('60');
	await expect(saveStatus(page)).toContainText('已保存');
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect((await autosave).postDataJSON()).toMatchObject({ round: roundId, values: { merit: '35' } });

	await live(page);
	await expect(page.getByLabel('业绩突出', { exact: true })).toHaveValue('35');
	await expect(page.getByLabel('事迹感人', { exact: true })).toHaveValue('25');

	// A second window of the same browser saves another value first…
	const other = await context.newPage();
	await live(other, dossierUrl(first));
	await expect(other.getByLabel('业绩突出', { exact: true })).toHaveValue('35');
	await other.getByLabel('业绩突出', { exact: true }).fill('30');
	await expect(saveStatus(other)).toContainText('已保存');
	await expect
		.poll(async () => ((await sheetOf('desk-expert01', first))?.values as Record<string, number>).merit)
		.toBe(30);

	// …so this window's next save is refused and both versions are shown.
	await page.bringToFront();
	await page.getByLabel('示范引领', { exact: true }).fill('20');
	await expect(page.getByText('这份评分已在其他窗口或设备上更新')).toBeVisible();
	await expect(page.getByRole('row', { name: /业绩突出/ })).toContainText('30');
	await expect(page.getByRole('button', { name: '提交评分' })).toBeDisabled();
	await page.getByRole('button', { name: '用我刚填写的覆盖' }).click();
	await expect(saveStatus(page)).toContainText('已保存');
	await expect
		.poll(async () => (await sheetOf('desk-expert01', first))?.values)
		.toEqual({ merit: 35, story: 25, exemplary: 20 });

	// Submit: a confirmation with the total; a double click makes one submission.
	await page.getByRole('button', { name: '提交评分' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog.getByTestId('confirm-total')).toHaveText('80');
	await dialog.getByRole('button', { name: '确认提交' }).dblclick();
	await expect(page.getByTestId('submitted-badge')).toHaveText('已提交');
	await expect(page.getByLabel('业绩突出', { exact: true })).toBeDisabled();
	await expect(page.getByRole('button', { name: '提交评分' })).toHaveCount(0);
	const s = (await sheetOf('desk-expert01', first))!;
	expect(s.status).toBe('submitted');
	expect(s.total).toBe(80);
	const db = await e2eDb();
	expect(await db.select().from(sheetHistory).where(eq(sheetHistory.sheetId, s.id))).toHaveLength(1);

	// The other window, still open, cannot change it any more.
	await other.bringToFront();
	await other.getByLabel('业绩突出', { exact: true }).fill('31');
	await expect(other.getByTestId('submitted-badge')).toBeVisible();
	await expect(other.getByLabel('业绩突出', { exact: true })).toHaveValue('35');
	await other.close();

	await page.goto(`/c/${id}/tasks`);
	await expect(page.getByTestId('round-counts')).toContainText('已提交 1');
});

test('an out-of-range value shows the inline error and 提交评分 refuses; typing offline is kept', async ({
	page,
	context
}) => {
	await loginAs(page, 'desk-expert01');
	const code = (await tasksOf('desk-expert01'))[1].code;
	await live(page, dossierUrl(code));
	await page.getByLabel('业绩突出', { exact: true }).fill('45');
	await expect(page.getByText('“业绩突出”应在 0–40 之间')).toBeVisible();
	await expect(page.getByLabel('业绩突出', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('button', { name: '提交评分' }).click();
	await expect(page.getByRole('dialog')).toBeHidden();
	await expect(page.getByText('请先补全或修正标红的评分项')).toBeVisible();
	await expect(page.getByText('请填写“事迹感人”')).toBeVisible();
	expect((await sheetOf('desk-expert01', code))?.status ?? 'none').not.toBe('submitted');

	// Offline: kept on the device, saved when the connection returns.
	await page.getByLabel('业绩突出', { exact: true }).fill('38');
	await expect(saveStatus(page)).toContainText('已保存');
	await context.setOffline(true);
	await page.getByLabel('事迹感人', { exact: true }).fill('22');
	await expect(saveStatus(page)).toHaveText('离线，已暂存在本机');
	await context.setOffline(false);
	await expect(saveStatus(page)).toContainText('已保存');
	await expect.poll(async () => (await sheetOf('desk-expert01', code))?.values).toEqual({ merit: 38, story: 22 });

	// Alt+→ opens the next dossier of the round
	const next = (await tasksOf('desk-expert01'))[2].code;
	await page.keyboard.press('Alt+ArrowRight');
	await expect(page).toHaveURL(new RegExp(`/dossiers/${encodeURIComponent(next)}\\?round=`));
});

test('another panel’s code is 404, and no other expert’s score reaches the page or its data', async ({ page }) => {
	const db = await e2eDb();
	const me = await expertId('desk-expert01');
	const mine = await tasksOf('desk-expert01');
	const foreign = (await db.select().from(candidates).where(eq(candidates.campaignId, id))).find(
		(c) => c.field !== mine[0].field
	)!;
	// A colleague on the same panel submits a sheet with recognisable numbers and words.
	const panel = (await db.select().from(panelMembers).where(eq(panelMembers.expertId, me)))[0].panelId;
	const colleagues = (await db.select().from(panelMembers).where(eq(panelMembers.panelId, panel))).filter(
		(m) => m.expertId !== me
	);
	const round = (await getRound(db, id, roundId))!;
	let shared: string | null = null;
	for (const m of colleagues) {
		const theirs = (await expertRoundTasks(db, id, m.expertId))[0]?.tasks ?? [];
		const both = mine.find((t) => theirs.some((x) => x.candidateId === t.candidateId));
		if (!both) continue;
		const r = await saveSheet(db, actor, {
			round,
			expertId: m.expertId,
			candidateId: both.candidateId,
			values: { merit: 33.3, story: 27.7, exemplary: 21.9 },
			comment: '同组专家的评语ZQX',
			baseVersion: (await getSheet(db, roundId, m.expertId, both.candidateId))?.version ?? 0,
			submit: true
		});
		if (r.ok || (!r.ok && r.code === 'SUBMITTED')) {
			shared = both.code;
			break;
		}
	}
	expect(shared).not.toBeNull();
	expect(
		(await db.select().from(sheets).where(eq(sheets.roundId, roundId))).some((s) => s.comment === '同组专家的评语ZQX')
	).toBe(true);

	await loginAs(page, 'desk-expert01');
	expect((await page.goto(dossierUrl(foreign.reviewCode!)))?.status()).toBe(404);
	expect((await page.goto(`/c/${id}/dossiers/${encodeURIComponent(foreign.reviewCode!)}`))?.status()).toBe(404);

	const res = await page.goto(dossierUrl(shared!));
	expect(res?.status()).toBe(200);
	const html = await res!.text();
	const data = await (
		await page.request.get(`/c/${id}/dossiers/${encodeURIComponent(shared!)}/__data.json?round=${roundId}`)
	).text();
	expect(data).toContain(shared!);
	for (const body of [html, data]) {
		expect(body).not.toContain('同组专家的评语ZQX');
		for (const n of ['33.3', '27.7', '21.9', '82.9']) expect(body).not.toContain(n);
	}
	const tasks = await (await page.request.get(`/c/${id}/tasks/__data.json`)).text();
	expect(tasks).not.toContain('ZQX');
	expect(tasks).not.toContain('82.9');
});

test('a reload restores typing the server never received; a rescore request reopens the sheet', async ({ page }) => {
	await loginAs(page, 'desk-expert01');
	const tasks = await tasksOf('desk-expert01');
	const code = tasks[3].code;
	await live(page, dossierUrl(code));
	await page.getByLabel('业绩突出', { exact: true }).fill('28');
	await expect(saveStatus(page)).toContainText('已保存');
	// The connection drops: saves fail, the typing stays on the device, and survives a reload.
	await page.route('**/dossiers/**', (r) => (r.request().method() === 'POST' ? r.abort() : r.continue()));
	await page.getByLabel('事迹感人', { exact: true }).fill('21');
	await expect(saveStatus(page)).toHaveText('离线，已暂存在本机');
	await live(page);
	await expect(page.getByText('已恢复本机未保存的内容')).toBeVisible();
	await expect(page.getByLabel('事迹感人', { exact: true })).toHaveValue('21');
	await page.unroute('**/dossiers/**');
	await page.getByLabel('事迹感人', { exact: true }).focus();
	await page.keyboard.press('Tab');
	await expect(saveStatus(page)).toContainText('已保存');
	await expect.poll(async () => (await sheetOf('desk-expert01', code))?.values).toEqual({ merit: 28, story: 21 });

	// The chair asks for a rescore of a submitted sheet: the message is shown and the form reopens.
	const db = await e2eDb();
	const round = (await getRound(db, id, roundId))!;
	const target = tasks[4];
	const me = await expertId('desk-expert01');
	const done = await saveSheet(db, actor, {
		round,
		expertId: me,
		candidateId: target.candidateId,
		values: { merit: 20, story: 20, exemplary: 20 },
		baseVersion: 0,
		submit: true
	});
	expect(done.ok).toBe(true);
	expect(
		(await requestRescore(db, actor, round, me, target.candidateId, '请复核业绩突出一项', '评审组长 王建国')).ok
	).toBe(true);
	await page.goto(`/c/${id}/tasks`);
	await expect(page.getByRole('row', { name: new RegExp(target.code) })).toContainText('待重评');
	await live(page, dossierUrl(target.code));
	await expect(page.getByTestId('rescore')).toHaveText('评审组长 王建国 请您复核：请复核业绩突出一项');
	await expect(page.getByLabel('业绩突出', { exact: true })).toBeEnabled();
	await expect(page.getByLabel('业绩突出', { exact: true })).toHaveValue('20');
	await page.getByLabel('业绩突出', { exact: true }).fill('26');
	await page.getByRole('button', { name: '提交评分' }).click();
	await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
	await expect(page.getByTestId('submitted-badge')).toBeVisible();
	await expect(page.getByTestId('rescore')).toHaveCount(0);
	expect((await sheetOf('desk-expert01', target.code))?.total).toBe(66);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the sheet posts ?/save and ?/submit with its version and asks to confirm on the page', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('用户名').fill('desk-expert01');
		await page.getByLabel('密码').fill(PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).not.toHaveURL(/\/login/);
		const code = (await tasksOf('desk-expert01'))[5].code;
		await page.goto(dossierUrl(code));
		await page.getByLabel('业绩突出', { exact: true }).fill('30');
		await page.getByRole('button', { name: '保存草稿' }).click();
		await expect(saveStatus(page)).toContainText('已保存');
		await expect(page.getByLabel('业绩突出', { exact: true })).toHaveValue('30');
		await page.getByRole('button', { name: '提交评分' }).click();
		await expect(page.getByText('请先补全或修正标红的评分项')).toBeVisible();
		await expect(page.getByText('请填写“事迹感人”')).toBeVisible();
		await page.getByLabel('事迹感人', { exact: true }).fill('20');
		await page.getByLabel('示范引领', { exact: true }).fill('20');
		await page.getByRole('button', { name: '提交评分' }).click();
		await expect(page.getByText('请确认提交：合计 70 分')).toBeVisible();
		expect((await sheetOf('desk-expert01', code))?.status).toBe('draft');
		await page.getByRole('button', { name: '确认提交' }).click();
		await expect(page.getByTestId('submitted-badge')).toBeVisible();
		await expect(page.getByLabel('业绩突出', { exact: true })).toBeDisabled();
		expect((await sheetOf('desk-expert01', code))?.total).toBe(70);
	});
});
