// Shared by the candidate's pages: organizers only, and only a candidate of this campaign
// (anything else is a 404, so ids of other campaigns reveal nothing). A number in place of the
// id is the 序号 of the summary sheet and redirects to the candidate's page (GET only).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { getCandidate, getCandidateBySeq } from '$lib/server/services/candidate-edit';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'> & {
	params: { campaignId: string; candidateId: string };
};

export async function candidateAccess(event: Event) {
	const access = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const id = event.params.candidateId;
	const row = await getCandidate(db, access.campaign.id, id);
	if (row) return { ...access, db, row };
	if (event.request.method === 'GET' && /^\d{1,6}$/.test(id)) {
		const bySeq = await getCandidateBySeq(db, access.campaign.id, Number(id));
		if (bySeq) {
			const rest = event.url.pathname.split('/').slice(5).join('/');
			redirect(307, `/c/${access.campaign.id}/candidates/${bySeq.id}${rest ? `/${rest}` : ''}${event.url.search}`);
		}
	}
	error(404, { message: '没有找到该候选人' });
}
