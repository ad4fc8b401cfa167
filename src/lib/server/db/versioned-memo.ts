// The one memo of views computed from the database (issue 16), for the round results and for the
// check's report alike. “No state lives in process memory”: an entry is only ever answered under
// the version it was computed at, and the caller reads that version from the database on EVERY
// call (counters that triggers raise in the same transaction as each write the view reads), so a
// change made by this process, another one or a raw SQL client is seen by the very next view.
// The caller reads the version BEFORE computing: rows read after it can only be newer than the
// key (the next call then misses), never older. A null version (the triggers are not all in
// place) means nothing may be trusted to the memo.

/** Entries per database handle: three rounds × three variants, a few campaigns' reports. */
const MAX_ENTRIES = 32;

interface Entry {
	version: string;
	value: Promise<unknown>;
}

// One memo per database handle: tests open many databases in one process, with the same ids.
const memos = new WeakMap<object, Map<string, Entry>>();

/** Freezes what the memo hands out, so that no caller can change what the next one reads. */
function deepFreeze<T>(x: T): T {
	if (x && typeof x === 'object' && !Object.isFrozen(x)) {
		Object.freeze(x);
		for (const v of Object.values(x)) deepFreeze(v);
	}
	return x;
}

/**
 * `compute()` for this view (`slot`: what is computed, for which campaign or round), or what it
 * gave before at the same `version`. Concurrent calls share one computation; a failed one is not
 * kept. What it hands out is frozen.
 */
export async function memoByVersion<T>(
	db: object,
	slot: string,
	version: string | null,
	compute: () => Promise<T>
): Promise<T> {
	if (version === null) return compute();
	let memo = memos.get(db);
	if (!memo) memos.set(db, (memo = new Map()));
	const hit = memo.get(slot);
	if (hit && hit.version === version) {
		memo.delete(slot);
		memo.set(slot, hit); // most recently used last
		return hit.value as Promise<T>;
	}
	const value = compute().then(deepFreeze);
	// a slot holds one version: the older one can never be asked for again
	memo.set(slot, { version, value });
	value.catch(() => {
		if (memo.get(slot)?.value === value) memo.delete(slot);
	});
	while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
	return value;
}
