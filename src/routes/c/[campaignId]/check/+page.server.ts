import { formatBeijing } from '$lib/shared/time';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { campaignCheckView, pagedCheckView } from '$lib/server/services/check-pages';
import { acceptWarning, withdrawAcceptance } from '$lib/server/services/issue-acceptance';
import { parseForm } from '$lib/schemas/form';
import { warningAcceptanceForm } from '$lib/schemas/records';

/** The numbers the import page passes along after a confirmed import (?imported=…). */
function importedNotice(params: URLSearchParams) {
	const n = (k: string) => {
		const v = Number(params.get(k));
		return Number.isInteger(v) && v >= 0 ? v : 0;
	};
	if (!params.has('imported')) return null;
	return {
		imported: n('imported'),
		inserted: n('inserted'),
		updated: n('updated'),
		unchanged: n('unchanged'),
		channels: n('channels')
	};
}

export const load: PageServerLoad = async (event) => {
	// 资格审查 lists names and nominating bodies: the campaign office's only (issue 10).
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	// The same report as `laurel check` (campaignCheck), kept while nothing it reads changes.
	const report = await campaignCheckView(await getDb(), campaign);
	return {
		// the counts of the whole report, one page of its long lists (?code=…&page=…, ?cpage=…)
		view: pagedCheckView(report, event.url.searchParams),
		document: config.document,
		referenceDate: config.referenceDate,
		youthAge: config.youthAge,
		canExport: role === 'organizer',
		canImport: role === 'organizer',
		canAccept: role === 'organizer',
		imported: role === 'organizer' ? importedNotice(event.url.searchParams) : null,
		// China Standard Time, the campaigns' time zone, whatever the server's zone is.
		checkedAt: formatBeijing(Date.now())
	};
};

export const actions: Actions = {
	/** Accepts a warning for one candidate with a reason (audited); the office only. */
	accept: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(warningAcceptanceForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { candidateId, code } = form.value;
		const r = await acceptWarning(await getDb(), actor, campaign.id, form.value);
		if (!r.ok) return fail(r.status, { message: r.message, candidateId, code });
		return { accepted: true };
	},
	withdraw: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(warningAcceptanceForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { candidateId, code } = form.value;
		const r = await withdrawAcceptance(await getDb(), actor, campaign.id, { candidateId, code });
		if (!r.ok) return fail(r.status, { message: r.message });
		return { withdrawn: true };
	}
};
