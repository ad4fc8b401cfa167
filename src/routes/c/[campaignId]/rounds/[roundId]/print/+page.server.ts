// Printable records of a round on A4 for the chair and the office: the results (ranking and score
// matrix, ?what=results) or the 评分汇总表 with a signature line per expert (?what=summary).
// Review codes only, as on the round page.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { getRound } from '$lib/server/services/rounds';
import { roundResults, roundResultsView, type RoundResults } from '$lib/server/services/results';
import { matrixGroups } from '$lib/shared/round-matrix';
import { num, ruleText } from '$lib/components/rounds/format';

/** The score matrix as printed: numbers per column, or a wide panel's reviewers as one line a row. */
function printedMatrix(results: RoundResults) {
	return matrixGroups(results, []).map((g) => {
		const nameOf = new Map(g.experts.map((e) => [e.id, e.name]));
		return {
			field: g.field,
			experts: g.experts,
			// a wide panel prints each dossier's own reviewers (name and score), not 100 columns
			compact: g.compact,
			// keyed by review code on the page: no ids for 5,000 rows
			rows: g.rows.map((r) => ({
				code: r.code,
				cells: g.compact ? [] : r.cells.map((c) => (c.status === 'submitted' ? c.raw : null)),
				// one line of text per row: 25,000 small objects would cost the page its time
				scores: g.compact
					? r.cells
							.filter((c) => c.status === 'submitted')
							.map((c) => `${nameOf.get(c.expertId) ?? ''} ${num(c.raw, 1)}`)
							.join('；')
					: '',
				mean: r.mean
			}))
		};
	});
}

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const round = await getRound(db, campaign.id, event.params.roundId);
	if (!round) error(404, { message: '没有找到该轮次' });
	const results = await roundResults(db, round);
	const what = event.url.searchParams.get('what') === 'summary' ? ('summary' as const) : ('results' as const);
	const threshold = round.threshold ?? null;
	return {
		what,
		printedAt: Date.now(),
		round: {
			id: round.id,
			seq: round.seq,
			name: round.name,
			type: round.type,
			state: round.state,
			aggregation: round.aggregation,
			rule: ruleText({ type: round.type, aggregation: round.aggregation, threshold })
		},
		scale: results.scale,
		candidates: results.candidates.length,
		aggregates: results.aggregates.map((a) => ({
			code: a.candidate,
			field: a.field,
			rank: a.rank,
			value: a.value,
			n: a.n,
			mean: a.mean,
			trimmedMean: a.trimmedMean,
			median: a.median,
			calibrated: a.calibrated
		})),
		votes: results.votes.map((v) => ({
			code: v.candidate,
			field: v.field,
			rank: v.rank,
			yes: v.yes,
			no: v.no,
			abstain: v.abstain,
			present: v.present,
			needed: v.needed,
			passed: v.passed
		})),
		// the matrix is printed with the results only (the 评分汇总表 lists the ranking and signatures)
		groups:
			round.type === 'score' && what === 'results'
				? await roundResultsView(db, round, 'print-matrix', printedMatrix)
				: [],
		// the experts who review in this round, for the signature lines
		experts: results.progress
			.map((p) => ({ id: p.expert, name: p.name, assigned: p.assigned, done: p.done }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	};
};
