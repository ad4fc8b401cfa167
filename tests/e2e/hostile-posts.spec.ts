// Hostile form posts over HTTP, on a campaign of this spec's own (accounts hostile-posts-*): huge fields,
// no or a foreign Origin, malformed multipart bodies, body sizes per kind of visitor. Never a 5xx.
import { test, expect } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { PASSWORD, loginAs } from './helpers';
import { attachments, candidates, loginThrottle } from '../../src/lib/server/db/schema';
import {
	C,
	channel,
	origin,
	MB,
	HEADER,
	csvFile,
	bigNominationFile,
	countRows,
	candidateCount,
	browserLike,
	expect4xx,
	useHostileWorld
} from './hostile-world';

const P = 'hostile-posts';
const ORGANIZER = `${P}-organizer`;
useHostileWorld(P);

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
