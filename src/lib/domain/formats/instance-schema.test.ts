// The pieces every instance schema shares: the path rendering, the key check before the entries,
// a missing entry refused with the entry's own message, and the first problem only.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { checkInstance, jsonObject, nonEmptyString, pathTo, show, wholeNumber } from './instance-schema';

const schema = jsonObject(
	{
		name: nonEmptyString('名称必须是非空字符串'),
		items: v.array(
			jsonObject(
				{ capacity: wholeNumber(0, (i) => `容量必须是不小于 0 的整数（当前为 ${show(i.input)}）`) },
				'必须是对象'
			)
		)
	},
	'必须是 JSON 对象'
);

describe('instance schema pieces', () => {
	it('renders a path as the contract writes it: experts[3].capacity', () => {
		const ok = { capacity: 1 };
		expect(checkInstance(schema, { name: 'x', items: [ok, ok, ok, { capacity: -1 }] })).toMatchObject({
			path: 'items[3].capacity'
		});
		expect(checkInstance(schema, { name: 'x', items: [{ capacity: 1.5 }] })).toEqual({
			ok: false,
			path: 'items[0].capacity',
			message: 'items[0].capacity: 容量必须是不小于 0 的整数（当前为 1.5）'
		});
	});

	it('refuses a missing entry with its own message, quoting undefined', () => {
		expect(checkInstance(schema, { items: [] })).toEqual({
			ok: false,
			path: 'name',
			message: 'name: 名称必须是非空字符串'
		});
		expect(checkInstance(schema, { name: 'x', items: [{}] })).toMatchObject({
			message: 'items[0].capacity: 容量必须是不小于 0 的整数（当前为 undefined）'
		});
	});

	it('reads the keys first: a misspelt one is refused before any value, an unknown one ignored', () => {
		expect(checkInstance(schema, { nmae: 'x', name: 3, items: [] })).toMatchObject({
			path: 'nmae',
			message: expect.stringContaining('未知字段 "nmae"，是否应为 "name"')
		});
		expect(checkInstance(schema, { name: 'x', items: [], comment: '…' })).toEqual({
			ok: true,
			value: { name: 'x', items: [] }
		});
	});

	it('answers the first problem only, and a non-object without a path', () => {
		const r = checkInstance(schema, { name: '', items: [{ capacity: -1 }] });
		expect(r).toEqual({ ok: false, path: 'name', message: 'name: 名称必须是非空字符串' });
		expect(checkInstance(schema, [1])).toEqual({ ok: false, message: '必须是 JSON 对象' });
	});

	it('builds a path for the checks across entries', () => {
		const x = { items: [{ id: 'a' }, { id: 'b' }] };
		const path = pathTo(x, 'items', 1, 'id');
		expect(path.map((p) => p.key)).toEqual(['items', 1, 'id']);
		expect(path[2].value).toBe('b');
		// as a cross-entry check reports it (a repeated id in draw-schema, instance-schema)
		const repeated = v.pipe(
			v.object({ items: v.array(v.object({ id: v.string() })) }),
			v.rawCheck(({ dataset, addIssue }) => {
				if (dataset.typed) addIssue({ message: '编号重复', path: pathTo(dataset.value, 'items', 1, 'id') });
			})
		);
		expect(checkInstance(repeated, x)).toEqual({ ok: false, path: 'items[1].id', message: 'items[1].id: 编号重复' });
	});

	it('quotes values briefly, and Infinity as such', () => {
		expect(show(Infinity)).toBe('Infinity');
		expect(show(undefined)).toBe('undefined');
		expect(show('x'.repeat(50))).toBe(`"${'x'.repeat(39)}…`);
	});
});
