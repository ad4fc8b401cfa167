// The values an expert form shows: client-safe (no parsing modules), used by the pages and by
// expert-form.ts on the server.
import type { ExpertColumnKey } from '../../domain/intake/expert-csv';

export interface ExpertFormValues {
	name: string;
	unit: string;
	/** one per line */
	formerUnits: string;
	school: string;
	title: string;
	fields: string[];
	/** the main field (first of the stored list; 按领域自动组建 uses it); '' = the first checked */
	mainField: string;
	phone: string;
	email: string;
	maxLoad: string;
	username: string;
}

/** Field name → message, for messages beside the inputs. */
export type ExpertFormErrors = Partial<Record<ExpertColumnKey, string>>;

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
