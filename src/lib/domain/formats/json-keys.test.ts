import { describe, it, expect } from 'vitest';
import { misspeltKey } from './json-keys';

describe('misspeltKey', () => {
	const expert = ['id', 'fields', 'maxLoad'];
	it('refuses keys that look like a known one', () => {
		expect(misspeltKey('maxload', expert)).toBe('maxLoad');
		expect(misspeltKey('max_load', expert)).toBe('maxLoad');
		expect(misspeltKey('field', expert)).toBe('fields');
		expect(misspeltKey('reviewPerDossier', ['reviewsPerDossier', 'dossiers'])).toBe('reviewsPerDossier');
		expect(misspeltKey('seat', ['seats', 'candidates'])).toBe('seats');
	});
	it('ignores keys that are simply extra', () => {
		expect(misspeltKey('name', expert)).toBeNull();
		expect(misspeltKey('title', ['id', 'field'])).toBeNull();
		expect(misspeltKey('note', ['seats', 'candidates', 'atLeast', 'atMost'])).toBeNull();
		expect(misspeltKey('maxLoad', expert)).toBeNull();
	});
});
