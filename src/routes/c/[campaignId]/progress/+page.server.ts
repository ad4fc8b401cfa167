import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { observerProgress } from '$lib/server/services/observer';
import { verifyAuditChain } from '$lib/server/audit';

// 纪检监察's home: how far each round is, in counts of submitted sheets; no score, no draft.
export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'observer', 'organizer');
	const db = await getDb();
	return { rounds: await observerProgress(db, campaign.id), chain: await verifyAuditChain(db, campaign.id) };
};
