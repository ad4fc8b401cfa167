import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { ROLE_LABELS } from '$lib/shared/labels';
import { campaignNav } from '$lib/shared/nav';
import { getDb } from '$lib/server/db';
import { expertOfUser } from '$lib/server/services/desk';

// Navigation only. Every page below calls requireRole itself with the roles it allows.
export const load: LayoutServerLoad = async (event) => {
	const { campaign, role, user } = await requireRole(event, event.params.campaignId);
	// A chair who also reviews (a roster entry of their own) gets the desk links too.
	const reviews = role === 'chair' && !!(await expertOfUser(await getDb(), campaign.id, user.id));
	return {
		campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
		role,
		roleLabel: ROLE_LABELS[role],
		nav: campaignNav(campaign.id, role, reviews)
	};
};
