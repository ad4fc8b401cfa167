// The panel page's figures per round (issue 16): how many of a round's pairs are submitted and, for
// an open round, whose sheets are missing. At national scale a round by assignment has 25,000 pairs
// and the campaign ~150,000 ties: the pairs are counted in SQL, per round and expert, for every
// round at once, and the ties are probed only for the published pairs (as assignment-view.ts
// does), instead of listing every pair and reading every tie once per round.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { experts, sheets } from '../db/schema';
import { blocks, pairKey, type ConflictRow } from './conflicts';
import { chairBlockedPairs } from './chair-seats';
import { missingSheets, roundPairs, submittedPairs, type MissingSheets } from './round-pairs';
import type { RoundRow } from './rounds';

export interface RoundFigures {
	/** submitted pairs against all pairs; null before the round opens */
	progress: { done: number; total: number } | null;
	/** an open round's missing sheets per expert; null for a round that is not open */
	missing: MissingSheets | null;
}

type Tie = Pick<ConflictRow, 'severity' | 'status' | 'source'>;

/** round id → its figures, for the rounds given (all of one campaign). */
export async function roundFigures(db: DB, campaignId: string, list: RoundRow[]): Promise<Map<string, RoundFigures>> {
	const out = new Map<string, RoundFigures>();
	const assigned = list.filter((r) => r.state !== 'draft' && r.reviewers === 'assigned');
	for (const r of list)
		if (r.state === 'draft') out.set(r.id, { progress: null, missing: null });
		else if (r.reviewers !== 'assigned') out.set(r.id, await byPairs(db, r));
	if (!assigned.length) return out;
	const ids = sql.join(
		assigned.map((r) => sql`${r.id}`),
		sql`, `
	);
	// Published pairs of each round's dossiers, per round and expert, with those submitted.
	const counts = await db.all<{ r: string; e: string; total: number; done: number }>(
		sql`select rc.round_id as r, a.expert_id as e, count(*) as total, count(s.id) as done
			from round_candidates rc cross join assignments a on a.candidate_id = rc.candidate_id
			left join ${sheets} s on s.round_id = rc.round_id and s.expert_id = a.expert_id
				and s.candidate_id = a.candidate_id and s.status = 'submitted'
			where rc.round_id in (${ids}) and a.campaign_id = ${campaignId} and a.state = 'published'
			group by rc.round_id, a.expert_id`
	);
	// The blocked among them (blocks() and the chairs' own panels, as roundPairs leaves them out):
	// the ties probed pair by pair from the published assignments.
	const tied = await db.all<{ r: string; e: string; c: string; done: number } & Tie>(
		sql`select rc.round_id as r, a.expert_id as e, a.candidate_id as c, t.severity, t.status, t.source,
				exists (select 1 from ${sheets} s where s.round_id = rc.round_id and s.expert_id = a.expert_id
					and s.candidate_id = a.candidate_id and s.status = 'submitted') as done
			from assignments a cross join conflicts t indexed by conflicts_pair_kind_uq
				on t.campaign_id = a.campaign_id and t.expert_id = a.expert_id and t.candidate_id = a.candidate_id
			cross join round_candidates rc on rc.candidate_id = a.candidate_id and rc.round_id in (${ids})
			where a.campaign_id = ${campaignId} and a.state = 'published' and t.status != 'dismissed'`
	);
	const blocked = new Map<string, { r: string; e: string; done: boolean }>();
	for (const t of tied) if (blocks(t)) blocked.set(`${t.r}|${pairKey(t.e, t.c)}`, { r: t.r, e: t.e, done: !!t.done });
	const chairPairs = new Set(await chairBlockedPairs(db, campaignId));
	if (chairPairs.size) {
		const chairs = [...new Set([...chairPairs].map((k) => k.split('|')[0]))];
		const seated = await db.all<{ r: string; e: string; c: string; done: number }>(
			sql`select rc.round_id as r, a.expert_id as e, a.candidate_id as c,
					exists (select 1 from ${sheets} s where s.round_id = rc.round_id and s.expert_id = a.expert_id
						and s.candidate_id = a.candidate_id and s.status = 'submitted') as done
				from assignments a cross join round_candidates rc on rc.candidate_id = a.candidate_id and rc.round_id in (${ids})
				where a.campaign_id = ${campaignId} and a.state = 'published' and a.expert_id in (${sql.join(
					chairs.map((e) => sql`${e}`),
					sql`, `
				)})`
		);
		for (const s of seated)
			if (chairPairs.has(pairKey(s.e, s.c)))
				blocked.set(`${s.r}|${pairKey(s.e, s.c)}`, { r: s.r, e: s.e, done: !!s.done });
	}
	// round → expert → [pairs, submitted]
	const per = new Map<string, Map<string, [number, number]>>();
	for (const c of counts) {
		const m = per.get(c.r) ?? new Map<string, [number, number]>();
		m.set(c.e, [Number(c.total), Number(c.done)]);
		per.set(c.r, m);
	}
	for (const b of blocked.values()) {
		const n = per.get(b.r)?.get(b.e);
		if (!n) continue;
		n[0]--;
		if (b.done) n[1]--;
	}
	const open = assigned.filter((r) => r.state === 'open');
	const lacking = new Set(
		open.flatMap((r) => [...(per.get(r.id) ?? [])].filter(([, [total, done]]) => total > done).map(([e]) => e))
	);
	const names = new Map(
		lacking.size
			? (
					await db
						.select({ id: experts.id, name: experts.name })
						.from(experts)
						.where(and(eq(experts.campaignId, campaignId), inArray(experts.id, [...lacking])))
				).map((e) => [e.id, e.name])
			: []
	);
	for (const r of assigned) {
		const m = [...(per.get(r.id) ?? new Map<string, [number, number]>())];
		const progress = {
			done: m.reduce((s, [, [, done]]) => s + done, 0),
			total: m.reduce((s, [, [total]]) => s + total, 0)
		};
		let missing: MissingSheets | null = null;
		if (r.state === 'open') {
			const list = m
				.filter(([, [total, done]]) => total > done)
				.map(([expertId, [total, done]]) => ({
					expertId,
					name: names.get(expertId) ?? expertId,
					missing: total - done
				}));
			list.sort((a, b) => b.missing - a.missing || a.name.localeCompare(b.name, 'zh'));
			missing = { total: list.reduce((s, e) => s + e.missing, 0), experts: list };
		}
		out.set(r.id, { progress, missing });
	}
	return out;
}

/** A round by panel or by everyone: its pairs listed (roundPairs), as before. */
async function byPairs(db: DB, round: RoundRow): Promise<RoundFigures> {
	const pairs = await roundPairs(db, round);
	const submitted = await submittedPairs(db, round.id);
	return {
		progress: {
			done: pairs.filter((p) => submitted.has(pairKey(p.expertId, p.candidateId))).length,
			total: pairs.length
		},
		missing: round.state === 'open' ? await missingSheets(db, round) : null
	};
}
