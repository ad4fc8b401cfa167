import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewer } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { expertOfUser } from '$lib/server/services/desk';
import { DECLARATION_ITEMS_PER_HOUR, declareTies } from '$lib/server/services/conflict-declarations';

const lines = (s: string) =>
	s
		.split(/[\n；;]/)
		.map((x) => x.trim())
		.filter(Boolean);

export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireReviewer(event, event.params.campaignId);
	const expert = await expertOfUser(await getDb(), campaign.id, user.id);
	if (!expert) error(404, { message: '您不在本活动的专家名单中' });
	return {
		units: expert.declaredUnits ?? [],
		people: expert.declaredPeople ?? [],
		declaredAt: expert.declaredAt,
		unit: expert.unit,
		formerUnits: expert.formerUnits,
		perHour: DECLARATION_ITEMS_PER_HOUR
	};
};

export const actions: Actions = {
	// Append-only: the form adds items; there is no action that withdraws one (the office does that).
	default: async (event) => {
		const { campaign, user, actor } = await requireReviewer(event, event.params.campaignId);
		const db = await getDb();
		const expert = await expertOfUser(db, campaign.id, user.id);
		if (!expert) error(404, { message: '您不在本活动的专家名单中' });
		const form = await event.request.formData();
		const rawUnits = String(form.get('units') ?? '');
		const rawPeople = String(form.get('people') ?? '');
		const units = lines(rawUnits);
		const people = lines(rawPeople);
		const values = { units: rawUnits, people: rawPeople };
		if (units.length + people.length > DECLARATION_ITEMS_PER_HOUR)
			return fail(400, {
				...values,
				message: `每次最多申报 ${DECLARATION_ITEMS_PER_HOUR} 项；如需申报更多，请联系活动办公室`
			});
		const tooLong = [...units, ...people].find((x) => x.length > 100);
		if (tooLong) return fail(400, { ...values, message: `“${tooLong.slice(0, 20)}…”过长（每项最多 100 字）` });
		const r = await declareTies(db, actor, campaign.id, expert.id, units, people, { detachDetection: true });
		if (!r.ok) return fail(r.status, { ...values, message: r.message });
		return { saved: true, added: r.added };
	}
};
