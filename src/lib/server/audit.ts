// Every write goes through here with who, when, what, before and after, so that a
// discipline inspector can replay each decision. Call it inside the write's transaction.
import type { DB } from './db';
import { auditLog } from './db/schema';

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

type Tx = Pick<DB, 'insert'>;

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values({
		at: Date.now(),
		actorId: actor.id,
		actorName: actor.name,
		campaignId: entry.campaignId ?? null,
		action: entry.action,
		entity: entry.entity ?? null,
		entityId: entry.entityId ?? null,
		before: entry.before === undefined ? null : entry.before,
		after: entry.after === undefined ? null : entry.after,
		reason: entry.reason ?? null
	});
}
