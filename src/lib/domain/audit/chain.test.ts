import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, entryHash, GENESIS_HASH, storedJson, verifyChain, type ChainedEntry } from './chain';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
/** The text entryHash hashes: the hash function is passed in, so the identity shows it. */
const canonicalEntry = (e: ChainedEntry, prevHash: string) => entryHash(e, prevHash, (text) => text);

const base: ChainedEntry = {
	id: 7,
	seq: 1,
	at: 1700000000000,
	actorId: 'u_1',
	actorName: 'organizer',
	campaignId: 'c1',
	action: 'candidate.update',
	entity: 'candidate',
	entityId: 'k1',
	before: { b: 1, a: 2 },
	after: null,
	reason: null
};

describe('canonical form', () => {
	it('sorts keys at every depth and drops undefined like the JSON column does', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
			'{"a":{"d":[1,{"y":2,"z":1}]},"b":1}'
		);
		expect(storedJson({ when: new Date(0), x: undefined })).toEqual({ when: '1970-01-01T00:00:00.000Z' });
		expect(storedJson(undefined)).toBeNull();
	});

	it('covers every field: changing any one changes the text', () => {
		const text = canonicalEntry(base, GENESIS_HASH);
		expect(canonicalEntry({ ...base, before: { a: 2, b: 1 } }, GENESIS_HASH)).toBe(text);
		const variants: Partial<ChainedEntry>[] = [
			{ id: 8 },
			{ seq: 2 },
			{ at: base.at + 1 },
			{ actorId: 'u_2' },
			{ actorName: 'x' },
			{ campaignId: 'c2' },
			{ action: 'candidate.create' },
			{ entity: 'expert' },
			{ entityId: 'k2' },
			{ before: { a: 2 } },
			{ after: {} },
			{ reason: '' }
		];
		for (const v of variants) expect(canonicalEntry({ ...base, ...v }, GENESIS_HASH)).not.toBe(text);
		expect(canonicalEntry(base, 'a'.repeat(64))).not.toBe(text);
	});
});

describe('verifyChain', () => {
	function chain(n: number) {
		const rows = [];
		let prev = GENESIS_HASH;
		for (let i = 0; i < n; i++) {
			const e = { ...base, id: 10 + i, seq: i + 1 };
			const hash = entryHash(e, prev, sha);
			rows.push({ ...e, prevHash: prev, hash });
			prev = hash;
		}
		return rows;
	}
	it('accepts an intact chain and gives its head', () => {
		const rows = chain(4);
		expect(verifyChain(rows, sha)).toEqual({ ok: true, entries: 4, head: rows[3].hash });
		expect(verifyChain([], sha)).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
	});
	it('names the edited, the one after a removed, and an unchained row', () => {
		const edited = chain(4);
		edited[1] = { ...edited[1], reason: '改' };
		expect(verifyChain(edited, sha)).toMatchObject({ ok: false, entry: 11, position: 2, reason: 'edited' });
		const removed = chain(4).filter((r) => r.id !== 11);
		expect(verifyChain(removed, sha)).toMatchObject({ ok: false, entry: 12, reason: 'broken_link' });
		const inserted = chain(3);
		inserted.splice(1, 0, { ...base, id: 99, seq: null, prevHash: null, hash: null } as never);
		expect(verifyChain(inserted, sha)).toMatchObject({ ok: false, entry: 99, reason: 'out_of_chain' });
		// Removing the first entry: the new first does not start from the genesis.
		expect(verifyChain(chain(3).slice(1), sha)).toMatchObject({ ok: false, entry: 11, reason: 'broken_link' });
	});
});
