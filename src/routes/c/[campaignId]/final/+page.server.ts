import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { finalList } from '$lib/server/services/observer';

// The locked selection (what the 公示 lists), read-only. Names are shown: 纪检监察 supervises the
// whole process, and the list is the one made public anyway.
export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'observer', 'organizer');
	return { list: await finalList(await getDb(), campaign.id) };
};
