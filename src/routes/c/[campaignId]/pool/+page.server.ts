import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { importPoolCsv, listPool } from '$lib/server/services/pool';

const MAX_BYTES = 5 * 1024 * 1024;

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
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: '请选择专家库 CSV 文件', errors: [] });
		if (file.size > MAX_BYTES) return fail(400, { message: '文件超过 5 MB', errors: [] });
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
