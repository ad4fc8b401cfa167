import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { auditLogPage } from '$lib/server/services/audit-log';

// The office's page today. An observer role is coming: the view hides candidates' identities
// from anyone but the organizer (identities below), so opening the page to it is one role more.
export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer');
	const q = event.url.searchParams;
	const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
	const filters = {
		person: (q.get('person') ?? '').slice(0, 200),
		action: (q.get('action') ?? '').slice(0, 100),
		from: day(q.get('from')),
		to: day(q.get('to')),
		page: Number(q.get('page')) || 1
	};
	const log = await auditLogPage(await getDb(), campaign.id, filters, { identities: role === 'organizer' });
	return { filters, ...log };
};
