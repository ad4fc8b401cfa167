import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { getRound } from '$lib/server/services/rounds';
import { closedRoundResults } from '$lib/server/services/observer';

// A round's results for the observer: only once it is closed (an open round's scores never leave).
export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'observer', 'organizer');
	const db = await getDb();
	const round = await getRound(db, campaign.id, event.params.roundId);
	if (!round) error(404, { message: '没有找到该轮次' });
	const results = await closedRoundResults(db, round);
	if (!results) error(403, { message: '本轮评审尚未结束，结束后才能查看结果' });
	return { results };
};
