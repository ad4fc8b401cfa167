// Score sheets and ballots. Saves are optimistic: each names the version it saw, and an UPDATE
// guarded by that version decides, so two tabs never silently overwrite each other and a double
// submit yields one submission.
import { assertUnlocked } from './locks';
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { rounds, sheetHistory, sheets } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import type { Tx } from './candidates';
import type { RoundRow } from './rounds';
import { getSheet, reviewsInRound } from './access';
import { validateDraft, validateSheet } from '../../domain/review/score-sheet';
import type { SaveAccess } from './sheet-access';

export type SheetRow = typeof sheets.$inferSelect;
export type VoteChoice = 'yes' | 'no' | 'abstain';

interface SaveInput {
	round: RoundRow;
	expertId: string;
	candidateId: string;
	values: Record<string, unknown>;
	choice?: VoteChoice | null;
	comment?: string;
	/** the version the client last saw; 0 when it has never seen a saved sheet */
	baseVersion: number;
	submit: boolean;
}

export type SaveResult =
	| { ok: true; version: number; status: SheetRow['status']; total: number | null; savedAt: number }
	| {
			ok: false;
			status: 400 | 404 | 409;
			code: 'INVALID' | 'NOT_FOUND' | 'ROUND_CLOSED' | 'STALE' | 'SUBMITTED' | 'YES_LIMIT';
			message: string;
			errors?: Record<string, string>;
			current?: { version: number; values: unknown; comment: string | null; status: string; choice: string | null };
	  };

const CHOICES: VoteChoice[] = ['yes', 'no', 'abstain'];
const sameValues = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function currentOf(s: SheetRow) {
	return { version: s.version, values: s.values, comment: s.comment, status: s.status, choice: s.choice };
}

const ROUND_CLOSED = {
	ok: false as const,
	status: 409 as const,
	code: 'ROUND_CLOSED' as const,
	message: '本轮评审已结束，无法保存。您填写的内容仍保留在本页，请联系评审组长。'
};
const NOT_FOUND = { ok: false as const, status: 404 as const, code: 'NOT_FOUND' as const, message: '没有找到该材料' };

export async function saveSheet(db: DB, actor: Actor, input: SaveInput): Promise<SaveResult> {
	const { round, expertId, candidateId } = input;
	await assertUnlocked(db, round.campaignId); // locks.ts: nothing that feeds a locked selection changes
	// The round's state is read fresh: it may have closed while the expert was typing.
	const fresh = (
		await db.select({ state: rounds.state, maxYes: rounds.maxYes }).from(rounds).where(eq(rounds.id, round.id))
	)[0];
	if (!fresh || fresh.state !== 'open') return ROUND_CLOSED;
	if (!(await reviewsInRound(db, round, expertId, candidateId))) return NOT_FOUND;
	return writeSheet(db, actor, input, fresh.maxYes, undefined);
}

/**
 * The same save with its checks already made by `saveAccess` (one prepared statement, read fresh
 * for this request): the desk's save and submit actions. Same refusals, in the same order.
 */
export async function saveChecked(db: DB, actor: Actor, input: SaveInput, access: SaveAccess): Promise<SaveResult> {
	const refused = await pairRefusal(db, input.round.campaignId, access);
	if (refused) return refused;
	return writeSheet(db, actor, input, access.round?.maxYes ?? null, access.sheet);
}

/**
 * saveChecked's refusals that come before anything posted is looked at (a locked selection, a
 * closed round, a pair the expert may not review): a form that cannot be read is refused after
 * them, so that whoever may not save this pair gets the same answer whatever they post.
 */
export async function pairRefusal(
	db: DB,
	campaignId: string,
	access: SaveAccess
): Promise<Extract<SaveResult, { ok: false }> | null> {
	if (access.locked) await assertUnlocked(db, campaignId); // throws the 423 naming the lock
	if (!access.round || access.round.state !== 'open') return ROUND_CLOSED;
	if (!access.reviewable) return NOT_FOUND;
	return null;
}

/**
 * Validates and writes. `seen` is the sheet as the access query read it (undefined: not read).
 * A draft over the version the client saw is one guarded statement; anything else (a submission,
 * a stale version, a sheet changed since it was read) takes the full transaction below.
 */
async function writeSheet(
	db: DB,
	actor: Actor,
	input: SaveInput,
	maxYes: number | null,
	seen: SheetRow | null | undefined
): Promise<SaveResult> {
	const { round, expertId, candidateId } = input;
	const comment = (input.comment ?? '').slice(0, 2000);
	let total: number | null = null;
	let values: Record<string, unknown> = {};
	let choice: VoteChoice | null = null;
	if (round.type === 'score') {
		const rubric = round.rubric ?? [];
		const picked: Record<string, unknown> = {};
		for (const c of rubric) if (input.values[c.key] !== undefined) picked[c.key] = input.values[c.key];
		const v = input.submit ? validateSheet(rubric, picked) : validateDraft(rubric, picked);
		if (!v.ok)
			return {
				ok: false,
				status: 400,
				code: 'INVALID',
				message: Object.values(v.errors)[0] ?? '评分无效',
				errors: v.errors
			};
		for (const c of rubric) {
			const raw = picked[c.key];
			if (raw !== undefined && raw !== null && String(raw).trim() !== '') values[c.key] = Number(raw);
		}
		total = input.submit || (v.complete ?? false) ? v.total : null;
	} else {
		choice = input.choice ?? null;
		if (choice !== null && !CHOICES.includes(choice))
			return { ok: false, status: 400, code: 'INVALID', message: '请选择赞成、反对或弃权' };
		if (input.submit && !choice) return { ok: false, status: 400, code: 'INVALID', message: '请选择赞成、反对或弃权' };
		values = { choice };
	}
	const now = Date.now();
	const status = input.submit ? ('submitted' as const) : ('draft' as const);
	if (!input.submit && seen !== undefined) {
		const saved = await writeDraft(db, input, seen, { values, total, choice, comment, now });
		if (saved) return saved;
	}
	return db.transaction(async (tx) => {
		const existing = await getSheet(tx, round.id, expertId, candidateId);
		if (existing?.status === 'submitted') {
			// A second click or a retried request: the same submission is acknowledged once more.
			if (input.submit && sameValues(existing.values, values) && existing.comment === comment)
				return {
					ok: true as const,
					version: existing.version,
					status: existing.status,
					total: existing.total,
					savedAt: existing.updatedAt
				};
			return {
				ok: false as const,
				status: 409 as const,
				code: 'SUBMITTED' as const,
				message: '该评分已提交，不能再修改',
				current: currentOf(existing)
			};
		}
		if (existing?.status === 'withdrawn')
			return { ok: false as const, status: 404 as const, code: 'NOT_FOUND' as const, message: '没有找到该材料' };
		// 限额投票: counted inside the transaction so two tabs cannot both cast the last 赞成.
		if (input.submit && choice === 'yes' && maxYes != null) {
			const cast = await yesVotesCast(tx, round.id, expertId, candidateId);
			if (cast >= maxYes)
				return {
					ok: false as const,
					status: 409 as const,
					code: 'YES_LIMIT' as const,
					message: `本轮每位专家最多投 ${maxYes} 票赞成，您已投满 ${cast} 票。请改投反对或弃权，或请评审组长退回您已提交的某一票后再改`
				};
		}
		if ((existing?.version ?? 0) !== input.baseVersion)
			return {
				ok: false as const,
				status: 409 as const,
				code: 'STALE' as const,
				message: '这份评分已在其他窗口或设备上更新，请核对后再保存',
				current: existing ? currentOf(existing) : undefined
			};
		const cols = { status, values, total, choice, comment, updatedAt: now, submittedAt: input.submit ? now : null };
		let id: string;
		let version: number;
		if (!existing) {
			id = newId('s_');
			version = 1;
			await tx.insert(sheets).values({ id, roundId: round.id, expertId, candidateId, version, ...cols });
		} else {
			id = existing.id;
			version = existing.version + 1;
			const updated = await tx
				.update(sheets)
				.set({
					...cols,
					version,
					rescoreRequested: input.submit ? null : existing.rescoreRequested,
					rescoreBy: input.submit ? null : existing.rescoreBy
				})
				.where(and(eq(sheets.id, id), eq(sheets.version, existing.version)))
				.returning({ id: sheets.id });
			if (!updated.length)
				return {
					ok: false as const,
					status: 409 as const,
					code: 'STALE' as const,
					message: '这份评分已在其他窗口或设备上更新，请核对后再保存'
				};
		}
		if (input.submit) {
			await tx
				.insert(sheetHistory)
				.values({ sheetId: id, version, status, values, total, choice, comment, at: now, by: actor.name });
			await audit(tx, actor, {
				campaignId: round.campaignId,
				action: round.type === 'score' ? 'sheet.submit' : 'vote.submit',
				entity: 'sheet',
				entityId: id,
				before:
					existing && existing.rescoreRequested
						? { version: existing.version, rescore: existing.rescoreRequested }
						: null,
				after: { round: round.id, candidate: candidateId, values, total, choice, version }
			});
		}
		return { ok: true as const, version, status, total, savedAt: now };
	});
}

/**
 * A draft over the version the client saw, as one statement: an UPDATE guarded by that version
 * (and by the sheet still being a draft), or the first INSERT of the pair. null when the guard
 * does not hold any more: the caller's transaction then decides (stale, submitted, withdrawn).
 * Raw SQL through the write queue (no query builder: the autosave comes in crowds); the row's
 * count of changes says whether the guard held.
 */
async function writeDraft(
	db: DB,
	input: SaveInput,
	seen: SheetRow | null,
	d: { values: Record<string, unknown>; total: number | null; choice: VoteChoice | null; comment: string; now: number }
): Promise<SaveResult | null> {
	const ok = (version: number) => ({
		ok: true as const,
		version,
		status: 'draft' as const,
		total: d.total,
		savedAt: d.now
	});
	const values = JSON.stringify(d.values);
	if (!seen) {
		if (input.baseVersion !== 0) return null;
		const { round, expertId, candidateId } = input;
		const args = [newId('s_'), round.id, expertId, candidateId, values, d.total, d.choice, d.comment, d.now];
		const inserted = await db.$client.execute({ sql: INSERT_DRAFT, args });
		return inserted.rowsAffected ? ok(1) : null;
	}
	if (seen.status !== 'draft' || seen.version !== input.baseVersion) return null;
	const version = seen.version + 1;
	const args = [values, d.total, d.choice, d.comment, d.now, version, seen.id, seen.version];
	const updated = await db.$client.execute({ sql: UPDATE_DRAFT, args });
	return updated.rowsAffected ? ok(version) : null;
}

const INSERT_DRAFT = `insert into sheets (id, round_id, expert_id, candidate_id, status, "values", total, choice, comment,
	version, updated_at, submitted_at) values (?, ?, ?, ?, 'draft', ?, ?, ?, ?, 1, ?, null) on conflict do nothing`;
const UPDATE_DRAFT = `update sheets set status = 'draft', "values" = ?, total = ?, choice = ?, comment = ?, updated_at = ?,
	submitted_at = null, version = ? where id = ? and version = ? and status = 'draft'`;

/** 赞成 votes an expert has submitted in a round, leaving out one candidate (the one being voted on). */
export async function yesVotesCast(
	db: DB | Tx,
	roundId: string,
	expertId: string,
	exceptCandidateId = ''
): Promise<number> {
	const rows = await db
		.select({ c: sheets.candidateId })
		.from(sheets)
		.where(
			and(
				eq(sheets.roundId, roundId),
				eq(sheets.expertId, expertId),
				eq(sheets.status, 'submitted'),
				eq(sheets.choice, 'yes')
			)
		);
	return rows.filter((r) => r.c !== exceptCandidateId).length;
}

/** The chair reopens one expert's submitted sheet with a message; the submitted version stays in history. */
export async function requestRescore(
	db: DB,
	actor: Actor,
	round: RoundRow,
	expertId: string,
	candidateId: string,
	message: string,
	/** who asked, as the expert will read it, e.g. “评审组长 王某”; the actor's name by default */
	askedBy: string = actor.name
): Promise<{ ok: true } | { ok: false; status: 400 | 404 | 409; message: string }> {
	if (!message.trim()) return { ok: false, status: 400, message: '请填写给专家的说明' };
	await assertUnlocked(db, round.campaignId); // locks.ts: nothing that feeds a locked selection changes
	if (round.state !== 'open') return { ok: false, status: 409, message: '只能在进行中的轮次请求重评' };
	return db.transaction(async (tx) => {
		const s = await getSheet(tx, round.id, expertId, candidateId);
		if (!s || s.status !== 'submitted')
			return { ok: false as const, status: 409 as const, message: '该专家尚未提交这份评分' };
		await tx
			.update(sheets)
			.set({
				status: 'draft',
				rescoreRequested: message.trim().slice(0, 500),
				rescoreBy: askedBy.slice(0, 60),
				version: s.version + 1,
				updatedAt: Date.now()
			})
			.where(eq(sheets.id, s.id));
		await audit(tx, actor, {
			campaignId: round.campaignId,
			action: 'sheet.rescore_request',
			entity: 'sheet',
			entityId: s.id,
			before: { status: 'submitted', values: s.values, total: s.total },
			after: { status: 'draft', rescoreBy: askedBy },
			reason: message.trim()
		});
		return { ok: true as const };
	});
}
