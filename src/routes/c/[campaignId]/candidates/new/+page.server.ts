import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { importedChannels } from '$lib/server/services/candidate-list';
import { createCandidate, formContext, formOptions } from '$lib/server/services/candidate-edit';
import { emptyValues } from '$lib/components/candidates/candidate-form';
import { parseCandidateForm, valuesFromForm } from '$lib/schemas/candidate';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const imported = await importedChannels(await getDb(), campaign);
	return { values: emptyValues(), options: formOptions(configOf(campaign), imported) };
};

export const actions: Actions = {
	default: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const db = await getDb();
		const config = configOf(campaign);
		const values = valuesFromForm(await event.request.formData());
		const parsed = parseCandidateForm(values, formContext(config, await importedChannels(db, campaign)));
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const r = await createCandidate(db, actor, campaign.id, parsed.record);
		if (!r.ok && r.code === 'LOCKED') return fail(423, { values, errors: {}, message: r.message });
		if (!r.ok) return fail(400, { values, errors: { name: r.message } });
		redirect(303, `/c/${campaign.id}/candidates/${r.id}?created=1`);
	}
};
