import { describe, it, expect } from 'vitest';
import {
	parseTargetInput,
	provenanceText,
	relaxTarget,
	stampTargets,
	targetsToRules,
	targetValue
} from './balance-targets';
import type { BalanceTarget } from '../types';

describe('balance targets', () => {
	const youth: BalanceTarget = { kind: 'atLeast', group: 'youth', share: 0.2 };
	const field: BalanceTarget = { kind: 'atLeastField', field: '前沿', count: 1 };
	const channel: BalanceTarget = { kind: 'atMostChannel', channel: '南宁市', count: 2 };

	it('turns targets into engine rules, channel types as groups', () => {
		const r = targetsToRules([youth, field, channel, { kind: 'atMostChannelType', channelType: '企业', count: 3 }]);
		expect(r.atLeast).toEqual([
			{ group: 'youth', share: 0.2, label: undefined },
			{ field: '前沿', count: 1, label: undefined }
		]);
		expect(r.atMost).toEqual([
			{ channel: '南宁市', count: 2, label: undefined },
			{ group: '渠道:企业', count: 3, label: undefined }
		]);
	});

	it('relaxes but never tightens, and names the target when refusing', () => {
		expect(targetValue(youth)).toBe(20);
		const down = relaxTarget(youth, '10', '青年', 45);
		expect('target' in down && down.changed && down.target).toMatchObject({
			kind: 'atLeast',
			group: 'youth',
			share: 0.1
		});
		expect(relaxTarget(youth, '30', '青年', 45)).toEqual({ error: expect.stringContaining('“青年”在此处只能放宽') });
		expect('target' in relaxTarget(channel, '3', '南宁市', 45)).toBe(true);
		expect('error' in relaxTarget(channel, '1', '南宁市', 45)).toBe(true);
		expect(relaxTarget(field, '1', '前沿', 45)).toEqual({ target: field, changed: false });
		expect('error' in relaxTarget(field, '0.5', '前沿', 45)).toBe(true);
	});
});

describe('target provenance', () => {
	const at = Date.UTC(2024, 4, 6, 6, 30); // 14:30 in Beijing
	it('says whether the notice or the office set a target, with who and when in Beijing time', () => {
		const office: BalanceTarget = {
			kind: 'atLeast',
			group: 'woman',
			count: 2,
			origin: 'office',
			setBy: '王主任',
			setAt: at
		};
		expect(provenanceText(office, '女性科技工作者不少于2名')).toBe(
			'活动办公室设定：女性科技工作者不少于2名，由王主任于2024-05-06 14:30设定'
		);
		const notice: BalanceTarget = {
			kind: 'atLeast',
			group: 'youth',
			share: 0.2,
			origin: 'notice',
			source: { document: '某文号', clause: '三、活动安排：入选者中青年不少于20%' }
		};
		expect(provenanceText(notice, '青年不少于20%')).toBe('通知：青年不少于20%（某文号：“入选者中青年不少于20%”）');
		expect(provenanceText({ kind: 'atLeastField', field: '前沿', count: 1 }, '前沿至少1名')).toBe(
			'活动办公室设定：前沿至少1名（设定人未记录）'
		);
	});
	it('stamps new and changed targets as the office’s and keeps the rest', () => {
		const notice: BalanceTarget = {
			kind: 'atLeast',
			group: 'youth',
			share: 0.2,
			origin: 'notice',
			source: { document: 'D', clause: 'x：y' }
		};
		const old: BalanceTarget = {
			kind: 'atLeastField',
			field: '前沿',
			count: 1,
			origin: 'office',
			setBy: '甲',
			setAt: 1
		};
		const out = stampTargets(
			[notice, old],
			[
				{ ...notice },
				{ kind: 'atLeastField', field: '前沿', count: 2 },
				{ kind: 'atLeast', group: 'woman', count: 1 },
				{ kind: 'atLeast', group: 'youth', share: 0.1 }
			],
			'乙',
			at
		);
		expect(out[0]).toEqual(notice);
		expect(out[1]).toEqual({ kind: 'atLeastField', field: '前沿', count: 2, origin: 'office', setBy: '乙', setAt: at });
		expect(out[2]).toMatchObject({ origin: 'office', setBy: '乙' });
		expect(out[3]).toMatchObject({ origin: 'office', setBy: '乙', share: 0.1 });
		expect(out[3].source).toBeUndefined();
	});
	it('reads the 添加目标 form and refuses bad input', () => {
		const config = { fields: ['前沿', '主战场'], channels: [{ name: '城区', type: '地区' as const }], youthAge: 45 };
		expect(parseTargetInput({ kind: 'youthShare', ref: '', value: '20', label: '' }, config)).toEqual({
			target: { kind: 'atLeast', group: 'youth', share: 0.2, label: '45岁以下青年科技工作者不少于20%' }
		});
		expect(parseTargetInput({ kind: 'atLeastField', ref: '前沿', value: '1', label: '' }, config)).toMatchObject({
			target: { field: '前沿', count: 1 }
		});
		expect(parseTargetInput({ kind: 'atLeastField', ref: '海洋', value: '1', label: '' }, config)).toEqual({
			error: '领域“海洋”不在本活动的领域中'
		});
		expect(parseTargetInput({ kind: 'woman', ref: '', value: '1.5', label: '' }, config)).toMatchObject({
			error: expect.stringContaining('非负整数')
		});
		expect(parseTargetInput({ kind: 'youthShare', ref: '', value: '120', label: '' }, config)).toMatchObject({
			error: expect.stringContaining('0–100')
		});
		expect(parseTargetInput({ kind: 'atMostChannel', ref: '南宁市', value: '2', label: '' }, config)).toMatchObject({
			error: expect.stringContaining('南宁市')
		});
		expect(parseTargetInput({ kind: 'bogus', ref: '', value: '2', label: '' }, config)).toEqual({
			error: '请选择目标类型'
		});
	});
	it('a relaxed target keeps its provenance', () => {
		const t: BalanceTarget = { kind: 'atLeast', group: 'woman', count: 2, origin: 'office', setBy: '甲', setAt: 5 };
		const r = relaxTarget(t, '1', '女性', 45);
		expect('target' in r && r.target).toMatchObject({ count: 1, origin: 'office', setBy: '甲', setAt: 5 });
	});
});
