import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { checkView, currentRecords } from '$lib/server/services/intake-preview';
import { checkCampaign } from '$lib/domain/eligibility';

/** The numbers the import page passes along after a confirmed import (?imported=…). */
function importedNotice(params: URLSearchParams) {
	const n = (k: string) => {
		const v = Number(params.get(k));
		return Number.isInteger(v) && v >= 0 ? v : 0;
	};
	if (!params.has('imported')) return null;
	return { imported: n('imported'), inserted: n('inserted'), updated: n('updated'), unchanged: n('unchanged'), channels: n('channels') };
}

export const load: PageServerLoad = async (event) => {
	// 资格审查 lists names and nominating bodies: the campaign office's only (issue 10).
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	const records = await currentRecords(await getDb(), campaign.id);
	// The same report as `laurel check` (campaignCheck), from the records already loaded.
	const report = checkCampaign(config, records);
	return {
		view: checkView(config, report, records),
		document: config.document,
		referenceDate: config.referenceDate,
		youthAge: config.youthAge,
		canExport: role === 'organizer',
		canImport: role === 'organizer',
		imported: role === 'organizer' ? importedNotice(event.url.searchParams) : null,
		// China Standard Time, the campaigns' time zone, whatever the server's zone is.
		checkedAt: new Date().toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })
	};
};
