import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth';
import { sessionCookieOptions } from '$lib/server/cookies';
import { ensureDemo } from '$lib/server/services/demo';

export const init: ServerInit = async () => {
	const db = await getDb();
	if (process.env.LAUREL_NO_DEMO !== '1') {
		const created = await ensureDemo(db, { onlyIfEmpty: true });
		if (created?.created) console.log('已创建演示活动：', created.campaign);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const db = await getDb();
		const result = await validateSessionToken(db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	// Pages show personal data: never cache them in shared caches.
	if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};
