// Downloads: the same bytes as `laurel export --what <what> [--format xlsx]`; `forms` is the .zip of 推荐表.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { attachmentDisposition, exportCsv, mayExport } from '$lib/server/exports';
import { exportXlsx } from '$lib/server/exports/xlsx';
import { exportForms } from '$lib/server/exports/forms';

export const GET: RequestHandler = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const what = event.params.what;
	// Who may download which file: the table in $lib/server/exports (EXPORTS, FORMS_EXPORT).
	if (!mayExport(what, role)) error(403, { message: '只有活动办公室可以导出含候选人身份的文件' });
	// 汇总表: ?by=unit gives one sheet per 推荐单位
	const by = event.url.searchParams.get('by') === 'unit' ? 'unit' : 'all';
	const format = event.url.searchParams.get('format') ?? 'csv';
	if (what === 'forms') {
		const f = await exportForms(await getDb(), campaign.id);
		if (!f.ok) error(f.status, { message: f.message });
		return new Response(f.bytes as BodyInit, {
			headers: { 'Content-Type': 'application/zip', 'Content-Disposition': attachmentDisposition(f.filename) }
		});
	}
	if (format === 'xlsx') {
		const x = await exportXlsx(await getDb(), campaign.id, what, { by });
		if (!x.ok) error(x.status, { message: x.message });
		return new Response(x.bytes as BodyInit, {
			headers: {
				'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'Content-Disposition': attachmentDisposition(x.filename)
			}
		});
	}
	if (format !== 'csv') error(400, { message: `未知的导出格式“${format}”（可用：csv、xlsx）` });
	const r = await exportCsv(await getDb(), campaign.id, what, { by });
	if (!r.ok) error(r.status, { message: r.message });
	return new Response(r.csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachmentDisposition(r.filename)
		}
	});
};
