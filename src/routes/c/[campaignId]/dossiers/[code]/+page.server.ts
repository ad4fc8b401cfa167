import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { dossierForExpert, expertOfUser } from '$lib/server/services/desk';
import { recuse } from '$lib/server/services/conflicts';

// Not assigned, conflicted, recused or unknown code: all the same 404, so nothing is revealed.
const NOT_FOUND = { message: '没有找到该材料' };

export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireRole(event, event.params.campaignId, 'expert');
	const db = await getDb();
	const expert = await expertOfUser(db, campaign.id, user.id);
	if (!expert) error(404, NOT_FOUND);
	const found = await dossierForExpert(db, campaign.id, expert.id, event.params.code);
	if (!found) error(404, NOT_FOUND);
	return { dossier: found.dossier, prev: found.prev, next: found.next, position: found.position, total: found.total };
};

export const actions: Actions = {
	recuse: async (event) => {
		const { campaign, user, actor } = await requireRole(event, event.params.campaignId, 'expert');
		const db = await getDb();
		const expert = await expertOfUser(db, campaign.id, user.id);
		if (!expert) error(404, NOT_FOUND);
		const found = await dossierForExpert(db, campaign.id, expert.id, event.params.code);
		if (!found) error(404, NOT_FOUND);
		const reason = String((await event.request.formData()).get('reason') ?? '');
		const r = await recuse(db, actor, campaign.id, expert.id, found.candidateId, reason);
		if (!r.ok) return fail(r.status, { recuseMessage: r.message });
		redirect(303, `/c/${campaign.id}/tasks?recused=${encodeURIComponent(event.params.code)}`);
	}
};
