import { fail, redirect } from '@sveltejs/kit';
import type * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { listExperts } from '$lib/server/services/experts';
import {
	addPanelMember,
	autoBuildPanels,
	chairsOf,
	createPanel,
	deletePanel,
	listPanels,
	removePanelMember,
	setPanelChair,
	type PanelResult
} from '$lib/server/services/panels';
import { drawFromPool, listDraws } from '$lib/server/services/draw';
import { clockSeed } from '$lib/shared/time';
import { listPool } from '$lib/server/services/pool';
import { parseForm } from '$lib/schemas/form';
import { drawForm, panelForm } from '$lib/schemas/assignment';

export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const db = await getDb();
	const config = configOf(campaign);
	// Experts' units are the office's: with the kind of a tie (同一工作单位) on the conflicts page,
	// an expert's unit beside a review code would tell the chair the candidate's unit (issue 10).
	const office = role === 'organizer';
	const unitOf = (u: string) => (office ? u : '');
	const panels = (await listPanels(db, campaign.id, config.fields)).map((p) =>
		office ? p : { ...p, members: p.members.map((m) => ({ ...m, unit: '', title: null })) }
	);
	const roster = await listExperts(db, campaign.id);
	const seated = new Set(panels.flatMap((p) => p.members.map((m) => m.id)));
	return {
		canEdit: role === 'organizer',
		fields: config.fields,
		classification: config.classification,
		panels,
		chairs: role === 'organizer' ? await chairsOf(db, campaign.id) : [],
		experts: roster.map((r) => ({ id: r.e.id, name: r.e.name, unit: unitOf(r.e.unit), fields: r.e.fields })),
		unassigned: roster
			.filter((r) => !seated.has(r.e.id))
			.map((r) => ({ id: r.e.id, name: r.e.name, unit: unitOf(r.e.unit), fields: r.e.fields })),
		// 随机抽取专家 (issue 15): the office's only, like the pool itself.
		poolSize: office ? (await listPool(db)).length : 0,
		draws: office
			? (await listDraws(db, campaign.id)).map((d) => ({
					id: d.id,
					field: d.field,
					seed: d.seed,
					at: d.createdAt,
					by: d.createdBy,
					members: ((d.result as { panels?: { members: string[] }[] }).panels?.[0]?.members ?? []).length
				}))
			: []
	};
};

/** Each action: organizer only, one service call (one transaction), a message for the page. */
async function run(
	event: RequestEvent,
	act: (form: PanelForm, ctx: Awaited<ReturnType<typeof requireRole>>) => Promise<PanelResult>,
	done: string
) {
	const ctx = await requireRole(event, event.params.campaignId, 'organizer');
	const form = parseForm(panelForm, await event.request.formData());
	if (!form.ok) return fail(400, { message: form.message });
	const r = await act(form.value, ctx);
	if (!r.ok) return fail(r.status, { message: r.message });
	return { done };
}

type PanelForm = v.InferOutput<typeof panelForm>;

export const actions: Actions = {
	create: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				createPanel(await getDb(), actor, campaign.id, {
					name: form.name,
					field: form.field,
					chairUserId: form.chairUserId || null
				}),
			'已新建评审组'
		),
	chair: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				setPanelChair(await getDb(), actor, campaign.id, form.panelId, form.chairUserId || null),
			'已更换组长'
		),
	add: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				form.expertId
					? addPanelMember(await getDb(), actor, campaign.id, form.panelId, form.expertId)
					: { ok: false as const, status: 400 as const, message: '请选择要加入的专家' },
			'已加入评审组'
		),
	remove: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				removePanelMember(await getDb(), actor, campaign.id, form.panelId, form.expertId),
			'已移出评审组'
		),
	delete: (event) =>
		run(
			event,
			async (form, { actor, campaign }) => deletePanel(await getDb(), actor, campaign.id, form.panelId),
			'已删除评审组'
		),
	draw: async (event) => {
		const { actor, campaign } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(drawForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message, drawSeed: form.entered.seed || clockSeed() });
		const seed = form.value.seed || clockSeed();
		const r = await drawFromPool(await getDb(), actor, campaign.id, configOf(campaign).fields, { ...form.value, seed });
		if (!r.ok) return fail(r.status, { message: r.message, drawSeed: seed });
		redirect(303, `/c/${campaign.id}/panels/draws/${r.id}`);
	},
	autobuild: async (event) => {
		const { actor, campaign } = await requireRole(event, event.params.campaignId, 'organizer');
		const r = await autoBuildPanels(await getDb(), actor, campaign.id);
		if (r.created.length === 0) return { done: '每个领域都已有评审组，没有新建。' };
		const list = r.created.map((p) => `${p.name}（${p.members} 人）`).join('、');
		return { done: `已新建 ${r.created.length} 个评审组：${list}` };
	}
};
