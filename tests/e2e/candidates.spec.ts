// The organizer's candidate pages: list and filters, the 推荐表 form, photos and attachments,
// the dossier preview with manual redactions, and that experts get none of it.
// Each test works on its own demo candidate (by 序号) and creates no candidates.
import { test, expect, type Page } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { DEMO, PASSWORD, loginAs } from './helpers';

const LIST = `/c/${DEMO}/candidates`;

/** A real PNG of w×h pixels in one colour, built here (signature, IHDR, IDAT, IEND with CRCs). */
function makePng(w: number, h: number, rgb: [number, number, number]): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf: Buffer) => {
		let c = 0xffffffff;
		for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc(body));
		return Buffer.concat([len, body, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** Opens the candidate with 序号 `seq` from the list and returns its name. */
async function openCandidate(page: Page, seq: number): Promise<string> {
	await page.goto(LIST);
	const row = page.locator('tbody tr').filter({ has: page.locator('td.num', { hasText: new RegExp(`^${seq}$`) }) });
	const link = row.locator('td.name a');
	const name = (await link.textContent())!.trim();
	await link.click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	return name;
}

async function upload(page: Page, kind: string, file: { name: string; mimeType: string; buffer: Buffer }) {
	await page.getByLabel('类别', { exact: true }).selectOption(kind);
	await page.getByLabel('选择文件').setInputFiles(file);
	await page.getByRole('button', { name: '上传', exact: true }).click();
}

test('the list filters by gender and field, and the counts follow', async ({ page }) => {
	await loginAs(page, 'organizer');
	await page.goto(LIST);
	const counts = page.getByTestId('candidate-counts');
	await expect(counts).toHaveText(/^共 \d+ 名$/);
	const total = Number((await counts.textContent())!.match(/共 (\d+) 名/)![1]);
	expect(total).toBeGreaterThanOrEqual(60);
	await expect(page.locator('tbody tr')).toHaveCount(total);

	await page.getByLabel('性别', { exact: true }).selectOption('女');
	await page.getByLabel('推荐领域', { exact: true }).selectOption('前沿');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/gender=%E5%A5%B3/);
	await expect(counts).toHaveText(new RegExp(`^共 ${total} 名，筛选后 \\d+ 名$`));
	const shown = Number((await counts.textContent())!.match(/筛选后 (\d+) 名/)![1]);
	expect(shown).toBeGreaterThan(0);
	expect(shown).toBeLessThan(total);
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(shown);
	for (let i = 0; i < shown; i++) {
		await expect(rows.nth(i).locator('td').nth(3)).toHaveText('女');
		await expect(rows.nth(i).locator('td').nth(6)).toHaveText('前沿');
	}

	// The filter is in the URL (works without JavaScript) and can be cleared.
	await page.getByRole('link', { name: '清除筛选' }).first().click();
	await expect(counts).toHaveText(`共 ${total} 名`);
	await page.getByLabel('姓名或单位').fill('没有这个人');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByText('没有符合筛选条件的候选人。')).toBeVisible();
});

test('the 推荐表 form saves 主要事迹 and a new 学习工作经历 row, and refuses bad values with a message', async ({
	page
}) => {
	await loginAs(page, 'organizer');
	await openCandidate(page, 5);
	const url = page.url();
	const deeds = page.getByLabel('主要事迹', { exact: true });
	const text = '长期扎根基层一线，带领团队攻克甘蔗机械化收获难题，累计推广新技术覆盖农户三万余户。';
	await deeds.fill(text);
	await expect(page.getByTestId('counter-c-deeds')).toContainText(`${text.length} / 约1500 字`);

	await page.getByRole('button', { name: '添加一行' }).click();
	const periods = page.locator('input[name="careerPeriod"]');
	const n = await periods.count();
	await periods.nth(n - 1).fill('2024.01-至今');
	await page
		.locator('input[name="careerUnit"]')
		.nth(n - 1)
		.fill('广西甘蔗测试站');
	await page
		.locator('input[name="careerRole"]')
		.nth(n - 1)
		.fill('技术顾问');
	await page.getByRole('button', { name: '保存修改' }).last().click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' }).first()).toBeVisible();

	await page.goto(url);
	await expect(page.getByLabel('主要事迹', { exact: true })).toHaveValue(text);
	await expect(page.locator('input[name="careerUnit"]').nth(n - 1)).toHaveValue('广西甘蔗测试站');
	await expect(page.locator('input[name="careerPeriod"]').nth(n - 1)).toHaveValue('2024.01-至今');

	// Server-side validation names the field and the value; nothing is saved.
	await page.getByLabel('出生年月').fill('1980.13');
	await page.getByRole('button', { name: '保存修改' }).first().click();
	await expect(page.getByTestId('form-errors')).toContainText('出生年月“1980.13”无法识别');
	await page.goto(url);
	await expect(page.getByLabel('出生年月')).not.toHaveValue('1980.13');
});

test('the new-candidate form refuses an incomplete 推荐表 without creating anything', async ({ page }) => {
	await loginAs(page, 'organizer');
	await page.goto(LIST);
	await page.getByRole('link', { name: '新增候选人' }).click();
	await expect(page.getByRole('heading', { name: '新增候选人' })).toBeVisible();
	await page.getByLabel('姓名').fill('测试人');
	await page.getByLabel('出生年月').fill('1980.13');
	await page.getByRole('button', { name: '保存并继续' }).click();
	const errors = page.getByTestId('form-errors');
	await expect(errors).toContainText('出生年月“1980.13”无法识别');
	await expect(errors).toContainText('请选择性别');
	await expect(errors).toContainText('请选择推荐单位');
	await expect(page.getByLabel('姓名')).toHaveValue('测试人');
	await expect(page).toHaveURL(/\/candidates\/new/);
});

test('photos are checked by content: a real PNG is stored, a .jpg that is a PDF is refused', async ({ page }) => {
	await loginAs(page, 'organizer');
	await openCandidate(page, 7);
	const png = makePng(24, 32, [31, 95, 74]);
	await upload(page, 'work_photo', { name: '工作照一.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByRole('status').filter({ hasText: '已上传' })).toContainText('工作照一.png');
	const link = page.getByRole('link', { name: '工作照一.png' });
	await expect(link).toBeVisible();

	const res = await page.request.get((await link.getAttribute('href'))!);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('image/png');
	expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
	expect(res.headers()['x-content-type-options']).toBe('nosniff');
	expect(Buffer.compare(await res.body(), png)).toBe(0);

	const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
	await upload(page, 'document', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: pdf });
	await expect(page.getByTestId('upload-errors')).toContainText('文件“photo.jpg”的扩展名是 .jpg，但实际内容是PDF 文档');
	await expect(page.getByRole('link', { name: 'photo.jpg' })).toHaveCount(0);

	// A hand-made post: a kind the page does not offer, then no file at all; nothing is stored.
	const origin = new URL(page.url()).origin;
	const post = (multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>) =>
		page.request.post(`${page.url().split('?')[0]}?/upload`, {
			headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
			multipart
		});
	const forged = await post({ kind: 'selfie', file: { name: '自拍.png', mimeType: 'image/png', buffer: png } });
	expect(await forged.text()).toContain('文件类别“selfie”无效');
	const empty = await post({ kind: 'portrait' });
	expect(await empty.text()).toContain('请先选择要上传的文件');
	await page.reload();
	await expect(page.getByRole('link', { name: '自拍.png' })).toHaveCount(0);
});

test('the dossier preview hides the name, applies a manual redaction and flags a leak', async ({ page }) => {
	await loginAs(page, 'organizer');
	const name = await openCandidate(page, 9);
	await page.getByRole('link', { name: '专家材料预览' }).click();
	await expect(page.getByRole('heading', { name: '专家材料预览' })).toBeVisible();
	const expert = page.getByTestId('expert-side');
	await expect(page.getByTestId('original-deeds')).toContainText(name);
	await expect(expert).not.toContainText(name);
	await expect(expert).toContainText('【候选人】');
	await expect(page.getByTestId('no-leaks')).toBeVisible();

	// A phrase of the anonymized 主要事迹, hidden by hand.
	const deeds = (await page.getByTestId('dossier-deeds').textContent())!;
	const phrase = deeds
		.slice(10)
		.match(/[\u4e00-\u9fff]{6,}/)![0]
		.slice(1, 5);
	await page.getByLabel(/^手工隐去/).fill(phrase);
	await page.getByRole('button', { name: '隐去', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: `已设置隐去“${phrase}”` })).toBeVisible();
	await expect(page.getByTestId('dossier-deeds')).not.toContainText(phrase);
	await expect(page.getByTestId('dossier-deeds')).toContainText('【已隐去】');
	await expect(page.locator('table tr', { hasText: '手工隐去' }).first()).toContainText(phrase);

	// Keeping the name in the text is possible, and the leak check says so at once.
	const nameRow = page
		.locator('tbody tr')
		.filter({ has: page.locator('td.orig', { hasText: new RegExp(`^${name}$`) }) });
	await nameRow.getByRole('button', { name: '不隐去' }).click();
	await expect(page.getByTestId('leaks')).toContainText(name);
	await page.locator('.settings li', { hasText: name }).getByRole('button', { name: '撤销' }).click();
	await expect(page.getByTestId('no-leaks')).toBeVisible();
});

test('experts get 403 on the candidate pages and on attachment downloads; other ids are 404', async ({ page }) => {
	await loginAs(page, 'organizer');
	await openCandidate(page, 11);
	const candidateUrl = new URL(page.url()).pathname;
	await upload(page, 'portrait', { name: '证件照.png', mimeType: 'image/png', buffer: makePng(8, 10, [200, 40, 40]) });
	const href = (await page.getByRole('link', { name: '证件照.png' }).getAttribute('href'))!;
	expect((await page.request.get(href)).status()).toBe(200);
	expect((await page.goto(`${LIST}/k_no-such-candidate`))?.status()).toBe(404);
	expect((await page.goto(`${LIST}/k_no-such-candidate/dossier`))?.status()).toBe(404);

	await page.context().clearCookies();
	await loginAs(page, 'expert01');
	expect((await page.goto(LIST))?.status()).toBe(403);
	expect((await page.goto(candidateUrl))?.status()).toBe(403);
	expect((await page.goto(`${candidateUrl}/dossier`))?.status()).toBe(403);
	const res = await page.request.get(href);
	expect(res.status()).toBe(403);
	expect(res.headers()['content-type']).not.toBe('image/png');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the filters and the 推荐表 form with its spare 学习工作经历 rows still work', async ({ page }) => {
		// A plain form post (loginAs waits for hydration, which never comes here).
		await page.goto('/login');
		await page.getByLabel('用户名').fill('organizer');
		await page.getByLabel('密码').fill(PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).not.toHaveURL(/\/login/);
		await page.goto(LIST);
		await page.getByLabel('基层一线', { exact: true }).selectOption('是');
		await page.getByRole('button', { name: '筛选' }).click();
		await expect(page).toHaveURL(/grassroots=%E6%98%AF/);
		await expect(page.getByTestId('candidate-counts')).toContainText('筛选后');

		await page.goto(`${LIST}/13`);
		const url = page.url();
		expect(url).toMatch(/\/candidates\/k_/);
		await expect(page.getByRole('button', { name: '添加一行' })).toHaveCount(0);
		await page.getByLabel('新增第 1 行起止年月').fill('2023.03-至今');
		await page.getByLabel('新增第 1 行单位').fill('桂北科普工作站');
		await page.getByLabel('新增第 1 行工作或职务').fill('站长');
		await page.getByRole('button', { name: '保存修改' }).last().click();
		await expect(page.getByRole('status').filter({ hasText: '已保存' }).first()).toBeVisible();
		await page.goto(url);
		await expect(page.locator('input[name="careerUnit"][value="桂北科普工作站"]')).toHaveCount(1);
	});
});
