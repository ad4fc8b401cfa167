import { describe, expect, it } from 'vitest';
import { leavesPanel, panelledFields } from './panels';

describe('the panel rule', () => {
	const experts = [{ panelFields: ['农业'] }, { panelFields: ['农业', '医学'] }, { panelFields: [] }];
	const panelled = panelledFields(experts);

	it('knows the fields that have a panel', () => {
		expect([...panelled].sort()).toEqual(['农业', '医学']);
	});

	it('a member of the field’s panel stays inside; anyone else leaves it', () => {
		expect(leavesPanel(panelled, ['农业'], '农业')).toBe(false);
		expect(leavesPanel(panelled, ['农业'], '医学')).toBe(true);
		expect(leavesPanel(panelled, [], '医学')).toBe(true);
	});

	it('a field without a panel has no panel to leave', () => {
		expect(leavesPanel(panelled, [], '工程')).toBe(false);
		expect(leavesPanel(panelled, ['农业'], '工程')).toBe(false);
	});
});
