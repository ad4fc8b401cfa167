import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { lastAssignmentRun } from '$lib/server/services/assignment-last-run';
import { addPair, movePair, proposeAssignment, publishAssignment, removePair } from '$lib/server/services/assignment';
import { assignmentView, defaultReviewsPerDossier, readDossierFilter } from '$lib/server/services/assignment-view';
import type { DossierRow, ExpertLoad, InfeasibleGroup } from '$lib/components/assignment/types';
import { proposeRandomizedAssignment } from '$lib/server/services/assignment-random';
import { clockSeed } from '$lib/shared/time';
import { loadCap } from '$lib/domain/assignment';
import { parseForm, parseValue } from '$lib/schemas/form';
import { pairForm as pairSchema, proposeForm, proposeRandomForm, reviewsPerDossier } from '$lib/schemas/assignment';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const lastRun = await lastAssignmentRun(db, campaign.id);
	// dossiers with fewer experts than the last distributed (or random) run gave each are “short”
	const distributedK = lastRun && lastRun.mode !== 'panel' ? lastRun.k : null;
	const params = event.url.searchParams;
	const view = await assignmentView(db, campaign.id, distributedK, readDossierFilter(params), params.get('page'));
	const defaultK = defaultReviewsPerDossier(view);
	const k = lastRun?.mode === 'distributed' && lastRun.k ? lastRun.k : defaultK;
	const D = view.dossierCount;
	const E = view.experts.length;
	const experts: ExpertLoad[] = view.experts.map((e) => ({
		id: e.id,
		name: e.name,
		fields: e.fields,
		panelFields: e.panelFields,
		assigned: e.assigned,
		maxLoad: e.maxLoad,
		effectiveMax: loadCap(e.maxLoad, D, k, E),
		fieldMatch: e.match
	}));
	const dossiers: DossierRow[] = view.dossiers.map((d) => ({
		id: d.id,
		code: d.code,
		field: d.field,
		experts: d.experts.map(({ id, name, match, blocked, source }) => ({ id, name, match, blocked, source }))
	}));
	return {
		state: view.state,
		defaultK,
		k,
		lastRun,
		objectiveNow: view.objectiveNow,
		outside: view.outside,
		hasPanels: view.experts.some((e) => e.panelFields.length > 0),
		pairs: view.pairs,
		experts,
		dossierCount: D,
		dossiers,
		window: view.window,
		fields: view.fields.map((f) => f.field).filter(Boolean),
		shortCount: view.short.length,
		shortCodes: view.short.slice(0, 8),
		blockedPairs: view.blockedPairs,
		blocked: view.blocked,
		filter: view.filter
	};
};

/** Dossiers with the same explanation together, in the solver's order. */
function groupDetails(
	details: { dossier: string; reason: string; code: InfeasibleGroup['code'] }[]
): InfeasibleGroup[] {
	const groups = new Map<string, InfeasibleGroup>();
	for (const d of details) {
		const g = groups.get(d.reason) ?? { reason: d.reason, code: d.code, codes: [] };
		g.codes.push(d.dossier);
		groups.set(d.reason, g);
	}
	return [...groups.values()];
}

async function pairForm(event: Parameters<Actions[string]>[0]) {
	const access = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const form = parseForm(pairSchema, await event.request.formData());
	return { ...access, form };
}

export const actions: Actions = {
	propose: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const form = parseForm(proposeForm, await event.request.formData());
		const { mode, k: kText, borrow } = form.ok ? form.value : { mode: 'distributed' as const, k: '', borrow: false };
		const kRead = parseValue(reviewsPerDossier, kText);
		const refusal = !form.ok ? form.message : mode === 'distributed' && !kRead.ok ? kRead.message : null;
		if (refusal !== null)
			return fail(400, { mode, k: kText, message: refusal, groups: null as InfeasibleGroup[] | null });
		const k = kRead.ok ? kRead.value : 0;
		const r = await proposeAssignment(
			await getDb(),
			actor,
			campaign.id,
			mode === 'panel' ? { mode } : { mode, k, borrow }
		);
		if (!r.ok) {
			const groups: InfeasibleGroup[] = r.infeasible ? groupDetails(r.infeasible.details) : [];
			return fail(422, { mode, k: kText, message: r.message, groups });
		}
		return { proposed: { mode, k: mode === 'distributed' ? k : null, pairs: r.pairs, objective: r.objective } };
	},
	add: async (event) => {
		const { campaign, actor, form } = await pairForm(event);
		if (!form.ok) return fail(400, { message: form.message });
		const { candidateId, addExpertId: expertId, reason } = form.value;
		if (!candidateId || !expertId) return fail(400, { message: '请选择材料和要添加的专家' });
		const r = await addPair(await getDb(), actor, campaign.id, expertId, candidateId, reason);
		if (!r.ok) return fail(r.status, { message: r.message, candidateId });
		return { changed: 'add', candidateId, expertId };
	},
	remove: async (event) => {
		const { campaign, actor, form } = await pairForm(event);
		if (!form.ok) return fail(400, { message: form.message });
		const { candidateId, removeExpertId: expertId, reason } = form.value;
		if (!candidateId || !expertId) return fail(400, { message: '请选择材料和要移除的专家' });
		const r = await removePair(await getDb(), actor, campaign.id, expertId, candidateId, reason);
		if (!r.ok) return fail(r.status, { message: r.message, candidateId });
		return { changed: 'remove', candidateId, expertId };
	},
	move: async (event) => {
		const { campaign, actor, form } = await pairForm(event);
		if (!form.ok) return fail(400, { message: form.message });
		const { candidateId, fromExpertId: from, toExpertId: to, reason } = form.value;
		if (!candidateId || !from || !to) return fail(400, { message: '请选择材料、原专家和新专家' });
		if (from === to) return fail(400, { message: '原专家和新专家相同', candidateId });
		const r = await movePair(await getDb(), actor, campaign.id, candidateId, from, to, reason);
		if (!r.ok) return fail(r.status, { message: r.message, candidateId });
		return { changed: 'move', candidateId, expertId: to, fromExpertId: from };
	},
	proposeRandom: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const form = parseForm(proposeRandomForm, await event.request.formData());
		if (!form.ok) {
			const { k = '', q = '', seed = '' } = form.entered;
			const random = { k, q, seed: seed || clockSeed() };
			return fail(400, { random, message: form.message, groups: null as InfeasibleGroup[] | null });
		}
		const { k, q } = form.value;
		const seed = form.value.seed || clockSeed();
		const random = { k: String(k), q: String(q), seed };
		const r = await proposeRandomizedAssignment(await getDb(), actor, campaign.id, { k, q, seed });
		if (!r.ok) return fail(422, { random, message: r.message, groups: null as InfeasibleGroup[] | null });
		return {
			proposedRandom: {
				k,
				q,
				seed: r.seed,
				pairs: r.pairs,
				objective: r.objective,
				expectedObjective: r.expectedObjective
			}
		};
	},
	publish: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const r = await publishAssignment(await getDb(), actor, campaign.id);
		if (!r.ok) return fail(r.status, { message: r.message });
		return { published: r.pairs ?? 0 };
	}
};
