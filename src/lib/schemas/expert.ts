// The expert roster entry as a web form, server side: the submitted form read into the values the
// page shows again, then checked by the roster's own rules (readExpert in domain/intake/expert-csv,
// the one owner of what a roster row may hold, which the CSV import uses too). It imports the CSV
// module (and with it iconv-lite), so pages import only its types.
import * as v from 'valibot';
import { readExpert, type ExpertColumnKey, type ExpertInput } from '../domain/intake/expert-csv';
import { parseForm, parseValue, typed, typedList } from './form';

const expertSubmission = v.object({
	name: typed({ trim: true }),
	unit: typed({ trim: true }),
	/** one per line (；; 、 also split) */
	formerUnits: typed(),
	school: typed({ trim: true }),
	title: typed({ trim: true }),
	/** the checked fields */
	fields: typedList(),
	/** the main field (first of the stored list; 按领域自动组建 uses it); '' = the first checked */
	mainField: typed({ trim: true }),
	phone: typed({ trim: true }),
	email: typed({ trim: true }),
	maxLoad: typed({ trim: true }),
	username: typed({ trim: true })
});

export type ExpertFormValues = v.InferOutput<typeof expertSubmission>;
/** Field name → message, for messages beside the inputs. */
export type ExpertFormErrors = Partial<Record<ExpertColumnKey, string>>;

/** Reads a submitted form into the values the page shows (never refused: every input is text). */
export function valuesFromForm(form: FormData): ExpertFormValues {
	const r = parseForm(expertSubmission, form);
	if (!r.ok) throw new Error(r.message); // unreachable: every entry schema accepts text and files
	return r.value;
}

/**
 * The entry checked against the campaign's fields. The checked fields keep the campaign's order,
 * with the main field moved first (and checked if it was not). Several problems of one input are
 * joined with ；, as the roster import lists them.
 */
export function expertSchema(allowed: readonly string[]) {
	return v.pipe(
		v.object({ ...expertSubmission.entries, fields: v.array(v.string()) }),
		v.rawTransform(({ dataset, addIssue, NEVER }): ExpertInput => {
			const values = dataset.value;
			const main = values.mainField;
			const checked = main ? [main, ...values.fields.filter((f) => f !== main)] : values.fields;
			const { expert, problems } = readExpert({ ...values, fields: checked.join('、') }, allowed);
			const errors: ExpertFormErrors = {};
			for (const p of problems) errors[p.key] = errors[p.key] ? `${errors[p.key]}；${p.message}` : p.message;
			if (checked.length === 0) errors.fields = '请至少选择一个可评审的领域';
			for (const [key, message] of Object.entries(errors))
				addIssue({
					message,
					path: [{ type: 'object', origin: 'value', input: values, key, value: values[key as keyof typeof values] }]
				});
			return Object.keys(errors).length ? NEVER : expert;
		})
	);
}

export type ExpertFormResult = { ok: true; expert: ExpertInput } | { ok: false; errors: ExpertFormErrors };

/** Checks the values of a submitted entry, or says what is wrong beside each input. */
export function readExpertForm(values: ExpertFormValues, allowed: readonly string[]): ExpertFormResult {
	const r = parseValue(expertSchema(allowed), values);
	return r.ok ? { ok: true, expert: r.value } : { ok: false, errors: r.fieldErrors };
}
