import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { campaignCounts, panelsWithMembers } from '$lib/server/services/overview';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const counts = await campaignCounts(db, campaign.id);
	return { panels: await panelsWithMembers(db, campaign.id), byField: counts.byField };
};
