// The organizer's intake: a new campaign from a preset, a GBK file with two bad rows refused
// with row and column, the fixed file previewed and confirmed, the check report read.
import { test, expect, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { PASSWORD } from './helpers';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';
import { checkCampaign } from '../../src/lib/domain/intake/eligibility';

const config = presetConfig('jincheng-2023');
const records = generateCandidates(config, 24, 7);
// One former 最美 title holder (PRIOR_TITLE, a warning: “原则上不建议推荐”) and a society with one
// nominee too many (QUOTA_EXCEEDED, an error): the check must report both after the import.
records[5] = { ...records[5], priorTitle: true };
const society = records.find((r) => r.channelType === '学会')!;
records.push({ ...society, name: '郜晓岚', gender: '女', birth: '1979-03', seq: String(records.length + 1) });
const expected = checkCampaign(config, records);

const [header, ...rows] = Papa.parse<string[]>(toNominationCsv(records).replace(/^\uFEFF/, ''), {
	skipEmptyLines: true
}).data;
const gbkFile = (table: string[][]) =>
	Buffer.from(encodeGb18030(Papa.unparse([header, ...table], { newline: '\r\n' })));

const broken = rows.map((r) => [...r]);
broken[1][header.indexOf('性别')] = '未知'; // spreadsheet row 3
broken[7][header.indexOf('出生年月')] = '1985.13'; // row 9

/**
 * helpers.loginAs, but filling the form only once the page has hydrated: on a busy machine
 * hydration can land after the fill and empty the username field (seen under load).
 */
async function loginAs(page: Page, username: string): Promise<void> {
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await expect(page.getByLabel('用户名')).toHaveValue(username);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** With SCREENSHOTS=1: the page as it is now, at laptop and tablet width. */
async function snap(page: Page, name: string): Promise<void> {
	if (!process.env.SCREENSHOTS) return;
	const size = page.viewportSize();
	for (const width of [1280, 768]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
	}
	if (size) await page.setViewportSize(size);
}

test('organizer imports a GBK nomination file and reads the check report', async ({ page }) => {
	await loginAs(page, 'organizer');

	await page.goto('/campaigns/new');
	await page.locator('input[name="preset"][value="jincheng-2023"]').check();
	const name = `晋城导入测试 ${Date.now()}`;
	await page.getByLabel('活动名称').fill(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const campaignId = new URL(page.url()).pathname.split('/')[2];

	await page.goto(`/c/${campaignId}/import`);
	await expect(page.getByRole('heading', { name: '导入推荐人选' })).toBeVisible();
	await expect(page.getByRole('link', { name: /下载导入模板/ })).toHaveAttribute(
		'href',
		`/c/${campaignId}/import/template.csv`
	);

	// 1. Two bad rows: the file is refused whole, each problem with its row and column.
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: '晋城汇总表.csv', mimeType: 'text/csv', buffer: gbkFile(broken) });
	await page.getByRole('button', { name: '上传并检查' }).click();
	const rejected = page.getByTestId('import-rejected');
	await expect(rejected).toContainText('文件未导入，请修改后重新上传');
	const errorRows = rejected.locator('table.row-errors tbody tr');
	await expect(errorRows).toHaveCount(2);
	await expect(errorRows.nth(0)).toContainText('第 3 行');
	await expect(errorRows.nth(0)).toContainText('性别');
	await expect(errorRows.nth(0)).toContainText('未知');
	await expect(errorRows.nth(1)).toContainText('第 9 行');
	await expect(errorRows.nth(1)).toContainText('出生年月');
	await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);
	await snap(page, 'organizer-import-errors');

	// 2. The fixed file: preview with encoding, rows, sample and the report as it would be.
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: '晋城汇总表（修改）.csv', mimeType: 'text/csv', buffer: gbkFile(rows) });
	await page.getByRole('button', { name: '上传并检查' }).click();
	const preview = page.getByTestId('import-preview');
	await expect(preview).toBeVisible();
	await expect(page.getByTestId('import-rejected')).toHaveCount(0);
	await expect(preview.getByTestId('encoding')).toHaveText('GB18030/GBK');
	await expect(preview.getByTestId('row-count')).toHaveText(String(records.length));
	await expect(preview).toContainText(`新增 ${records.length} 名`);
	await expect(page.locator('table.sample tbody tr')).toHaveCount(20);
	await expect(page.locator('table.sample tbody tr').first()).toContainText(records[0].name);
	await expect(page.getByTestId('error-count')).toHaveText(String(expected.errors.length));
	await snap(page, 'organizer-import-preview');

	// 3. Confirm: redirected to the check page with the success message and the same report.
	await page.getByRole('button', { name: `确认导入 ${records.length} 名` }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/check\\?`));
	await expect(page.getByTestId('import-success')).toContainText(`共 ${records.length} 名（新增 ${records.length}`);
	await expect(page.getByTestId('error-count')).toHaveText(String(expected.errors.length));
	await expect(page.getByTestId('warning-count')).toHaveText(String(expected.warnings.length));
	await expect(page.getByText(`错误 ${expected.errors.length} 项 / 提示 ${expected.warnings.length} 项`)).toBeVisible();
	await expect(page.getByTestId('blocking-banner')).toContainText('有错误时不能进入评审');
	await snap(page, 'organizer-check-after-import');
	if (process.env.SCREENSHOTS) {
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: 'screenshots/organizer-check-print.png', fullPage: true });
		await page.emulateMedia({ media: 'screen' });
	}
	expect(expected.errors.map((e) => e.code).sort()).toEqual(['QUOTA_EXCEEDED']);
	expect(expected.warnings.map((e) => e.code)).toContain('PRIOR_TITLE');
	await expect(page.locator('[data-code="QUOTA_EXCEEDED"]')).toContainText('超出名额');
	await expect(page.locator('[data-code="QUOTA_EXCEEDED"]')).toContainText(society.channel);
	const prior = page.locator('[data-code="PRIOR_TITLE"]');
	await expect(prior).toContainText('已获相关称号');
	await expect(prior).toContainText(records[5].name);
	await expect(prior).toContainText('晋市科协发〔2023〕9号 四、推选条件 4');
	await expect(prior).toContainText('以往“最美科技人”“最美科技工作者”称号');
	await expect(page.locator('section.issues.warning [data-code="PRIOR_TITLE"]')).toHaveCount(1);
	// The channel table: every channel of the report with its count.
	const table = page.locator('section.channels tbody tr');
	await expect(table).toHaveCount(expected.channels.length);
	const shown = (await table.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
	expect([...shown].sort()).toEqual(expected.channels.map((c) => c.name).sort());
	for (const ch of expected.channels) {
		const row = table.nth(shown.indexOf(ch.name));
		await expect(row.locator('td.count')).toHaveText(String(ch.count));
		if (ch.name === society.channel) await expect(row).toHaveClass(/over/);
	}

	// The export link downloads the nominations as CSV.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出候选人 CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`${name}-候选人（推荐表格式）.csv`);

	// A second visit shows the report without the import message.
	await page.goto(`/c/${campaignId}/check`);
	await expect(page.getByTestId('import-success')).toHaveCount(0);
	await expect(page.getByTestId('error-count')).toHaveText(String(expected.errors.length));
});

test('the import page refuses an empty file and a chair cannot open it', async ({ page }) => {
	await loginAs(page, 'organizer');
	await page.goto('/c/demo-gx2024/import');
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: '空文件.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByRole('alert')).toContainText('是空的');
	const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]);
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: '汇总表.xlsx', mimeType: 'application/octet-stream', buffer: xlsx });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByTestId('import-rejected')).toContainText('内容已损坏');
	const template = await page.request.get('/c/demo-gx2024/import/template.csv');
	expect(template.status()).toBe(200);
	expect(template.headers()['content-type']).toContain('text/csv');
	expect(template.headers()['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
	const body = await template.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	// The template's example row passes the file check of its own campaign (not confirmed here).
	await page.locator('input[name="file"]').setInputFiles({ name: '模板.csv', mimeType: 'text/csv', buffer: body });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByTestId('import-preview').getByTestId('row-count')).toHaveText('1');
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByText('已取消本次导入')).toBeVisible();

	await page.context().clearCookies();
	await loginAs(page, 'chair');
	expect((await page.goto('/c/demo-gx2024/import'))?.status()).toBe(403);
	// 资格审查 names the candidates and their nominating bodies: the office's only (issue 10)
	expect((await page.goto('/c/demo-gx2024/check'))?.status()).toBe(403);
	expect((await page.request.get('/c/demo-gx2024/export/candidates')).status()).toBe(403);
	// the audit log holds whole nomination records (phones, addresses): the office's only
	expect((await page.request.get('/c/demo-gx2024/export/audit')).status()).toBe(403);
	expect((await page.request.get('/c/demo-gx2024/export/assignments')).status()).toBe(200);
	expect((await page.request.get('/c/demo-gx2024/export/nonsense')).status()).toBe(400);
});
