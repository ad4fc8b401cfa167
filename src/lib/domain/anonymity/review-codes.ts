// Review codes (评审编号, "前沿-07"): how they are given. The order they sort in is
// shared/review-codes.ts (compareReviewCodes). Client-safe (no node modules).
//
// Given by a seeded random permutation within each field: numbering in import order told an
// expert the file order, which is channel order (前沿-01…12 = 柳州, 梧州, 北海 …). The seed
// is drawn at random by the caller and recorded in the audit entry, so the numbering can be
// replayed: the same seed, the same candidates (in key order) and the same existing codes give
// the same codes.

import { sha256 } from '@oslojs/crypto/sha2';

/** "前沿-07": two digits, three from 100 on. */
function reviewCode(fieldOrGroup: string, index: number): string {
	const n = Math.max(0, Math.floor(index));
	return `${fieldOrGroup}-${String(n).padStart(n >= 100 ? 3 : 2, '0')}`;
}

function codeNumber(code: string, field: string): number | null {
	if (!code.startsWith(field + '-')) return null;
	const n = Number(code.slice(field.length + 1));
	return Number.isInteger(n) ? n : null;
}

/**
 * Uniform integers in [0, n) from SHA-256 in counter mode over (seed, field): a field's
 * permutation depends on nothing else, and rejection sampling keeps it unbiased.
 */
function seededIntegers(seed: string, stream: string): (n: number) => number {
	const enc = new TextEncoder();
	let block = 0;
	const words: number[] = [];
	const next32 = (): number => {
		if (!words.length) {
			const h = sha256(enc.encode(`${seed}\u0000${stream}\u0000${block++}`));
			for (let k = 0; k < 32; k += 4) words.push(((h[k] << 24) | (h[k + 1] << 16) | (h[k + 2] << 8) | h[k + 3]) >>> 0);
		}
		return words.shift()!;
	};
	return (n: number) => {
		const limit = Math.floor(0x100000000 / n) * n;
		for (;;) {
			const x = next32();
			if (x < limit) return x % n;
		}
	};
}

/**
 * Review codes per field. Codes in `existing` are never changed, and their numbers are never
 * reused — not even those of withdrawn candidates — so a code seen by an expert always means
 * the same dossier. The new candidates of a field (taken in `key` order, then id) get the next
 * free numbers of their field: with a `seed`, in the order of a seeded random permutation
 * (Fisher–Yates); without one, in key order (kept for fixtures and old callers only).
 * Returns `existing` plus the new codes.
 */
export function assignReviewCodes(
	candidates: { id: string; field: string; key: string }[],
	existing?: Map<string, string>,
	seed?: string
): Map<string, string> {
	const out = new Map(existing ?? []);
	const fresh = candidates
		.filter((c) => !out.has(c.id))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const byField = new Map<string, string[]>();
	const seen = new Set<string>();
	for (const c of fresh) {
		if (seen.has(c.id)) continue;
		seen.add(c.id);
		const ids = byField.get(c.field);
		if (ids) ids.push(c.id);
		else byField.set(c.field, [c.id]);
	}
	for (const [field, ids] of byField) {
		let max = 0;
		for (const code of out.values()) max = Math.max(max, codeNumber(code, field) ?? 0);
		const numbers = ids.map((_, i) => max + 1 + i);
		if (seed !== undefined) {
			const pick = seededIntegers(seed, field);
			for (let i = numbers.length - 1; i > 0; i--) {
				const k = pick(i + 1);
				[numbers[i], numbers[k]] = [numbers[k], numbers[i]];
			}
		}
		ids.forEach((id, i) => out.set(id, reviewCode(field, numbers[i])));
	}
	return out;
}
