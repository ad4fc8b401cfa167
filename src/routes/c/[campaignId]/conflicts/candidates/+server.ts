// The office's candidate picker on the 回避 page asks here as it types (issue 16: the page no longer
// carries all 5,000 names): at most 20 “姓名（编号）” choices. Names are the office's only: a chair
// finds dossiers by review code and gets no answer here.
import { json, type RequestHandler } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { searchCandidateChoices } from '$lib/server/services/conflicts-bulk';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId!, 'organizer');
	const found = await searchCandidateChoices(await getDb(), campaign.id, event.url.searchParams.get('q') ?? '');
	return json(found, { headers: { 'cache-control': 'no-store' } });
};
