import type { PageServerLoad } from './$types';
import { requireUser, roleHome } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { campaignsOfUser } from '$lib/server/services/campaigns';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const campaigns = await campaignsOfUser(await getDb(), user.id);
	return {
		canCreate: user.canCreateCampaigns,
		mine: campaigns.map((c) => ({ ...c, home: roleHome(c.id, c.role) }))
	};
};
