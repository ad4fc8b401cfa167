// CSV downloads: the same bytes as `laurel export --what <what>`.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { attachmentDisposition } from '$lib/server/services/exports';
import { exportCsv } from '$lib/server/services/exports-all';

export const GET: RequestHandler = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const what = event.params.what;
	// Nominees' personal data (phones, addresses) are for the campaign office only.
	// Files that name candidates (conflicts, shortlist, 汇总表) are the office's too: the chair reviews by code.
	// So is the audit log (as its page is): it holds whole nomination records before and after each
	// edit, and the names of uploaded files (“姓名-2寸照片.jpg”).
	if (['candidates', 'conflicts', 'shortlist', 'summary', 'upper', 'audit'].includes(what) && role !== 'organizer')
		error(403, { message: '只有活动办公室可以导出含候选人身份的文件' });
	// 汇总表: ?by=unit gives one sheet per 推荐单位
	const by = event.url.searchParams.get('by') === 'unit' ? 'unit' : 'all';
	const r = await exportCsv(await getDb(), campaign.id, what, { by });
	if (!r.ok) error(r.status, { message: r.message });
	return new Response(r.csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachmentDisposition(r.filename)
		}
	});
};
