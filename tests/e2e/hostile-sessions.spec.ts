// Hostile requests over HTTP, on a campaign of this spec's own (accounts hostile-sessions-*): security
// headers, login throttling and the end of sessions. Never a 5xx; never a dialog.
import { test, expect, request as playwrightRequest, type APIResponse } from '@playwright/test';
import { like, or } from 'drizzle-orm';
import { e2eDb } from './fixtures';
import { PASSWORD, loginAs, logout } from './helpers';
import { loginThrottle } from '../../src/lib/server/db/schema';
import { C, browserLike, noteDialog, useHostileWorld } from './hostile-world';

const P = 'hostile-sessions';
const ORGANIZER = `${P}-organizer`;
useHostileWorld(P);

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
		noteDialog(dialog.message());
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
