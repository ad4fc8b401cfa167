// Candidates (nominations): writes always in the caller's transaction, with audit.
import { eq, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import type { CampaignConfig, CandidateRecord } from '../../domain/types';

export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

/** 推荐单位 + 姓名 + 出生年月 identifies a nomination across imports. */
export function dedupKey(r: Pick<CandidateRecord, 'channel' | 'name' | 'birth'>): string {
	return `${r.channel.trim()}|${r.name.trim()}|${r.birth.slice(0, 7)}`;
}

/**
 * Inserts or updates the records (matched by dedupKey). Returns counts.
 * Runs inside the caller's transaction so an import is all or nothing.
 */
export async function insertCandidates(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	_config: CampaignConfig,
	records: CandidateRecord[]
): Promise<{ inserted: number; updated: number }> {
	const existing = await tx
		.select({ id: candidates.id, key: candidates.dedupKey, record: candidates.record })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	const byKey = new Map(existing.map((e) => [e.key, e]));
	const maxSeq = await tx
		.select({ m: sql<number>`coalesce(max(${candidates.seq}), 0)` })
		.from(candidates)
		.where(eq(candidates.campaignId, campaignId));
	let seq = Number(maxSeq[0].m);
	let inserted = 0;
	let updated = 0;
	const now = Date.now();
	for (const r of records) {
		const key = dedupKey(r);
		const found = byKey.get(key);
		const cols = {
			name: r.name,
			gender: r.gender,
			birth: r.birth,
			channel: r.channel,
			field: r.field ?? r.group ?? null,
			record: r,
			updatedAt: now
		};
		if (found) {
			if (JSON.stringify(found.record) === JSON.stringify(r)) continue;
			await tx.update(candidates).set(cols).where(eq(candidates.id, found.id));
			await audit(tx, actor, { campaignId, action: 'candidate.update', entity: 'candidate', entityId: found.id, before: found.record, after: r });
			updated++;
		} else {
			const id = newId('k_');
			await tx.insert(candidates).values({ id, campaignId, dedupKey: key, seq: ++seq, createdAt: now, ...cols });
			byKey.set(key, { id, key, record: r });
			inserted++;
		}
	}
	return { inserted, updated };
}
