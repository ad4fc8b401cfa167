// A public-seed generator for verifiable draws (issue 15): sfc32 seeded from SHA-256 of the seed
// text, so anyone holding the seed replays the same sequence. Not cryptographic by design: the seed
// is published; what matters is that nobody can choose the outcome after the seed is fixed.
import { sha256 } from '@oslojs/crypto/sha2';

export interface SeededPrng {
	/** Uniform 32-bit unsigned integer. */
	next32(): number;
	/** Exactly uniform integer in [0, n), 1 ≤ n ≤ 2^32 (rejection sampling, no modulo bias). */
	int(n: number): number;
}

export function sha256Hex(text: string): string {
	return Array.from(sha256(new TextEncoder().encode(text)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function seededPrng(seed: string): SeededPrng {
	const h = sha256(new TextEncoder().encode(seed));
	const word = (i: number) => ((h[i] << 24) | (h[i + 1] << 16) | (h[i + 2] << 8) | h[i + 3]) >>> 0;
	let a = word(0);
	let b = word(4);
	let c = word(8);
	let d = word(12) ^ word(16) ^ word(20) ^ word(24) ^ word(28);
	const next32 = (): number => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	};
	for (let i = 0; i < 15; i++) next32(); // the usual warm-up of sfc32
	return {
		next32,
		int(n: number): number {
			if (!(n >= 1 && n <= 2 ** 32 && Number.isInteger(n))) throw new Error(`int(${n}) 超出范围`);
			const limit = 2 ** 32 - (2 ** 32 % n); // accept only a whole number of copies of [0, n)
			for (;;) {
				const x = next32();
				if (x < limit) return x % n;
			}
		}
	};
}
