// The values an expert form shows: client-safe (no parsing modules), used by the pages. Reading and
// checking a submitted form is in $lib/schemas/expert.
import type { ExpertFormValues } from '../../schemas/expert';

export function emptyExpertValues(): ExpertFormValues {
	return {
		name: '',
		unit: '',
		formerUnits: '',
		school: '',
		title: '',
		fields: [],
		mainField: '',
		phone: '',
		email: '',
		maxLoad: '',
		username: ''
	};
}

export function valuesFromExpert(e: {
	name: string;
	unit: string;
	formerUnits: string[] | null;
	school: string | null;
	title: string | null;
	fields: string[];
	phone: string | null;
	email: string | null;
	maxLoad: number | null;
}): ExpertFormValues {
	return {
		name: e.name,
		unit: e.unit,
		formerUnits: (e.formerUnits ?? []).join('\n'),
		school: e.school ?? '',
		title: e.title ?? '',
		fields: [...e.fields],
		mainField: e.fields[0] ?? '',
		phone: e.phone ?? '',
		email: e.email ?? '',
		maxLoad: e.maxLoad == null ? '' : String(e.maxLoad),
		username: ''
	};
}
