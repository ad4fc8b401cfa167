import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireReviewer } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { expertOfUser } from '$lib/server/services/desk';
import { DECLARATION_ITEMS_PER_HOUR, declareTies } from '$lib/server/services/conflict-declarations';
import { parseForm } from '$lib/schemas/form';
import { declareForm } from '$lib/schemas/conflicts';

const declaration = declareForm(DECLARATION_ITEMS_PER_HOUR);

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
		const parsed = parseForm(declaration, await event.request.formData());
		if (!parsed.ok) return fail(400, { units: '', people: '', ...parsed.entered, message: parsed.message });
		const { units, people } = parsed.value;
		const r = await declareTies(db, actor, campaign.id, expert.id, units, people, { detachDetection: true });
		// typed again as the page shows it: one item a line
		const values = { units: units.join('\n'), people: people.join('\n') };
		if (!r.ok) return fail(r.status, { ...values, message: r.message });
		return { saved: true, added: r.added };
	}
};
