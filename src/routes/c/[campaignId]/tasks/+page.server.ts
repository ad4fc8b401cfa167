import type { PageServerLoad } from './$types';
import { requireReviewer } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { listRounds } from '$lib/server/services/rounds';
import { deskRound, expertOfUser, expertRoundTasks } from '$lib/server/services/desk';
import { expertTasks } from '$lib/server/services/access';
import { deadlineInfo } from '$lib/shared/time';

// The expert's own tasks and statuses only: no other expert's sheet, no aggregate.
export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireReviewer(event, event.params.campaignId);
	const recused = event.url.searchParams.get('recused');
	const db = await getDb();
	const expert = await expertOfUser(db, campaign.id, user.id);
	if (!expert) return { declared: true, groups: [], reading: [], started: false, recused };
	const groups = await expertRoundTasks(db, campaign.id, expert.id);
	const started = (await listRounds(db, campaign.id)).some((r) => r.state !== 'draft');
	// Before the first round opens, a published assignment may already be read.
	const reading = started ? [] : await expertTasks(db, campaign.id, expert.id);
	return {
		declared: expert.declaredAt !== null,
		groups: groups.map((g) => ({
			round: deskRound(g.round, g.yesCast),
			deadline: deadlineInfo(g.round.deadline),
			counts: g.counts,
			tasks: g.tasks.map((t) => ({ code: t.code, field: t.field, status: t.status }))
		})),
		reading: reading.map((t) => ({ code: t.code, field: t.field })),
		started,
		recused
	};
};
