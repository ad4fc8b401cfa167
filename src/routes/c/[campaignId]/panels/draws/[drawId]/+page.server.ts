import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { getDraw, replayDraw } from '$lib/server/services/draw';
import type { DrawExclusion, PanelRequest, PoolExpert } from '$lib/domain/assignment/panel-draw';

// The office makes draws; the inspector (纪检监察) reads the record and replays it.
const ROLES = ['organizer', 'observer'] as const;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, ...ROLES);
	const row = await getDraw(await getDb(), campaign.id, event.params.drawId);
	if (!row) error(404, { message: '没有找到该抽取记录' });
	const input = row.input as { pool: PoolExpert[]; panels: PanelRequest[]; exclude: DrawExclusion[] };
	const result = row.result as { panels: { members: string[]; alternates: string[] }[] };
	const byId = new Map(input.pool.map((p) => [p.id, p]));
	const person = (id: string) => {
		const p = byId.get(id);
		return {
			id,
			name: p?.name ?? id,
			unit: p?.unit ?? '',
			title: (p?.title as string | undefined) ?? '',
			region: p?.region ?? ''
		};
	};
	const request = input.panels[0];
	return {
		draw: {
			id: row.id,
			field: row.field,
			seed: row.seed,
			poolHash: row.poolHash,
			at: row.createdAt,
			by: row.createdBy,
			request,
			poolSize: input.pool.length,
			inField: input.pool.filter((p) => p.fields.includes(request.field)).length,
			excluded: input.exclude.map((x) => ({ ...person(x.expert), reason: x.reason ?? '' })),
			members: result.panels[0].members.map(person),
			alternates: result.panels[0].alternates.map(person)
		}
	};
};

export const actions: Actions = {
	replay: async (event) => {
		const { campaign } = await requireRole(event, event.params.campaignId, ...ROLES);
		const row = await getDraw(await getDb(), campaign.id, event.params.drawId);
		if (!row) return fail(404, { message: '没有找到该抽取记录' });
		const v = replayDraw(row);
		return { replay: { same: v.same, message: v.message, at: Date.now() } };
	}
};
