// The chair's home (评审组概览; the organizer's 评审进度): the review rounds with their progress and
// life cycle, a form for a new round, and the panels with their experts below.
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { roundSizes } from '$lib/server/services/round-details';
import { roundFigures } from '$lib/server/services/panel-progress';
import { campaignCounts, panelsWithMembers } from '$lib/server/services/overview';
import { listRounds, roundDefaults } from '$lib/server/services/rounds';
import { missingText } from '$lib/server/services/round-pairs';
import type { RoundSummary } from '$lib/components/rounds/format';
import { roundActions } from '../rounds/round-forms.server';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const counts = await campaignCounts(db, campaign.id);
	const list = await listRounds(db, campaign.id);
	const sizeOf = await roundSizes(
		db,
		list.map((r) => r.id)
	);
	const figures = await roundFigures(db, campaign.id, list);
	const rounds: RoundSummary[] = [];
	for (const r of list) {
		const f = figures.get(r.id);
		rounds.push({
			id: r.id,
			seq: r.seq,
			name: r.name,
			type: r.type,
			state: r.state,
			reviewers: r.reviewers,
			aggregation: r.aggregation,
			threshold: r.threshold ?? null,
			deadline: r.deadline,
			candidates: sizeOf.get(r.id) ?? 0,
			progress: f?.progress ?? null,
			missing: f?.missing ? missingText(f.missing) : null
		});
	}
	return {
		rounds,
		rubric: campaign.config.rubric ?? [],
		panels: await panelsWithMembers(db, campaign.id),
		byField: counts.byField,
		roundDefaults: await roundDefaults(db, campaign.id)
	};
};

export const actions: Actions = { ...roundActions };
