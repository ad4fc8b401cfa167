import { describe, it, expect } from 'vitest';
import { relaxTarget, targetsToRules, targetValue } from './balance-targets';
import type { BalanceTarget } from './types';

describe('balance targets', () => {
	const youth: BalanceTarget = { kind: 'atLeast', group: 'youth', share: 0.2 };
	const field: BalanceTarget = { kind: 'atLeastField', field: '前沿', count: 1 };
	const channel: BalanceTarget = { kind: 'atMostChannel', channel: '南宁市', count: 2 };

	it('turns targets into engine rules, channel types as groups', () => {
		const r = targetsToRules([youth, field, channel, { kind: 'atMostChannelType', channelType: '企业', count: 3 }]);
		expect(r.atLeast).toEqual([{ group: 'youth', share: 0.2, label: undefined }, { field: '前沿', count: 1, label: undefined }]);
		expect(r.atMost).toEqual([{ channel: '南宁市', count: 2, label: undefined }, { group: '渠道:企业', count: 3, label: undefined }]);
	});

	it('relaxes but never tightens, and names the target when refusing', () => {
		expect(targetValue(youth)).toBe(20);
		const down = relaxTarget(youth, '10', '青年', 45);
		expect('target' in down && down.changed && down.target).toMatchObject({ kind: 'atLeast', group: 'youth', share: 0.1 });
		expect(relaxTarget(youth, '30', '青年', 45)).toEqual({ error: expect.stringContaining('“青年”在此处只能放宽') });
		expect('target' in relaxTarget(channel, '3', '南宁市', 45)).toBe(true);
		expect('error' in relaxTarget(channel, '1', '南宁市', 45)).toBe(true);
		expect(relaxTarget(field, '1', '前沿', 45)).toEqual({ target: field, changed: false });
		expect('error' in relaxTarget(field, '0.5', '前沿', 45)).toBe(true);
	});
});
