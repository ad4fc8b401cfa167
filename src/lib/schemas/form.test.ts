import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { choice, flag, integer, list, optionalInteger, parseForm, required, text } from './form';

const fd = (entries: [string, string | File][]) => {
	const f = new FormData();
	for (const [k, x] of entries) f.append(k, x);
	return f;
};

describe('parseForm', () => {
	const schema = v.object({
		name: required('姓名'),
		note: text('备注', { max: 5 }),
		k: integer('每位专家上限', { min: 1, max: 50 }),
		cap: optionalInteger('同一单位最多人数', null, { min: 1 }),
		ids: list('候选人'),
		mode: choice('分配方式', ['a', 'b'], 'a'),
		strict: choice('结果', ['yes', 'no']),
		ok: flag()
	});

	it('reads texts trimmed and cut, numbers, lists without repeats, choices and flags', () => {
		const r = parseForm(
			schema,
			fd([
				['name', '  覃志刚 '],
				['note', '一二三四五六七'],
				['k', '12'],
				['ids', 'c1'],
				['ids', 'c2'],
				['ids', 'c1'],
				['mode', 'zzz'],
				['strict', 'no'],
				['ok', '1']
			])
		);
		expect(r).toEqual({
			ok: true,
			value: {
				name: '覃志刚',
				note: '一二三四五',
				k: 12,
				cap: null,
				ids: ['c1', 'c2'],
				mode: 'a',
				strict: 'no',
				ok: true
			}
		});
	});

	it('refuses an empty required field naming it, and keeps what was typed', () => {
		const r = parseForm(
			schema,
			fd([
				['name', ' '],
				['k', '3'],
				['strict', 'yes'],
				['note', ' x ']
			])
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.message).toBe('「姓名」不能为空');
		expect(r.fieldErrors).toEqual({ name: '「姓名」不能为空' });
		expect(r.entered).toMatchObject({ name: '', k: '3', note: 'x' });
	});

	it.each(['0', '51', '-1', '1.5', '1e1', ' ', 'abc', '0x10'])('refuses 「每位专家上限」 = %j', (k) => {
		const r = parseForm(
			schema,
			fd([
				['name', 'x'],
				['k', k],
				['strict', 'yes']
			])
		);
		expect(r).toMatchObject({ ok: false, message: '「每位专家上限」须为 1–50 的整数' });
	});

	it('an optional number may be empty, not wrong', () => {
		const good = parseForm(
			schema,
			fd([
				['name', 'x'],
				['k', '1'],
				['cap', '2'],
				['strict', 'yes']
			])
		);
		expect(good).toMatchObject({ ok: true, value: { cap: 2 } });
		const bad = parseForm(
			schema,
			fd([
				['name', 'x'],
				['k', '1'],
				['cap', '0'],
				['strict', 'yes']
			])
		);
		expect(bad).toMatchObject({ ok: false, message: '「同一单位最多人数」须为 不小于 1 的整数' });
	});

	it('refuses a value outside a closed choice, naming the field and the choices', () => {
		const r = parseForm(
			schema,
			fd([
				['name', 'x'],
				['k', '1'],
				['strict', 'maybe']
			])
		);
		expect(r).toMatchObject({ ok: false, message: '「结果」须为 yes、no 之一' });
	});

	it('refuses a file sent where text is expected', () => {
		const r = parseForm(
			schema,
			fd([
				['name', new File(['x'], 'a.txt')],
				['k', '1'],
				['strict', 'yes']
			])
		);
		expect(r).toMatchObject({ ok: false, message: '「姓名」须为文字' });
	});

	it('a custom message names what was typed', () => {
		const k = v.object({
			k: integer('每份材料的评审人数', { min: 1, max: 50, message: '评审人数“{value}”应为 1–50 的整数' })
		});
		expect(parseForm(k, fd([['k', '99']]))).toMatchObject({ ok: false, message: '评审人数“99”应为 1–50 的整数' });
	});
});
