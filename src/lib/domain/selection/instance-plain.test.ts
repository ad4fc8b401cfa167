// The valibot-free reader of selection instances (instance-plain.ts) against the schema it stands
// in for: whatever it accepts, the schema accepts with the same normalized instance; whatever the
// schema refuses, it refuses too (and validateSelectionInstance then words the schema's refusal).
import { describe, expect, it } from 'vitest';
import { checkInstance } from '../formats/instance-schema';
import { readPlainSelectionInstance } from './instance-plain';
import { selectionInstanceSchema, validateSelectionInstance } from './instance-schema';

const base = () => ({
	seats: 3,
	candidates: [
		{ id: 'A', score: 91.5, groups: ['youth', 'woman', 'youth'], field: '前沿', channel: '南宁市', name: '张三' },
		{ id: 'B', score: 88, groups: [], field: null, channel: null, name: null },
		{ id: 'C', score: -2 },
		{ id: 'D', score: 0, groups: ['grassroots'], channel: '柳州市' }
	],
	atLeast: [
		{ group: 'youth', share: 0.34, label: '青年' },
		{ field: '前沿', count: 1 }
	],
	atMost: [{ channel: '南宁市', count: 1 }]
});

/** Changes the instance in place, or returns `{ input }` to read something else instead. */
type Patch = (x: Record<string, any>) => unknown;

/** Accepted forms and refused ones: the reader must agree with the schema on each. */
const VARIANTS: [string, Patch][] = [
	['as is', () => {}],
	['no rules at all', (x) => (delete x.atLeast, delete x.atMost)],
	['no groups key', (x) => delete x.candidates[0].groups],
	['seats 0', (x) => (x.seats = 0)],
	['share 0 and 1', (x) => ((x.atLeast[0].share = 0), x.atMost.push({ group: 'woman', share: 1 }))],
	['empty candidates', (x) => (x.candidates = [])],
	// refused by the schema, or accepted by it only through keys the plain reader leaves to it
	['unknown top key', (x) => (x.note = 'x')],
	['misspelt top key', (x) => (x.seat = 3)],
	['unknown candidate key', (x) => (x.candidates[1].extra = 1)],
	['misspelt candidate key', (x) => (x.candidates[1].scores = 1)],
	['__proto__ key', (x) => Object.defineProperty(x.candidates[0], '__proto__', { value: 1, enumerable: true })],
	['unknown rule key', (x) => (x.atLeast[0].note = 'x')],
	['seats missing', (x) => delete x.seats],
	['seats -1', (x) => (x.seats = -1)],
	['seats 2.5', (x) => (x.seats = 2.5)],
	['seats "3"', (x) => (x.seats = '3')],
	['candidates not an array', (x) => (x.candidates = {})],
	['candidate null', (x) => (x.candidates[2] = null)],
	['candidate array', (x) => (x.candidates[2] = [])],
	['empty id', (x) => (x.candidates[0].id = '')],
	['numeric id', (x) => (x.candidates[0].id = 7)],
	['duplicate id', (x) => (x.candidates[3].id = 'A')],
	['score string', (x) => (x.candidates[0].score = '90')],
	['score Infinity', (x) => (x.candidates[0].score = Infinity)],
	['score NaN', (x) => (x.candidates[0].score = NaN)],
	['score too large', (x) => (x.candidates[0].score = 2e9)],
	['groups null', (x) => (x.candidates[0].groups = null)],
	['groups a string', (x) => (x.candidates[0].groups = 'youth')],
	['group not a string', (x) => (x.candidates[0].groups = ['youth', 3])],
	['field a number', (x) => (x.candidates[0].field = 3)],
	['channel an object', (x) => (x.candidates[0].channel = {})],
	['name a number', (x) => (x.candidates[0].name = 1)],
	['atLeast null', (x) => (x.atLeast = null)],
	['atMost an object', (x) => (x.atMost = {})],
	['rule null', (x) => (x.atLeast[1] = null)],
	['rule with two targets', (x) => (x.atLeast[1].group = 'youth')],
	['rule with no target', (x) => delete x.atLeast[1].field],
	['rule target null', (x) => (x.atLeast[1].field = null)],
	['rule target empty', (x) => (x.atLeast[1].field = '')],
	['rule with share and count', (x) => (x.atLeast[1].share = 0.5)],
	['rule with neither', (x) => delete x.atLeast[1].count],
	['share 1.5', (x) => (x.atLeast[0].share = 1.5)],
	['share -0.1', (x) => (x.atLeast[0].share = -0.1)],
	['share string', (x) => (x.atLeast[0].share = '0.5')],
	['count 1.5', (x) => (x.atMost[0].count = 1.5)],
	['count -1', (x) => (x.atMost[0].count = -1)],
	['label a number', (x) => (x.atLeast[0].label = 1)],
	['not an object', () => ({ input: [base()] })],
	['null', () => ({ input: null })]
];

describe('readPlainSelectionInstance agrees with the selection schema', () => {
	it.each(VARIANTS)('%s', (_, patch) => {
		const x: Record<string, any> = base();
		const replaced = patch(x);
		const input = typeof replaced === 'object' && replaced !== null && 'input' in replaced ? replaced.input : x;
		const schema = checkInstance(selectionInstanceSchema, input);
		const plain = readPlainSelectionInstance(input);
		if (plain) {
			expect(schema.ok).toBe(true);
			expect(plain).toStrictEqual(schema.ok ? schema.value : undefined);
		}
		if (!schema.ok) expect(plain).toBeNull();
		// the public check answers as the schema does, whichever reader answered
		const checked = validateSelectionInstance(input);
		expect(checked).toStrictEqual(schema.ok ? { ok: true, instance: schema.value } : schema);
	});

	it('reads the well-formed instance itself (groups deduplicated, nulls dropped, key order kept)', () => {
		const plain = readPlainSelectionInstance(base());
		expect(plain).not.toBeNull();
		expect(JSON.stringify(plain)).toBe(
			JSON.stringify({
				seats: 3,
				candidates: [
					{ id: 'A', score: 91.5, groups: ['youth', 'woman'], field: '前沿', channel: '南宁市', name: '张三' },
					{ id: 'B', score: 88, groups: [] },
					{ id: 'C', score: -2, groups: [] },
					{ id: 'D', score: 0, groups: ['grassroots'], channel: '柳州市' }
				],
				atLeast: [
					{ group: 'youth', share: 0.34, label: '青年' },
					{ field: '前沿', count: 1 }
				],
				atMost: [{ channel: '南宁市', count: 1 }]
			})
		);
	});

	it('leaves a misspelt key to the schema, which refuses it', () => {
		const x: Record<string, any> = base();
		x.candidates[1].scores = 1;
		expect(readPlainSelectionInstance(x)).toBeNull();
		const checked = validateSelectionInstance(x);
		expect(checked.ok).toBe(false);
	});
});
