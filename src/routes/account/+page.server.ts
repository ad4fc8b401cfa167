import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { changePassword } from '$lib/server/services/accounts';
import { SESSION_COOKIE } from '$lib/server/auth';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { username: user.username, displayName: user.displayName };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirm') ?? '')) return fail(400, { message: '两次输入的新密码不一致' });
		const result = await changePassword(await getDb(), user.id, current, next);
		if (!result.ok) return fail(400, { message: result.message });
		// All sessions of the account were ended; sign in again with the new password.
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?changed=1');
	}
};
