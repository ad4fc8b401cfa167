// Nomination import and the eligibility check: the same functions serve the web and the CLI.
import { lockRefusal } from './locks';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { DB } from '../db';
import { attachments, campaigns, candidates, issueAcceptances, pendingImports } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { insertCandidates, recordOf } from './candidates';
import { parseNominationCsv, type RowError, type ParsedRow } from '../../domain/intake/nomination-csv';
import { checkCampaign, type CheckContext, type CheckReport } from '../../domain/intake/eligibility';
import type { FileMeta } from '../../domain/intake/eligibility/files';
import type { CampaignConfig, CandidateRecord, ChannelType } from '../../domain/types';
import { encodingLabel } from '../../domain/formats/csv-decode';
import { saveAttachment } from './attachments';
import { prepareUpload, type FormReport, type UploadFile } from './intake-files';
import { beijingToday } from '../../shared/time';

/** Larger files are refused before parsing: a nomination file of 10,000 rows is about 15 MB. */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportPreview {
	ok: boolean;
	encoding: string;
	delimiter: string;
	rows: number;
	errors: RowError[];
	warnings: RowError[];
	newChannels: { name: string; type: ChannelType }[];
	parsed: ParsedRow[];
	/** for an .xlsx/.docx/.zip upload: what it held and each 推荐表 as read */
	source?: {
		kind: 'csv' | 'xlsx' | 'forms';
		summary: string;
		forms: FormReport[];
		photos?: { row: number; name: string; bytes: Uint8Array }[];
	};
}

/** Hex SHA-256 of an uploaded file (node:crypto: a 20 MB file in ~30 ms, ten times the pure-JS hash). */
function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Parses a nomination file against a campaign's configuration. Writes nothing. */
function previewImport(config: CampaignConfig, bytes: Uint8Array): ImportPreview {
	if (bytes.byteLength > MAX_IMPORT_BYTES) {
		return fileError(
			`文件过大（${(bytes.byteLength / 1048576).toFixed(1)} MB），上限为 ${MAX_IMPORT_BYTES / 1048576} MB`
		);
	}
	const knownChannels = new Map<string, ChannelType>(config.channels.map((c) => [c.name, c.type]));
	const r = parseNominationCsv(bytes, {
		knownChannels,
		fields: config.fields,
		today: beijingToday(),
		maxRows: MAX_IMPORT_ROWS,
		localFields: config.intake?.localFields?.values,
		classification: config.classification
	});
	if (r.tooManyRows !== undefined) return fileError(r.errors[0].message);
	const total = r.rows.length + new Set(r.errors.filter((e) => e.row > 1).map((e) => e.row)).size;
	if (total > MAX_IMPORT_ROWS)
		return fileError(`文件有 ${total} 行，超过单次导入上限 ${MAX_IMPORT_ROWS} 行，请分批导入`);
	const newChannels = new Map<string, ChannelType>();
	for (const row of r.rows) if (row.newChannel) newChannels.set(row.newChannel.name, row.newChannel.type);
	return {
		ok: r.errors.length === 0,
		encoding: encodingLabel(r.encoding),
		delimiter: r.delimiter === '\t' ? '制表符' : '逗号',
		rows: total,
		errors: r.errors,
		warnings: r.warnings,
		newChannels: [...newChannels].map(([name, type]) => ({ name, type })),
		parsed: r.rows
	};
}

/**
 * Parses an upload of one or more files (CSV, .xlsx 汇总表, .docx 推荐表, .zip of them): the office
 * files become the table the CSV parser reads, so the checks and row numbers are the same. Writes nothing.
 */
export async function previewUpload(config: CampaignConfig, files: UploadFile[]): Promise<ImportPreview> {
	const total = files.reduce((s, f) => s + f.bytes.byteLength, 0);
	if (total > MAX_IMPORT_BYTES)
		return fileError(`文件过大（${(total / 1048576).toFixed(1)} MB），上限为 ${MAX_IMPORT_BYTES / 1048576} MB`);
	const prepared = await prepareUpload(files, { maxRows: MAX_IMPORT_ROWS });
	const source = { kind: prepared.kind, summary: prepared.summary, forms: prepared.forms, photos: prepared.photos };
	if (!prepared.csv || prepared.errors.length) {
		return { ...fileError(''), errors: prepared.errors, warnings: prepared.warnings, source };
	}
	const p = previewImport(config, prepared.csv);
	if (prepared.kind === 'csv' && !prepared.forms.length) return p;
	return {
		...p,
		encoding: prepared.kind === 'csv' ? p.encoding : prepared.kind === 'xlsx' ? 'Excel 工作簿' : 'Word 推荐表',
		delimiter: prepared.kind === 'csv' ? p.delimiter : '—',
		warnings: [...prepared.warnings, ...p.warnings].sort((a, b) => a.row - b.row),
		ok: p.ok && prepared.errors.length === 0,
		source
	};
}

function fileError(message: string): ImportPreview {
	return {
		ok: false,
		encoding: '',
		delimiter: '',
		rows: 0,
		errors: [{ row: 1, column: '', message }],
		warnings: [],
		newChannels: [],
		parsed: []
	};
}

export type ImportResult =
	| {
			ok: true;
			imported: number;
			inserted: number;
			updated: number;
			unchanged: number;
			newChannels: string[];
			warnings: RowError[];
	  }
	| { ok: false; errors: RowError[] };

/** Imports the whole file or nothing: one transaction, refused whole if any row is bad. */
export async function importCandidates(
	db: DB,
	actor: Actor,
	campaignId: string,
	bytes: Uint8Array,
	opts: { dryRun?: boolean; filename?: string } = {}
): Promise<ImportResult> {
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { ok: false, errors: [{ row: 1, column: '', message: `没有找到活动 ${campaignId}` }] };
	const locked = await lockRefusal(db, campaignId, '导入候选人');
	if (locked) return { ok: false, errors: [{ row: 1, column: '', message: locked }] };
	const config = campaign.config;
	// the bytes as uploaded (CSV, .xlsx, .docx or a .zip of several), judged by content
	const preview = await previewUpload(config, [{ name: opts.filename ?? '文件', bytes }]);
	if (!preview.ok) return { ok: false, errors: preview.errors };
	const base = {
		imported: preview.parsed.length,
		newChannels: preview.newChannels.map((c) => c.name),
		warnings: preview.warnings
	};
	if (opts.dryRun) return { ok: true, inserted: 0, updated: 0, unchanged: 0, ...base };
	const digest = sha256Hex(bytes);
	const counts = await db.transaction(async (tx) => {
		let next = config;
		if (preview.newChannels.length) {
			next = { ...config, channels: [...config.channels, ...preview.newChannels] };
			await tx.update(campaigns).set({ config: next }).where(eq(campaigns.id, campaignId));
			await audit(tx, actor, {
				campaignId,
				action: 'campaign.channels_added',
				entity: 'campaign',
				entityId: campaignId,
				after: preview.newChannels
			});
		}
		const r = await insertCandidates(
			tx,
			actor,
			campaignId,
			next,
			preview.parsed.map((p) => p.record)
		);
		await audit(tx, actor, {
			campaignId,
			action: 'candidate.import',
			entity: 'file',
			entityId: digest,
			after: {
				filename: opts.filename ?? null,
				sha256: digest,
				rows: preview.parsed.length,
				inserted: r.inserted,
				updated: r.updated
			}
		});
		return r;
	});
	const photoWarnings = await savePhotos(db, actor, campaignId, preview);
	return {
		ok: true,
		inserted: counts.inserted,
		updated: counts.updated,
		unchanged: counts.unchanged,
		...base,
		warnings: [...base.warnings, ...photoWarnings]
	};
}

/**
 * The photo embedded in each 推荐表 becomes the candidate's 证件照 (after the import, through the
 * attachment checks); a candidate who has one already keeps it. Problems are warnings, not refusals.
 */
async function savePhotos(db: DB, actor: Actor, campaignId: string, preview: ImportPreview): Promise<RowError[]> {
	const photos = preview.source?.photos ?? [];
	if (!photos.length) return [];
	const warnings: RowError[] = [];
	const rows = await db
		.select({ id: candidates.id, record: candidates.record })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	const existing = new Set(
		(await db.select({ c: attachments.candidateId }).from(attachments).where(eq(attachments.kind, 'portrait'))).map(
			(a) => a.c
		)
	);
	for (const photo of photos) {
		const rec = preview.parsed.find((p) => p.row === photo.row)?.record;
		const target = rec && rows.find((r) => r.record.name === rec.name && r.record.channel === rec.channel);
		if (!target || existing.has(target.id) || !/\.(jpe?g|png)$/i.test(photo.name)) continue;
		const ext = photo.name.split('.').pop()!.toLowerCase();
		const r = await saveAttachment(db, actor, campaignId, target.id, {
			kind: 'portrait',
			filename: `${rec.name}-推荐表照片.${ext}`,
			bytes: photo.bytes
		});
		if (!r.ok) warnings.push({ row: photo.row, column: '照片', message: `推荐表中的照片未保存：${r.message}` });
	}
	return warnings;
}

/** Keeps an uploaded file between preview and confirmation; old pending files are purged. */
export async function storePendingImport(
	db: DB,
	campaignId: string,
	userId: string,
	filename: string,
	bytes: Uint8Array
): Promise<string> {
	const id = newId('imp_');
	await db.delete(pendingImports).where(lt(pendingImports.createdAt, Date.now() - 24 * 3600_000));
	await db.insert(pendingImports).values({
		id,
		campaignId,
		userId,
		filename,
		bytes: Buffer.from(bytes),
		sha256: sha256Hex(bytes),
		createdAt: Date.now()
	});
	return id;
}

export async function takePendingImport(db: DB, campaignId: string, userId: string, id: string) {
	const row = (
		await db
			.select()
			.from(pendingImports)
			.where(
				and(eq(pendingImports.id, id), eq(pendingImports.campaignId, campaignId), eq(pendingImports.userId, userId))
			)
	)[0];
	return row ? { filename: row.filename, bytes: new Uint8Array(row.bytes) } : null;
}

export async function dropPendingImport(db: DB, id: string): Promise<void> {
	await db.delete(pendingImports).where(eq(pendingImports.id, id));
}

/** The eligibility and quota report of a campaign's current nominations (with files, dates, acceptances). */
export async function campaignCheck(db: DB, campaignId: string): Promise<CheckReport> {
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) throw new Error(`没有找到活动 ${campaignId}`);
	const { records, ctx } = await checkInputs(db, campaignId);
	return checkCampaign(campaign.config, records, ctx);
}

/** A campaign's nominations in import order: only the records, which is all the check needs. */
export async function campaignRecords(db: DB, campaignId: string): Promise<CandidateRecord[]> {
	const rows = await db
		.select({ record: candidates.record })
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), isNull(candidates.withdrawnAt)))
		.orderBy(asc(candidates.seq));
	return rows.map(recordOf);
}

/** The records and what the check needs besides them: ids, first-recorded times, files, acceptances. */
export async function checkInputs(
	db: DB,
	campaignId: string
): Promise<{ records: CandidateRecord[]; ctx: CheckContext }> {
	const rows = await db
		.select({ id: candidates.id, record: candidates.record, createdAt: candidates.createdAt })
		.from(candidates)
		// a nomination 不予受理 leaves the check and its counts (withdrawal.ts)
		.where(and(eq(candidates.campaignId, campaignId), isNull(candidates.withdrawnAt)))
		.orderBy(asc(candidates.seq));
	const files = await db
		.select({
			candidateId: attachments.candidateId,
			kind: attachments.kind,
			filename: attachments.filename,
			mime: attachments.mime,
			size: attachments.size
		})
		.from(attachments)
		.innerJoin(candidates, eq(candidates.id, attachments.candidateId))
		.where(eq(candidates.campaignId, campaignId))
		.orderBy(asc(attachments.createdAt), asc(attachments.id));
	const byCandidate = new Map<string, FileMeta[]>();
	for (const f of files)
		byCandidate.set(f.candidateId, [
			...(byCandidate.get(f.candidateId) ?? []),
			{ kind: f.kind, filename: f.filename, mime: f.mime, size: f.size }
		]);
	const accepted = new Map<string, { reason: string; by: string; at: number }>();
	for (const a of await db.select().from(issueAcceptances).where(eq(issueAcceptances.campaignId, campaignId)))
		accepted.set(`${a.candidateId}|${a.code}`, { reason: a.reason, by: a.userName, at: a.createdAt });
	const campaign = (
		await db.select({ createdAt: campaigns.createdAt }).from(campaigns).where(eq(campaigns.id, campaignId))
	)[0];
	return {
		records: rows.map(recordOf),
		ctx: {
			campaignCreatedAt: campaign?.createdAt,
			ids: rows.map((r) => r.id),
			recordedAt: rows.map((r) => r.createdAt),
			files: rows.map((r) => byCandidate.get(r.id) ?? []),
			accepted
		}
	};
}
