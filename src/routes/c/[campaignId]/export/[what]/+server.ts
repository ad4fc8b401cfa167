// CSV downloads: the same bytes as `laurel export --what <what>`.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { attachmentDisposition, exportCsv } from '$lib/server/services/exports';

export const GET: RequestHandler = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const what = event.params.what;
	// Nominees' personal data (phones, addresses) are for the campaign office only.
	if (what === 'candidates' && role !== 'organizer') error(403, { message: '只有活动办公室可以导出候选人信息' });
	const r = await exportCsv(await getDb(), campaign.id, what);
	if (!r.ok) error(r.status, { message: r.message });
	return new Response(r.csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachmentDisposition(r.filename)
		}
	});
};
