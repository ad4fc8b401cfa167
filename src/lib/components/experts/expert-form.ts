// The expert roster entry as a web form, server side: reading a submitted form with the same rules
// as the roster CSV (expert-csv.ts). It imports the CSV module (and with it iconv-lite), so pages
// import expert-values.ts instead.
import { readExpert, type ExpertInput } from '../../domain/intake/expert-csv';
import type { ExpertFormErrors, ExpertFormValues } from './expert-values';

export { emptyExpertValues, valuesFromExpert, type ExpertFormErrors, type ExpertFormValues } from './expert-values';

export function valuesFromForm(form: FormData): ExpertFormValues {
	const s = (k: string) => String(form.get(k) ?? '');
	return {
		name: s('name').trim(),
		unit: s('unit').trim(),
		formerUnits: s('formerUnits'),
		school: s('school').trim(),
		title: s('title').trim(),
		fields: form.getAll('fields').map(String),
		mainField: s('mainField').trim(),
		phone: s('phone').trim(),
		email: s('email').trim(),
		maxLoad: s('maxLoad').trim(),
		username: s('username').trim()
	};
}

/**
 * Reads a submitted form into an ExpertInput. Former units are one per line (；; 、 also split);
 * the checked fields keep the campaign's order, with the main field moved first (and checked if
 * it was not).
 */
export function readExpertForm(
	values: ExpertFormValues,
	allowed: readonly string[]
): { expert: ExpertInput; errors: ExpertFormErrors; ok: boolean } {
	const main = values.mainField;
	const checked = main ? [main, ...values.fields.filter((f) => f !== main)] : values.fields;
	const { expert, problems } = readExpert(
		{
			name: values.name,
			unit: values.unit,
			formerUnits: values.formerUnits,
			school: values.school,
			title: values.title,
			fields: checked.join('、'),
			phone: values.phone,
			email: values.email,
			maxLoad: values.maxLoad,
			username: values.username
		},
		allowed
	);
	const errors: ExpertFormErrors = {};
	for (const p of problems) errors[p.key] = errors[p.key] ? `${errors[p.key]}；${p.message}` : p.message;
	if (checked.length === 0) errors.fields = '请至少选择一个可评审的领域';
	return { expert, errors, ok: Object.keys(errors).length === 0 };
}
