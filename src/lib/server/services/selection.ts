// The final list: the ranking of the last score round (limited to those who passed a later vote),
// balance targets turned into exact selection rules, tiers, explanation, and a locked, hashed result.
import { and, desc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, candidates, roundCandidates, selections } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { recordOf, type CandidateRow } from './candidates';
import { listRounds, type RoundRow } from './rounds';
import { roundResults } from './results';
import { checkCampaign } from '../../domain/intake/eligibility';
import { isYouth } from '../../domain/intake/age';
import type { TierSpec } from '../../domain/selection';
import { sameTargetList, targetsToRules } from '../../domain/selection/balance-targets';
import type { BalanceTarget } from '../../domain/types';
import { hashInput, solveInput, type PoolCandidate, type SelectionInput } from './selection-solve';

/** The last closed score round, and the candidates who passed a vote closed after it (if any). */
async function rankingRound(
	db: DB,
	campaignId: string
): Promise<{ score: RoundRow; passed: Set<string> | null } | null> {
	const all = await listRounds(db, campaignId);
	const closed = all.filter((r) => r.state === 'closed');
	const score = [...closed].reverse().find((r) => r.type === 'score');
	if (!score) return null;
	const vote = [...closed].reverse().find((r) => r.type === 'vote' && r.seq > score.seq);
	if (!vote) return { score, passed: null };
	const res = await roundResults(db, vote, { ranking: true });
	return { score, passed: new Set(res.votes.filter((v) => v.passed).map((v) => v.id)) };
}

export async function buildSelectionInput(
	db: DB,
	campaignId: string,
	targets?: BalanceTarget[]
): Promise<SelectionInput | { error: string }> {
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (!campaign) return { error: '没有找到该活动' };
	const config = campaign.config;
	const source = await rankingRound(db, campaignId);
	if (!source) return { error: '还没有已结束的评分轮次，无法遴选' };
	const results = await roundResults(db, source.score, { ranking: true });
	// Only the ranking round's dossiers (whole rows: the groups read the record): the results rank
	// no one else, and a national campaign's 5,000 records were read and checked on every view.
	const all = (
		await db
			.select({ c: candidates })
			.from(candidates)
			.innerJoin(
				roundCandidates,
				and(eq(roundCandidates.roundId, source.score.id), eq(roundCandidates.candidateId, candidates.id))
			)
	).map((r) => r.c);
	const byId = new Map(all.map((r) => [r.id, r]));
	const rows = all.filter((r) => !r.withdrawnAt);
	// The two blocking checks are each about one record (a category, a title), so checking these
	// rows alone finds the same ones; matched by id, not by name (two nominees may share one).
	const report = checkCampaign(config, rows.map(recordOf), { ids: rows.map((r) => r.id) });
	const blocking = new Map<string, string>();
	for (const issue of report.errors)
		if ((issue.code === 'EXCLUDED_CATEGORY' || issue.code === 'PRIOR_TITLE') && issue.candidateId)
			blocking.set(issue.candidateId, issue.message);
	const typeOf = new Map(config.channels.map((c) => [c.name, c.type]));
	const pool: PoolCandidate[] = [];
	const excluded: SelectionInput['excluded'] = [];
	for (const a of results.aggregates) {
		const row = byId.get(a.id);
		if (!row) continue;
		const rec = recordOf(row);
		const code = row.reviewCode ?? row.id;
		if (row.withdrawnAt) {
			excluded.push({ id: row.id, code, name: row.name, reason: `不予受理：${row.withdrawnReason ?? ''}` });
			continue;
		}
		if (blocking.has(row.id)) {
			excluded.push({ id: row.id, code, name: row.name, reason: blocking.get(row.id)! });
			continue;
		}
		if (source.passed && !source.passed.has(row.id)) continue;
		const groups: string[] = [];
		if (isYouth(rec.birth, config.referenceDate, config.youthAge, config.intake?.youthBornOnOrAfter))
			groups.push('youth');
		if (rec.gender === '女') groups.push('woman');
		if (rec.grassroots) groups.push('grassroots');
		const channelType = typeOf.get(rec.channel) ?? rec.channelType ?? '';
		if (channelType) groups.push(`渠道:${channelType}`);
		pool.push({
			id: row.id,
			score: Math.round(a.value * 1e4) / 1e4,
			groups,
			field: row.field ?? '',
			channel: rec.channel,
			code,
			name: row.name,
			unitAndTitle: rec.unitAndTitle,
			gender: rec.gender,
			channelType
		});
	}
	const used = targets ?? config.targets;
	const rules = targetsToRules(used);
	const tiers: TierSpec[] = config.tiers.map((t) =>
		t.subsetOf ? { name: t.name, size: t.size, subsetOf: t.subsetOf } : { name: t.name, size: t.size, rules }
	);
	return {
		roundId: source.score.id,
		roundName: source.score.name,
		pool,
		excluded,
		tiers,
		targets: used,
		youthAge: config.youthAge
	};
}

/** Runs the selection and stores it as a draft run. Same inputs → same hash → same list. */
export async function runSelection(db: DB, actor: Actor, campaignId: string, targets?: BalanceTarget[]) {
	const input = await buildSelectionInput(db, campaignId, targets);
	if ('error' in input) return { ok: false as const, message: input.error };
	const locked = await lockedSelection(db, campaignId);
	if (locked) return { ok: false as const, message: '遴选结果已锁定，如需重新遴选请先解除锁定' };
	const outcome = solveInput(input);
	const id = newId('sel_');
	const inputHash = hashInput(input);
	await db.transaction(async (tx) => {
		await tx.insert(selections).values({
			id,
			campaignId,
			roundId: input.roundId,
			inputHash,
			input,
			result: outcome,
			state: 'draft',
			createdAt: Date.now(),
			createdBy: actor.name
		});
		await audit(tx, actor, {
			campaignId,
			action: 'selection.run',
			entity: 'selection',
			entityId: id,
			after: { inputHash, ok: outcome.ok, targets: input.targets }
		});
	});
	return { ok: true as const, id, outcome, inputHash };
}

/** The candidate rows a selection speaks of: the lock-time snapshot when there is one, else live rows. */
export async function selectionRows(
	db: DB,
	campaignId: string,
	sel: { input: unknown }
): Promise<Map<string, CandidateRow>> {
	const snap = (sel.input as SelectionInput).snapshot;
	const rows = snap ? snap.rows : await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	return new Map(rows.map((r) => [r.id, r]));
}

export async function latestSelection(db: DB, campaignId: string) {
	return (
		(
			await db
				.select()
				.from(selections)
				.where(eq(selections.campaignId, campaignId))
				.orderBy(desc(selections.createdAt))
				.limit(1)
		)[0] ?? null
	);
}

export async function lockedSelection(db: DB, campaignId: string) {
	return (
		(
			await db
				.select()
				.from(selections)
				.where(and(eq(selections.campaignId, campaignId), eq(selections.state, 'locked')))
				.limit(1)
		)[0] ?? null
	);
}

/** Locks a run: only if its inputs are still current (the hash is recomputed now). */
export async function lockSelection(
	db: DB,
	actor: Actor,
	campaignId: string,
	selectionId: string
): Promise<{ ok: true } | { ok: false; message: string }> {
	const sel = (
		await db
			.select()
			.from(selections)
			.where(and(eq(selections.id, selectionId), eq(selections.campaignId, campaignId)))
	)[0];
	if (!sel) return { ok: false, message: '没有找到该遴选结果' };
	if (!sel.result.ok) return { ok: false, message: '遴选未得到可行结果，不能锁定' };
	const input = sel.input;
	const campaign = (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	if (campaign && !sameTargetList(campaign.config.targets, input.targets))
		return { ok: false, message: '名单平衡目标已增删，请重新遴选后再锁定' };
	const now = await buildSelectionInput(db, campaignId, input.targets);
	if ('error' in now || hashInput(now) !== sel.inputHash)
		return { ok: false, message: '评分或设置已变化，请重新遴选后再锁定' };
	const chosen = new Set(sel.result.tiers.flatMap((t) => t.selected));
	const at = Date.now();
	await db.transaction(async (tx) => {
		// the rows are read inside the transaction that locks, so no edit can slip in between
		const rows = (await tx.select().from(candidates).where(eq(candidates.campaignId, campaignId))).filter((r) =>
			chosen.has(r.id)
		);
		const snapshot: SelectionInput = { ...now, snapshot: { at, rows } };
		await tx
			.update(selections)
			.set({ state: 'locked', lockedAt: at, lockedBy: actor.name, input: snapshot })
			.where(eq(selections.id, selectionId));
		await tx.update(campaigns).set({ status: 'selection' }).where(eq(campaigns.id, campaignId));
		await audit(tx, actor, {
			campaignId,
			action: 'selection.lock',
			entity: 'selection',
			entityId: selectionId,
			after: { inputHash: sel.inputHash }
		});
	});
	return { ok: true };
}

export async function unlockSelection(
	db: DB,
	actor: Actor,
	campaignId: string,
	reason: string
): Promise<{ ok: true } | { ok: false; message: string }> {
	if (!reason.trim()) return { ok: false, message: '解除锁定必须填写理由' };
	const sel = await lockedSelection(db, campaignId);
	if (!sel) return { ok: false, message: '没有已锁定的遴选结果' };
	await db.transaction(async (tx) => {
		const campaign = (
			await tx.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId))
		)[0];
		await tx.update(selections).set({ state: 'draft' }).where(eq(selections.id, sel.id));
		// the 公示 goes back to draft with the lock: the campaign is under review again
		await tx.update(campaigns).set({ status: 'review' }).where(eq(campaigns.id, campaignId));
		await audit(tx, actor, {
			campaignId,
			action: 'selection.unlock',
			entity: 'selection',
			entityId: sel.id,
			before: { state: 'locked', lockedAt: sel.lockedAt, lockedBy: sel.lockedBy, campaignStatus: campaign?.status },
			after: { state: 'draft', campaignStatus: 'review' },
			reason: reason.trim()
		});
	});
	return { ok: true };
}

export interface NoticeSettings {
	start: string;
	contact: string;
	dates: { closed: string[]; open: string[] };
}

/** Saves the 公示: start date, contact line and the office's extra dates; the campaign is then published. */
export async function saveNotice(
	db: DB,
	actor: Actor,
	campaignId: string,
	selectionId: string,
	notice: NoticeSettings
) {
	await db.transaction(async (tx) => {
		const before = (
			await tx
				.select()
				.from(selections)
				.where(and(eq(selections.id, selectionId), eq(selections.campaignId, campaignId)))
		)[0];
		await tx
			.update(selections)
			.set({ noticeStart: notice.start, noticeContact: notice.contact, noticeDates: notice.dates })
			.where(and(eq(selections.id, selectionId), eq(selections.campaignId, campaignId)));
		await tx.update(campaigns).set({ status: 'published' }).where(eq(campaigns.id, campaignId));
		await audit(tx, actor, {
			campaignId,
			action: 'notice.publish',
			entity: 'selection',
			entityId: selectionId,
			before: before ? { start: before.noticeStart, contact: before.noticeContact, dates: before.noticeDates } : null,
			after: { start: notice.start, contact: notice.contact, dates: notice.dates }
		});
	});
}
