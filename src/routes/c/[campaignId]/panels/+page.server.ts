import { fail, redirect } from '@sveltejs/kit';
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
	act: (form: FormData, ctx: Awaited<ReturnType<typeof requireRole>>) => Promise<PanelResult>,
	done: string
) {
	const ctx = await requireRole(event, event.params.campaignId, 'organizer');
	const form = await event.request.formData();
	const r = await act(form, ctx);
	if (!r.ok) return fail(r.status, { message: r.message });
	return { done };
}

const str = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

export const actions: Actions = {
	create: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				createPanel(await getDb(), actor, campaign.id, {
					name: str(form, 'name'),
					field: str(form, 'field'),
					chairUserId: str(form, 'chairUserId') || null
				}),
			'已新建评审组'
		),
	chair: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				setPanelChair(await getDb(), actor, campaign.id, str(form, 'panelId'), str(form, 'chairUserId') || null),
			'已更换组长'
		),
	add: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				str(form, 'expertId')
					? addPanelMember(await getDb(), actor, campaign.id, str(form, 'panelId'), str(form, 'expertId'))
					: { ok: false as const, status: 400 as const, message: '请选择要加入的专家' },
			'已加入评审组'
		),
	remove: (event) =>
		run(
			event,
			async (form, { actor, campaign }) =>
				removePanelMember(await getDb(), actor, campaign.id, str(form, 'panelId'), str(form, 'expertId')),
			'已移出评审组'
		),
	delete: (event) =>
		run(
			event,
			async (form, { actor, campaign }) => deletePanel(await getDb(), actor, campaign.id, str(form, 'panelId')),
			'已删除评审组'
		),
	draw: async (event) => {
		const { actor, campaign } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = await event.request.formData();
		const num = (k: string, fallback: number | null) => {
			const t = str(form, k);
			return t === '' ? fallback : /^\d+$/.test(t) ? Number(t) : NaN;
		};
		const seed = str(form, 'seed') || clockSeed();
		const r = await drawFromPool(await getDb(), actor, campaign.id, configOf(campaign).fields, {
			field: str(form, 'field'),
			size: num('size', NaN) as number,
			alternates: num('alternates', 0) as number,
			maxPerUnit: num('maxPerUnit', null),
			seed
		});
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
