// Hostile uploads over HTTP, on a campaign of this spec's own (accounts hostile-*): files that are not
// what they claim, oversized files, markup that must come back as text. Never a 5xx; never a dialog.
// Form posts and body sizes: hostile-posts.spec.ts; headers, throttling, sessions: hostile-sessions.spec.ts.
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { loginAs } from './helpers';
import { attachments, candidates } from '../../src/lib/server/db/schema';
import {
	C,
	channel,
	SCRIPT,
	IMG,
	MB,
	HEADER,
	csvFile,
	noise,
	bigNominationFile,
	jpeg,
	PDF,
	countRows,
	candidateCount,
	browserLike,
	uploadNominations,
	useHostileWorld
} from './hostile-world';

const P = 'hostile';
const ORGANIZER = `${P}-organizer`;
useHostileWorld(P);

// ---------------------------------------------------------------- the import page

test('import page: a binary file, a 20 MB file, a PNG and markup in 姓名', async ({ page }) => {
	test.setTimeout(180_000);
	await loginAs(page, ORGANIZER);
	const before = await candidateCount();
	await page.goto(`/c/${C}/import`);
	await page.locator('body[data-hydrated]').waitFor();
	const rejected = page.getByTestId('import-rejected');

	// 1. Random binary: one clear message, nothing written.
	await uploadNominations(page, { name: '汇总表.csv', mimeType: 'text/csv', buffer: noise(32 * 1024) });
	await expect(rejected).toContainText('文件未导入，请修改后重新上传');
	await expect(rejected).toContainText('二进制内容，不是 CSV 文本文件');
	await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);

	// 2. A photo renamed .csv.
	await uploadNominations(page, {
		name: 'photo.csv',
		mimeType: 'text/csv',
		buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(2048)])
	});
	await expect(rejected).toContainText('PNG 图片');

	// 3. 20 MB of rows: over the row limit, refused with the limit named.
	await uploadNominations(page, { name: '全省汇总.csv', mimeType: 'text/csv', buffer: bigNominationFile(20) });
	await expect(rejected).toContainText(/文件有 \d+ 行，超过单次导入上限 20000 行，请分批导入/, { timeout: 60_000 });

	// 4. Markup in 姓名 and the other text: previewed as text, imported as text.
	const file = csvFile([HEADER, [SCRIPT, '女', '1981.06', IMG, '前沿', channel, `${IMG}${SCRIPT}事迹`]]);
	await uploadNominations(page, { name: `${SCRIPT}.csv`, mimeType: 'text/csv', buffer: file });
	const preview = page.getByTestId('import-preview');
	await expect(preview).toContainText(`文件检查通过：${SCRIPT}.csv`);
	const sample = page.locator('table.sample');
	await expect(sample).toContainText(SCRIPT);
	await expect(sample).toContainText(IMG);
	await expect(page.locator('main script, main img[onerror]')).toHaveCount(0);
	expect(await candidateCount()).toBe(before);
	await page.getByRole('button', { name: /确认导入 1 名/ }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${C}/check`));
	expect(await candidateCount()).toBe(before + 1);

	// The candidate pages and the dossier preview show it literally as well.
	const db = await e2eDb();
	const cand = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, C), eq(candidates.name, SCRIPT)))
	)[0];
	expect(cand).toBeDefined();
	await page.goto(`/c/${C}/candidates`);
	await expect(page.locator('td.name a', { hasText: SCRIPT })).toHaveCount(1);
	await page.goto(`/c/${C}/candidates/${cand.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCRIPT);
	await expect(page.locator('input[name="unitAndTitle"], textarea[name="unitAndTitle"]').first()).toHaveValue(IMG);
	await page.goto(`/c/${C}/candidates/${cand.id}/dossier`);
	await expect(page.getByTestId('original-deeds')).toContainText(`${IMG}${SCRIPT}事迹`);
	await expect(page.locator('main script, main img[onerror]')).toHaveCount(0);
	expect(await page.title()).toContain(SCRIPT);
});

test('import and expert actions answer hostile uploads with 4xx over plain HTTP', async ({ page }) => {
	test.setTimeout(120_000);
	await loginAs(page, ORGANIZER);
	const before = await candidateCount();
	const post = (path: string, multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>) =>
		page.request.post(path, { multipart, headers: browserLike(), maxRedirects: 0 });

	const binary = await post(`/c/${C}/import?/preview`, {
		file: { name: 'x.csv', mimeType: 'text/csv', buffer: noise(4096) }
	});
	expect(binary.status()).toBe(400);
	expect(await binary.text()).toContain('二进制内容');

	const big = await post(`/c/${C}/import?/preview`, {
		file: { name: 'big.csv', mimeType: 'text/csv', buffer: bigNominationFile(20) }
	});
	expect(big.status()).toBe(400);
	expect(await big.text()).toMatch(/超过单次导入上限 20000 行/);

	const markup = await post(`/c/${C}/import?/preview`, {
		file: {
			name: 'ok.csv',
			mimeType: 'text/csv',
			buffer: csvFile([HEADER, [IMG, '男', '1975.01', SCRIPT, '前沿', channel, SCRIPT]])
		}
	});
	expect(markup.status()).toBe(200);
	const html = await markup.text();
	expect(html).not.toContain(SCRIPT);
	expect(html).not.toContain(IMG);
	expect(html).toContain('&lt;script>alert(1)&lt;/script>');

	const roster = await post(`/c/${C}/experts?/import`, {
		file: { name: 'roster.csv', mimeType: 'text/csv', buffer: noise(2048, 9) }
	});
	expect(roster.status()).toBe(400);
	expect(await roster.text()).toContain('二进制内容');
	const rosterBig = await post(`/c/${C}/experts?/import`, {
		file: { name: 'roster.csv', mimeType: 'text/csv', buffer: bigNominationFile(3) }
	});
	expect(rosterBig.status()).toBe(400);
	expect(await rosterBig.text()).toContain('超过上限 2 MB');

	expect(await candidateCount()).toBe(before);
});

// ---------------------------------------------------------------- attachments

test('attachments: a PDF named .jpg and a 6 MB JPEG are refused, nothing stored', async ({ page }) => {
	test.setTimeout(120_000);
	await loginAs(page, ORGANIZER);
	const db = await e2eDb();
	const cand = (
		await db.select().from(candidates).where(eq(candidates.campaignId, C)).orderBy(candidates.seq).limit(1)
	)[0];
	const stored = () => countRows(attachments, eq(attachments.candidateId, cand.id));
	const before = await stored();
	await page.goto(`/c/${C}/candidates/${cand.id}`);
	await page.locator('body[data-hydrated]').waitFor();

	await page.getByLabel('类别', { exact: true }).selectOption('portrait');
	await page.getByLabel('选择文件').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: PDF });
	await page.getByRole('button', { name: '上传', exact: true }).click();
	await expect(page.getByTestId('upload-errors')).toContainText('文件“photo.jpg”的扩展名是 .jpg，但实际内容是PDF 文档');

	// In the browser the size is checked before sending …
	await page.getByLabel('选择文件').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: jpeg(6 * MB) });
	await page.getByRole('button', { name: '上传', exact: true }).click();
	await expect(page.getByTestId('upload-local-error')).toContainText('超过每个文件 5 MB 的上限');

	// … and the server refuses it too when a script sends it anyway.
	const base = `/c/${C}/candidates/${cand.id}`;
	const res = await page.request.post(`${base}?/upload`, {
		headers: browserLike(),
		multipart: { kind: 'portrait', file: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: jpeg(6 * MB) } }
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('超过每个文件 5 MB 的上限');
	const pdf = await page.request.post(`${base}?/upload`, {
		headers: browserLike(),
		multipart: { kind: 'portrait', file: { name: `${SCRIPT}.jpg`, mimeType: 'image/jpeg', buffer: PDF } }
	});
	expect(pdf.status()).toBe(400);
	const text = await pdf.text();
	expect(text).toContain('实际内容是PDF 文档');
	expect(text).not.toContain(SCRIPT);
	const kind = await page.request.post(`${base}?/upload`, {
		headers: browserLike(),
		multipart: { kind: SCRIPT, file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: jpeg(1024) } }
	});
	expect(kind.status()).toBe(400);
	expect(await kind.text()).not.toContain(SCRIPT);

	expect(await stored()).toBe(before);
});
