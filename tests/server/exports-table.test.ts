// The exports table (issue 13): one literal kind → producer → roles, read by the download route and
// `laurel export`. The chair reviews by code, so only the files without names or personal data are theirs.
import { describe, expect, it } from 'vitest';
import { EXPORTS, EXPORT_KINDS, FORMS_EXPORT, mayExport } from '../../src/lib/server/exports';

describe('the exports table', () => {
	it('lists the contract kinds and the two 汇总表 kinds, each with a producer and a label', () => {
		expect(EXPORT_KINDS).toEqual([
			'candidates',
			'shortlist',
			'scores',
			'assignments',
			'conflicts',
			'audit',
			'summary',
			'upper'
		]);
		for (const k of EXPORT_KINDS) {
			expect(typeof EXPORTS[k].produce).toBe('function');
			expect(EXPORTS[k].label).not.toBe('');
		}
	});

	it('gives the chair the score and assignment files only', () => {
		const chair = EXPORT_KINDS.filter((k) => mayExport(k, 'chair'));
		expect(chair).toEqual(['scores', 'assignments']);
		expect(mayExport(FORMS_EXPORT.kind, 'chair')).toBe(false);
	});

	it('gives the office every file, and nobody else anything', () => {
		for (const k of [...EXPORT_KINDS, FORMS_EXPORT.kind]) {
			expect(mayExport(k, 'organizer')).toBe(true);
			expect(mayExport(k, 'expert')).toBe(false);
			expect(mayExport(k, 'observer')).toBe(false);
		}
	});

	it('leaves an unknown kind to the producer, which answers 400', () => {
		expect(mayExport('nonsense', 'chair')).toBe(true);
		expect(mayExport('__proto__', 'chair')).toBe(true);
		expect(mayExport('toString', 'organizer')).toBe(true);
	});
});
