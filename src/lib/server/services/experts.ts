// The expert roster and expert accounts.
import { asc, eq, and } from 'drizzle-orm';
import type { DB } from '../db';
import { experts, memberships, users } from '../db/schema';
import { audit, type Actor } from '../audit';
import { createInvitation, findUserByUsername, insertUser, newId } from './accounts';

export interface ExpertInput {
	name: string;
	username?: string;
	unit: string;
	formerUnits?: string[];
	school?: string;
	title?: string;
	fields: string[];
	phone?: string;
	email?: string;
	maxLoad?: number | null;
}

export async function listExperts(db: DB, campaignId: string) {
	return db
		.select({ e: experts, username: users.username, hasPassword: users.passwordHash })
		.from(experts)
		.leftJoin(users, eq(users.id, experts.userId))
		.where(eq(experts.campaignId, campaignId))
		.orderBy(asc(experts.createdAt), asc(users.username));
}

/** A username nobody has yet, derived from the given one (or "expert"). */
async function freeUsername(db: DB, wanted: string): Promise<string> {
	const base = wanted.replace(/[^A-Za-z0-9_.-]/g, '').toLowerCase() || 'expert';
	for (let i = 0; ; i++) {
		const candidate = i === 0 ? base : `${base}${i + 1}`;
		if (!(await findUserByUsername(db, candidate))) return candidate;
	}
}

/**
 * Adds an expert to the roster with an account without password, and returns a one-time
 * invitation token. All in one transaction: no half-created expert.
 */
export async function createExpertWithInvitation(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: ExpertInput
): Promise<{ expertId: string; username: string; token: string; expiresAt: number }> {
	const username = await freeUsername(db, input.username || 'expert');
	return db.transaction(async (tx) => {
		const userId = await insertUser(tx, { username, displayName: input.name });
		await tx.insert(memberships).values({ campaignId, userId, role: 'expert', createdAt: Date.now() });
		const expertId = newId('e_');
		const row = {
			id: expertId,
			campaignId,
			userId,
			name: input.name,
			unit: input.unit,
			formerUnits: input.formerUnits ?? [],
			school: input.school ?? null,
			title: input.title ?? null,
			fields: input.fields,
			phone: input.phone ?? null,
			email: input.email ?? null,
			maxLoad: input.maxLoad ?? null,
			createdAt: Date.now()
		};
		await tx.insert(experts).values(row);
		await audit(tx, actor, { campaignId, action: 'expert.create', entity: 'expert', entityId: expertId, after: row });
		const inv = await createInvitation(tx, actor, userId, campaignId);
		return { expertId, username, ...inv };
	});
}

/** A new link for an expert who lost theirs (the old ones stay valid until used or expired). */
export async function reinviteExpert(db: DB, actor: Actor, campaignId: string, expertId: string) {
	const e = (await db.select().from(experts).where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId))))[0];
	if (!e?.userId) return null;
	return db.transaction((tx) => createInvitation(tx, actor, e.userId!, campaignId));
}
