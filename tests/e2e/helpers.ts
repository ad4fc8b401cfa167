import { expect, type Page } from '@playwright/test';

export const DEMO = 'demo-gx2024';
export const PASSWORD = 'laurel-demo';

export async function loginAs(page: Page, username: string, password = PASSWORD): Promise<void> {
	await page.goto('/login');
	// Typing before hydration would be wiped when the form is hydrated.
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export async function logout(page: Page): Promise<void> {
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login/);
}

/** Goes to `url` (or reloads) and waits until the page is hydrated: typing before would be wiped. */
export async function live(page: Page, url?: string): Promise<void> {
	if (url) await page.goto(url);
	else await page.reload();
	await page.locator('body[data-hydrated]').waitFor();
}

/** The score sheet's save indicator (已保存, 保存中…, …). */
export const saveStatus = (page: Page) => page.getByTestId('save-status');
