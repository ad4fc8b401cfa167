// The command line against hostile input, run as an organizer's script runs it (one process per
// command): bad input exits 2 with {"error", "message"} JSON on stdout naming the offending path,
// infeasible instances exit 3, never 1; nothing is written to the database.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DEPTH, nestingDepth } from '../../scripts/cli/json-input';
import { cliSandbox, all, expectBadInput } from '../support/cli';

const { dir, laurelAsync: laurel, file } = cliSandbox('hostile-cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------- assign

const base = () => ({
	reviewsPerDossier: 2,
	dossiers: [
		{ id: 'D1', field: '前沿' },
		{ id: 'D2', field: '重大需求' }
	],
	experts: [
		{ id: 'E1', fields: ['前沿'], maxLoad: 2 },
		{ id: 'E2', fields: ['前沿', '重大需求'] },
		{ id: 'E3', fields: ['重大需求'] }
	],
	conflicts: [{ expert: 'E1', dossier: 'D2' }],
	affinity: [{ expert: 'E2', dossier: 'D1', value: 2.5 }]
});
const with_ = (patch: (x: Record<string, any>) => void) => {
	const x: Record<string, any> = base();
	patch(x);
	return JSON.stringify(x);
};

/** [label, file content, expected path (undefined: none)] */
const BAD_ASSIGN: [string, string, string | undefined][] = [
	['not JSON', '{"reviewsPerDossier": 2, dossiers: [', undefined],
	['empty file', '', undefined],
	['NaN literal', '{"reviewsPerDossier": NaN, "dossiers": [], "experts": []}', undefined],
	['JSON array', JSON.stringify([base()]), undefined],
	['JSON string', '"assign me"', undefined],
	['null', 'null', undefined],
	['missing reviewsPerDossier', with_((x) => delete x.reviewsPerDossier), 'reviewsPerDossier'],
	['missing dossiers', with_((x) => delete x.dossiers), 'dossiers'],
	['missing experts', with_((x) => delete x.experts), 'experts'],
	['negative k', with_((x) => (x.reviewsPerDossier = -3)), 'reviewsPerDossier'],
	['k zero', with_((x) => (x.reviewsPerDossier = 0)), 'reviewsPerDossier'],
	['k as string', with_((x) => (x.reviewsPerDossier = '2')), 'reviewsPerDossier'],
	['k fractional', with_((x) => (x.reviewsPerDossier = 2.5)), 'reviewsPerDossier'],
	[
		'k huge (1e400 parses to Infinity)',
		JSON.stringify(base()).replace('"reviewsPerDossier":2', '"reviewsPerDossier":1e400'),
		'reviewsPerDossier'
	],
	['k "NaN"', with_((x) => (x.reviewsPerDossier = 'NaN')), 'reviewsPerDossier'],
	['duplicate dossier id', with_((x) => x.dossiers.push({ id: 'D1' })), 'dossiers[2].id'],
	['duplicate expert id', with_((x) => x.experts.push({ id: 'E2' })), 'experts[3].id'],
	['empty id', with_((x) => (x.dossiers[0].id = '')), 'dossiers[0].id'],
	['numeric id', with_((x) => (x.experts[1].id = 7)), 'experts[1].id'],
	[
		'unknown expert in conflicts',
		with_((x) => x.conflicts.push({ expert: 'E99', dossier: 'D1' })),
		'conflicts[1].expert'
	],
	[
		'unknown dossier in conflicts',
		with_((x) => x.conflicts.push({ expert: 'E1', dossier: 'D99' })),
		'conflicts[1].dossier'
	],
	[
		'unknown dossier in affinity',
		with_((x) => x.affinity.push({ expert: 'E1', dossier: 'D99', value: 1 })),
		'affinity[1].dossier'
	],
	[
		'unknown expert in affinity',
		with_((x) => x.affinity.push({ expert: 'nobody', dossier: 'D1', value: 1 })),
		'affinity[1].expert'
	],
	['affinity "NaN"', with_((x) => (x.affinity[0].value = 'NaN')), 'affinity[0].value'],
	['affinity "Infinity"', with_((x) => (x.affinity[0].value = 'Infinity')), 'affinity[0].value'],
	['affinity 1e400', JSON.stringify(base()).replace('"value":2.5', '"value":1e400'), 'affinity[0].value'],
	['affinity huge (1.7e308)', with_((x) => (x.affinity[0].value = 1.7e308)), 'affinity[0].value'],
	['affinity null', with_((x) => (x.affinity[0].value = null)), 'affinity[0].value'],
	['duplicate affinity', with_((x) => x.affinity.push({ expert: 'E2', dossier: 'D1', value: 1 })), 'affinity[1]'],
	['maxLoad negative', with_((x) => (x.experts[0].maxLoad = -1)), 'experts[0].maxLoad'],
	['maxLoad "Infinity"', with_((x) => (x.experts[0].maxLoad = 'Infinity')), 'experts[0].maxLoad'],
	['maxLoad 1e400', JSON.stringify(base()).replace('"maxLoad":2', '"maxLoad":1e400'), 'experts[0].maxLoad'],
	['maxLoad 2.5', with_((x) => (x.experts[0].maxLoad = 2.5)), 'experts[0].maxLoad'],
	['fields not an array', with_((x) => (x.experts[0].fields = '前沿')), 'experts[0].fields'],
	['field not a string', with_((x) => (x.dossiers[0].field = ['前沿'])), 'dossiers[0].field'],
	[
		'1e6 dossiers declared lazily (array-like object)',
		with_((x) => (x.dossiers = { length: 1_000_000, 0: { id: 'D1' } })),
		'dossiers'
	],
	['conflicts as an object', with_((x) => (x.conflicts = { expert: 'E1', dossier: 'D1' })), 'conflicts'],
	['conflict not an object', with_((x) => (x.conflicts = ['E1|D1'])), 'conflicts[0]'],
	['unknown top-level key (a typo)', with_((x) => (x.reviewPerDossier = 5)), 'reviewPerDossier'],
	['unknown expert key (maxload)', with_((x) => (x.experts[1].maxload = 1)), 'experts[1].maxload'],
	['misspelt dossier key', with_((x) => (x.dossiers[0].feild = '前沿')), 'dossiers[0].feild'],
	['misspelt conflict key', with_((x) => (x.conflicts[0].dosier = 'D1')), 'conflicts[0].dosier'],
	['misspelt affinity key', with_((x) => (x.affinity[0].valeu = 3)), 'affinity[0].valeu'],
	[
		'__proto__ key',
		JSON.stringify(base()).replace('{"reviewsPerDossier"', '{"__proto__":{"polluted":true},"reviewsPerDossier"'),
		'__proto__'
	]
];

describe('assign --in with hostile instances', { timeout: 600_000 }, () => {
	it('a valid instance still solves (control)', async () => {
		const r = await laurel('assign', '--in', file('a-good.json', JSON.stringify(base())));
		expect(r.code).toBe(0);
		expect(r.json.assignments).toHaveLength(4);
	});

	it('breaks every rule: exit 2, {"error", "message"} naming the path', async () => {
		const runs = await all(BAD_ASSIGN, ([label, body]) =>
			laurel('assign', '--in', file(`a-${BAD_ASSIGN.findIndex((c) => c[0] === label)}.json`, body))
		);
		runs.forEach((r, i) => expectBadInput(r, BAD_ASSIGN[i][0], BAD_ASSIGN[i][2]));
		const byLabel = (l: string) => runs[BAD_ASSIGN.findIndex((c) => c[0] === l)];
		expect(byLabel('not JSON').json.message).toContain('不是有效的 JSON');
		expect(byLabel('JSON array').json.message).toContain('必须是 JSON 对象');
		expect(byLabel('k huge (1e400 parses to Infinity)').json.message).toContain('Infinity');
		expect(byLabel('affinity huge (1.7e308)').json.message).toContain('匹配度绝对值不能超过');
		expect(byLabel('unknown expert in conflicts').json.message).toContain('"E99"');
		expect(byLabel('unknown expert key (maxload)').json.message).toContain('未知字段 "maxload"，是否应为 "maxLoad"');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('missing --in, a missing file, a directory, a binary file: exit 2', async () => {
		const sub = join(dir, 'a-dir.json');
		mkdirSync(sub, { recursive: true });
		const png = file('a-photo.json', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
		const runs = await all(
			[
				['assign'],
				['assign', '--in'],
				['assign', '--in', join(dir, 'nope.json')],
				['assign', '--in', sub],
				['assign', '--in', png]
			],
			(args) => laurel(...args)
		);
		runs.forEach((r, i) => expectBadInput(r, `case ${i}`));
		expect(runs[2].json.message).toContain('文件不存在');
		expect(runs[3].json.message).toContain('目录');
		expect(runs[4].json.message).toContain('不是有效的 JSON');
	});

	it('infeasible instances (absurd claims in a small file): exit 3 with the dossiers', async () => {
		const cases = [
			with_((x) => (x.reviewsPerDossier = 1_000_000)),
			with_((x) => x.experts.forEach((e: Record<string, unknown>) => (e.maxLoad = 0))),
			with_((x) => (x.conflicts = ['E1', 'E2', 'E3'].map((expert) => ({ expert, dossier: 'D1' }))))
		];
		const runs = await all(cases, (body) => laurel('assign', '--in', file(`a-inf-${cases.indexOf(body)}.json`, body)));
		for (const r of runs) {
			expect(r.code, r.stdout).toBe(3);
			expect(r.json.error).toBe('INFEASIBLE');
			expect(r.json.message).toMatch(/[\u4e00-\u9fff]/);
			expect(r.json.dossiers).toEqual(expect.arrayContaining(['D1']));
		}
		expect(runs[0].json.message).toContain('1000000');
	});
});

// ---------------------------------------------------------------- select

const sbase = () => ({
	seats: 2,
	candidates: [
		{ id: 'C1', score: 91.5, groups: ['youth'], field: '前沿', channel: '南宁市' },
		{ id: 'C2', score: 88, groups: ['woman'], field: '生命健康', channel: '柳州市' },
		{ id: 'C3', score: 70, groups: [], channel: '南宁市' }
	],
	atLeast: [{ group: 'youth', share: 0.5 }],
	atMost: [{ channel: '南宁市', count: 1 }]
});
const swith = (patch: (x: Record<string, any>) => void) => {
	const x: Record<string, any> = sbase();
	patch(x);
	return JSON.stringify(x);
};

const BAD_SELECT: [string, string, string | undefined][] = [
	['not JSON', 'seats: 10', undefined],
	['JSON array', '[]', undefined],
	['empty file', '', undefined],
	['missing candidates', swith((x) => delete x.candidates), 'candidates'],
	['missing seats', swith((x) => delete x.seats), 'seats'],
	['seats -1', swith((x) => (x.seats = -1)), 'seats'],
	['seats 2.5', swith((x) => (x.seats = 2.5)), 'seats'],
	['seats as string', swith((x) => (x.seats = '2')), 'seats'],
	['seats 1e400', swith((x) => (x.seats = 0)).replace('"seats":0', '"seats":1e400'), 'seats'],
	['share 1.5', swith((x) => (x.atLeast[0].share = 1.5)), 'atLeast[0].share'],
	['share negative', swith((x) => (x.atLeast[0].share = -0.1)), 'atLeast[0].share'],
	['share "NaN"', swith((x) => (x.atLeast[0].share = 'NaN')), 'atLeast[0].share'],
	['count negative', swith((x) => (x.atMost[0].count = -1)), 'atMost[0].count'],
	['count fractional', swith((x) => (x.atMost[0].count = 1.5)), 'atMost[0].count'],
	['share and count', swith((x) => (x.atLeast[0].count = 1)), 'atLeast[0]'],
	['neither share nor count', swith((x) => delete x.atLeast[0].share), 'atLeast[0]'],
	['two rule keys', swith((x) => (x.atMost[0].group = 'youth')), 'atMost[0]'],
	['duplicate candidate id', swith((x) => x.candidates.push({ id: 'C1', score: 1 })), 'candidates[3].id'],
	['score "NaN"', swith((x) => (x.candidates[0].score = 'NaN')), 'candidates[0].score'],
	[
		'score 1e400',
		swith((x) => (x.candidates[0].score = 0)).replace('"score":0', '"score":1e400'),
		'candidates[0].score'
	],
	['score huge', swith((x) => (x.candidates[0].score = 1e300)), 'candidates[0].score'],
	['score missing', swith((x) => delete x.candidates[1].score), 'candidates[1].score'],
	['groups not an array', swith((x) => (x.candidates[0].groups = 'youth')), 'candidates[0].groups'],
	['1e6 candidates declared lazily', swith((x) => (x.candidates = { length: 1_000_000 })), 'candidates'],
	['unknown top-level key', swith((x) => (x.seat = 3)), 'seat'],
	['misspelt candidate key', swith((x) => (x.candidates[2].scores = 80)), 'candidates[2].scores'],
	['misspelt rule key', swith((x) => (x.atLeast[0].cout = 1)), 'atLeast[0].cout'],
	['atLeast as object', swith((x) => (x.atLeast = { group: 'youth', count: 1 })), 'atLeast']
];

describe('select --in with hostile instances', { timeout: 600_000 }, () => {
	it('a valid instance still solves (control)', async () => {
		const r = await laurel('select', '--in', file('s-good.json', JSON.stringify(sbase())));
		expect(r.code).toBe(0);
		expect(r.json.selected).toEqual(['C1', 'C2']);
	});

	it('breaks every rule: exit 2, {"error", "message"} naming the path', async () => {
		const runs = await all(BAD_SELECT, ([label, body]) =>
			laurel('select', '--in', file(`s-${BAD_SELECT.findIndex((c) => c[0] === label)}.json`, body))
		);
		runs.forEach((r, i) => expectBadInput(r, BAD_SELECT[i][0], BAD_SELECT[i][2]));
		expect(runs[0].json.message).toContain('不是有效的 JSON');
	});

	it('missing --in, a missing file, a directory: exit 2', async () => {
		const sub = join(dir, 's-dir.json');
		mkdirSync(sub, { recursive: true });
		const runs = await all([['select'], ['select', '--in', join(dir, 'nope.json')], ['select', '--in', sub]], (args) =>
			laurel(...args)
		);
		runs.forEach((r, i) => expectBadInput(r, `case ${i}`));
	});

	it('rules that cannot all hold: exit 3 naming the rules', async () => {
		const cases = [
			swith((x) => (x.atLeast = [{ group: 'youth', count: 2 }])),
			swith((x) => (x.seats = 1e15)),
			swith((x) => (x.atLeast = [{ group: 'woman', count: 1e300 }]))
		];
		const runs = await all(cases, (body) => laurel('select', '--in', file(`s-inf-${cases.indexOf(body)}.json`, body)));
		for (const r of runs) {
			expect(r.code, r.stdout).toBe(3);
			expect(r.json.error).toBe('INFEASIBLE');
			expect(r.json.message).toMatch(/[\u4e00-\u9fff]/);
			expect((r.json.rules as unknown[]).length).toBeGreaterThan(0);
		}
		expect((runs[0].json.rules as { path: string }[])[0].path).toBe('atLeast[0]');
	});
});

describe('deeply nested JSON to assign and select', { timeout: 600_000 }, () => {
	const deepArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
	const deepObjects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
	const a = JSON.stringify(base());
	const sl = JSON.stringify(sbase());
	/** [label, command, file content]: each nests 100,000 levels somewhere a validator walks */
	const DEEP: [string, 'assign' | 'select', string][] = [
		[
			'assign: nested arrays as a dossier field',
			'assign',
			a.replace('"field":"前沿"', `"field":${deepArrays(100_000)}`)
		],
		[
			'assign: nested arrays as reviewsPerDossier',
			'assign',
			a.replace('"reviewsPerDossier":2', `"reviewsPerDossier":${deepArrays(100_000)}`)
		],
		[
			'assign: nested arrays inside fields',
			'assign',
			a.replace('"fields":["前沿"]', `"fields":[${deepArrays(100_000)}]`)
		],
		['assign: nested objects as an id', 'assign', a.replace('{"id":"D1"', `{"id":${deepObjects(100_000)}`)],
		['assign: the whole file nested', 'assign', deepArrays(100_000)],
		['select: nested arrays as seats', 'select', sl.replace(/"seats":\d+/, `"seats":${deepArrays(100_000)}`)],
		['select: nested objects under an unknown key', 'select', sl.replace(/^\{/, `{"x":${deepObjects(100_000)},`)]
	];

	it('exit 2 with a message, never 1 (stack overflow)', async () => {
		const runs = await all(DEEP, ([label, command, body]) =>
			laurel(command, '--in', file(`deep-${DEEP.findIndex((c) => c[0] === label)}.json`, body))
		);
		runs.forEach((r, i) => {
			expectBadInput(r, DEEP[i][0]);
			expect(r.json.message, DEEP[i][0]).toContain('嵌套过深');
		});
	});

	it('brackets inside strings are text, not nesting: such an instance still solves', async () => {
		const x = base();
		x.dossiers[0].id = '['.repeat(500) + '{'.repeat(500) + '\\"[';
		x.affinity = [];
		const r = await laurel('assign', '--in', file('deep-strings.json', JSON.stringify(x)));
		expect(r.code).toBe(0);
		expect(r.json.assignments).toHaveLength(4);
	});

	it('nestingDepth counts linearly and stops at the limit', () => {
		expect(nestingDepth('{"a":[1,[2]],"b":"[[[["}')).toBe(3);
		expect(nestingDepth('"\\"[[["')).toBe(0);
		expect(nestingDepth(deepArrays(1_000_000))).toBe(MAX_DEPTH + 1);
		expect(nestingDepth('[]'.repeat(100_000))).toBe(1);
	});
});
