// The expert roster and panels: GBK roster import (refused whole on a bad row, then accepted with
// one-time links), editing an expert, the demo panels, and that experts cannot open these pages.
// Other specs share the server and database: only experts with names of their own are added.
import { test, expect, type Page } from '@playwright/test';
import { DEMO, loginAs } from './helpers';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';

const HEADER = '姓名,工作单位,曾工作单位,毕业院校,职称,评审领域,手机,电子邮箱,最大评审量';
const ROW_1 =
	'邝导入一,广西民族大学,"百色学院\n河池学院",武汉大学,教授,面向世界科技前沿、社会服务,13807719901,kuang1@gxun.edu.cn,10';
const rowTwo = (field: string) => `邝导入二,玉林师范学院,,华中师范大学,副教授,${field},,kuang2@ylu.edu.cn,`;

async function upload(page: Page, text: string) {
	await page.getByLabel('选择名单文件（CSV）').setInputFiles({
		name: '专家名单.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(encodeGb18030(text))
	});
	await page.getByRole('button', { name: '上传并导入' }).click();
}

test('the organizer imports a GBK roster, fixes a bad row, gets the links and edits an expert', async ({
	page,
	browser
}) => {
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/experts`);
	await expect(page.getByRole('heading', { name: '专家与邀请' })).toBeVisible();

	// A bad 评审领域 in row 3: the whole file is refused, with the row shown.
	await upload(page, [HEADER, ROW_1, rowTwo('天文学')].join('\r\n') + '\r\n');
	await expect(page.getByRole('alert').filter({ hasText: '整个文件未导入' })).toBeVisible();
	const errorRow = page.locator('table.row-errors tbody tr');
	await expect(errorRow).toHaveCount(1);
	await expect(errorRow).toContainText('第 3 行');
	await expect(errorRow).toContainText('评审领域');
	await expect(errorRow).toContainText('“天文学”');
	await expect(page.getByRole('cell', { name: '邝导入一' })).toHaveCount(0);

	// Fixed: both experts are added, each with a one-time link shown once.
	await upload(page, [HEADER, ROW_1, rowTwo('社会服务')].join('\r\n') + '\r\n');
	await expect(page.getByRole('status').filter({ hasText: '新增 2 名专家' })).toBeVisible();
	const links = page.getByTestId('import-link');
	await expect(links).toHaveCount(2);
	const first = await links.first().inputValue();
	expect(first).toMatch(/\/invite\/[a-z0-9]+$/);
	await expect(page.getByRole('link', { name: '下载链接清单（CSV）' })).toHaveAttribute('href', /^data:text\/csv/);
	await expect(page.getByRole('link', { name: '邝导入一' })).toBeVisible();
	await expect(page.getByRole('link', { name: '邝导入二' })).toBeVisible();

	// A lost link: a new one, shown in the expert's row.
	await page
		.getByRole('row', { name: /邝导入二/ })
		.getByRole('button', { name: '重新生成链接' })
		.click();
	await expect(page.getByTestId('reinvite-link')).toHaveValue(/\/invite\/[a-z0-9]+$/);

	const ctx = await browser.newContext();
	const p2 = await ctx.newPage();
	await p2.goto(first);
	await expect(p2.getByRole('heading', { name: '欢迎，邝导入一' })).toBeVisible();
	await ctx.close();

	// Edit 曾工作单位 of the first expert.
	await page.getByRole('link', { name: '邝导入一' }).click();
	await expect(page.getByRole('heading', { name: '编辑专家：邝导入一' })).toBeVisible();
	const former = page.getByLabel('曾任职单位（每行一个）');
	await expect(former).toHaveValue('百色学院\n河池学院');
	await former.fill('百色学院\n广西科学院');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status')).toContainText('已保存');
	await page.reload();
	await expect(page.getByLabel('曾任职单位（每行一个）')).toHaveValue('百色学院\n广西科学院');
	await page.getByRole('link', { name: '← 返回专家名单' }).click();
	await expect(page.getByText('曾：百色学院；广西科学院')).toBeVisible();

	// The demo's five panels.
	await page.goto(`/c/${DEMO}/panels`);
	for (const name of ['前沿组', '主战场组', '重大需求组', '生命健康组', '社会服务组']) {
		await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
	}
	// The new experts are not in a panel yet.
	await expect(page.getByRole('heading', { name: /未分入评审组的专家/ })).toBeVisible();
});

test('an expert of another campaign is not found; the template downloads with a BOM', async ({ page }) => {
	await loginAs(page, 'organizer');
	const res = await page.goto(`/c/${DEMO}/experts/e_no-such-expert`);
	expect(res?.status()).toBe(404);
	const tpl = await page.request.get(`/c/${DEMO}/experts/template.csv`);
	expect(tpl.status()).toBe(200);
	const body = await tpl.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(body.toString('utf8')).toContain('姓名,工作单位,曾工作单位');
});

test('an expert gets 403 on the roster and the panels', async ({ page }) => {
	await loginAs(page, 'expert01');
	for (const path of ['experts', 'panels', 'experts/template.csv']) {
		const res = await page.goto(`/c/${DEMO}/${path}`);
		expect(res?.status(), path).toBe(403);
	}
});
