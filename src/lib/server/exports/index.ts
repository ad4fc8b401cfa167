// CSV exports: the same bytes for the web download and `laurel export`.
// UTF-8 with BOM so that Excel opens them; cells neutralized against formula injection.
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns } from '../db/schema';
import { auditCsv } from './audit';
import { listCandidateRows, recordOf } from '../services/candidates';
import { toNominationCsv } from '../../domain/intake/nomination-csv';
import type { CampaignConfig, ChannelType } from '../../domain/types';

export type ExportKind =
	'candidates' | 'shortlist' | 'scores' | 'assignments' | 'conflicts' | 'audit' | 'summary' | 'upper';
// `summary` (the notice's 汇总表 of the final list) and `upper` (those recommended to the upper round,
// as the 汇总表 the office sends up) extend the contract's list.
export const EXPORT_KINDS: ExportKind[] = [
	'candidates',
	'shortlist',
	'scores',
	'assignments',
	'conflicts',
	'audit',
	'summary',
	'upper'
];

/** `by`: the 汇总表 as one sheet per 推荐单位 ('unit') or all together ('all', the default). */
export interface ExportOptions {
	by?: 'unit' | 'all';
}

export const EXPORT_LABELS: Record<ExportKind, string> = {
	candidates: '候选人（推荐表格式）',
	shortlist: '遴选结果',
	scores: '评分',
	assignments: '评审分配',
	conflicts: '回避记录',
	audit: '操作日志',
	summary: '汇总表',
	upper: '推荐参加上级评选人选汇总表'
};

type Producer = (db: DB, campaignId: string, config: CampaignConfig, options: ExportOptions) => Promise<string>;

const producers: Partial<Record<ExportKind, Producer>> = {
	candidates: async (db, campaignId, config) => {
		const rows = await listCandidateRows(db, campaignId);
		const types = new Map<string, ChannelType>(config.channels.map((c) => [c.name, c.type]));
		return toNominationCsv(rows.map(recordOf), types);
	},
	audit: (db, campaignId) => auditCsv(db, campaignId)
};

export class ExportRefusal extends Error {}

/** Registers an export (later areas add theirs: scores, assignments, shortlist, conflicts). */
export function registerExport(kind: ExportKind, producer: Producer): void {
	producers[kind] = producer;
}

export async function exportCsv(
	db: DB,
	campaignId: string,
	kind: string,
	options: ExportOptions = {}
): Promise<{ ok: true; csv: string; filename: string } | { ok: false; status: 400 | 404; message: string }> {
	if (!EXPORT_KINDS.includes(kind as ExportKind))
		return { ok: false, status: 400, message: `未知的导出类型“${kind}”（可用：${EXPORT_KINDS.join(', ')}）` };
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { ok: false, status: 404, message: `没有找到活动 ${campaignId}` };
	const producer = producers[kind as ExportKind];
	if (!producer) return { ok: false, status: 400, message: `“${EXPORT_LABELS[kind as ExportKind]}”尚无数据可导出` };
	let csv: string;
	try {
		csv = await producer(db, campaignId, campaign.config as CampaignConfig, options);
	} catch (e) {
		// a producer refuses with an ExportRefusal when the campaign has nothing of that kind
		if (e instanceof ExportRefusal) return { ok: false, status: 400, message: e.message };
		throw e;
	}
	return { ok: true, csv, filename: `${campaign.name}-${EXPORT_LABELS[kind as ExportKind]}.csv` };
}

/** `attachment; filename*=UTF-8''…` (RFC 6266/5987), so that Chinese file names survive every browser. */
export function attachmentDisposition(filename: string): string {
	const encoded = encodeURIComponent(filename).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename*=UTF-8''${encoded}`;
}
