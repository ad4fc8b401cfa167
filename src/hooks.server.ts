import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import { demoStage, ensureDemo } from '$lib/server/demo';
import { bodyLimit, enforceBodyLimit } from '$lib/server/body-limit';

const SERVER_TIMING = process.env.LAUREL_SERVER_TIMING === '1';

export const init: ServerInit = async () => {
	const db = await getDb();
	if (process.env.LAUREL_NO_DEMO !== '1') {
		const created = await ensureDemo(db, { onlyIfEmpty: true, stage: demoStage() });
		if (created?.created) console.log('已创建演示活动：', created.campaign);
	}
};

/**
 * A form body that cannot be parsed (broken multipart, a missing boundary) is the client's fault:
 * every action's `request.formData()` then answers 400 with a message instead of a 500. The
 * body-size limit keeps its 413 (the upload pages turn it into their own message).
 */
function guardFormData(request: Request): void {
	const parse = request.formData.bind(request);
	Object.defineProperty(request, 'formData', {
		configurable: true,
		value: async () => {
			try {
				return await parse();
			} catch (e) {
				const status = (e as { status?: unknown })?.status ?? (e as { cause?: { status?: unknown } })?.cause?.status;
				if (status === 413) error(413, { message: '上传内容超过服务器允许的大小，请分批上传' });
				error(400, { message: '表单数据不完整或格式不正确，未保存任何内容。请刷新页面后重新提交' });
			}
		}
	});
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const db = await getDb();
		const result = await validateSessionToken(db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			// The cookie carries the session's expiry: sent again only when that slid forward.
			if (result.extended)
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		const refused = await enforceBodyLimit(event, await bodyLimit(event));
		if (refused) return secure(refused);
	}
	if (event.request.method === 'POST') guardFormData(event.request);
	const response = await resolve(event);
	// Server time of the request, for the benchmarks only: in production it would tell a visitor
	// how much work a request caused (which dossier codes exist, which are blocked).
	if (SERVER_TIMING) response.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
	return secure(response);
};

function secure(response: Response): Response {
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	// Pages show personal data: never cache them in shared caches.
	if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
	return response;
}
