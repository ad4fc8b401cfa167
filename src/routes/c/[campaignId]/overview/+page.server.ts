import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { campaignCounts, recentAudit } from '$lib/server/services/overview';
import { actionLabel } from '$lib/domain/audit/view';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const config = configOf(campaign);
	const audit = await recentAudit(db, campaign.id);
	return {
		config: {
			level: config.level,
			region: config.region,
			hosts: config.hosts,
			document: config.document,
			referenceDate: config.referenceDate,
			fields: config.fields,
			channels: config.channels.length,
			youthShareMin: config.youthShareMin,
			tiers: config.tiers
		},
		counts: await campaignCounts(db, campaign.id),
		audit: audit.map((a) => ({ ...a, label: actionLabel(a.action) }))
	};
};
