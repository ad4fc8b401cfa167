import type { LayoutServerLoad } from './$types';
import { requireRole, ROLE_LABELS } from '$lib/server/authz';
import { campaignNav } from '$lib/nav';

// Navigation only. Every page below calls requireRole itself with the roles it allows.
export const load: LayoutServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId);
	return {
		campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
		role,
		roleLabel: ROLE_LABELS[role],
		nav: campaignNav(campaign.id, role)
	};
};
