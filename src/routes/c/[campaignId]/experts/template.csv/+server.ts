// The expert roster CSV template: the headers the importer reads and one example row that fits
// the campaign's fields (marked in 备注, which the importer refuses until it is deleted).
// UTF-8 with BOM so that Excel opens it.
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { configOf } from '$lib/server/services/campaigns';
import { toCsv } from '$lib/domain/formats/csv-safe';
import { expertTemplate } from '$lib/domain/intake/expert-csv';
import { attachmentDisposition as attachment } from '$lib/server/exports';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const { headers, example } = expertTemplate(configOf(campaign).fields);
	return new Response(toCsv(headers, [example]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': attachment(`${campaign.name}-评审专家导入模板.csv`)
		}
	});
};
