// Every write goes through here with who, when, what, before and after, so that a
// discipline inspector can replay each decision. Call it inside the write's transaction.
//
// The log is a hash chain per campaign (src/lib/domain/audit/chain.ts): each entry stores its
// position `seq`, the previous entry's hash and its own SHA-256, written in the same transaction
// as the change it records. Concurrency: drizzle's transactions on libSQL begin IMMEDIATE (the
// client's default mode 'write'), so a transaction holds SQLite's write lock from its first
// statement, and a second process cannot read the same chain head before the first commits.
// The UNIQUE index on (campaign, seq) is the backstop: were two writers ever to read the same
// head, the second insert fails (and its whole transaction rolls back) instead of forking.
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { DB } from './db';
import { auditLog } from './db/schema';
import { GENESIS_HASH, entryHash, storedJson, verifyChain, type ChainVerdict } from '../domain/audit/chain';

export interface Actor {
	id: string | null;
	name: string;
}

export const SYSTEM: Actor = { id: null, name: '系统' };

export interface AuditEntry {
	campaignId?: string | null;
	action: string;
	entity?: string;
	entityId?: string;
	before?: unknown;
	after?: unknown;
	reason?: string;
}

/** A transaction (or, for callers outside one, the database: then audit() opens its own). */
type Tx = Pick<DB, 'insert' | 'all'>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Entries of one chain: the campaign's, or the global one (campaign null). */
const inChain = (campaignId: string | null) =>
	campaignId === null ? isNull(auditLog.campaignId) : eq(auditLog.campaignId, campaignId);

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
	// Outside a transaction the head read and the insert would be two separate steps.
	if (!(tx instanceof SQLiteTransaction)) {
		await (tx as DB).transaction((t) => audit(t, actor, entry));
		return;
	}
	const campaignId = entry.campaignId ?? null;
	// One read for the chain's head and the next id (the id is part of the hashed content). Inside
	// the IMMEDIATE transaction nobody else can insert in between; AUTOINCREMENT never reuses ids,
	// so the next one is past both the highest id ever given (sqlite_sequence) and the highest now.
	const chain = campaignId ?? '';
	const [head] = await tx.all<{ lastId: number; headSeq: number | null; headHash: string | null }>(sql`
		select max(
			coalesce((select seq from sqlite_sequence where name = 'audit_log'), 0),
			coalesce((select max(id) from audit_log), 0)
		) as lastId,
		(select seq from audit_log where coalesce(campaign_id, '') = ${chain} and seq is not null order by seq desc limit 1) as headSeq,
		(select hash from audit_log where coalesce(campaign_id, '') = ${chain} and seq is not null order by seq desc limit 1) as headHash`);
	const prevHash = head?.headHash ?? GENESIS_HASH;
	const row = {
		id: Number(head?.lastId ?? 0) + 1,
		at: Date.now(),
		actorId: actor.id,
		actorName: actor.name,
		campaignId,
		action: entry.action,
		entity: entry.entity ?? null,
		entityId: entry.entityId ?? null,
		before: storedJson(entry.before),
		after: storedJson(entry.after),
		reason: entry.reason ?? null,
		seq: Number(head?.headSeq ?? 0) + 1,
		prevHash
	};
	await tx.insert(auditLog).values({ ...row, hash: entryHash(row, prevHash, sha256) });
}

export type AuditChainVerdict = ChainVerdict;

/** Recomputes one chain (a campaign's, or the global one with null). */
export async function verifyAuditChain(db: DB, campaignId: string | null): Promise<AuditChainVerdict> {
	const rows = await db.select().from(auditLog).where(inChain(campaignId)).orderBy(asc(auditLog.id));
	return verifyChain(rows, sha256);
}

/**
 * Migration of the rows written before the chain existed (run after the schema migrations, by
 * every process that opens the database): a chain none of whose rows has a hash yet is hashed
 * whole, in id order, so the history before the upgrade is covered from then on. A chain that
 * has begun is never touched again: a row without a hash inside it stays out of the chain and
 * `verify` names it (someone wrote it around audit()).
 */
export async function chainLegacyAudit(db: DB): Promise<number> {
	const pending = await db
		.select({ campaignId: auditLog.campaignId })
		.from(auditLog)
		.where(isNull(auditLog.seq))
		.groupBy(auditLog.campaignId);
	let chained = 0;
	for (const { campaignId } of pending) {
		chained += await db.transaction(async (tx) => {
			const started = await tx
				.select({ id: auditLog.id })
				.from(auditLog)
				.where(and(inChain(campaignId), sql`${auditLog.seq} is not null`))
				.limit(1);
			if (started.length) return 0;
			const rows = await tx.select().from(auditLog).where(inChain(campaignId)).orderBy(asc(auditLog.id));
			let prev = GENESIS_HASH;
			let seq = 0;
			for (const r of rows) {
				seq++;
				// The stored JSON as the chain will read it back.
				const entry = { ...r, seq, before: storedJson(r.before), after: storedJson(r.after) };
				const hash = entryHash(entry, prev, sha256);
				await tx.update(auditLog).set({ seq, prevHash: prev, hash }).where(eq(auditLog.id, r.id));
				prev = hash;
			}
			return rows.length;
		});
	}
	return chained;
}
