// A new campaign from last year's (issue 12): the office picks one of its campaigns and gives the
// year's name and dates; settings, channels, rubric, panels and roster come along.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { campaignsOfUser, configOf, getCampaign } from '$lib/server/services/campaigns';
import { copyCampaign, previousDates } from '$lib/server/services/campaign-copy';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!user.canCreateCampaigns) error(403, { message: '只有活动办公室工作人员可以新建活动' });
	const db = await getDb();
	const mine = (await campaignsOfUser(db, user.id)).filter((c) => c.role === 'organizer');
	const fromId = event.url.searchParams.get('from') ?? '';
	const from = mine.find((c) => c.id === fromId);
	const row = from ? await getCampaign(db, from.id) : null;
	return {
		sources: mine.map((c) => ({ id: c.id, name: c.name })),
		from: row ? { id: row.id, name: row.name, ...previousDates(configOf(row)) } : null
	};
};

import { parseForm } from '$lib/schemas/form';
import { copyCampaignForm } from '$lib/schemas/account';

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		if (!user.canCreateCampaigns) error(403, { message: '只有活动办公室工作人员可以新建活动' });
		const form = parseForm(copyCampaignForm, await event.request.formData());
		if (!form.ok) return fail(400, { values: null, message: form.message });
		const values = form.value;
		const db = await getDb();
		// only a campaign the user organizes can be copied (its roster and settings are the office's)
		const mine = (await campaignsOfUser(db, user.id)).filter((c) => c.role === 'organizer');
		if (!mine.some((c) => c.id === values.from))
			return fail(400, { values, message: '请选择一个您担任活动办公室的往年活动' });
		const r = await copyCampaign(db, actorOf(user), values.from, values);
		if (!r.ok) return fail(400, { values, message: r.message });
		redirect(303, `/c/${r.id}/overview`);
	}
};
