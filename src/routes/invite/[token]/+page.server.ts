import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { acceptInvitation, inspectInvitation } from '$lib/server/services/accounts';
import { parseForm } from '$lib/schemas/form';
import { invitationForm } from '$lib/schemas/account';

export const load: PageServerLoad = async ({ params }) => {
	const state = await inspectInvitation(await getDb(), params.token);
	if (!state.ok) return { valid: false as const, message: state.message };
	return { valid: true as const, username: state.username, displayName: state.displayName };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const form = parseForm(invitationForm, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { password } = form.value;
		const db = await getDb();
		// The username before the link dies, so that the login page can prefill it.
		const state = await inspectInvitation(db, params.token);
		const result = await acceptInvitation(db, params.token, password);
		if (!result.ok) return fail(400, { message: result.message });
		redirect(303, `/login?invited=1${state.ok ? `&username=${encodeURIComponent(state.username)}` : ''}`);
	}
};
