// docs/ holds copies of the contracts, the product brief and the five notices so a clone is
// complete. Where the originals sit beside the clone (../shared, as in CI), the copies must not drift.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DOCS = join(process.cwd(), 'docs');
const SHARED = join(process.cwd(), '..', 'shared');

describe('docs/ is complete', () => {
	it('holds the contracts, the brief and the five notices', () => {
		for (const f of ['CONTRACTS.md', 'SPEC.md']) expect(existsSync(join(DOCS, f)), f).toBe(true);
		expect(readdirSync(join(DOCS, 'seeds')).filter((f) => f.endsWith('.txt'))).toHaveLength(5);
	});
});

describe.skipIf(!existsSync(SHARED))('docs/ equals ../shared', () => {
	const files = ['CONTRACTS.md', 'SPEC.md', ...readdirSync(join(SHARED, 'seeds')).map((f) => join('seeds', f))];
	for (const f of files) {
		it(f, () => {
			expect(readFileSync(join(DOCS, f), 'utf8')).toBe(readFileSync(join(SHARED, f), 'utf8'));
		});
	}
	it('has no notice that ../shared lacks', () => {
		expect(readdirSync(join(DOCS, 'seeds')).sort()).toEqual(readdirSync(join(SHARED, 'seeds')).sort());
	});
});
