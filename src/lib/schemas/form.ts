// Reading a submitted form with a valibot schema: one helper for every action, and the field
// builders the schemas share. Every message is Chinese and names the field (「每份材料评审人数」…),
// so that an action answers `fail(400, { message })` with it unchanged.
import * as v from 'valibot';

export type FieldErrors = Record<string, string>;
/** On a refusal, `entered` holds what was typed (texts only), for the page to show again. */
export type Parsed<T> =
	{ ok: true; value: T } | { ok: false; message: string; fieldErrors: FieldErrors; entered: Record<string, string> };

/** An object schema, possibly piped (a cross-field check after it). */
type FormSchema = v.GenericSchema & { readonly entries: v.ObjectEntries };

/** An entry whose schema is an array (a repeated input, `name="ids"` several times) takes `getAll`. */
function isList(schema: v.GenericSchema): boolean {
	return schema.type === 'array';
}

/**
 * The form's values under the schema's keys (a missing input is `undefined`, a repeated one a list
 * when the schema wants a list), then the schema. The first issue is the message; `fieldErrors`
 * holds the first issue of each field.
 */
export function parseForm<S extends FormSchema>(schema: S, form: FormData): Parsed<v.InferOutput<S>> {
	const input: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(schema.entries)) {
		if (isList(entry as v.GenericSchema)) input[key] = form.getAll(key);
		else {
			const value = form.get(key);
			input[key] = value === null ? undefined : value;
		}
	}
	const r = parseValue(schema, input);
	if (r.ok) return r;
	const entered: Record<string, string> = {};
	for (const [key, value] of Object.entries(input)) if (typeof value === 'string') entered[key] = value.trim();
	return { ...r, entered };
}

/** The same for a value already in hand (JSON bodies, query parameters). */
export function parseValue<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string; fieldErrors: FieldErrors } {
	const r = v.safeParse(schema, input);
	if (r.success) return { ok: true, value: r.output };
	const fieldErrors: FieldErrors = {};
	for (const issue of r.issues) {
		const path = v.getDotPath(issue) ?? '';
		if (path && !(path in fieldErrors)) fieldErrors[path] = issue.message;
	}
	return { ok: false, message: r.issues[0].message, fieldErrors };
}

/** A form entry as text: a missing input is '', a file is refused (it has no place in a text field). */
const entryText = (label: string) => v.optional(v.string(`「${label}」须为文字`), '');

/**
 * A free text field, trimmed unless `trim: false`, silently cut to `max` characters (the pages cut
 * pasted text the same way; a refusal would lose what was typed).
 */
export function text(label: string, options: { max?: number; trim?: boolean } = {}) {
	const { max, trim = true } = options;
	return v.pipe(
		entryText(label),
		v.transform((s) => {
			const t = trim ? s.trim() : s;
			return max === undefined ? t : t.slice(0, max);
		})
	);
}

/**
 * A text input read as typed, for a form that is shown again with what was typed: a missing input
 * or a file is '' (never refused; the form's own schema judges the text).
 */
export function typed(options: { trim?: boolean } = {}) {
	return v.pipe(
		v.optional(v.union([v.string(), v.file()]), ''),
		v.transform((x) => (typeof x !== 'string' ? '' : options.trim ? x.trim() : x))
	);
}

/** Every value of a repeated input as typed, in order and with repeats (a file is ''). */
export function typedList(options: { trim?: boolean } = {}) {
	return v.pipe(
		v.array(v.union([v.string(), v.file()])),
		v.transform((xs) => xs.map((x) => (typeof x !== 'string' ? '' : options.trim ? x.trim() : x)))
	);
}

/** A text field that must be filled in: 「姓名」不能为空, or the message given. */
export function required(label: string, options: { max?: number; message?: string } = {}) {
	return v.pipe(text(label, { max: options.max }), v.nonEmpty(options.message ?? `「${label}」不能为空`));
}

/** An id chosen from a list (a hidden input or a <select>): present, at most 200 characters. */
export function id(label: string, message?: string) {
	return v.pipe(text(label), v.nonEmpty(message ?? `请选择${label}`), v.maxLength(200, `「${label}」过长`));
}

/** A checkbox or a hidden flag: true exactly when the value is `1`. */
export function flag() {
	return v.pipe(
		v.optional(v.union([v.string(), v.file()]), ''),
		v.transform((s) => s === '1')
	);
}

/** One of a fixed set of values; anything else (or nothing) is `fallback` when given, else refused. */
export function choice<const T extends string>(label: string, values: readonly T[], fallback?: T) {
	return v.pipe(
		text(label),
		v.rawTransform(({ dataset, addIssue, NEVER }): T => {
			const s = dataset.value;
			if ((values as readonly string[]).includes(s)) return s as T;
			if (fallback !== undefined) return fallback;
			addIssue({ message: `「${label}」须为 ${values.join('、')} 之一` });
			return NEVER;
		})
	);
}

const rangeText = (min: number, max: number) =>
	max === Number.MAX_SAFE_INTEGER ? `不小于 ${min} 的整数` : `${min}–${max} 的整数`;

interface IntegerOptions {
	min?: number;
	max?: number;
	/** the refusal; `{value}` is replaced by what was typed */
	message?: string;
}

function wholeNumber(label: string, options: IntegerOptions, empty?: { value: number | null | undefined }) {
	const { min = 0, max = Number.MAX_SAFE_INTEGER } = options;
	return v.pipe(
		text(label),
		v.rawTransform(({ dataset, addIssue, NEVER }): number | null | undefined => {
			const s = dataset.value;
			if (s === '' && empty) return empty.value;
			const n = Number(s);
			if (!/^\d+$/.test(s) || n < min || n > max) {
				const message = options.message?.replace('{value}', s) ?? `「${label}」须为 ${rangeText(min, max)}`;
				addIssue({ message });
				return NEVER;
			}
			return n;
		})
	);
}

/**
 * A whole number typed into a field, between `min` and `max`. Digits only (no sign, no decimal
 * point, no exponent): 「每份材料评审人数」须为 1–50 的整数.
 */
export function integer(label: string, options: IntegerOptions = {}) {
	return v.pipe(
		wholeNumber(label, options),
		v.transform((n) => n as number)
	);
}

/** The same, where an empty field means `empty` (a default, or null for "no limit"). */
export function optionalInteger<E extends number | null | undefined>(
	label: string,
	empty: E,
	options: IntegerOptions = {}
) {
	return v.pipe(
		wholeNumber(label, options, { value: empty }),
		v.transform((n) => n as number | E)
	);
}

/** Every value of a repeated input, as text, without repeats, at most `max` of them. */
export function list(label: string, max = 1000) {
	return v.pipe(
		v.array(v.string(`「${label}」须为文字`)),
		v.transform((xs) => [...new Set(xs)].slice(0, max))
	);
}
