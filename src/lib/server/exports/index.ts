// CSV exports: the same bytes for the web download and `laurel export`.
// UTF-8 with BOM so that Excel opens them; cells neutralized against formula injection.
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns } from '../db/schema';
import { auditCsv } from './audit';
import { assignmentsCsv, conflictsCsv } from './review';
import { scoresCsv } from './scores';
import { shortlistCsv, summaryCsv, upperCsv } from './selection';
import { listCandidateRows, recordOf } from '../services/candidates';
import { toNominationCsv } from '../../domain/intake/nomination-csv-write';
import type { CampaignConfig, ChannelType, Role } from '../../domain/types';

/** `by`: the 汇总表 as one sheet per 推荐单位 ('unit') or all together ('all', the default). */
export interface ExportOptions {
	by?: 'unit' | 'all';
}

type Producer = (db: DB, campaignId: string, config: CampaignConfig, options: ExportOptions) => Promise<string>;

/** Who may download an export. Files that name candidates or hold their personal data are the office's. */
type ExportRoles = readonly Extract<Role, 'organizer' | 'chair'>[];
// Nominees' personal data (phones, addresses), and files that name candidates (conflicts, shortlist,
// 汇总表), are for the campaign office only: the chair reviews by code. So is the audit log (as its page
// is): it holds whole nomination records before and after each edit, and the names of uploaded files.
const OFFICE: ExportRoles = ['organizer'];
const OFFICE_AND_CHAIR: ExportRoles = ['organizer', 'chair'];

/**
 * Every CSV export: kind → label (the file name), producer, roles allowed. The web download and
 * `laurel export` both read this table. `summary` (the notice's 汇总表 of the final list) and `upper`
 * (those recommended to the upper round, as the 汇总表 the office sends up) extend the contract's list.
 */
export const EXPORTS = {
	candidates: {
		label: '候选人（推荐表格式）',
		roles: OFFICE,
		produce: async (db, campaignId, config) => {
			const rows = await listCandidateRows(db, campaignId);
			const types = new Map<string, ChannelType>(config.channels.map((c) => [c.name, c.type]));
			return toNominationCsv(rows.map(recordOf), types);
		}
	},
	shortlist: { label: '遴选结果', roles: OFFICE, produce: (db, campaignId) => shortlistCsv(db, campaignId) },
	scores: { label: '评分', roles: OFFICE_AND_CHAIR, produce: scoresCsv },
	assignments: {
		label: '评审分配',
		roles: OFFICE_AND_CHAIR,
		produce: (db, campaignId) => assignmentsCsv(db, campaignId)
	},
	conflicts: { label: '回避记录', roles: OFFICE, produce: (db, campaignId) => conflictsCsv(db, campaignId) },
	audit: { label: '操作日志', roles: OFFICE, produce: (db, campaignId) => auditCsv(db, campaignId) },
	summary: { label: '汇总表', roles: OFFICE, produce: summaryCsv },
	upper: { label: '推荐参加上级评选人选汇总表', roles: OFFICE, produce: upperCsv }
} as const satisfies Record<string, { label: string; roles: ExportRoles; produce: Producer }>;

export type ExportKind = keyof typeof EXPORTS;
export const EXPORT_KINDS = Object.keys(EXPORTS) as ExportKind[];

/** The .zip of filled 推荐表 (forms.ts): not a CSV, but the same rule: it names candidates. */
export const FORMS_EXPORT = { kind: 'forms', roles: OFFICE } as const;

const isExportKind = (kind: string): kind is ExportKind => Object.hasOwn(EXPORTS, kind);

/** Whether `role` may download `kind`; an unknown kind is left to the producer to refuse (400). */
export function mayExport(kind: string, role: Role): boolean {
	const roles: ExportRoles | null =
		kind === FORMS_EXPORT.kind ? FORMS_EXPORT.roles : isExportKind(kind) ? EXPORTS[kind].roles : null;
	return roles === null || (roles as readonly Role[]).includes(role);
}

export async function exportCsv(
	db: DB,
	campaignId: string,
	kind: string,
	options: ExportOptions = {}
): Promise<{ ok: true; csv: string; filename: string } | { ok: false; status: 400 | 404; message: string }> {
	if (!isExportKind(kind))
		return { ok: false, status: 400, message: `未知的导出类型“${kind}”（可用：${EXPORT_KINDS.join(', ')}）` };
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { ok: false, status: 404, message: `没有找到活动 ${campaignId}` };
	const { produce, label } = EXPORTS[kind];
	const csv = await produce(db, campaignId, campaign.config, options);
	return { ok: true, csv, filename: `${campaign.name}-${label}.csv` };
}

/** `attachment; filename*=UTF-8''…` (RFC 6266/5987), so that Chinese file names survive every browser. */
export function attachmentDisposition(filename: string): string {
	const encoded = encodeURIComponent(filename).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename*=UTF-8''${encoded}`;
}
