import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import {
	buildSelectionInput,
	latestSelection,
	lockSelection,
	lockedSelection,
	runSelection,
	unlockSelection
} from '$lib/server/services/selection';
import { hashInput, type SelectionInput, type SelectionOutcome } from '$lib/server/services/selection-solve';
import type { InfeasibleView, LeftOut, NotRanked, RunView, TierView } from '$lib/components/selection/types';
import {
	infeasibleView,
	leftOutViews,
	notRanked,
	parseTargets,
	relaxations,
	runTargets,
	shortage,
	targetViews,
	tierViews,
	withoutChannelNames
} from './view.server';
import { addOfficeTarget, removeOfficeTarget } from '$lib/server/services/selection-targets';
import { parseTargetInput, sameTargetList, TARGET_INPUT_KINDS } from '$lib/domain/selection/balance-targets';
import { CHANNEL_TYPES } from '$lib/domain/types';

export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const db = await getDb();
	const config = configOf(campaign);
	const organizer = role === 'organizer';
	const sel = (await lockedSelection(db, campaign.id)) ?? (await latestSelection(db, campaign.id));
	const input = (sel?.input ?? null) as SelectionInput | null;
	const outcome = (sel?.result ?? null) as SelectionOutcome | null;
	const used = input ? runTargets(config, input.targets) : null;
	// The inputs as they are now, with the run's targets: tells whether the run can still be locked.
	const now = await buildSelectionInput(db, campaign.id, input?.targets);
	const unavailable = 'error' in now ? now.error : null;

	let run: RunView | null = null;
	let tiers: TierView[] = [];
	let infeasible: InfeasibleView | null = null;
	let excluded: LeftOut[] = [];
	let outside: NotRanked | null = null;
	if (sel && input && outcome) {
		run = {
			id: sel.id,
			state: sel.state,
			createdAt: sel.createdAt,
			createdBy: sel.createdBy,
			lockedAt: sel.lockedAt,
			lockedBy: sel.lockedBy,
			hash: sel.inputHash,
			roundName: input.roundName,
			stale: 'error' in now || hashInput(now) !== sel.inputHash || !sameTargetList(config.targets, input.targets),
			relaxed: relaxations(config, used),
			poolSize: input.pool.length
		};
		if (outcome.ok) tiers = tierViews(input, outcome, organizer);
		else infeasible = infeasibleView(outcome, config, input.targets);
		excluded = leftOutViews(input, organizer);
		outside = await notRanked(db, campaign.id, input, organizer, event.url.searchParams.get('outside'));
	}
	return {
		role,
		organizer,
		unavailable,
		targets: organizer
			? targetViews(config, used, infeasible)
			: withoutChannelNames(
					targetViews(config, used, infeasible),
					config.channels.map((c) => c.name)
				),
		tierSizes: config.tiers.map((t) => ({ name: t.name, size: t.size, subsetOf: t.subsetOf ?? null })),
		// the notice's own words on choosing the final list (it sets no number: the targets are the office's)
		selectionSource: config.selectionSource ?? null,
		// the form that adds targets is the office's; its channel list names the nominating bodies
		addChoices: organizer
			? {
					kinds: TARGET_INPUT_KINDS,
					fields: config.fields,
					channels: config.channels.map((c) => c.name),
					channelTypes: [...CHANNEL_TYPES]
				}
			: null,
		run,
		// fewer candidates than seats: said before any run, from the inputs as they are now
		shortage: 'error' in now ? (input ? shortage(input) : null) : shortage(now),
		tiers,
		infeasible,
		excluded,
		outside
	};
};

import { parseForm } from '$lib/schemas/form';
import { lockForm, relaxForm, removeTargetForm, runForm, targetForm, unlockForm } from '$lib/schemas/selection';

export const actions: Actions = {
	run: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = await event.request.formData();
		const config = configOf(campaign);
		let targets = null;
		const run = parseForm(runForm, form);
		if (run.ok && !run.value.reset) {
			const relax = parseForm(relaxForm(config.targets.length), form);
			if (!relax.ok) return fail(400, { action: 'run', message: relax.message, values: {} });
			const parsed = parseTargets(config, relax.value);
			if ('error' in parsed) {
				const values: Record<string, string> = {};
				// an empty field keeps its target: the page shows the target again
				for (const [k, v] of Object.entries(relax.value)) if (v !== '') values[k.slice(6)] = v;
				return fail(400, { action: 'run', message: parsed.error, values });
			}
			targets = parsed.targets;
		}
		const r = await runSelection(await getDb(), actor, campaign.id, targets ?? undefined);
		if (!r.ok) return fail(409, { action: 'run', message: r.message });
		return { action: 'run', ran: { ok: r.outcome.ok, relaxed: targets !== null } };
	},
	addTarget: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(targetForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'addTarget', message: form.message, input: null });
		const input = form.value;
		const parsed = parseTargetInput(input, configOf(campaign));
		if ('error' in parsed) return fail(400, { action: 'addTarget', message: parsed.error, input });
		const r = await addOfficeTarget(await getDb(), actor, campaign.id, parsed.target);
		if (!r.ok) return fail(409, { action: 'addTarget', message: r.message, input });
		return { action: 'addTarget', added: parsed.target.label ?? '' };
	},
	removeTarget: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(removeTargetForm, await event.request.formData());
		const r = form.ok
			? await removeOfficeTarget(await getDb(), actor, campaign.id, form.value.remove.index, form.value.remove.label)
			: { ok: false as const, message: form.message };
		if (!r.ok) return fail(409, { action: 'removeTarget', message: r.message });
		return { action: 'removeTarget', removed: true };
	},
	lock: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(lockForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'lock', message: form.message });
		const r = await lockSelection(await getDb(), actor, campaign.id, form.value.selectionId);
		if (!r.ok) return fail(409, { action: 'lock', message: r.message });
		return { action: 'lock', locked: true };
	},
	unlock: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(unlockForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'unlock', message: form.message, reason: '' });
		const { reason } = form.value;
		const r = await unlockSelection(await getDb(), actor, campaign.id, reason);
		if (!r.ok) return fail(400, { action: 'unlock', message: r.message, reason });
		return { action: 'unlock', unlocked: true };
	}
};
