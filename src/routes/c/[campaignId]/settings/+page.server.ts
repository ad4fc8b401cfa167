import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf, STATUS_LABELS, updateCampaignConfig } from '$lib/server/services/campaigns';
import { formValuesFrom } from '$lib/domain/notice/config-draft';
import { formPath, parseConfigForm } from '$lib/schemas/settings';
import { getPreset } from '$lib/domain/notice/presets';

/** Review has started: the field list and the rubric no longer change (the UI and the action agree). */
const isLocked = (status: string) => status !== 'setup';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	return {
		name: campaign.name,
		config,
		status: campaign.status,
		statusLabel: STATUS_LABELS[campaign.status] ?? campaign.status,
		locked: isLocked(campaign.status),
		presetName: config.presetId ? (getPreset(config.presetId)?.name ?? null) : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const values = formValuesFrom(await event.request.formData());
		const parsed = parseConfigForm(values, configOf(campaign), { locked: isLocked(campaign.status) });
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const name = parsed.name === campaign.name ? undefined : parsed.name;
		const saved = await updateCampaignConfig(await getDb(), actor, campaign.id, parsed.config, name);
		if (!saved.ok) {
			const errors = saved.errors.map((e) => ({ path: formPath(e.path, parsed.rows), message: e.message }));
			return fail(400, { errors, values });
		}
		return { saved: true };
	}
};
