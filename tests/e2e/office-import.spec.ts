// Issue 14 in the browser: the organizer uploads an .xlsx 汇总表 and a .zip of Word 推荐表 together,
// sees per form what was read and what is missing, imports, and downloads the candidates as Excel.
import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { PASSWORD } from './helpers';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { makeForm, makeScannedForm, samplePerson } from '../support/office-forms';

const unit = presetConfig('jincheng-2023').channels[0].name;
const people = [0, 1, 2].map((i) => samplePerson(i, { channel: unit, field: '面向世界科技前沿' }));
people[2].story = ''; // an empty 感人故事: shown as missing, not an error

async function loginAs(page: Page, username: string): Promise<void> {
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await expect(page.getByLabel('用户名')).toHaveValue(username);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

async function summaryXlsx(): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Sheet1');
	ws.mergeCells('A1:G1');
	ws.getCell('A1').value = '2023年“晋城最美科技工作者”候选人汇总表';
	ws.getCell('A2').value = `推荐单位：${unit}（盖章）`;
	ws.getRow(4).values = ['序号', '姓名', '性别', '民族', '党派', '出生年月', '工作单位及职务职称'];
	people.forEach(
		(p, i) => (ws.getRow(5 + i).values = [i + 1, p.name, p.gender, '汉族', '中共党员', p.birth, p.unitAndTitle])
	);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test('organizer uploads an Excel 汇总表 and a zip of 推荐表, reads the preview per form and imports', async ({
	page
}) => {
	test.setTimeout(120_000);
	await loginAs(page, 'organizer');
	await page.goto('/campaigns/new');
	await page.locator('input[name="preset"][value="jincheng-2023"]').check();
	await page.getByLabel('活动名称').fill(`推荐表导入 ${Date.now()}`);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const campaignId = new URL(page.url()).pathname.split('/')[2];
	await page.goto(`/c/${campaignId}/import`);
	await page.locator('body[data-hydrated]').waitFor();

	const forms = await Promise.all(people.map((p) => makeForm(p, 'jincheng-2023')));
	const zip = (extra: Record<string, Uint8Array> = {}) =>
		Buffer.from(
			zipSync({ ...Object.fromEntries(forms.map((f, i) => [`推荐表/${people[i].name}.docx`, f])), ...extra })
		);
	const xlsx = await summaryXlsx();

	// 1. A scanned form in the zip: refused whole, the file named, nothing imported.
	await page.locator('input[name="file"]').setInputFiles([
		{
			name: '汇总表.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: xlsx
		},
		{ name: '推荐表.zip', mimeType: 'application/zip', buffer: zip({ '推荐表/扫描件.docx': await makeScannedForm() }) }
	]);
	await page.getByRole('button', { name: '上传并检查' }).click();
	const rejected = page.getByTestId('import-rejected');
	await expect(rejected).toContainText('文件未导入');
	await expect(rejected).toContainText('扫描件.docx');
	await expect(rejected).toContainText('只有图片、没有文字');
	await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);

	// 2. The good forms: the preview shows each form, its 汇总表 row and what is missing.
	await page.locator('input[name="file"]').setInputFiles([
		{
			name: '汇总表.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: xlsx
		},
		{ name: '推荐表.zip', mimeType: 'application/zip', buffer: zip() }
	]);
	await page.getByRole('button', { name: '上传并检查' }).click();
	const preview = page.getByTestId('import-preview');
	await expect(preview).toBeVisible();
	await expect(preview.getByTestId('upload-source')).toContainText('汇总表“汇总表.xlsx”，3 份推荐表');
	const reports = preview.getByTestId('form-report');
	await expect(reports).toHaveCount(3);
	const first = reports.filter({ hasText: `${people[0].name}.docx` });
	await expect(first).toContainText('对应汇总表第5行');
	await expect(first).toContainText('面向世界科技前沿');
	await expect(first).toContainText('2005.07-2012.06 广西大学 讲师');
	const third = reports.filter({ hasText: people[2].name });
	await expect(third.getByTestId('form-missing')).toContainText('感人故事');
	await expect(preview.getByTestId('row-count')).toHaveText('3');

	// 3. Import: all three, with the texts from the forms.
	await page.getByRole('button', { name: '确认导入 3 名' }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/check\\?`));
	await expect(page.getByTestId('import-success')).toContainText('共 3 名（新增 3');

	// 4. The candidates as Excel: a real .xlsx (a zip with the workbook part).
	const res = await page.request.get(`/c/${campaignId}/export/candidates?format=xlsx`);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('spreadsheetml');
	const body = await res.body();
	expect([...body.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
});
