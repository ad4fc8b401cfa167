import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { importPoolCsv, listPool } from '$lib/server/services/pool';
import { parseForm } from '$lib/schemas/form';
import { poolFileForm } from '$lib/schemas/files';

export const load: PageServerLoad = async (event) => {
	await requireRole(event, event.params.campaignId, 'organizer');
	const rows = await listPool(await getDb());
	return {
		pool: rows.map((r) => ({
			id: r.id,
			name: r.name,
			unit: r.unit,
			fields: r.fields,
			title: r.title,
			formerUnits: r.formerUnits,
			region: r.region
		}))
	};
};

export const actions: Actions = {
	import: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(poolFileForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: [] });
		const { file } = form.value;
		const r = await importPoolCsv(
			await getDb(),
			actor,
			campaign.id,
			new Uint8Array(await file.arrayBuffer()),
			configOf(campaign).fields
		);
		if (!r.ok) return fail(400, { message: r.message, errors: r.errors });
		return { imported: { added: r.added, updated: r.updated } };
	}
};
