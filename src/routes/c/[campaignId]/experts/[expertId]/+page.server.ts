import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { expertTies, getExpert, reinviteExpert, updateExpert } from '$lib/server/services/experts';
import { panelNamesByExpert } from '$lib/server/services/panels';
import { valuesFromExpert } from '$lib/components/experts/expert-values';
import { readExpertForm, valuesFromForm } from '$lib/schemas/expert';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const row = await getExpert(db, campaign.id, event.params.expertId);
	if (!row) error(404, { message: '没有找到该专家' });
	return {
		fields: configOf(campaign).fields,
		expert: {
			id: row.e.id,
			name: row.e.name,
			username: row.username,
			active: Boolean(row.hasPassword),
			declared: row.e.declaredAt != null,
			panels: (await panelNamesByExpert(db, campaign.id)).get(row.e.id) ?? []
		},
		values: valuesFromExpert(row.e),
		ties: await expertTies(db, campaign.id, row.e.id)
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const values = valuesFromForm(await event.request.formData());
		const read = readExpertForm({ ...values, username: '' }, configOf(campaign).fields);
		if (!read.ok) return fail(400, { values, errors: read.errors, message: '请按提示修改后再保存' });
		const { expert } = read;
		const db = await getDb();
		const row = await getExpert(db, campaign.id, event.params.expertId);
		if (!row) error(404, { message: '没有找到该专家' });
		const r = await updateExpert(db, actor, campaign.id, row.e.id, expert);
		if (!r.ok) {
			if (r.status === 404) error(404, { message: r.message });
			return fail(r.status, { values, errors: {}, message: r.message });
		}
		return { saved: r.changed ? '已保存，回避关系已按新资料重新检测。' : '资料没有变化。' };
	},
	reinvite: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const db = await getDb();
		const row = await getExpert(db, campaign.id, event.params.expertId);
		if (!row) error(404, { message: '没有找到该专家' });
		const inv = await reinviteExpert(db, actor, campaign.id, row.e.id);
		if (!inv) return fail(404, { message: '该专家没有账户，无法生成链接' });
		return { link: `${event.url.origin}/invite/${inv.token}` };
	}
};
