import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { BAD_JSON, saveDraft } from '$lib/server/services/draft-save';

// The desk's autosave: a draft as JSON, answered as JSON (services/draft-save.ts). Posts without
// JavaScript keep the form action ?/save; submitting stays the action ?/submit.
export const POST: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) return json({ message: '登录已过期，请重新登录后再保存（已填写的内容仍保留在本机）' }, { status: 401 });
	// Only a JSON body: a cross-site page cannot send one without the browser asking first.
	const isJson = /^application\/json\b/i.test(event.request.headers.get('content-type') ?? '');
	const body: unknown = isJson ? await event.request.json().catch(() => BAD_JSON) : BAD_JSON;
	const r = await saveDraft(
		await getDb(),
		{ userId: user.id, actor: actorOf(user) },
		{ campaignId: event.params.campaignId, code: event.params.code },
		body
	);
	return json(r.body, { status: r.status });
};
