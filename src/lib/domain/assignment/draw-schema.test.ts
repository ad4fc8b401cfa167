// The panel-draw instance read by its valibot schema: one refusal per field, each with the exact
// message and path of the hand-written validator it replaced, and the pool kept as given.
import { describe, expect, it } from 'vitest';
import { validateDrawInput } from './draw-schema';

/** [what is wrong, the change to a valid instance, the message the contract's error output carries] */
type Case = [string, (x: Record<string, any>) => void, string];

/** The path a message names: the text before the first ": " (none for a problem of the whole). */
const pathOf = (message: string): string | undefined => {
	const i = message.indexOf(': ');
	return i > 0 && !/\s/.test(message.slice(0, i)) ? message.slice(0, i) : undefined;
};

const good = () => ({
	seed: 's',
	pool: [
		{ id: 'P1', unit: 'U', fields: ['工科'] },
		{ id: 'P2', fields: ['工科'] }
	],
	panels: [{ field: '工科', size: 1, alternates: 1 }],
	exclude: [{ expert: 'P1', reason: '同单位' }]
});

const REFUSED: Case[] = [
	['seed a number', (x) => (x.seed = 1), 'seed: 随机种子必须是字符串'],
	['pool missing', (x) => delete x.pool, 'pool: 缺少数组 pool'],
	['pool expert not an object', (x) => (x.pool[0] = 'P1'), 'pool[0]: 必须是对象 {"id", "unit", "fields"}'],
	['pool id empty', (x) => (x.pool[1].id = ''), 'pool[1].id: 必须是非空字符串'],
	['pool id repeated', (x) => (x.pool[1].id = 'P1'), 'pool[1].id: 专家编号 "P1" 重复'],
	['pool fields missing', (x) => delete x.pool[0].fields, 'pool[0].fields: 领域必须是字符串数组'],
	['pool field not a string', (x) => (x.pool[0].fields = ['工科', 1]), 'pool[0].fields: 领域必须是字符串数组'],
	['pool unit a number', (x) => (x.pool[0].unit = 1), 'pool[0].unit: 必须是字符串'],
	['pool region a list', (x) => (x.pool[1].region = []), 'pool[1].region: 必须是字符串'],
	['pool name an object', (x) => (x.pool[1].name = {}), 'pool[1].name: 必须是字符串'],
	['panels empty', (x) => (x.panels = []), 'panels: 缺少数组 panels（至少一个专家组）'],
	[
		'panel not an object',
		(x) => (x.panels = [1]),
		'panels[0]: 必须是对象 {"field", "size", "alternates", "maxPerUnit"}'
	],
	['panel field missing', (x) => delete x.panels[0].field, 'panels[0].field: 必须是非空字符串'],
	['panel size 0', (x) => (x.panels[0].size = 0), 'panels[0].size: 必须是不小于 1 的整数（当前为 0）'],
	['panel size missing', (x) => delete x.panels[0].size, 'panels[0].size: 必须是不小于 1 的整数（当前为 undefined）'],
	[
		'panel alternates -1',
		(x) => (x.panels[0].alternates = -1),
		'panels[0].alternates: 必须是不小于 0 的整数（当前为 -1）'
	],
	[
		'panel maxPerUnit 0',
		(x) => (x.panels[0].maxPerUnit = 0),
		'panels[0].maxPerUnit: 必须是不小于 1 的整数（当前为 0）'
	],
	[
		'panel maxPerRegion 1.5',
		(x) => (x.panels[0].maxPerRegion = 1.5),
		'panels[0].maxPerRegion: 必须是不小于 1 的整数（当前为 1.5）'
	],
	[
		'panel key misspelt',
		(x) => (x.panels[0].maxperunit = 1),
		'panels[0].maxperunit: 未知字段 "maxperunit"，是否应为 "maxPerUnit"？（可用字段：field、size、alternates、maxPerUnit、maxPerRegion）'
	],
	['exclude an object', (x) => (x.exclude = {}), 'exclude: exclude 必须是数组'],
	['exclusion not an object', (x) => (x.exclude = ['P1']), 'exclude[0]: 必须是对象 {"expert", "reason"}'],
	['exclusion expert unknown', (x) => (x.exclude[0].expert = 'Z'), 'exclude[0].expert: 引用了专家库中不存在的专家 "Z"'],
	['exclusion field empty', (x) => (x.exclude[0].field = ''), 'exclude[0].field: 必须是非空字符串'],
	[
		'exclusion key misspelt',
		(x) => (x.exclude[0].expret = 'P1'),
		'exclude[0].expret: 未知字段 "expret"，是否应为 "expert"？（可用字段：expert、reason、field）'
	],
	[
		'top-level key misspelt',
		(x) => (x.panel = []),
		'panel: 未知字段 "panel"，是否应为 "panels"？（可用字段：seed、pool、panels、exclude）'
	]
];

describe('the panel-draw instance schema', () => {
	it.each(REFUSED)('refuses %s, naming the path', (_, change, message) => {
		const x = good();
		change(x);
		expect(validateDrawInput(x)).toEqual({ ok: false, message, path: pathOf(message) });
	});

	it('refuses what is not an object, without a path', () => {
		for (const x of [[], null, 7])
			expect(validateDrawInput(x)).toEqual({ ok: false, message: '抽取实例必须是 JSON 对象' });
	});

	it('keeps the pool as given (every key, for its hash) and fills in the defaults', () => {
		const x: Record<string, any> = good();
		x.pool[1].note = { any: ['thing'] };
		x.pool[1].unit = null;
		x.exclude[0].reason = 3; // not text: dropped, not refused
		x.exclude[0].field = null;
		delete x.panels[0].alternates;
		const r = validateDrawInput(x);
		expect(r).toStrictEqual({
			ok: true,
			input: {
				seed: 's',
				pool: x.pool,
				panels: [{ field: '工科', size: 1, alternates: 0 }],
				exclude: [{ expert: 'P1' }]
			}
		});
		expect(r.ok && r.input.pool[1]).toBe(x.pool[1]);
		const noExclude = validateDrawInput({ pool: [], panels: [{ field: '工科', size: 2, maxPerUnit: 1 }] });
		expect(noExclude).toStrictEqual({
			ok: true,
			input: { pool: [], panels: [{ field: '工科', size: 2, alternates: 0, maxPerUnit: 1 }], exclude: [] }
		});
	});
});
