// Candidates (nominations): writes always in the caller's transaction, with audit.
import { asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates } from '../db/schema';
import { audit, SYSTEM, type Actor } from '../audit';
import { newId } from './accounts';
import { assignReviewCodes } from '../../domain/anonymity/review-codes';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { CampaignConfig, CandidateRecord } from '../../domain/types';
import { matchRecords, nominationKey } from '../../domain/intake/match';

export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
export type CandidateRow = typeof candidates.$inferSelect;

/**
 * The field or group a candidate is reviewed in (and numbered by): what the campaign's panels use
 * when the record carries both 推荐组别 and 推荐领域 (广西), so it is never misfiled.
 */
export function reviewField(
	r: Pick<CandidateRecord, 'field' | 'group'>,
	classification?: CampaignConfig['classification']
): string {
	if (classification === 'group') return r.group || r.field || '未分组';
	return r.field || r.group || '未分组';
}

const CHUNK = 100;

export interface InsertResult {
	inserted: number;
	updated: number;
	unchanged: number;
	ids: string[];
}

/**
 * Inserts or updates the records (matched by matchRecords, stored under nominationKey) and gives new ones review codes.
 * Runs inside the caller's transaction so an import is all or nothing.
 */
export async function insertCandidates(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	config: CampaignConfig,
	records: CandidateRecord[]
): Promise<InsertResult> {
	const existing = await tx
		.select({
			id: candidates.id,
			key: candidates.dedupKey,
			record: candidates.record,
			seq: candidates.seq,
			code: candidates.reviewCode,
			field: candidates.field
		})
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId))
		.orderBy(asc(candidates.seq));
	const byKey = new Map(existing.map((e) => [e.key, e]));
	// Never merged silently: exact key first, then a unique 推荐单位 + 姓名 (a corrected birth).
	const matched = matchRecords(
		existing.map((e) => e.record),
		records
	);
	let seq = existing.reduce((m, e) => Math.max(m, e.seq), 0);
	const result: InsertResult = { inserted: 0, updated: 0, unchanged: 0, ids: [] };
	const now = Date.now();
	const fresh: (typeof candidates.$inferInsert)[] = [];
	for (const [j, r] of records.entries()) {
		const key = nominationKey(r);
		const found = matched[j] === null ? undefined : existing[matched[j]];
		const cols = {
			dedupKey: key,
			name: r.name,
			gender: r.gender,
			birth: r.birth,
			channel: r.channel,
			field: reviewField(r, config.classification),
			record: r,
			updatedAt: now
		};
		if (found) {
			result.ids.push(found.id);
			if (JSON.stringify(found.record) === JSON.stringify(r)) {
				result.unchanged++;
				continue;
			}
			// A changed field gets a new code in the new field; otherwise the code stays.
			const code = found.field === cols.field ? found.code : null;
			await tx
				.update(candidates)
				.set({ ...cols, reviewCode: code })
				.where(eq(candidates.id, found.id));
			await audit(tx, actor, {
				campaignId,
				action: 'candidate.update',
				entity: 'candidate',
				entityId: found.id,
				before: found.record,
				after: r
			});
			result.updated++;
		} else {
			const id = newId('k_');
			fresh.push({ id, campaignId, seq: ++seq, createdAt: now, reviewCode: null, ...cols });
			byKey.set(key, { id, key, record: r, seq, code: null, field: cols.field });
			result.ids.push(id);
			result.inserted++;
		}
	}
	// Codes for the new rows before they are written, so a large import is a few bulk inserts.
	const known = [...byKey.values()];
	const seed = newCodeSeed();
	const codes = assignReviewCodes(
		known.map((e) => ({ id: e.id, field: e.field ?? '未分组', key: String(e.seq).padStart(8, '0') })),
		new Map(known.filter((e) => e.code).map((e) => [e.id, e.code!])),
		seed
	);
	for (const f of fresh) f.reviewCode = codes.get(f.id)!;
	for (let i = 0; i < fresh.length; i += CHUNK) await tx.insert(candidates).values(fresh.slice(i, i + CHUNK));
	if (fresh.length)
		await auditCodes(
			tx,
			actor,
			campaignId,
			seed,
			fresh.map((f) => ({ id: f.id, code: f.reviewCode! }))
		);
	if (result.updated) await ensureReviewCodes(tx, campaignId, actor);
	return result;
}

/** 128 random bits; the permutation of new codes is derived from SHA-256 of it (review-codes.ts). */
function newCodeSeed(): string {
	return encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(16)));
}

/** The seed and the codes it gave, in the key order the permutation was applied to, so the numbering can be replayed. */
async function auditCodes(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	seed: string,
	given: { id: string; code: string }[]
): Promise<void> {
	await audit(tx, actor, {
		campaignId,
		action: 'candidate.codes_assigned',
		entity: 'campaign',
		entityId: campaignId,
		after: {
			seed,
			rule: 'SHA-256(seed, field) Fisher–Yates over the new candidates of each field in import order',
			codes: given
		}
	});
}

/**
 * Gives every candidate without a code one of the next free codes of its field (seeded random
 * order, seed audited); existing codes never change.
 */
export async function ensureReviewCodes(tx: Tx, campaignId: string, actor: Actor = SYSTEM): Promise<void> {
	const rows = await tx
		.select({ id: candidates.id, field: candidates.field, seq: candidates.seq, code: candidates.reviewCode })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId))
		.orderBy(asc(candidates.seq));
	const missing = rows.filter((r) => !r.code);
	if (!missing.length) return;
	const existing = new Map(rows.filter((r) => r.code).map((r) => [r.id, r.code!]));
	const seed = newCodeSeed();
	const codes = assignReviewCodes(
		rows.map((r) => ({ id: r.id, field: r.field ?? '未分组', key: String(r.seq).padStart(8, '0') })),
		existing,
		seed
	);
	for (const r of missing)
		await tx
			.update(candidates)
			.set({ reviewCode: codes.get(r.id)! })
			.where(eq(candidates.id, r.id));
	await auditCodes(
		tx,
		actor,
		campaignId,
		seed,
		missing.map((r) => ({ id: r.id, code: codes.get(r.id)! }))
	);
}

/** Each candidate's id, review code and name (for lists that need no more). */
export async function candidateCodes(
	db: DB | Tx,
	campaignId: string
): Promise<{ id: string; code: string | null; name: string }[]> {
	return db
		.select({ id: candidates.id, code: candidates.reviewCode, name: candidates.name })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
}

export async function listCandidateRows(db: DB | Tx, campaignId: string): Promise<CandidateRow[]> {
	return db.select().from(candidates).where(eq(candidates.campaignId, campaignId)).orderBy(asc(candidates.seq));
}

export function recordOf(row: Pick<CandidateRow, 'record'>): CandidateRecord {
	return row.record;
}
