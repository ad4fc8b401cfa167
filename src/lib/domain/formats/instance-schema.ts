// Reading the JSON instances of `assign`, `select` and `draw` (CONTRACTS.md) with valibot: the
// building blocks their schemas share, and the one rendering of a refusal the contract promises —
// the first problem, its message prefixed by the path it names (`experts[3].maxLoad: …`) and that
// path in `path`. Pure (valibot only), so the CLI and the services read instances the same way.
import * as v from 'valibot';
import { keyProblem } from './json-keys';

/** The answer of every instance check: the normalized instance, or the first problem. */
export type InstanceCheck<T> = { ok: true; value: T } | { ok: false; message: string; path?: string };

/** A value quoted in a message: short, and `Infinity` for 1e400 (JSON.parse reads it so). */
export function show(value: unknown): string {
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	const s = JSON.stringify(value);
	return s === undefined ? String(value) : s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** The path an issue names, as the contract writes it: `experts[3].maxLoad`; undefined at the top. */
function issuePath(issue: v.BaseIssue<unknown>): string | undefined {
	if (!issue.path?.length) return undefined;
	let out = '';
	for (const item of issue.path) {
		const key = item.key as string | number;
		out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
	}
	return out;
}

/**
 * The first problem in reading order (abortEarly: valibot stops there, so a broken file of 10^5
 * pairs costs no more than its first fault), or the output.
 */
export function checkInstance<S extends v.GenericSchema>(schema: S, json: unknown): InstanceCheck<v.InferOutput<S>> {
	const r = v.safeParse(schema, json, { abortEarly: true });
	if (r.success) return { ok: true, value: r.output };
	const issue = r.issues[0];
	const path = issuePath(issue);
	if (path === undefined) return { ok: false, message: issue.message };
	return { ok: false, message: `${path}: ${issue.message}`, path };
}

type Key = string | number;

/**
 * The issue path to `root[k0][k1]…`, for the checks across entries (a repeated id, a reference to
 * nothing) that name an entry found by walking the parsed instance.
 */
export function pathTo(root: unknown, ...keys: [Key, ...Key[]]): [v.IssuePathItem, ...v.IssuePathItem[]] {
	let input = root as Record<Key, unknown>;
	return keys.map((key) => {
		const value = input?.[key];
		const item =
			typeof key === 'number'
				? ({ type: 'array', origin: 'value', input, key, value } as unknown as v.ArrayPathItem)
				: ({ type: 'object', origin: 'value', input, key, value } as unknown as v.ObjectPathItem);
		input = value as Record<Key, unknown>;
		return item;
	}) as [v.IssuePathItem, ...v.IssuePathItem[]];
}

type Message = string | ((issue: v.BaseIssue<unknown>) => string);

/** An integer ≥ min; `message` may quote what was found (issue.input). */
export function wholeNumber(min: number, message: Message) {
	return v.pipe(v.number(message), v.integer(message), v.minValue(min, message));
}

/** A non-empty string. */
export function nonEmptyString(message: Message) {
	return v.pipe(v.string(message), v.minLength(1, message));
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/** A missing required entry is refused with the entry's own message, as if it were `undefined`. */
function missingMessage(entries: v.ObjectEntries) {
	return (issue: v.BaseIssue<unknown>): string => {
		const key = issue.path?.[0]?.key;
		const message = typeof key === 'string' ? (entries[key] as { message?: Message } | undefined)?.message : undefined;
		if (typeof message === 'function') return message(issue);
		return message ?? `缺少字段 ${String(key)}`;
	};
}

interface JsonObjectOptions {
	/**
	 * Refuse keys that look like misspelt known ones (`maxload`) and prototype keys, before the
	 * entries (json-keys.ts). Unknown keys are otherwise ignored: the format may grow. Default true.
	 */
	keys?: boolean;
	/** A check of the object as a whole before its entries (e.g. "exactly one of group, field, channel"). */
	shape?: (o: Record<string, unknown>) => string | null;
}

/**
 * A JSON object (not an array, not null: `message` otherwise), its keys checked first, then its
 * entries in their order. Unknown keys are dropped from the output.
 */
export function jsonObject<E extends v.ObjectEntries>(entries: E, message: string, options: JsonObjectOptions = {}) {
	const allowed = Object.keys(entries);
	const { keys = true, shape } = options;
	return v.pipe(
		v.custom<Record<string, unknown>>(isPlainObject, message),
		v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const o = dataset.value;
			if (keys)
				for (const key of Object.keys(o)) {
					const problem = keyProblem(key, allowed);
					if (problem) {
						const item = { type: 'object', origin: 'key', input: o, key, value: o[key] } as v.ObjectPathItem;
						addIssue({ message: problem, path: [item] });
						return;
					}
				}
			const whole = shape?.(o);
			if (whole) addIssue({ message: whole });
		}),
		v.object(entries, missingMessage(entries))
	);
}
