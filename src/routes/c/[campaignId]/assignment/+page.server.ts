import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { lastAssignmentRun } from '$lib/server/services/assignment-last-run';
import { pairKey } from '$lib/server/services/conflicts';
import {
	addPair,
	listAssignments,
	loadAssignmentContext,
	movePair,
	outsidePanel,
	proposeAssignment,
	publishAssignment,
	removePair,
	type AssignmentContext
} from '$lib/server/services/assignment';
import type { DossierRow, ExpertLoad, InfeasibleGroup } from '$lib/components/assignment/types';
import { compareReviewCodes } from '$lib/shared/review-codes';
import { proposeRandomizedAssignment } from '$lib/server/services/assignment-random';
import { clockSeed } from '$lib/shared/time';
import { loadCap } from '$lib/domain/assignment';
import { parseForm, parseValue } from '$lib/schemas/form';
import { pairForm as pairSchema, proposeForm, proposeRandomForm, reviewsPerDossier } from '$lib/schemas/assignment';

/**
 * The suggested reviews per dossier: 5, or fewer when the roster is small — no more than the
 * largest number of experts that share some dossier's field, nor than the experts' load limits
 * can carry (when every expert has one).
 */
function defaultReviewsPerDossier(ctx: AssignmentContext): number {
	let k = Math.min(5, ctx.experts.length);
	const fields = new Set(ctx.dossiers.map((d) => d.field).filter(Boolean));
	let best = 0;
	for (const f of fields) best = Math.max(best, ctx.experts.filter((e) => e.fields.includes(f)).length);
	if (best > 0) k = Math.min(k, best);
	if (ctx.dossiers.length && ctx.experts.length && ctx.experts.every((e) => e.maxLoad != null)) {
		const capacity = ctx.experts.reduce((s, e) => s + Math.min(e.maxLoad ?? 0, ctx.dossiers.length), 0);
		k = Math.min(k, Math.floor(capacity / ctx.dossiers.length));
	}
	return Math.max(1, k);
}

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const ctx = await loadAssignmentContext(db, campaign.id);
	const rows = await listAssignments(db, campaign.id);
	const lastRun = await lastAssignmentRun(db, campaign.id);
	const defaultK = defaultReviewsPerDossier(ctx);
	const k = lastRun?.mode === 'distributed' && lastRun.k ? lastRun.k : defaultK;

	const D = ctx.dossiers.length;
	const E = ctx.experts.length;
	const expertById = new Map(ctx.experts.map((e) => [e.id, e]));
	const dossierById = new Map(ctx.dossiers.map((d) => [d.id, d]));
	const perDossier = new Map<string, DossierRow['experts']>();
	const loads = new Map<string, { assigned: number; match: number }>();
	let objectiveNow = 0;
	// pairs where the expert is borrowed from another panel (issue 12: the page says how many)
	let outside = 0;
	for (const a of rows) {
		const e = expertById.get(a.expertId);
		const d = dossierById.get(a.candidateId);
		if (!e || !d) continue;
		if (outsidePanel(ctx, e.id, d.field)) outside++;
		const match = e.fields.includes(d.field);
		const blocked = ctx.blocked.has(pairKey(e.id, d.id));
		perDossier.set(d.id, [
			...(perDossier.get(d.id) ?? []),
			{ id: e.id, name: e.name, match, blocked, source: a.source }
		]);
		const l = loads.get(e.id) ?? { assigned: 0, match: 0 };
		l.assigned++;
		if (match) l.match++;
		loads.set(e.id, l);
		if (match) objectiveNow++;
	}
	const experts: ExpertLoad[] = ctx.experts
		.map((e) => ({
			id: e.id,
			name: e.name,
			fields: e.fields,
			panelFields: e.panelFields,
			assigned: loads.get(e.id)?.assigned ?? 0,
			maxLoad: e.maxLoad,
			effectiveMax: loadCap(e.maxLoad, D, k, E),
			fieldMatch: loads.get(e.id)?.match ?? 0
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	const dossiers: DossierRow[] = ctx.dossiers
		.map((d) => ({
			id: d.id,
			code: d.code,
			field: d.field,
			experts: (perDossier.get(d.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
		}))
		.sort((a, b) => compareReviewCodes(a.code, b.code));
	// Which experts each dossier must not get: shown in the selects, enforced by the services.
	const blocked: Record<string, string[]> = {};
	for (const key of ctx.blocked) {
		const [expertId, candidateId] = key.split('|');
		(blocked[candidateId] ??= []).push(expertId);
	}
	return {
		state:
			rows.length === 0
				? ('none' as const)
				: rows.some((r) => r.state === 'published')
					? ('published' as const)
					: ('draft' as const),
		defaultK,
		k,
		lastRun,
		objectiveNow,
		outside,
		hasPanels: ctx.experts.some((e) => e.panelFields.length > 0),
		pairs: rows.length,
		experts,
		dossiers,
		blocked
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
