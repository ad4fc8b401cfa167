import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { expertOfUser, expertTasks } from '$lib/server/services/desk';

export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireRole(event, event.params.campaignId, 'expert');
	const db = await getDb();
	const expert = await expertOfUser(db, campaign.id, user.id);
	if (!expert) return { declared: true, tasks: [], recused: event.url.searchParams.get('recused') };
	const tasks = await expertTasks(db, campaign.id, expert.id);
	return {
		declared: expert.declaredAt !== null,
		tasks: tasks.map((t) => ({ code: t.code, field: t.field, status: 'not_started' as const })),
		recused: event.url.searchParams.get('recused')
	};
};
