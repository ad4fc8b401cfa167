import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { login } from '$lib/server/services/accounts';
import { SESSION_COOKIE } from '$lib/server/auth';
import { sessionCookieOptions } from '$lib/server/auth/cookies';

/**
 * Only same-site paths are followed after login (no open redirect). Browsers read `/\evil.com` as
 * `//evil.com` and drop tabs and newlines, so backslashes and control characters are refused too.
 */
function safeNext(next: string | null): string {
	// eslint-disable-next-line no-control-regex -- a next= with control characters is refused
	return next && next.startsWith('/') && !next.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(next) ? next : '/';
}

/** 请 N 秒后再试, with minutes beside long waits so nobody has to divide by 60. */
function throttledMessage(seconds: number): string {
	const minutes = seconds >= 120 ? `（约 ${Math.round(seconds / 60)} 分钟）` : '';
	return `登录失败次数过多，请 ${seconds} 秒${minutes}后再试`;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	// After an invitation: "密码已设置" and the username prefilled (only a well-formed one is echoed).
	const username = url.searchParams.get('username') ?? '';
	return {
		invited: url.searchParams.get('invited') === '1',
		username: /^[a-z0-9._-]{3,32}$/i.test(username) ? username : ''
	};
};

import { parseForm } from '$lib/schemas/form';
import { loginForm } from '$lib/schemas/account';

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const form = parseForm(loginForm, data);
		if (!form.ok) return fail(400, { username: String(data.get('username') ?? '').trim(), message: form.message });
		const { username, password } = form.value;
		const db = await getDb();
		const result = await login(db, username, password, event.getClientAddress());
		if (!result.ok) {
			if (result.reason === 'throttled')
				return fail(429, { username, message: throttledMessage(result.retryAfterSeconds) });
			// Never say which of the two was wrong.
			return fail(400, { username, message: '用户名或密码不正确' });
		}
		event.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(event.url, result.expiresAt));
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
