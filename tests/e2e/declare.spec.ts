import { test, expect } from '@playwright/test';
import { DEMO, loginAs } from './helpers';

test('an expert declares ties; the desk says nothing about who was matched', async ({ page }) => {
	await loginAs(page, 'expert05');
	await page.goto(`/c/${DEMO}/tasks`);
	await expect(page.getByRole('note')).toContainText('利益冲突申报');
	await page.getByRole('link', { name: '利益冲突申报' }).first().click();
	await page.getByLabel('关联单位（每行一个）').fill('广西大学\n南宁市第一人民医院');
	await page.getByLabel('关联人员姓名（每行一个）').fill('张三');
	await page.getByRole('button', { name: /提交申报/ }).click();
	await expect(page.getByRole('status')).toHaveText('申报已保存，相关回避已更新。');
	await page.reload();
	await expect(page.getByLabel('关联单位（每行一个）')).toHaveValue('广西大学\n南宁市第一人民医院');
	await page.goto(`/c/${DEMO}/tasks`);
	await expect(page.getByRole('note')).toHaveCount(0);
});

test('an expert cannot open a dossier that is not assigned to them, by any code', async ({ page }) => {
	await loginAs(page, 'expert06');
	for (const code of ['前沿-01', '生命健康-02', 'nonexistent', '..%2F..%2Fetc']) {
		const res = await page.goto(`/c/${DEMO}/dossiers/${code}`);
		expect(res?.status()).toBe(404);
	}
	// organizers and chairs are not experts: the expert desk is refused to them
	await page.context().clearCookies();
	await loginAs(page, 'chair');
	expect((await page.goto(`/c/${DEMO}/dossiers/前沿-01`))?.status()).toBe(403);
	expect((await page.goto(`/c/${DEMO}/declare`))?.status()).toBe(403);
});
