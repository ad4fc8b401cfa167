import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { createCampaign } from '$lib/server/services/campaigns';
import { PRESETS, PRESET_IDS } from '$lib/domain/notice/presets';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!user.canCreateCampaigns) error(403, { message: '只有活动办公室工作人员可以新建活动' });
	return {
		presets: PRESET_IDS.map((id) => {
			const p = PRESETS[id];
			return {
				id,
				name: p.name,
				document: p.document,
				region: p.region,
				level: p.level,
				channels: p.channels.length,
				youth: p.youthShareMin,
				tiers: p.tiers.map((t) => `${t.name} ${t.size} 名`).join('，')
			};
		})
	};
};

import { parseForm } from '$lib/schemas/form';
import { newCampaignForm } from '$lib/schemas/account';

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		if (!user.canCreateCampaigns) error(403, { message: '只有活动办公室工作人员可以新建活动' });
		const data = await event.request.formData();
		const form = parseForm(newCampaignForm, data);
		if (!form.ok) return fail(400, { name: String(data.get('name') ?? '').trim(), message: form.message });
		const { preset: presetId, name } = form.value;
		const r = await createCampaign(await getDb(), actorOf(user), { presetId, name });
		if (!r.ok) return fail(400, { name, message: r.message });
		redirect(303, `/c/${r.id}/overview`);
	}
};
