import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser, roleHome } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { campaignsOfUser } from '$lib/server/services/campaigns';

// Home: the role's home page when the user has one campaign, the list otherwise.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const campaigns = await campaignsOfUser(await getDb(), user.id);
	if (campaigns.length === 1) redirect(303, roleHome(campaigns[0].id, campaigns[0].role));
	redirect(303, '/campaigns');
};
