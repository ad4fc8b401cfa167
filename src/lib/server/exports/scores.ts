// The scores export: one row per submitted sheet of every round (score sheets and ballots), for the
// campaign office's records and the discipline inspectors. Imported by exports-all for registration.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, experts, rounds, sheets } from '../db/schema';
import { formatBeijingOrEmpty } from '../../shared/time';
import { CHOICE_LABELS } from '../../shared/labels';
import { blockedPairs, pairKey } from '../services/conflicts';
import { toCsv, type CsvValue } from '../../domain/formats/csv-safe';
import { compareReviewCodes } from '../../shared/review-codes';
import type { CampaignConfig, RubricCriterion } from '../../domain/types';

/** The campaign's criteria first, then any a round added, each key once, in a stable order. */
function criteriaOf(config: CampaignConfig, roundRubrics: RubricCriterion[][]): RubricCriterion[] {
	const out: RubricCriterion[] = [];
	const seen = new Set<string>();
	for (const c of [...(config.rubric ?? []), ...roundRubrics.flat()]) {
		if (seen.has(c.key)) continue;
		seen.add(c.key);
		out.push(c);
	}
	return out;
}

export async function scoresCsv(db: DB, campaignId: string, config: CampaignConfig): Promise<string> {
	const rs = await db.select().from(rounds).where(eq(rounds.campaignId, campaignId));
	const criteria = criteriaOf(
		config,
		rs.map((r) => (r.type === 'score' ? (r.rubric ?? []) : []))
	);
	const rows = await db
		.select({
			seq: rounds.seq,
			expertId: sheets.expertId,
			round: rounds.name,
			type: rounds.type,
			code: candidates.reviewCode,
			candidateId: candidates.id,
			field: candidates.field,
			expert: experts.name,
			values: sheets.values,
			total: sheets.total,
			choice: sheets.choice,
			comment: sheets.comment,
			submittedAt: sheets.submittedAt
		})
		.from(sheets)
		.innerJoin(rounds, eq(rounds.id, sheets.roundId))
		.innerJoin(candidates, eq(candidates.id, sheets.candidateId))
		.innerJoin(experts, eq(experts.id, sheets.expertId))
		.where(and(eq(rounds.campaignId, campaignId), eq(sheets.status, 'submitted')));
	// As in the results: a sheet of a pair later blocked by a conflict does not count. A sheet reopened
	// for a rescore is a draft again and appears once it is resubmitted.
	const blocked = await blockedPairs(db, campaignId);
	const current = rows.filter((r) => !blocked.has(pairKey(r.expertId, r.candidateId)));
	current.sort(
		(a, b) =>
			a.seq - b.seq ||
			compareReviewCodes(a.code ?? a.candidateId, b.code ?? b.candidateId) ||
			(a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0)
	);
	const headers = [
		'轮次',
		'评审编号',
		'领域',
		'专家',
		...criteria.map((c) => c.name),
		'总分',
		'投票',
		'评语',
		'提交时间'
	];
	const data: CsvValue[][] = current.map((r) => {
		const values = r.values ?? {};
		return [
			r.round,
			r.code ?? '',
			r.field ?? '',
			r.expert,
			...criteria.map((c) =>
				r.type === 'score' && typeof values[c.key] === 'number' ? (values[c.key] as number) : ''
			),
			r.type === 'score' ? r.total : '',
			r.type === 'vote' && r.choice ? (CHOICE_LABELS[r.choice] ?? r.choice) : '',
			r.comment ?? '',
			formatBeijingOrEmpty(r.submittedAt)
		];
	});
	return toCsv(headers, data);
}
