import { describe, it, expect } from 'vitest';
import { keyProblem } from './json-keys';

/** The known key the refusal suggests, or null when the key is not refused. */
const misspeltKey = (key: string, allowed: readonly string[]) => {
	const problem = keyProblem(key, allowed);
	if (problem === null) return null;
	expect(problem).toContain(`可用字段：${allowed.join('、')}`);
	return /^未知字段 "[^"]*"，是否应为 "([^"]+)"？/.exec(problem)?.[1];
};

describe('misspelt keys (keyProblem)', () => {
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
