// The selection instance and its tiers form read by their valibot schemas: one refusal per field,
// each with the exact message and path of the hand-written validators they replaced.
import { describe, expect, it } from 'vitest';
import { validateSelectionInstance, validateTiersInstance } from './instance-schema';

/** [what is wrong, the change to a valid instance, the message the contract's error output carries] */
type Case = [string, (x: Record<string, any>) => void, string];

/** The path a message names: the text before the first ": " (none for a problem of the whole). */
const pathOf = (message: string): string | undefined => {
	const i = message.indexOf(': ');
	return i > 0 && !/\s/.test(message.slice(0, i)) ? message.slice(0, i) : undefined;
};

const one = () => ({
	seats: 2,
	candidates: [
		{ id: 'A', score: 1, groups: ['youth'], field: '前沿', channel: 'X' },
		{ id: 'B', score: 2 }
	],
	atLeast: [{ group: 'youth', share: 0.5, label: '青年' }],
	atMost: [{ channel: 'X', count: 1 }]
});

const tiers = () => ({
	candidates: [
		{ id: 'A', score: 1 },
		{ id: 'B', score: 2 }
	],
	tiers: [
		{ name: 'T1', seats: 1, atLeast: [{ group: 'youth', count: 1 }], atMost: [] },
		{ name: 'T2', seats: 1, atMost: [{ channel: 'X', count: 1 }] }
	]
});

const REFUSED: Case[] = [
	['seats missing', (x) => delete x.seats, 'seats: 名额必须是非负整数'],
	['seats -1', (x) => (x.seats = -1), 'seats: 名额必须是非负整数'],
	['seats 2.5', (x) => (x.seats = 2.5), 'seats: 名额必须是非负整数'],
	['candidates missing', (x) => delete x.candidates, 'candidates: 必须是数组'],
	['candidate not an object', (x) => (x.candidates[1] = 'B'), 'candidates[1]: 必须是对象'],
	['candidate id empty', (x) => (x.candidates[0].id = ''), 'candidates[0].id: 编号必须是非空字符串'],
	['candidate id repeated', (x) => (x.candidates[1].id = 'A'), 'candidates[1].id: 编号 "A" 与 candidates[0] 重复'],
	['candidate score missing', (x) => delete x.candidates[1].score, 'candidates[1].score: 分数必须是有限数值'],
	['candidate score NaN', (x) => (x.candidates[0].score = NaN), 'candidates[0].score: 分数必须是有限数值'],
	[
		'candidate score too large',
		(x) => (x.candidates[0].score = 1e300),
		'candidates[0].score: 分数绝对值不能超过 1000000000'
	],
	['candidate groups a string', (x) => (x.candidates[0].groups = 'youth'), 'candidates[0].groups: 必须是字符串数组'],
	['candidate groups null', (x) => (x.candidates[0].groups = null), 'candidates[0].groups: 必须是字符串数组'],
	[
		'candidate group not a string',
		(x) => (x.candidates[0].groups = ['youth', 3]),
		'candidates[0].groups[1]: 必须是字符串'
	],
	['candidate field a number', (x) => (x.candidates[0].field = 3), 'candidates[0].field: 必须是字符串'],
	['candidate channel a list', (x) => (x.candidates[0].channel = []), 'candidates[0].channel: 必须是字符串'],
	['candidate name a number', (x) => (x.candidates[1].name = 1), 'candidates[1].name: 必须是字符串'],
	[
		'candidate key misspelt',
		(x) => (x.candidates[1].scor = 1),
		'candidates[1].scor: 未知字段 "scor"，是否应为 "score"？（可用字段：id、score、groups、field、channel、name）'
	],
	['atLeast an object', (x) => (x.atLeast = { group: 'youth', count: 1 }), 'atLeast: 必须是数组'],
	['rule not an object', (x) => (x.atMost = [1]), 'atMost[0]: 必须是对象'],
	['rule with two keys', (x) => (x.atLeast[0].field = '前沿'), 'atLeast[0]: 必须且只能指定 group、field、channel 之一'],
	['rule with no key', (x) => delete x.atMost[0].channel, 'atMost[0]: 必须且只能指定 group、field、channel 之一'],
	['rule group empty', (x) => (x.atLeast[0].group = ''), 'atLeast[0].group: 必须是非空字符串'],
	['rule group null', (x) => (x.atLeast[0].group = null), 'atLeast[0].group: 必须是非空字符串'],
	['rule with share and count', (x) => (x.atLeast[0].count = 1), 'atLeast[0]: 必须且只能指定 share 或 count 之一'],
	[
		'rule with neither share nor count',
		(x) => delete x.atMost[0].count,
		'atMost[0]: 必须且只能指定 share 或 count 之一'
	],
	['rule share 1.2', (x) => (x.atLeast[0].share = 1.2), 'atLeast[0].share: 比例必须在 0 到 1 之间'],
	['rule share null', (x) => (x.atLeast[0].share = null), 'atLeast[0].share: 比例必须在 0 到 1 之间'],
	['rule count -2', (x) => (x.atMost[0].count = -2), 'atMost[0].count: 人数必须是非负整数'],
	['rule count 0.5', (x) => (x.atMost[0].count = 0.5), 'atMost[0].count: 人数必须是非负整数'],
	['rule label a number', (x) => (x.atLeast[0].label = 7), 'atLeast[0].label: 必须是字符串'],
	[
		'rule key misspelt',
		(x) => (x.atLeast[0].cout = 1),
		'atLeast[0].cout: 未知字段 "cout"，是否应为 "count"？（可用字段：group、field、channel、share、count、label）'
	],
	[
		'top-level key misspelt',
		(x) => (x.seat = 1),
		'seat: 未知字段 "seat"，是否应为 "seats"？（可用字段：seats、candidates、atLeast、atMost）'
	]
];

const TIERS_REFUSED: Case[] = [
	['tiers empty', (x) => (x.tiers = []), 'tiers: 必须是非空数组'],
	['tiers an object', (x) => (x.tiers = {}), 'tiers: 必须是非空数组'],
	['tier not an object', (x) => (x.tiers[0] = 1), 'tiers[0]: 必须是对象'],
	['tier name empty', (x) => (x.tiers[0].name = ' '), 'tiers[0].name: 档次名称必须是非空字符串'],
	['tier name repeated', (x) => (x.tiers[1].name = 'T1'), 'tiers[1].name: 档次名称“T1”重复'],
	['tier seats missing', (x) => delete x.tiers[1].seats, 'tiers[1].seats: 名额必须是非负整数'],
	['tier seats "x"', (x) => (x.tiers[0].seats = 'x'), 'tiers[0].seats: 名额必须是非负整数'],
	[
		'tier rule without count',
		(x) => delete x.tiers[0].atLeast[0].count,
		'tiers[0].atLeast[0]: 必须且只能指定 share 或 count 之一'
	],
	['tier rule count -1', (x) => (x.tiers[1].atMost[0].count = -1), 'tiers[1].atMost[0].count: 人数必须是非负整数'],
	[
		'tier key misspelt',
		(x) => (x.tiers[0].seat = 1),
		'tiers[0].seat: 未知字段 "seat"，是否应为 "seats"？（可用字段：name、seats、atLeast、atMost）'
	],
	['candidate score missing', (x) => delete x.candidates[0].score, 'candidates[0].score: 分数必须是有限数值'],
	['candidate id repeated', (x) => (x.candidates[1].id = 'A'), 'candidates[1].id: 编号 "A" 与 candidates[0] 重复'],
	[
		'top-level key misspelt',
		(x) => (x.tier = []),
		'tier: 未知字段 "tier"，是否应为 "tiers"？（可用字段：candidates、tiers）'
	]
];

describe('the selection instance schema', () => {
	it.each(REFUSED)('refuses %s, naming the path', (_, change, message) => {
		const x = one();
		change(x);
		expect(validateSelectionInstance(x)).toEqual({ ok: false, message, path: pathOf(message) });
	});

	it('refuses what is not an object, without a path', () => {
		for (const x of [[], null, 'x'])
			expect(validateSelectionInstance(x)).toEqual({ ok: false, message: '输入必须是 JSON 对象' });
	});

	it('returns a normalized copy: groups without repeats, lists filled in, nulls dropped', () => {
		const x: Record<string, any> = one();
		x.candidates[0].groups = ['youth', 'youth', 'woman'];
		x.candidates[1].field = null;
		x.note = 'ignored';
		delete x.atMost;
		expect(validateSelectionInstance(x)).toStrictEqual({
			ok: true,
			instance: {
				seats: 2,
				candidates: [
					{ id: 'A', score: 1, groups: ['youth', 'woman'], field: '前沿', channel: 'X' },
					{ id: 'B', score: 2, groups: [] }
				],
				atLeast: [{ group: 'youth', share: 0.5, label: '青年' }],
				atMost: []
			}
		});
	});
});

describe('the tiers instance schema', () => {
	it.each(TIERS_REFUSED)('refuses %s, naming the path', (_, change, message) => {
		const x = tiers();
		change(x);
		expect(validateTiersInstance(x)).toEqual({ ok: false, message, path: pathOf(message) });
	});

	it('refuses what is not an object, without a path', () => {
		expect(validateTiersInstance('tiers')).toEqual({ ok: false, message: '输入必须是 JSON 对象' });
	});

	it('reads each tier as a one-tier instance', () => {
		expect(validateTiersInstance(tiers())).toStrictEqual({
			ok: true,
			instance: {
				candidates: [
					{ id: 'A', score: 1, groups: [] },
					{ id: 'B', score: 2, groups: [] }
				],
				tiers: [
					{ name: 'T1', seats: 1, atLeast: [{ group: 'youth', count: 1 }], atMost: [] },
					{ name: 'T2', seats: 1, atLeast: [], atMost: [{ channel: 'X', count: 1 }] }
				]
			}
		});
	});
});
