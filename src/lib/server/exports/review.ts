// CSV exports of the review set-up: who reviews which dossier, and every conflict of interest
// with its decision. Imported for its side effect (registration) by the web pages and the CLI.
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, candidates, experts } from '../db/schema';
import { listConflicts } from '../services/conflicts';
import { CONFLICT_KIND_LABELS, CONFLICT_STATUS_LABELS, SEVERITY_LABELS } from '../../shared/labels';
import { toCsv } from '../../domain/formats/csv-safe';
import { compareReviewCodes } from '../../shared/review-codes';
import { formatBeijingOrEmpty } from '../../shared/time';

const STATE_LABELS: Record<string, string> = { draft: '草案', published: '已发布' };
const SOURCE_LABELS: Record<string, string> = { auto: '自动', manual: '手动', panel: '全组' };

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function assignmentsCsv(db: DB, campaignId: string): Promise<string> {
	const rows = await db
		.select({
			code: candidates.reviewCode,
			candidateId: candidates.id,
			field: candidates.field,
			expert: experts.name,
			unit: experts.unit,
			state: assignments.state,
			source: assignments.source
		})
		.from(assignments)
		.innerJoin(candidates, eq(candidates.id, assignments.candidateId))
		.innerJoin(experts, eq(experts.id, assignments.expertId))
		.where(eq(assignments.campaignId, campaignId));
	rows.sort(
		(a, b) => compareReviewCodes(a.code ?? a.candidateId, b.code ?? b.candidateId) || byCodeUnit(a.expert, b.expert)
	);
	return toCsv(
		['评审编号', '领域', '专家', '专家单位', '状态', '来源'],
		rows.map((r) => [
			r.code ?? '',
			r.field ?? '',
			r.expert,
			r.unit,
			STATE_LABELS[r.state] ?? r.state,
			SOURCE_LABELS[r.source] ?? r.source
		])
	);
}

export async function conflictsCsv(db: DB, campaignId: string): Promise<string> {
	const rows = await listConflicts(db, campaignId);
	// SQL orders codes as strings (前沿-100 before 前沿-11); the one code order is compareReviewCodes.
	rows.sort(
		(a, b) =>
			byCodeUnit(a.c.status, b.c.status) ||
			byCodeUnit(a.expertName, b.expertName) ||
			compareReviewCodes(a.reviewCode ?? '', b.reviewCode ?? '')
	);
	return toCsv(
		['专家', '评审编号', '候选人', '类型', '级别', '原因', '状态', '决定人', '决定时间', '决定理由'],
		rows.map(({ c, expertName, reviewCode, candidateName }) => [
			expertName,
			reviewCode ?? '',
			candidateName,
			CONFLICT_KIND_LABELS[c.kind] ?? c.kind,
			SEVERITY_LABELS[c.severity] ?? c.severity,
			c.reason,
			CONFLICT_STATUS_LABELS[c.status] ?? c.status,
			c.decidedBy ?? '',
			formatBeijingOrEmpty(c.decidedAt),
			c.decisionReason ?? ''
		])
	);
}
