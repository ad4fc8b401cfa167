// The audit log's hash chain, as pure functions: the canonical text of an entry and the walk
// that checks a chain. Hashing itself is passed in (node:crypto on the server), so this module
// stays free of I/O and runs anywhere.
//
// Each entry's hash is SHA-256 of its canonical text, which includes the previous entry's hash
// of the same chain (one chain per campaign, one for entries without a campaign). Editing an
// entry changes its hash; removing or inserting one breaks the link or the numbering of the next.

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the canonical form ever changes; written into every canonical text. */
const CHAIN_VERSION = 1;

/** The fields of an entry that the hash covers: every column but the hash itself. */
export interface ChainedEntry {
	id: number;
	seq: number | null;
	at: number;
	actorId: string | null;
	actorName: string | null;
	campaignId: string | null;
	action: string;
	entity: string | null;
	entityId: string | null;
	before: unknown;
	after: unknown;
	reason: string | null;
}

/**
 * A value as it comes back from the JSON column (undefined dropped, dates as strings …), so
 * that the hash written and the hash recomputed from the stored text agree.
 */
export function storedJson(value: unknown): unknown {
	if (value === undefined || value === null) return null;
	return JSON.parse(JSON.stringify(value)) ?? null;
}

/** JSON with object keys sorted at every depth: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	const obj = value as Record<string, unknown>;
	const keys = Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The text that is hashed: a JSON array in a fixed order (version, id, seq, time in ms, actor id,
 * actor name, campaign, action, entity, entity id, before, after, reason, previous hash).
 * An array, not an object, so that the order is part of the format rather than of a library.
 * before/after must be in their stored form (storedJson): as written by audit(), as read back.
 */
function canonicalEntry(e: ChainedEntry, prevHash: string): string {
	const fields: unknown[] = [
		CHAIN_VERSION,
		e.id,
		e.seq,
		e.at,
		e.actorId,
		e.actorName,
		e.campaignId,
		e.action,
		e.entity,
		e.entityId,
		e.before ?? null,
		e.after ?? null,
		e.reason,
		prevHash
	];
	return canonicalJson(fields);
}

export type Sha256 = (text: string) => string;

export function entryHash(e: ChainedEntry, prevHash: string, sha256: Sha256): string {
	return sha256(canonicalEntry(e, prevHash));
}

export type ChainVerdict =
	| { ok: true; entries: number; head: string }
	| { ok: false; entries: number; entry: number; position: number; reason: 'edited' | 'out_of_chain' | 'broken_link' };

/**
 * Walks one chain's rows in id order (ids grow with the chain: writers take turns). The first row
 * that does not follow is named:
 * - no sequence or hash: written around the chain (inserted by hand) → 'out_of_chain';
 * - its stored hash is not the hash of its content → 'edited' (this row was changed);
 * - its position or previous hash does not follow the row before → 'broken_link' (a row before
 *   it was removed, or one was inserted with a made-up hash).
 * `position` is the 1-based place of the named row among the rows read.
 */
export function verifyChain(
	rows: (ChainedEntry & { prevHash: string | null; hash: string | null })[],
	sha256: Sha256
): ChainVerdict {
	let prev = GENESIS_HASH;
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		const fail = (reason: 'edited' | 'out_of_chain' | 'broken_link') =>
			({ ok: false, entries: rows.length, entry: r.id, position: i + 1, reason }) as const;
		if (r.seq === null || r.hash === null || r.prevHash === null) return fail('out_of_chain');
		// Its own content first: an edited row is named even when the edit also touched seq/prev.
		if (entryHash(r, r.prevHash, sha256) !== r.hash) return fail('edited');
		if (r.seq !== i + 1 || r.prevHash !== prev) return fail('broken_link');
		prev = r.hash;
	}
	return { ok: true, entries: rows.length, head: prev };
}
