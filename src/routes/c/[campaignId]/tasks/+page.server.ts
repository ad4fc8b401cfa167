import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';

export const load: PageServerLoad = async (event) => {
	await requireRole(event, event.params.campaignId, 'expert');
	// Assignments and rounds arrive with the review issues; until then the desk is empty.
	return { tasks: [] as { code: string; status: string }[] };
};
