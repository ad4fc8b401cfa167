// The expert roster and expert accounts: adding one expert, importing a roster file (all or
// nothing), editing. Every new expert gets an account without password and a one-time
// invitation link; only the link's hash is stored, the token goes back to the caller once.
import { asc, eq, and } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, conflicts, experts, memberships, users } from '../db/schema';
import { audit, type Actor } from '../audit';
import { createInvitation, insertUser, newId } from './accounts';
import { refreshDetectedConflicts } from './conflicts';
import type { Tx } from './candidates';
import { configOf } from './campaigns';
import {
	expertKey,
	parseExpertCsv,
	validateExpert,
	type ExpertColumnKey,
	type ExpertInput,
	type ExpertRowError
} from '../../domain/intake/expert-csv';
import type { TextEncodingName } from '../../domain/formats/csv-decode';

export type { ExpertInput };
export type ExpertRow = typeof experts.$inferSelect;

export async function listExperts(db: DB, campaignId: string) {
	return db
		.select({ e: experts, username: users.username, hasPassword: users.passwordHash })
		.from(experts)
		.leftJoin(users, eq(users.id, experts.userId))
		.where(eq(experts.campaignId, campaignId))
		.orderBy(asc(experts.createdAt), asc(users.username));
}

/** The roster by name (zh-CN order), for pickers. */
export async function expertNames(db: DB, campaignId: string): Promise<{ id: string; name: string }[]> {
	const roster = await db
		.select({ id: experts.id, name: experts.name })
		.from(experts)
		.where(eq(experts.campaignId, campaignId));
	return roster.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** How many conflict records name the expert, and how many of them still await a decision. */
export async function expertTies(
	db: DB,
	campaignId: string,
	expertId: string
): Promise<{ total: number; pending: number }> {
	const ties = await db
		.select({ status: conflicts.status })
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.expertId, expertId)));
	return { total: ties.length, pending: ties.filter((t) => t.status === 'pending').length };
}

/**
 * One roster entry of a campaign with its account, by expert id or by the account's username
 * (readable addresses such as /experts/expert01); null for another campaign's expert.
 */
export async function getExpert(db: DB, campaignId: string, expertIdOrUsername: string) {
	const query = (by: ReturnType<typeof eq>) =>
		db
			.select({ e: experts, username: users.username, hasPassword: users.passwordHash })
			.from(experts)
			.leftJoin(users, eq(users.id, experts.userId))
			.where(and(by, eq(experts.campaignId, campaignId)))
			.limit(1);
	const row =
		(await query(eq(experts.id, expertIdOrUsername)))[0] ?? (await query(eq(users.username, expertIdOrUsername)))[0];
	return row ?? null;
}

/**
 * Usernames nobody has yet, handed out within one transaction: the wanted one (lower case), else
 * with 2, 3 … appended; without a wish the next free expertNN (expert16 after the demo's
 * expert01 … expert15). Loads the taken names once, so a large import does not query per try.
 */
class UsernamePool {
	private constructor(private taken: Set<string>) {}

	static async load(db: DB | Tx): Promise<UsernamePool> {
		const rows = await db.select({ u: users.username }).from(users);
		return new UsernamePool(new Set(rows.map((r) => r.u.toLowerCase())));
	}

	take(wanted: string | undefined): string {
		const base = (wanted ?? '').replace(/[^A-Za-z0-9_.-]/g, '').toLowerCase();
		for (let i = base ? 0 : 1; ; i++) {
			const candidate = !base ? `expert${String(i).padStart(2, '0')}` : i === 0 ? base : `${base}${i + 1}`;
			if (!this.taken.has(candidate)) {
				this.taken.add(candidate);
				return candidate;
			}
		}
	}
}

async function campaignFields(db: DB | Tx, campaignId: string): Promise<string[]> {
	const c = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1))[0];
	if (!c) throw new Error(`没有找到活动 ${campaignId}`);
	return configOf(c).fields;
}

/** The roster columns of an input, as stored. */
function rosterValues(input: ExpertInput) {
	return {
		name: input.name,
		unit: input.unit,
		formerUnits: input.formerUnits ?? [],
		school: input.school ?? null,
		title: input.title ?? null,
		fields: input.fields,
		phone: input.phone ?? null,
		email: input.email ?? null,
		maxLoad: input.maxLoad ?? null
	};
}
type RosterValues = ReturnType<typeof rosterValues>;
const ROSTER_KEYS = Object.keys(rosterValues({ name: '', unit: '', fields: [] })) as (keyof RosterValues)[];
/** Which roster column each CSV column sets (username is the account's, not the roster's). */
const COLUMN_OF: Partial<Record<ExpertColumnKey, keyof RosterValues>> = {
	name: 'name',
	unit: 'unit',
	formerUnits: 'formerUnits',
	school: 'school',
	title: 'title',
	fields: 'fields',
	phone: 'phone',
	email: 'email',
	maxLoad: 'maxLoad'
};

export interface InsertedExpert {
	expertId: string;
	userId: string;
	username: string;
	token: string;
	expiresAt: number;
}

/**
 * Inside the caller's transaction: the account (no password), the expert membership, the roster
 * row and a one-time invitation, each audited. Used by the single form and by the import.
 */
export async function insertExpert(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	input: ExpertInput,
	names?: UsernamePool
): Promise<InsertedExpert> {
	const username = (names ?? (await UsernamePool.load(tx))).take(input.username);
	const userId = await insertUser(tx, { username, displayName: input.name });
	await tx.insert(memberships).values({ campaignId, userId, role: 'expert', createdAt: Date.now() });
	const expertId = newId('e_');
	const row = { id: expertId, campaignId, userId, ...rosterValues(input), createdAt: Date.now() };
	await tx.insert(experts).values(row);
	await audit(tx, actor, {
		campaignId,
		action: 'expert.create',
		entity: 'expert',
		entityId: expertId,
		after: { ...row, username }
	});
	const inv = await createInvitation(tx, actor, userId, campaignId);
	return { expertId, userId, username, ...inv };
}

/** The roster entry with the same 姓名 + 工作单位 (other than `except`), if any. */
async function sameExpert(
	tx: DB | Tx,
	campaignId: string,
	input: ExpertInput,
	except?: string
): Promise<ExpertRow | null> {
	const key = expertKey(input.name, input.unit);
	const rows = await tx.select().from(experts).where(eq(experts.campaignId, campaignId));
	return rows.find((e) => e.id !== except && expertKey(e.name, e.unit) === key) ?? null;
}

export type ExpertWriteResult<T> = ({ ok: true } & T) | { ok: false; status: 400 | 404; message: string };

function problemMessage(input: ExpertInput, fields: string[]): string | null {
	const problems = validateExpert(input, fields);
	return problems.length ? problems.map((p) => p.message).join('；') : null;
}

/**
 * Adds an expert to the roster with an account without password, and returns a one-time
 * invitation token. All in one transaction: no half-created expert. The same 姓名 + 工作单位
 * twice is refused (edit the existing entry instead).
 */
export async function createExpertWithInvitation(
	db: DB,
	actor: Actor,
	campaignId: string,
	input: ExpertInput
): Promise<ExpertWriteResult<{ expertId: string; username: string; token: string; expiresAt: number }>> {
	const fields = await campaignFields(db, campaignId);
	const problem = problemMessage(input, fields);
	if (problem) return { ok: false, status: 400, message: problem };
	const result = await db.transaction(async (tx) => {
		const dup = await sameExpert(tx, campaignId, input);
		if (dup)
			return {
				ok: false as const,
				status: 400 as const,
				message: `专家库中已有“${dup.name}”（${dup.unit}），请在名单中编辑该专家`
			};
		const r = await insertExpert(tx, actor, campaignId, input);
		return { ok: true as const, expertId: r.expertId, username: r.username, token: r.token, expiresAt: r.expiresAt };
	});
	if (result.ok) await refreshDetectedConflicts(db, actor, campaignId);
	return result;
}

/** Edits a roster entry (all roster fields; the account keeps its username). Audited with before/after. */
export async function updateExpert(
	db: DB,
	actor: Actor,
	campaignId: string,
	expertId: string,
	input: ExpertInput
): Promise<ExpertWriteResult<{ changed: boolean }>> {
	const fields = await campaignFields(db, campaignId);
	const problem = problemMessage({ ...input, username: undefined }, fields);
	if (problem) return { ok: false, status: 400, message: problem };
	const result = await db.transaction(async (tx) => {
		const before = (
			await tx
				.select()
				.from(experts)
				.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
		)[0];
		if (!before) return { ok: false as const, status: 404 as const, message: '没有找到该专家' };
		const dup = await sameExpert(tx, campaignId, input, expertId);
		if (dup)
			return {
				ok: false as const,
				status: 400 as const,
				message: `专家库中已有“${dup.name}”（${dup.unit}），不能改成与其相同的姓名和工作单位`
			};
		const changed = await applyUpdate(tx, actor, campaignId, before, rosterValues(input), 'expert.update');
		return { ok: true as const, changed };
	});
	if (result.ok && result.changed) await refreshDetectedConflicts(db, actor, campaignId);
	return result;
}

/** Writes the changed roster columns (and the account's display name), audits before/after of those. */
async function applyUpdate(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	before: ExpertRow,
	next: Partial<RosterValues>,
	action: string
): Promise<boolean> {
	const b: Record<string, unknown> = {};
	const a: Record<string, unknown> = {};
	for (const k of ROSTER_KEYS) {
		if (!(k in next)) continue;
		if (JSON.stringify(before[k] ?? null) !== JSON.stringify(next[k] ?? null)) {
			b[k] = before[k];
			a[k] = next[k];
		}
	}
	if (Object.keys(a).length === 0) return false;
	await tx.update(experts).set(a).where(eq(experts.id, before.id));
	if ('name' in a && before.userId)
		await tx
			.update(users)
			.set({ displayName: a.name as string })
			.where(eq(users.id, before.userId));
	await audit(tx, actor, { campaignId, action, entity: 'expert', entityId: before.id, before: b, after: a });
	return true;
}

export interface ImportedExpert {
	row: number;
	expertId: string;
	name: string;
	unit: string;
	username: string | null;
	/** the one-time invitation token, only for accounts created by this import */
	token: string | null;
	status: 'created' | 'updated' | 'unchanged';
}

export type ImportExpertsResult =
	| { ok: false; encoding: TextEncodingName; errors: ExpertRowError[]; warnings: ExpertRowError[] }
	| {
			ok: true;
			encoding: TextEncodingName;
			warnings: ExpertRowError[];
			created: number;
			updated: number;
			unchanged: number;
			experts: ImportedExpert[];
	  };

/**
 * Imports a roster file, all or nothing, in one transaction. A row with the 姓名 + 工作单位 of an
 * expert already on the roster updates that entry (only the columns the file has; the account and
 * its username stay); every other row creates account, membership, roster entry and invitation.
 */
export async function importExperts(
	db: DB,
	actor: Actor,
	campaignId: string,
	bytes: Uint8Array,
	opts: { filename?: string } = {}
): Promise<ImportExpertsResult> {
	const fields = await campaignFields(db, campaignId);
	const parsed = parseExpertCsv(bytes, { fields });
	if (parsed.errors.length)
		return { ok: false, encoding: parsed.encoding, errors: parsed.errors, warnings: parsed.warnings };
	const columns = parsed.columns.map((c) => COLUMN_OF[c]).filter((c): c is keyof RosterValues => Boolean(c));
	const out = await db.transaction(async (tx) => {
		const existing = await tx.select().from(experts).where(eq(experts.campaignId, campaignId));
		const byKey = new Map(existing.map((e) => [expertKey(e.name, e.unit), e]));
		const names = await UsernamePool.load(tx);
		const list: ImportedExpert[] = [];
		for (const { row, expert } of parsed.rows) {
			const found = byKey.get(expertKey(expert.name, expert.unit));
			if (!found) {
				const r = await insertExpert(tx, actor, campaignId, expert, names);
				list.push({
					row,
					expertId: r.expertId,
					name: expert.name,
					unit: expert.unit,
					username: r.username,
					token: r.token,
					status: 'created'
				});
				continue;
			}
			const all = rosterValues(expert);
			const next = Object.fromEntries(columns.map((k) => [k, all[k]])) as Partial<RosterValues>;
			const changed = await applyUpdate(tx, actor, campaignId, found, next, 'expert.update');
			let username: string | null;
			let token: string | null = null;
			if (found.userId) {
				username = (await tx.select({ u: users.username }).from(users).where(eq(users.id, found.userId)))[0]?.u ?? null;
			} else {
				// The entry lost its account (deleted user): give it a new one with a link.
				const u = names.take(expert.username);
				const userId = await insertUser(tx, { username: u, displayName: expert.name });
				await tx.insert(memberships).values({ campaignId, userId, role: 'expert', createdAt: Date.now() });
				await tx.update(experts).set({ userId }).where(eq(experts.id, found.id));
				token = (await createInvitation(tx, actor, userId, campaignId)).token;
				username = u;
			}
			list.push({
				row,
				expertId: found.id,
				name: expert.name,
				unit: expert.unit,
				username,
				token,
				status: changed || token ? 'updated' : 'unchanged'
			});
		}
		const count = (s: ImportedExpert['status']) => list.filter((x) => x.status === s).length;
		const summary = { created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
		await audit(tx, actor, {
			campaignId,
			action: 'expert.import',
			entity: 'campaign',
			entityId: campaignId,
			after: { ...summary, rows: parsed.rows.length, filename: opts.filename ?? null, encoding: parsed.encoding }
		});
		return { ...summary, experts: list };
	});
	if (out.created || out.updated) await refreshDetectedConflicts(db, actor, campaignId);
	return { ok: true, encoding: parsed.encoding, warnings: parsed.warnings, ...out };
}

/** A new link for an expert who lost theirs (the old ones stay valid until used or expired). */
export async function reinviteExpert(db: DB, actor: Actor, campaignId: string, expertId: string) {
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.id, expertId), eq(experts.campaignId, campaignId)))
	)[0];
	if (!e?.userId) return null;
	return db.transaction((tx) => createInvitation(tx, actor, e.userId!, campaignId));
}
