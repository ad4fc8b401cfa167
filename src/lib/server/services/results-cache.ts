// A memo of round results across requests, correct across processes: its key is read from the
// database on every call (two versions raised by triggers in the same transaction as any write to
// what the results read, migration 0014), so a conflict recorded after the round closed, a sheet
// withdrawn or reopened, a round reopened or re-ruled — by this process or another — is seen by the
// very next view. The memo only saves recomputing what has not changed; a hit returns the same
// object a miss would have computed from the same rows.
import { sql } from 'drizzle-orm';
import type { DB } from '../db';
import type { RoundRow } from './rounds';

/** The triggers of migration 0014; fewer in the schema (a later migration rebuilt a table) → no memo. */
export const RESULTS_TRIGGERS = 30;
/** Views memoized per database (a national 初评 is a few MB; three rounds × three variants fit). */
const MAX_ENTRIES = 16;

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

interface Entry {
	version: string;
	value: unknown;
}

// One memo per database handle: tests open many databases in one process, with the same ids.
const memos = new WeakMap<DB, Map<string, Entry>>();

/** Freezes what the memo hands out, so that no caller can change what the next one reads. */
function deepFreeze<T>(x: T): T {
	if (x && typeof x === 'object' && !Object.isFrozen(x)) {
		Object.freeze(x);
		for (const v of Object.values(x)) deepFreeze(v);
	}
	return x;
}

/**
 * `compute()` for this round and variant, or what it returned before if neither version moved
 * and the round row is the same. The version is read before computing: rows written after it
 * can only make the stored value newer than its key (the next request then misses), never older.
 */
export async function memoizedResults<T>(
	db: DB,
	round: RoundRow,
	variant: string,
	compute: () => Promise<T>
): Promise<T> {
	// The round row is part of the key: a caller holding a row read before a change must not be
	// answered from (or store under) the newer version with the older rules.
	return memoized(db, `${round.id}|${variant}|`, JSON.stringify(round), await resultsVersion(db, round), compute);
}

/** A view over every round of a campaign (the observer's progress, the charts' progress), memoized alike. */
export async function memoizedCampaignView<T>(
	db: DB,
	campaignId: string,
	view: string,
	compute: () => Promise<T>
): Promise<T> {
	return memoized(db, `${campaignId}|${view}|`, '', await campaignVersion(db, campaignId), compute);
}

async function memoized<T>(
	db: DB,
	prefix: string,
	rest: string,
	version: string | null,
	compute: () => Promise<T>
): Promise<T> {
	if (version === null) return compute();
	let memo = memos.get(db);
	if (!memo) memos.set(db, (memo = new Map()));
	const key = prefix + rest;
	const hit = memo.get(key);
	if (hit && hit.version === version) {
		memo.delete(key);
		memo.set(key, hit); // most recently used last
		return hit.value as T;
	}
	const value = deepFreeze(await compute());
	for (const k of memo.keys()) if (k.startsWith(prefix)) memo.delete(k);
	memo.set(key, { version, value });
	while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
	return value;
}
