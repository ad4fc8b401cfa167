// Validation of one expert's score sheet against the round's rubric: the same rules on the
// client as typed and on the server when saved.
import type { RubricCriterion } from '../types';

export interface SheetValidation {
	ok: boolean;
	total: number; // sum of the valid values, rounded to 0.1
	errors: Record<string, string>; // by criterion key, Chinese
	complete?: boolean; // validateDraft: every criterion filled and valid
}
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function checkValue(c: RubricCriterion, v: unknown): { value?: number; error?: string } {
	// Form posts deliver strings: accept plain decimals only, never "1e1", "0x10" or "40分".
	let x: number;
	if (typeof v === 'number') x = v;
	else if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) x = Number(v);
	else return { error: `“${c.name}”应为数字` };
	if (!Number.isFinite(x)) return { error: `“${c.name}”应为数字` };
	if (x < 0 || x > c.max) return { error: `“${c.name}”应在 0–${c.max} 之间` };
	if (Math.abs(x * 10 - Math.round(x * 10)) > 1e-6) return { error: `“${c.name}”最多保留一位小数` };
	return { value: Math.round(x * 10) / 10 };
}
function validate(
	rubric: readonly RubricCriterion[],
	values: Record<string, unknown>,
	draft: boolean
): SheetValidation {
	const errors: Record<string, string> = {};
	let tenths = 0; // sum in tenths: integer arithmetic, so 0.1 + 0.2 stays 0.3
	let filled = 0;
	for (const c of rubric) {
		const v = values[c.key];
		if (isBlank(v)) {
			if (!draft) errors[c.key] = `请填写“${c.name}”`;
			continue;
		}
		const r = checkValue(c, v);
		if (r.error) errors[c.key] = r.error;
		else {
			tenths += Math.round(r.value! * 10);
			filled++;
		}
	}
	const ok = Object.keys(errors).length === 0;
	return draft
		? { ok, total: tenths / 10, errors, complete: ok && filled === rubric.length }
		: { ok, total: tenths / 10, errors };
}
/** A sheet to submit: every criterion present, a number in [0, max], at most one decimal. */
export function validateSheet(rubric: readonly RubricCriterion[], values: Record<string, unknown>): SheetValidation {
	return validate(rubric, values, false);
}
/** An autosaved draft: blanks allowed, but every value present must be valid. */
export function validateDraft(rubric: readonly RubricCriterion[], values: Record<string, unknown>): SheetValidation {
	return validate(rubric, values, true);
}
