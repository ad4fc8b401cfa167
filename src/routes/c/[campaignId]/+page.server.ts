import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole, roleHome } from '$lib/server/authz';

export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId);
	redirect(303, roleHome(campaign.id, role));
};
