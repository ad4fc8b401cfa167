// The assignment instance read by its valibot schema: one refusal per field, each with the exact
// message and path the contract's error output carries (the messages of the hand-written validator
// this schema replaced, word for word), and the normalized copy it returns.
import { describe, expect, it } from 'vitest';
import { validateAssignmentInstance } from './instance-schema';

/** [what is wrong, the change to a valid instance, the message the contract's error output carries] */
type Case = [string, (x: Record<string, any>) => void, string];

/** The path a message names: the text before the first ": " (none for a problem of the whole). */
const pathOf = (message: string): string | undefined => {
	const i = message.indexOf(': ');
	return i > 0 && !/\s/.test(message.slice(0, i)) ? message.slice(0, i) : undefined;
};

const good = () => ({
	reviewsPerDossier: 2,
	dossiers: [
		{ id: 'D1', field: '前沿' },
		{ id: 'D2', field: '重大需求' }
	],
	experts: [{ id: 'E1', fields: ['前沿'], maxLoad: 2 }, { id: 'E2', fields: ['前沿', '重大需求'] }, { id: 'E3' }],
	conflicts: [{ expert: 'E1', dossier: 'D2' }],
	affinity: [{ expert: 'E2', dossier: 'D1', value: 2.5 }]
});

const REFUSED: Case[] = [
	[
		'reviewsPerDossier missing',
		(x) => delete x.reviewsPerDossier,
		'reviewsPerDossier: 每份材料评审人数必须是不小于 1 的整数（当前为 undefined）'
	],
	[
		'reviewsPerDossier 0',
		(x) => (x.reviewsPerDossier = 0),
		'reviewsPerDossier: 每份材料评审人数必须是不小于 1 的整数（当前为 0）'
	],
	[
		'reviewsPerDossier 2.5',
		(x) => (x.reviewsPerDossier = 2.5),
		'reviewsPerDossier: 每份材料评审人数必须是不小于 1 的整数（当前为 2.5）'
	],
	[
		'reviewsPerDossier "2"',
		(x) => (x.reviewsPerDossier = '2'),
		'reviewsPerDossier: 每份材料评审人数必须是不小于 1 的整数（当前为 "2"）'
	],
	[
		'reviewsPerDossier Infinity',
		(x) => (x.reviewsPerDossier = Infinity),
		'reviewsPerDossier: 每份材料评审人数必须是不小于 1 的整数（当前为 Infinity）'
	],
	['dossiers missing', (x) => delete x.dossiers, 'dossiers: 缺少数组 dossiers'],
	['dossiers null', (x) => (x.dossiers = null), 'dossiers: dossiers 必须是数组'],
	['dossiers an object', (x) => (x.dossiers = { length: 1 }), 'dossiers: dossiers 必须是数组'],
	['dossier not an object', (x) => (x.dossiers[1] = 'D2'), 'dossiers[1]: 必须是对象 {"id", "field"}'],
	['dossier id missing', (x) => delete x.dossiers[0].id, 'dossiers[0].id: 必须是非空字符串（当前为 undefined）'],
	['dossier id empty', (x) => (x.dossiers[0].id = ''), 'dossiers[0].id: 必须是非空字符串（当前为 ""）'],
	['dossier id a number', (x) => (x.dossiers[1].id = 2), 'dossiers[1].id: 必须是非空字符串（当前为 2）'],
	['dossier id repeated', (x) => (x.dossiers[1].id = 'D1'), 'dossiers[1].id: 材料编号 "D1" 与 dossiers[0] 重复'],
	[
		'dossier field a list',
		(x) => (x.dossiers[0].field = ['前沿']),
		'dossiers[0].field: 领域必须是字符串（当前为 ["前沿"]）'
	],
	[
		'dossier key misspelt',
		(x) => (x.dossiers[1].feild = '前沿'),
		'dossiers[1].feild: 未知字段 "feild"，是否应为 "field"？（可用字段：id、field）'
	],
	['experts missing', (x) => delete x.experts, 'experts: 缺少数组 experts'],
	['expert not an object', (x) => (x.experts[2] = null), 'experts[2]: 必须是对象 {"id", "fields", "maxLoad"}'],
	['expert id repeated', (x) => x.experts.push({ id: 'E2' }), 'experts[3].id: 专家编号 "E2" 与 experts[1] 重复'],
	['expert fields a string', (x) => (x.experts[0].fields = '前沿'), 'experts[0].fields: 领域列表必须是字符串数组'],
	[
		'expert field not a string',
		(x) => (x.experts[1].fields = ['前沿', 7]),
		'experts[1].fields[1]: 领域必须是字符串（当前为 7）'
	],
	[
		'expert maxLoad -1',
		(x) => (x.experts[0].maxLoad = -1),
		'experts[0].maxLoad: 评审上限必须是不小于 0 的整数（当前为 -1）'
	],
	[
		'expert maxLoad 1.5',
		(x) => (x.experts[0].maxLoad = 1.5),
		'experts[0].maxLoad: 评审上限必须是不小于 0 的整数（当前为 1.5）'
	],
	[
		'expert maxLoad "many"',
		(x) => (x.experts[0].maxLoad = 'many'),
		'experts[0].maxLoad: 评审上限必须是不小于 0 的整数（当前为 "many"）'
	],
	[
		'expert key misspelt',
		(x) => (x.experts[1].maxload = 1),
		'experts[1].maxload: 未知字段 "maxload"，是否应为 "maxLoad"？（可用字段：id、fields、maxLoad）'
	],
	['conflicts an object', (x) => (x.conflicts = { expert: 'E1', dossier: 'D1' }), 'conflicts: conflicts 必须是数组'],
	['conflict not an object', (x) => (x.conflicts = ['E1|D1']), 'conflicts[0]: 必须是对象 {"expert", "dossier"}'],
	[
		'conflict expert missing',
		(x) => delete x.conflicts[0].expert,
		'conflicts[0].expert: 必须是非空字符串（当前为 undefined）'
	],
	['conflict expert unknown', (x) => (x.conflicts[0].expert = 'E9'), 'conflicts[0].expert: 引用了不存在的专家 "E9"'],
	['conflict dossier unknown', (x) => (x.conflicts[0].dossier = 'D9'), 'conflicts[0].dossier: 引用了不存在的材料 "D9"'],
	[
		'conflict key misspelt',
		(x) => (x.conflicts[0].dosier = 'D1'),
		'conflicts[0].dosier: 未知字段 "dosier"，是否应为 "dossier"？（可用字段：expert、dossier）'
	],
	['affinity not a list', (x) => (x.affinity = 'E1'), 'affinity: affinity 必须是数组'],
	[
		'affinity expert unknown',
		(x) => (x.affinity[0].expert = 'nobody'),
		'affinity[0].expert: 引用了不存在的专家 "nobody"'
	],
	['affinity dossier empty', (x) => (x.affinity[0].dossier = ''), 'affinity[0].dossier: 必须是非空字符串（当前为 ""）'],
	[
		'affinity value missing',
		(x) => delete x.affinity[0].value,
		'affinity[0].value: 匹配度必须是有限数值（当前为 undefined）'
	],
	['affinity value "2"', (x) => (x.affinity[0].value = '2'), 'affinity[0].value: 匹配度必须是有限数值（当前为 "2"）'],
	[
		'affinity value Infinity',
		(x) => (x.affinity[0].value = Infinity),
		'affinity[0].value: 匹配度必须是有限数值（当前为 Infinity）'
	],
	[
		'affinity value too large',
		(x) => (x.affinity[0].value = 1e7),
		'affinity[0].value: 匹配度绝对值不能超过 1000000（当前为 10000000）'
	],
	[
		'affinity repeated',
		(x) => x.affinity.push({ expert: 'E2', dossier: 'D1', value: 1 }),
		'affinity[1]: 专家 "E2" 与材料 "D1" 的匹配度与 affinity[0] 重复'
	],
	[
		'affinity key misspelt',
		(x) => (x.affinity[0].valeu = 3),
		'affinity[0].valeu: 未知字段 "valeu"，是否应为 "value"？（可用字段：expert、dossier、value）'
	],
	['maxProbability 0', (x) => (x.maxProbability = 0), 'maxProbability: 概率上限必须是 (0, 1] 内的数（当前为 0）'],
	['maxProbability 1.5', (x) => (x.maxProbability = 1.5), 'maxProbability: 概率上限必须是 (0, 1] 内的数（当前为 1.5）'],
	[
		'maxProbability "0.5"',
		(x) => (x.maxProbability = '0.5'),
		'maxProbability: 概率上限必须是 (0, 1] 内的数（当前为 "0.5"）'
	],
	['seed a number', (x) => (x.seed = 42), 'seed: 随机种子必须是字符串（当前为 42）'],
	[
		'top-level key misspelt',
		(x) => (x.reviewPerDossier = 5),
		'reviewPerDossier: 未知字段 "reviewPerDossier"，是否应为 "reviewsPerDossier"？（可用字段：reviewsPerDossier、dossiers、experts、conflicts、affinity、maxProbability、seed）'
	],
	[
		'prototype key',
		(x) => Object.defineProperty(x, '__proto__', { value: {}, enumerable: true }),
		'__proto__: 不允许的字段 "__proto__"'
	],
	[
		'too many pairs',
		(x) => {
			x.dossiers = Array.from({ length: 5001 }, (_, i) => ({ id: `D${i}` }));
			x.experts = Array.from({ length: 2000 }, (_, j) => ({ id: `E${j}` }));
			x.conflicts = [];
			x.affinity = [];
		},
		'实例过大：5001 份材料 × 2000 名专家，超过 10,000,000 对的上限，请分批分配'
	]
];

describe('the assignment instance schema', () => {
	it.each(REFUSED)('refuses %s, naming the path', (_, change, message) => {
		const x = good();
		change(x);
		expect(validateAssignmentInstance(x)).toEqual({ ok: false, message, path: pathOf(message) });
	});

	it('refuses what is not an object, without a path', () => {
		for (const x of [[good()], null, 'x', 7, undefined])
			expect(validateAssignmentInstance(x)).toEqual({ ok: false, message: '分配实例必须是 JSON 对象' });
	});

	it('accepts the contract example: lists filled in, nulls and unknown keys dropped', () => {
		const x: Record<string, any> = good();
		x.experts[2].fields = null;
		x.experts[2].maxLoad = null;
		x.dossiers[1].field = null;
		x.conflicts[0].note = '同单位';
		x.note = 'ignored';
		x.maxProbability = 0.5;
		x.seed = 's';
		expect(validateAssignmentInstance(x)).toEqual({
			ok: true,
			instance: {
				...good(),
				dossiers: [{ id: 'D1', field: '前沿' }, { id: 'D2' }],
				maxProbability: 0.5,
				seed: 's'
			}
		});
		const bare = validateAssignmentInstance({ reviewsPerDossier: 1, dossiers: [], experts: [], conflicts: null });
		expect(bare).toStrictEqual({
			ok: true,
			instance: { reviewsPerDossier: 1, dossiers: [], experts: [], conflicts: [], affinity: [] }
		});
	});

	it('reports the first problem in reading order', () => {
		const x: Record<string, any> = good();
		x.reviewsPerDossier = 0;
		x.experts[0].maxLoad = -1;
		expect(validateAssignmentInstance(x)).toMatchObject({ path: 'reviewsPerDossier' });
		x.reviewsPerDossier = 1;
		x.dossiers[0].feild = 'x';
		x.dossiers[0].id = 3;
		// the keys of an object are read before its values
		expect(validateAssignmentInstance(x)).toMatchObject({ path: 'dossiers[0].feild' });
	});
});
