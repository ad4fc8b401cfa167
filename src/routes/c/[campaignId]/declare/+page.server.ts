import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { expertOfUser } from '$lib/server/services/desk';
import { declareTies } from '$lib/server/services/conflicts';

const lines = (s: string) => s.split(/[\n；;]/).map((x) => x.trim()).filter(Boolean);

export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireRole(event, event.params.campaignId, 'expert');
	const expert = await expertOfUser(await getDb(), campaign.id, user.id);
	if (!expert) error(404, { message: '您不在本活动的专家名单中' });
	return {
		units: expert.declaredUnits ?? [],
		people: expert.declaredPeople ?? [],
		declaredAt: expert.declaredAt,
		unit: expert.unit,
		formerUnits: expert.formerUnits
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { campaign, user, actor } = await requireRole(event, event.params.campaignId, 'expert');
		const db = await getDb();
		const expert = await expertOfUser(db, campaign.id, user.id);
		if (!expert) error(404, { message: '您不在本活动的专家名单中' });
		const form = await event.request.formData();
		const units = lines(String(form.get('units') ?? ''));
		const people = lines(String(form.get('people') ?? ''));
		if (units.length > 100 || people.length > 100) return fail(400, { message: '每类最多申报 100 项' });
		const tooLong = [...units, ...people].find((x) => x.length > 100);
		if (tooLong) return fail(400, { message: `“${tooLong.slice(0, 20)}…”过长（每项最多 100 字）` });
		await declareTies(db, actor, campaign.id, expert.id, units, people);
		return { saved: true };
	}
};
