// Hostile files and requests over HTTP, on a campaign of this spec's own (accounts hostile-*):
// uploads that are not what they claim, oversized files and fields, markup that must come back
// as text, form posts without a same-site Origin or with broken multipart bodies, the security
// headers, login throttling and the end of sessions. Never a 5xx; never a dialog.
import { test, expect, request as playwrightRequest, type Page, type APIResponse } from '@playwright/test';
import Papa from 'papaparse';
import { request as httpRequest } from 'node:http';
import { and, eq, like, or, sql } from 'drizzle-orm';
import { seedReviewCampaign, e2eDb } from './fixtures';
import { PASSWORD, loginAs, logout } from './helpers';
import { attachments, campaigns, candidates, loginThrottle } from '../../src/lib/server/db/schema';
import type { CampaignConfig } from '../../src/lib/domain/types';

const P = 'hostile';
const ORGANIZER = `${P}-organizer`;
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const MB = 1024 * 1024;

let C = '';
let channel = '';
let origin = '';

test.beforeAll(async () => {
	C = await seedReviewCampaign(P);
	const db = await e2eDb();
	const row = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
	channel = (row.config as CampaignConfig).channels[0].name;
});

/** Messages of every alert()/confirm() a page opened: markup that got through escaping would fire one. */
let dialogs: string[] = [];

test.beforeEach(async ({ page, baseURL }) => {
	origin = new URL(baseURL!).origin;
	dialogs = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
});

test.afterEach(() => {
	expect(dialogs, 'a dialog fired: some markup was not escaped').toEqual([]);
});

// ---------------------------------------------------------------- helpers

const HEADER = ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐领域', '推荐单位', '主要事迹'];
const csvFile = (table: string[][]) => Buffer.from(Papa.unparse(table, { newline: '\r\n' }), 'utf8');

function noise(n: number, seed = 5): Buffer {
	const out = Buffer.alloc(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

/** About `mb` megabytes of plausible nomination rows: far over the row limit, under the byte limit. */
function bigNominationFile(mb: number): Buffer {
	const lines = [HEADER.join(',')];
	let size = 0;
	for (let i = 0; size < mb * MB; i++) {
		const line = [`候选人${i}`, i % 2 ? '女' : '男', '1980.05', '某大学 教授', '前沿', channel, '事迹'].join(',');
		lines.push(line);
		size += Buffer.byteLength(line) + 2;
	}
	return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** A small JPEG header padded to `size` bytes (the type is decided by the first bytes). */
function jpeg(size: number): Buffer {
	const b = Buffer.alloc(size, 0x20);
	b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
	b.set([0xff, 0xd9], size - 2);
	return b;
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

async function countRows(
	table: typeof candidates | typeof attachments,
	where?: ReturnType<typeof eq>
): Promise<number> {
	const db = await e2eDb();
	const q = db.select({ n: sql<number>`count(*)` }).from(table);
	return Number((await (where ? q.where(where) : q))[0].n);
}

async function candidateCount(): Promise<number> {
	return countRows(candidates, eq(candidates.campaignId, C));
}

/**
 * The headers a browser sends with a plain (not script-enhanced) form post. Without `accept:
 * text/html` SvelteKit answers form actions with JSON and HTTP 200, the failure status inside.
 */
const browserLike = () => ({ origin, accept: 'text/html' });

/** Never a server error; the status is a 4xx. */
function expect4xx(res: APIResponse, label: string): void {
	expect(res.status(), label).toBeGreaterThanOrEqual(400);
	expect(res.status(), label).toBeLessThan(500);
}

async function uploadNominations(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.getByRole('button', { name: '上传并检查' }).click();
}

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

// ---------------------------------------------------------------- form posts

test('form actions: a huge field, no or a foreign Origin, malformed multipart → 4xx, never 5xx', async ({
	page,
	request
}) => {
	test.setTimeout(180_000);
	await loginAs(page, ORGANIZER);
	const db = await e2eDb();
	const cand = (
		await db.select().from(candidates).where(eq(candidates.campaignId, C)).orderBy(candidates.seq).limit(1)
	)[0];
	const before = await candidateCount();

	// A 10 MB user name: refused before it is read (strangers post at most 64 KB); a 60 KB one is
	// refused like any wrong login and the throttle key stays small.
	const huge = await request.post('/login', {
		form: { username: 'u'.repeat(10 * MB), password: 'x' },
		headers: browserLike(),
		maxRedirects: 0
	});
	expect(huge.status()).toBe(413);
	expect(await huge.text()).toContain('提交的内容过大');
	const long = await request.post('/login', {
		form: { username: 'u'.repeat(60 * 1024), password: 'x' },
		headers: browserLike(),
		maxRedirects: 0
	});
	expect(long.status()).toBe(400);
	expect(await long.text()).toContain('用户名或密码不正确');
	const longest = await db.select({ n: sql<number>`max(length(${loginThrottle.key}))` }).from(loginThrottle);
	expect(Number(longest[0].n)).toBeLessThan(200);

	// A body over BODY_SIZE_LIMIT (32 MB): 413.
	const tooBig = await page.request
		.post(`/c/${C}/import?/preview`, {
			multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.alloc(33 * MB, 0x41) } },
			headers: browserLike()
		})
		.catch((e: Error) => e);
	if (!(tooBig instanceof Error)) {
		expect4xx(tooBig, 'over the body size limit');
		expect([400, 413]).toContain(tooBig.status());
	}

	// A 5 MB 姓名 in the candidate form: not a file action, so over the 512 KB of signed-in forms;
	// a 300 KB one is read and refused as too long.
	const field = await page.request.post(`/c/${C}/candidates/${cand.id}?/save`, {
		form: { name: 'x'.repeat(5 * MB) },
		headers: browserLike()
	});
	expect(field.status()).toBe(413);
	const longField = await page.request.post(`/c/${C}/candidates/${cand.id}?/save`, {
		form: { name: 'x'.repeat(300 * 1024) },
		headers: browserLike()
	});
	expect(longField.status()).toBe(400);
	expect(await longField.text()).toContain('过长');

	// No Origin, or another site's: SvelteKit's CSRF check refuses form posts with 403.
	const foreign: Record<string, string>[] = [
		{ accept: 'text/html' },
		{ origin: 'http://evil.example', accept: 'text/html' },
		{ origin: 'null', accept: 'text/html' }
	];
	for (const headers of foreign) {
		const login = await request.post('/login', {
			form: { username: ORGANIZER, password: PASSWORD },
			headers,
			maxRedirects: 0
		});
		expect(login.status(), JSON.stringify(headers)).toBe(403);
		expect(login.headers()['set-cookie'] ?? '').not.toContain('laurel_session=');
		const upload = await page.request.post(`/c/${C}/import?/preview`, {
			multipart: {
				file: {
					name: 'x.csv',
					mimeType: 'text/csv',
					buffer: csvFile([HEADER, ['覃志刚', '男', '1980.05', '某大学', '前沿', channel, '']])
				}
			},
			headers
		});
		expect(upload.status(), JSON.stringify(headers)).toBe(403);
	}

	// Malformed multipart bodies: a 4xx with a message, whatever the action.
	const malformed: { path: string; contentType: string; body: string }[] = [];
	for (const path of [
		`/c/${C}/import?/preview`,
		`/c/${C}/experts?/import`,
		`/c/${C}/candidates/${cand.id}?/upload`,
		`/c/${C}/candidates/${cand.id}?/save`,
		'/login',
		'/account?/password'
	]) {
		malformed.push({
			path,
			contentType: 'multipart/form-data; boundary=XYZ',
			body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nunterminated'
		});
		malformed.push({ path, contentType: 'multipart/form-data', body: 'no boundary at all' });
		malformed.push({ path, contentType: 'multipart/form-data; boundary=XYZ', body: '\u0000\u0001garbage' });
	}
	for (const m of malformed) {
		const res = await page.request.post(m.path, {
			headers: { ...browserLike(), 'content-type': m.contentType },
			data: m.body,
			maxRedirects: 0
		});
		const label = `${m.path} ${m.contentType} ${JSON.stringify(m.body.slice(0, 20))}`;
		expect4xx(res, label);
		expect(await res.text(), label).toMatch(/表单数据不完整或格式不正确|没有收到文件/);
	}
	// The same through SvelteKit's JSON answer to enhanced forms: a failure (HTTP 200, its status
	// inside) or an error with a 4xx HTTP status, never 500.
	for (const path of [
		`/c/${C}/candidates/${cand.id}?/upload`,
		`/c/${C}/candidates/${cand.id}?/save`,
		'/account?/password'
	]) {
		const res = await page.request.post(path, {
			headers: {
				origin,
				'content-type': 'multipart/form-data; boundary=XYZ',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			data: '--XYZ\r\nbroken'
		});
		const answer = (await res.json()) as { type: string; status?: number; error?: { message: string } };
		const label = `${path} ${JSON.stringify(answer)}`;
		expect(res.status(), label).toBeLessThan(500);
		const status = answer.type === 'failure' ? answer.status! : res.status();
		expect(status, label).toBeGreaterThanOrEqual(400);
		expect(status, label).toBeLessThan(500);
		if (answer.type === 'error') expect(answer.error?.message, label).toMatch(/[\u4e00-\u9fff]/);
	}

	expect(await candidateCount()).toBe(before);
	expect(await countRows(attachments, eq(attachments.candidateId, cand.id))).toBe(0);
});

// ---------------------------------------------------------------- body sizes

/** A POST with a chunked body (no content-length), as a client that lies about nothing but says nothing. */
function chunkedPost(path: string, total: number): Promise<{ status: number; body: string }> {
	const url = new URL(path, origin);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				method: 'POST',
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin,
					accept: 'text/html',
					'transfer-encoding': 'chunked'
				}
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		const chunk = Buffer.from('username=x&password=' + 'p'.repeat(8 * 1024));
		for (let sent = 0; sent < total; sent += chunk.length) req.write(chunk);
		req.end();
	});
}

test('body sizes: strangers post at most 64 KB, signed-in forms 512 KB, files only for the office', async ({
	page,
	request,
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const KB = 1024;
	// 100 KB to the login form, as a plain form post and as an enhanced form's action request.
	const plain = await request.post('/login', {
		form: { username: 'x', password: 'p'.repeat(100 * KB) },
		headers: browserLike(),
		maxRedirects: 0
	});
	expect(plain.status()).toBe(413);
	expect(await plain.text()).toContain('提交的内容过大（超过 64 KB）');
	const enhanced = await request.post('/login', {
		form: { username: 'x', password: 'p'.repeat(100 * KB) },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(enhanced.status()).toBe(413);
	expect(((await enhanced.json()) as { error: { message: string } }).error.message).toContain('提交的内容过大');
	// Without a content-length the bytes are counted as they come.
	const chunked = await chunkedPost('/login', 100 * KB);
	expect(chunked.status).toBe(413);
	expect(chunked.body).toContain('提交的内容过大');
	const smallChunked = await chunkedPost('/login', 16 * KB);
	expect(smallChunked.status).toBe(400);
	expect(smallChunked.body).toContain('用户名或密码不正确');
	// The invitation form, even with a token that does not exist.
	const invite = await request.post('/invite/no-such-token', {
		form: { password: 'p'.repeat(100 * KB), confirm: 'x' },
		headers: browserLike(),
		maxRedirects: 0
	});
	expect(invite.status()).toBe(413);

	// An expert: 1 MB to the scoring desk, and to the office's import action, is refused.
	const ctx = await browser.newContext({ baseURL });
	try {
		const expert = await ctx.newPage();
		await loginAs(expert, `${P}-expert04`);
		const db = await e2eDb();
		const code = (await db.select().from(candidates).where(eq(candidates.campaignId, C)).limit(1))[0].reviewCode ?? 'x';
		const desk = await expert.request.post(`/c/${C}/dossiers/${encodeURIComponent(code)}?/save`, {
			form: { comment: 'x'.repeat(MB) },
			headers: browserLike()
		});
		expect(desk.status()).toBe(413);
		expect(await desk.text()).toContain('提交的内容过大（超过 512 KB）');
		const importAsExpert = await expert.request.post(`/c/${C}/import?/preview`, {
			multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.alloc(MB, 0x41) } },
			headers: browserLike()
		});
		expect(importAsExpert.status()).toBe(413);
	} finally {
		await ctx.close();
	}

	// The office may post a large file to its import action: read and checked, not refused for size.
	await loginAs(page, ORGANIZER);
	const big = await page.request.post(`/c/${C}/import?/preview`, {
		multipart: { file: { name: 'big.csv', mimeType: 'text/csv', buffer: bigNominationFile(2) } },
		headers: browserLike()
	});
	expect(big.status()).not.toBe(413);
	expect4xxOr2xx(big.status());
	// But not to its other forms.
	const settings = await page.request.post(`/c/${C}/candidates/${await firstCandidateId()}?/save`, {
		form: { name: 'x'.repeat(MB) },
		headers: browserLike()
	});
	expect(settings.status()).toBe(413);
});

function expect4xxOr2xx(status: number): void {
	expect(status).toBeLessThan(500);
}

async function firstCandidateId(): Promise<string> {
	const db = await e2eDb();
	return (await db.select().from(candidates).where(eq(candidates.campaignId, C)).orderBy(candidates.seq).limit(1))[0]
		.id;
}

// ---------------------------------------------------------------- headers

test('security headers on pages, downloads and errors', async ({ page, request }) => {
	const check = (res: APIResponse, label: string, html: boolean) => {
		const h = res.headers();
		expect(h['x-content-type-options'], label).toBe('nosniff');
		expect(h['referrer-policy'], label).toMatch(
			/^(same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer)$/
		);
		if (!html) return;
		const csp = h['content-security-policy'];
		expect(csp, label).toBeTruthy();
		const directives = new Map(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.map(([k, ...v]) => [k, v] as const)
		);
		expect(directives.get('script-src'), label).toBeDefined();
		expect(directives.get('script-src'), label).not.toContain("'unsafe-inline'");
		expect(directives.get('script-src'), label).not.toContain("'unsafe-eval'");
		expect(directives.get('frame-ancestors'), label).toEqual(["'none'"]);
		expect(directives.get('object-src'), label).toEqual(["'none'"]);
		expect(directives.get('base-uri'), label).toEqual(["'self'"]);
	};
	const login = await request.get('/login');
	expect(login.status()).toBe(200);
	check(login, '/login', true);

	await loginAs(page, ORGANIZER);
	for (const path of [`/c/${C}/overview`, `/c/${C}/import`, `/c/${C}/candidates`, `/c/${C}/experts`]) {
		const res = await page.request.get(path);
		expect(res.status(), path).toBe(200);
		check(res, path, true);
	}
	const missing = await page.request.get(`/c/${C}/candidates/no-such-candidate`);
	expect(missing.status()).toBe(404);
	check(missing, '404', true);
	const exported = await page.request.get(`/c/${C}/export/candidates`);
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-type']).toMatch(/^text\/csv/);
	check(exported, 'export', false);
	const navigation = await page.goto(`/c/${C}/overview`);
	check(navigation as unknown as APIResponse, 'navigation', true);
});

// ---------------------------------------------------------------- login throttling

async function resetThrottle(): Promise<void> {
	const db = await e2eDb();
	await db.delete(loginThrottle).where(or(like(loginThrottle.key, 'address:%'), like(loginThrottle.key, 'pair:%')));
}

test('login throttling: 40 parallel wrong passwords are evaluated at most 5 times, then even the right one waits', async ({
	baseURL
}) => {
	test.setTimeout(180_000);
	await resetThrottle();
	// Each attempt from a browser without cookies: a signed-in visitor would be redirected away from /login.
	const attempt = async (username: string, password: string) => {
		const ctx = await playwrightRequest.newContext({ baseURL });
		try {
			const r = await ctx.post('/login', { form: { username, password }, headers: browserLike(), maxRedirects: 0 });
			const body = await r.text();
			return { status: () => r.status(), headers: () => r.headers(), text: async () => body };
		} finally {
			await ctx.dispose();
		}
	};
	try {
		const t0 = Date.now();
		const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`${P}-chair`, `wrong-${i}`)));
		// The real password right after the burst: not accepted while the pair waits.
		const right = await attempt(`${P}-chair`, PASSWORD);
		const elapsed = Date.now() - t0;
		// 5 evaluated at once, one more after each wait (2 s, 4 s, 8 s …) that passed during a slow run.
		let allowed = 5;
		for (let wait = 2000, sum = 2000; sum < elapsed; wait *= 2, sum += wait) allowed++;
		const statuses = burst.map((r) => r.status());
		// Evaluated attempts answer 400 (wrong password); the others 429 without a look at the password.
		expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
		expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(5);
		expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(allowed);
		const refused = burst.find((r) => r.status() === 429)!;
		expect(await refused.text()).toMatch(/登录失败次数过多，请 \d+ 秒(（约 \d+ 分钟）)?后再试/);
		if (allowed === 5) {
			expect(right.status()).toBe(429);
			expect(right.headers()['set-cookie'] ?? '').not.toContain('laurel_session=');
		}

		// Another account from the same address still signs in.
		const other = await attempt(`${P}-expert02`, PASSWORD);
		expect(other.status()).toBe(303);
		expect(other.headers()['set-cookie']).toContain('laurel_session=');

		// After the wait one more attempt is evaluated: the right password gets in.
		await new Promise((r) => setTimeout(r, 2000 * 2 ** (allowed - 5) + 200));
		const after = await attempt(`${P}-chair`, PASSWORD);
		expect(after.status()).toBe(303);
		expect(after.headers()['set-cookie']).toContain('laurel_session=');
	} finally {
		await resetThrottle();
	}
});

// ---------------------------------------------------------------- sessions

function sessionCookie(setCookie: string | undefined): string {
	const m = /laurel_session=([^;]+)/.exec(setCookie ?? '');
	return m ? m[1] : '';
}

test('logout kills the session, not just the cookie', async ({ page, baseURL }) => {
	await loginAs(page, `${P}-chair`);
	const token = (await page.context().cookies()).find((c) => c.name === 'laurel_session')?.value;
	expect(token).toBeTruthy();
	await logout(page);
	expect((await page.context().cookies()).find((c) => c.name === 'laurel_session')).toBeUndefined();
	// The old token, replayed by someone who copied it, no longer opens anything.
	const replay = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { cookie: `laurel_session=${token}` }
	});
	try {
		const res = await replay.get(`/c/${C}/panel`, { maxRedirects: 0 });
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toMatch(/^\/login/);
		expect(sessionCookie(res.headers()['set-cookie'])).toBe('');
	} finally {
		await replay.dispose();
	}
});

test('a password change ends every session of the account, also in another browser', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const user = `${P}-expert05`;
	const other = await browser.newContext({ baseURL });
	const second = await other.newPage();
	second.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	try {
		await loginAs(page, user);
		await loginAs(second, user);
		await second.goto(`/c/${C}/tasks`);
		await expect(second).toHaveURL(new RegExp(`/c/${C}/tasks$`));
		const oldToken = (await page.context().cookies()).find((c) => c.name === 'laurel_session')?.value;

		await page.goto('/account');
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('当前密码').fill(PASSWORD);
		await page.getByLabel('新密码', { exact: true }).fill('hostile-new-pass-1');
		await page.getByLabel('再次输入新密码').fill('hostile-new-pass-1');
		await page.getByRole('button', { name: '修改密码' }).click();
		await expect(page).toHaveURL(/\/login/);

		// The other browser is signed out on its next request.
		await second.goto(`/c/${C}/tasks`);
		await expect(second).toHaveURL(/\/login/);
		// The old token is dead for good.
		const replay = await playwrightRequest.newContext({
			baseURL,
			extraHTTPHeaders: { cookie: `laurel_session=${oldToken}` }
		});
		const res = await replay.get(`/c/${C}/tasks`, { maxRedirects: 0 });
		expect(res.status()).toBe(303);
		await replay.dispose();
		// The new password works.
		await loginAs(second, user, 'hostile-new-pass-1');
		await expect(second).toHaveURL(new RegExp(`/c/${C}/tasks$`));
	} finally {
		await other.close();
	}
});
