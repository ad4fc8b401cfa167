import { test, expect } from '@playwright/test';
import { DEMO, loginAs, logout, PASSWORD } from './helpers';

test('each role logs in and lands on its home page', async ({ page }) => {
	await loginAs(page, 'organizer');
	await expect(page).toHaveURL(new RegExp(`/c/${DEMO}/overview$`));
	await expect(page.getByRole('heading', { name: '活动概览' })).toBeVisible();
	await expect(page.getByText('候选人').first()).toBeVisible();
	await logout(page);

	await loginAs(page, 'chair');
	await expect(page).toHaveURL(new RegExp(`/c/${DEMO}/panel$`));
	await expect(page.getByRole('heading', { name: '评审组概览' })).toBeVisible();
	await logout(page);

	await loginAs(page, 'expert01');
	await expect(page).toHaveURL(new RegExp(`/c/${DEMO}/tasks$`));
	await expect(page.getByRole('heading', { name: '我的评审任务' })).toBeVisible();
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('用户名').fill('chair');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
	await expect(page).toHaveURL(/\/login/);
	// An unknown user gets the very same message.
	await page.getByLabel('用户名').fill('no-such-user');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确');
});

test('an expert opening an organizer page gets 403, a stranger to the campaign 404', async ({ page }) => {
	await loginAs(page, 'expert02');
	const res = await page.goto(`/c/${DEMO}/overview`);
	expect(res?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: '没有权限' })).toBeVisible();
	const res2 = await page.goto(`/c/${DEMO}/experts`);
	expect(res2?.status()).toBe(403);
	const res3 = await page.goto('/c/no-such-campaign/overview');
	expect(res3?.status()).toBe(404);
});

test('anonymous visitors are sent to the login page', async ({ page }) => {
	await page.goto(`/c/${DEMO}/overview`);
	await expect(page).toHaveURL(/\/login\?next=/);
});

test('an invitation link sets a password once and is dead afterwards', async ({ page, browser }) => {
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/experts`);
	await page.getByLabel('姓名').fill('韦志明');
	await page.getByLabel('工作单位').fill('广西医科大学第一附属医院');
	await page.getByLabel('用户名（可选）').fill('weizhiming');
	await page.getByLabel('生命健康').check();
	await page.getByRole('button', { name: '添加并生成链接' }).click();
	const link = await page.getByTestId('invite-link').inputValue();
	expect(link).toMatch(/\/invite\/[a-z0-9]+$/);
	await expect(page.getByRole('cell', { name: '韦志明' })).toBeVisible();

	const ctx = await browser.newContext();
	const p2 = await ctx.newPage();
	await p2.goto(link);
	await expect(p2.getByRole('heading', { name: '欢迎，韦志明' })).toBeVisible();
	await p2.getByLabel('新密码（至少 8 个字符）').fill('wei-password-1');
	await p2.getByLabel('再次输入新密码').fill('wei-password-1');
	await p2.getByRole('button', { name: '设置密码' }).click();
	await expect(p2).toHaveURL(/\/login/);
	await loginAs(p2, 'weizhiming', 'wei-password-1');
	await expect(p2).toHaveURL(new RegExp(`/c/${DEMO}/tasks$`));

	// The same link a second time: refused, and the password stays.
	await p2.goto(link);
	await expect(p2.getByRole('heading', { name: '邀请链接不可用' })).toBeVisible();
	await expect(p2.getByRole('alert')).toContainText('已经使用过');
	await ctx.close();
});

test('an older invitation link dies when a newer one is used; using a link ends the old sessions', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/experts`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('姓名').fill('黄立新');
	await page.getByLabel('工作单位').fill('广西农业科学院');
	await page.getByLabel('用户名（可选）').fill('huanglixin');
	await page.getByLabel('生命健康').check();
	await page.getByRole('button', { name: '添加并生成链接' }).click();
	const older = await page.getByTestId('invite-link').inputValue();
	const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '黄立新' }) });
	await row.getByRole('button', { name: '重新生成链接' }).click();
	const newer = await page.getByTestId('reinvite-link').inputValue();
	expect(newer).toMatch(/\/invite\/[a-z0-9]+$/);
	expect(newer).not.toBe(older);
	const editHref = (await row.getByRole('link', { name: '编辑' }).getAttribute('href'))!;
	const expertId = editHref.split('/').pop()!;

	// The newer link sets the password; the expert signs in.
	const expertCtx = await browser.newContext();
	const expert = await expertCtx.newPage();
	await expert.goto(newer);
	await expert.getByLabel('新密码（至少 8 个字符）').fill('huang-password-1');
	await expert.getByLabel('再次输入新密码').fill('huang-password-1');
	await expert.getByRole('button', { name: '设置密码' }).click();
	await expect(expert).toHaveURL(/\/login/);
	await loginAs(expert, 'huanglixin', 'huang-password-1');
	await expect(expert).toHaveURL(new RegExp(`/c/${DEMO}/tasks$`));

	// The older link, opened later (a forwarded mail): dead, and it says why.
	const otherCtx = await browser.newContext();
	const other = await otherCtx.newPage();
	await other.goto(older);
	await expect(other.getByRole('heading', { name: '邀请链接不可用' })).toBeVisible();
	await expect(other.getByRole('alert')).toContainText('另一个链接已经使用过');
	const posted = await other.request.post(older, {
		form: { password: 'stolen-password-1', confirm: 'stolen-password-1' },
		headers: { origin: new URL(older).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(400);

	// The office sends a fresh link (a password reset): using it ends the expert's open session.
	const reset = await page.request.post(`/c/${DEMO}/experts?/reinvite`, {
		form: { expertId },
		headers: { origin: new URL(page.url()).origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const resetLink = /\/invite\/[a-z0-9]+/.exec(await reset.text())?.[0];
	expect(resetLink).toBeTruthy();
	await other.goto(resetLink!);
	await other.getByLabel('新密码（至少 8 个字符）').fill('huang-password-2');
	await other.getByLabel('再次输入新密码').fill('huang-password-2');
	await other.getByRole('button', { name: '设置密码' }).click();
	await expect(other).toHaveURL(/\/login/);
	await expert.goto(`/c/${DEMO}/tasks`);
	await expect(expert).toHaveURL(/\/login/);
	await expertCtx.close();
	await otherCtx.close();
});

test('logout ends the session: the old cookie no longer works', async ({ page, context }) => {
	await loginAs(page, 'chair');
	const cookies = await context.cookies();
	const session = cookies.find((c) => c.name === 'laurel_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');
	await logout(page);
	// Put the old cookie back: the server must not accept it.
	await context.addCookies([session!]);
	await page.goto(`/c/${DEMO}/panel`);
	await expect(page).toHaveURL(/\/login/);
});

test('security headers are present', async ({ page }) => {
	const res = await page.goto('/login');
	const h = res!.headers();
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('same-origin');
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
	void PASSWORD;
});

test('no Server-Timing header outside the benchmarks: the time a request took stays on the server', async ({
	page
}) => {
	const anonymous = await page.request.get('/login');
	expect(anonymous.headers()['server-timing']).toBeUndefined();
	await loginAs(page, 'expert01');
	for (const path of [`/c/${DEMO}/tasks`, `/c/${DEMO}/dossiers/no-such-code`, `/c/${DEMO}/tasks/__data.json`]) {
		const res = await page.request.get(path);
		expect(res.headers()['server-timing'], path).toBeUndefined();
	}
	const nav = await page.goto(`/c/${DEMO}/tasks`);
	expect(nav!.headers()['server-timing']).toBeUndefined();
});
