// Round results memoized across requests (db/versioned-memo.ts), correct across processes: the
// version is read from the database on every call (two versions raised by triggers in the same transaction as any write to
// what the results read, migration 0014), so a conflict recorded after the round closed, a sheet
// withdrawn or reopened, a round reopened or re-ruled — by this process or another — is seen by the
// very next view. The memo only saves recomputing what has not changed; a hit returns the same
// object a miss would have computed from the same rows.
import { sql } from 'drizzle-orm';
import type { DB } from '../db';
import type { RoundRow } from './rounds';
import { memoByVersion } from '../db/versioned-memo';

/** The triggers of migration 0014; fewer in the schema (a later migration rebuilt a table) → no memo. */
export const RESULTS_TRIGGERS = 30;

const TRIGGERS = sql`(select count(*) from sqlite_master where type = 'trigger' and name glob 'results_v_*')`;

/**
 * The round's fingerprint: its campaign's version and its own, null when the triggers that keep
 * them are not all in place (then nothing may be trusted to a memo).
 */
export async function resultsVersion(db: DB, round: Pick<RoundRow, 'id' | 'campaignId'>): Promise<string | null> {
	const [row] = await db.all<{ c: number | null; r: number | null; t: number }>(
		sql`select (select v from results_versions where scope = ${round.campaignId}) as c, (select v from results_versions where scope = ${round.id}) as r, ${TRIGGERS} as t`
	);
	if (!row || Number(row.t) !== RESULTS_TRIGGERS) return null;
	return `${row.c ?? 0}.${row.r ?? 0}`;
}

/** The same over a campaign and every round it has (a round added or deleted changes it too). */
async function campaignVersion(db: DB, campaignId: string): Promise<string | null> {
	const [row] = await db.all<{ c: number | null; r: string | null; t: number }>(
		sql`select (select v from results_versions where scope = ${campaignId}) as c, (select group_concat(x, ',') from (select r.id || ':' || ifnull(v.v, 0) as x from rounds r left join results_versions v on v.scope = r.id where r.campaign_id = ${campaignId} order by r.id)) as r, ${TRIGGERS} as t`
	);
	if (!row || Number(row.t) !== RESULTS_TRIGGERS) return null;
	return `${row.c ?? 0}.${row.r ?? ''}`;
}

/**
 * `compute()` for this round and variant, or what it returned before if neither version moved
 * and the round row is the same (db/versioned-memo.ts).
 */
export async function memoizedResults<T>(
	db: DB,
	round: RoundRow,
	variant: string,
	compute: () => Promise<T>
): Promise<T> {
	// The round row is part of the key: a caller holding a row read before a change must not be
	// answered from (or store under) the newer version with the older rules.
	const version = await resultsVersion(db, round);
	return memoByVersion(db, `results|${round.id}|${variant}`, version && `${version}|${JSON.stringify(round)}`, compute);
}

/** A view over every round of a campaign (the observer's progress, the charts' progress), memoized alike. */
export async function memoizedCampaignView<T>(
	db: DB,
	campaignId: string,
	view: string,
	compute: () => Promise<T>
): Promise<T> {
	return memoByVersion(db, `campaign|${campaignId}|${view}`, await campaignVersion(db, campaignId), compute);
}
