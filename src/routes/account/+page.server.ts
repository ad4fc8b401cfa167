import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { changePassword } from '$lib/server/services/accounts';
import { SESSION_COOKIE } from '$lib/server/auth';
import { parseForm } from '$lib/schemas/form';
import { passwordForm } from '$lib/schemas/account';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { username: user.username, displayName: user.displayName };
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser(event);
		const form = parseForm(passwordForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const result = await changePassword(await getDb(), user.id, form.value.current, form.value.next);
		if (!result.ok) return fail(400, { message: result.message });
		// All sessions of the account were ended; sign in again with the new password.
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?changed=1');
	}
};
