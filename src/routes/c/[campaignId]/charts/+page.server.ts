import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { listRounds } from '$lib/server/services/rounds';
import { AGGREGATION_LABELS } from '$lib/shared/labels';
import { roundResults } from '$lib/server/services/results';
import { latestSelection, lockedSelection } from '$lib/server/services/selection';
import { type SelectionOutcome } from '$lib/server/services/selection-solve';
import { progressOverTime, scoreHistogram, selectionBalance } from '$lib/server/services/charts';

export const load: PageServerLoad = async (event) => {
	const { campaign, role } = await requireRole(event, event.params.campaignId, 'organizer', 'chair');
	const db = await getDb();
	const config = configOf(campaign);
	const scored = (await listRounds(db, campaign.id)).filter((r) => r.type === 'score' && r.state !== 'draft');
	const rounds = [];
	for (const round of scored) {
		// the ranking and the leniency only: no matrix, no progress, no notes
		const results = await roundResults(db, round, { ranking: true, leniency: true });
		if (!results.aggregates.length) continue;
		rounds.push({
			id: round.id,
			name: round.name,
			state: round.state,
			aggregation: AGGREGATION_LABELS[round.aggregation] ?? round.aggregation,
			histogram: scoreHistogram(results, config.fields),
			leniency: results.leniency
				.map((l) => ({
					expert: l.expert,
					n: l.n,
					mean: l.mean,
					compared: l.compared,
					ownMean: l.ownMean,
					panelMean: l.panelMean,
					difference: l.difference
				}))
				.sort((a, b) => (b.difference ?? -Infinity) - (a.difference ?? -Infinity) || (a.expert < b.expert ? -1 : 1))
		});
	}
	const sel = (await lockedSelection(db, campaign.id)) ?? (await latestSelection(db, campaign.id));
	const outcome = (sel?.result ?? null) as SelectionOutcome | null;
	const balance = sel && outcome?.ok ? selectionBalance(sel.input, outcome) : [];
	return {
		role,
		rounds,
		progress: await progressOverTime(db, campaign.id),
		selection: sel ? { state: sel.state, ok: !!outcome?.ok, createdAt: sel.createdAt } : null,
		balance
	};
};
