// Request bodies by who sends them and where: a stranger (login, invitation) may post 64 KB, a
// signed-in user's forms 512 KB, and only the import and upload actions of a campaign's office
// reach the global BODY_SIZE_LIMIT that adapter-node enforces (32 MB by `npm start`). So nobody
// can make the server parse megabytes before they have even signed in.
import type { RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { getDb } from './db';
import { memberships } from './db/schema';

const KB = 1024;
const BODY_LIMITS = { anonymous: 64 * KB, signedIn: 512 * KB };

/** Routes and actions that take files; large only for the campaign's organizer. */
const LARGE_ACTIONS: Record<string, string[]> = {
	'/c/[campaignId]/import': ['preview'],
	'/c/[campaignId]/experts': ['import'],
	'/c/[campaignId]/candidates/[candidateId]': ['upload']
};

function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/** The largest body this request may carry (Infinity: only the global limit applies). */
export async function bodyLimit(event: RequestEvent): Promise<number> {
	const user = event.locals.user;
	if (!user) return BODY_LIMITS.anonymous;
	const actions = event.route.id ? LARGE_ACTIONS[event.route.id] : undefined;
	const campaignId = event.params.campaignId;
	if (actions?.includes(actionName(event.url)) && campaignId) {
		const db = await getDb();
		const role = await db
			.select({ role: memberships.role })
			.from(memberships)
			.where(
				and(eq(memberships.campaignId, campaignId), eq(memberships.userId, user.id), eq(memberships.role, 'organizer'))
			)
			.limit(1);
		if (role.length) return Infinity;
	}
	return BODY_LIMITS.signedIn;
}

function tooLarge(event: RequestEvent, limit: number): Response {
	return refuse(
		event,
		413,
		`提交的内容过大（超过 ${Math.round(limit / KB)} KB），未处理。请缩短内容后重试；导入和上传文件请由活动办公室在相应页面进行`
	);
}

function refuse(event: RequestEvent, status: number, message: string): Response {
	const wantsJson =
		event.request.headers.get('x-sveltekit-action') === 'true' ||
		(event.request.headers.get('accept') ?? '').includes('application/json');
	if (wantsJson)
		return new Response(JSON.stringify({ type: 'error', status, error: { message } }), {
			status,
			headers: { 'content-type': 'application/json; charset=utf-8' }
		});
	const page = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>未能处理</title><h1>未能处理</h1><p role="alert">${message}</p></html>`;
	return new Response(page, {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" }
	});
}

/**
 * Reads the rest of a refused body without keeping or parsing it (adapter-node stops at the
 * global BODY_SIZE_LIMIT), so that the client gets the answer instead of a reset connection and
 * its keep-alive connection can carry the next request. A body that breaks off or exceeds even
 * the global limit ends the connection after the answer.
 */
async function refuseAfterDrain(reader: ReadableStreamDefaultReader<Uint8Array>, answer: Response): Promise<Response> {
	try {
		for (;;) {
			if ((await reader.read()).done) return answer;
		}
	} catch {
		// the body broke off or exceeded the global limit: the connection ends anyway
	}
	answer.headers.set('connection', 'close');
	return answer;
}

/**
 * Refuses a body over `limit` with 413 before any action reads it. A declared length is checked
 * as it stands (Node's parser never delivers more than it); a body without one (chunked) is read
 * here up to the limit and counted, then handed on as a fresh request.
 */
export async function enforceBodyLimit(event: RequestEvent, limit: number): Promise<Response | null> {
	const request = event.request;
	if (!Number.isFinite(limit) || request.body === null || request.method === 'GET' || request.method === 'HEAD')
		return null;
	const declared = request.headers.get('content-length');
	if (declared !== null && /^\d+$/.test(declared.trim())) {
		if (Number(declared) <= limit) return null;
		return refuseAfterDrain(request.body.getReader(), tooLarge(event, limit));
	}
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) return refuseAfterDrain(reader, tooLarge(event, limit));
			chunks.push(value);
		}
	} catch {
		return refuse(event, 400, '提交的内容不完整，未保存任何内容。请刷新页面后重新提交');
	}
	const body = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		body.set(c, at);
		at += c.byteLength;
	}
	const headers = new Headers(request.headers);
	headers.delete('transfer-encoding');
	headers.set('content-length', String(body.byteLength));
	event.request = new Request(request.url, { method: request.method, headers, body, signal: request.signal });
	return null;
}
