// The selection side of the presets: no invented targets, and every clause quoted word for word.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_IDS, presetConfig } from './';

describe('presets set only what the notices say about the final list', () => {
	it('carry no balance target (every notice states its youth and grassroots rules of the nominees)', () => {
		for (const id of PRESET_IDS) expect(presetConfig(id).targets, id).toEqual([]);
	});
	it('name the 公示 subject in the notice’s words and the 汇总表 as its attachment', () => {
		expect(presetConfig('jincheng-2023').noticeSubject?.text).toBe('建议人选');
		const nm = presetConfig('neimenggu-2023').summarySheet!;
		expect(nm.columns).toContain('nationalHonour');
		expect(nm.columns).toContain('discipline');
		expect(nm.columns).not.toContain('remarks');
		expect(nm.unitLabel).toBe('推荐单位（盖章）：');
		for (const id of PRESET_IDS) {
			const s = presetConfig(id).summarySheet!;
			expect(s.columns.slice(0, 2), id).toEqual(['seq', 'name']);
			expect(s.title, id).toMatch(/汇总表$/);
		}
	});
});

const SEEDS = join(process.cwd(), 'docs', 'seeds');
describe('selection clauses quote the notices', () => {
	const squash = (s: string) => s.replace(/\s+/g, '');
	const notices = readdirSync(SEEDS)
		.filter((f) => f.endsWith('.txt'))
		.map((f) => squash(readFileSync(join(SEEDS, f), 'utf8')));
	for (const id of PRESET_IDS) {
		it(id, () => {
			const c = presetConfig(id);
			const sources = [c.selectionSource, c.noticeSubject?.source, c.summarySheet?.source].filter(
				(s) => s !== undefined
			);
			expect(sources.length).toBeGreaterThanOrEqual(2);
			for (const s of sources) {
				const quote = squash(s.clause.slice(s.clause.indexOf('：') + 1));
				expect(
					notices.some((n) => n.includes(quote)),
					`${id}: ${s.clause}`
				).toBe(true);
			}
			if (c.noticeSubject?.text === '建议人选') expect(c.noticeSubject.source!.clause).toContain('建议人选');
		});
	}
});
