import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { createExpertWithInvitation, listExperts, reinviteExpert } from '$lib/server/services/experts';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const rows = await listExperts(await getDb(), campaign.id);
	return {
		fields: configOf(campaign).fields,
		experts: rows.map((r) => ({
			id: r.e.id,
			name: r.e.name,
			unit: r.e.unit,
			title: r.e.title,
			fields: r.e.fields,
			username: r.username,
			active: Boolean(r.hasPassword)
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '').trim();
		const unit = String(form.get('unit') ?? '').trim();
		const username = String(form.get('username') ?? '').trim();
		const title = String(form.get('title') ?? '').trim();
		const fields = form.getAll('fields').map(String);
		const values = { name, unit, username, title, fields };
		if (!name) return fail(400, { values, message: '请填写专家姓名' });
		if (!unit) return fail(400, { values, message: '请填写专家的工作单位' });
		if (username && !/^[A-Za-z0-9_.-]{3,32}$/.test(username))
			return fail(400, { values, message: `用户名“${username}”无效：只能使用 3–32 位字母、数字、点、下划线或连字符` });
		const allowed = new Set(configOf(campaign).fields);
		const bad = fields.find((f) => !allowed.has(f));
		if (bad) return fail(400, { values, message: `领域“${bad}”不属于本活动` });
		if (fields.length === 0) return fail(400, { values, message: '请至少选择一个可评审的领域' });
		const result = await createExpertWithInvitation(await getDb(), actor, campaign.id, {
			name,
			unit,
			username: username || undefined,
			title: title || undefined,
			fields
		});
		return { invited: { name, username: result.username, link: `${event.url.origin}/invite/${result.token}` } };
	},
	reinvite: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = await event.request.formData();
		const expertId = String(form.get('expertId') ?? '');
		const inv = await reinviteExpert(await getDb(), actor, campaign.id, expertId);
		if (!inv) return fail(404, { message: '没有找到该专家' });
		return { invited: { name: '', username: '', link: `${event.url.origin}/invite/${inv.token}` } };
	}
};
