import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { auditLogPage } from '$lib/server/services/audit-log';
import { listRounds } from '$lib/server/services/rounds';

// The office's and the observer's (纪检监察) page, read-only for both. The observer supervises the
// whole process and reads names as the office does (decision, issue 12), not the nomination records
// themselves (phones, addresses, file names: not needed to supervise); the content of sheets and
// notes of a round that is not closed stays sealed: no score before the round closes.
export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'observer');
	const q = event.url.searchParams;
	const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
	const filters = {
		person: (q.get('person') ?? '').slice(0, 200),
		action: (q.get('action') ?? '').slice(0, 100),
		from: day(q.get('from')),
		to: day(q.get('to')),
		page: Number(q.get('page')) || 1
	};
	const db = await getDb();
	const sealedRounds =
		role === 'organizer'
			? []
			: (await listRounds(db, campaign.id)).filter((r) => r.state !== 'closed').map((r) => r.id);
	const log = await auditLogPage(db, campaign.id, filters, {
		identities: true,
		identityContent: role === 'organizer',
		sealedRounds
	});
	return { filters, ...log, canExport: role === 'organizer' };
};
