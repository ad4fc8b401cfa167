// The 推荐表 as a web form, the page's side: the values a form shows and the counter under the long
// texts. Field names, labels and the checking of a submitted form are in $lib/schemas/candidate.
import { textLength } from '../../domain/intake/eligibility';
import { formatBirth } from '../../domain/intake/nomination-format';
import type { CandidateRecord } from '../../domain/types';
import { FORM_KEYS, type CandidateFormValues, type FormKey } from '../../schemas/candidate';

export function emptyValues(): CandidateFormValues {
	const v = Object.fromEntries(FORM_KEYS.map((k) => [k, ''])) as Record<FormKey, string>;
	return { ...v, gender: '', grassroots: '否', priorTitle: '否', career: [] };
}

export function valuesFromRecord(r: CandidateRecord, classification: 'field' | 'group'): CandidateFormValues {
	const s = (x: string | null | undefined) => x ?? '';
	return {
		name: r.name,
		gender: r.gender,
		ethnicity: s(r.ethnicity),
		birth: r.birth ? formatBirth(r.birth) : '',
		nativePlace: s(r.nativePlace),
		party: s(r.party),
		education: s(r.education),
		degree: s(r.degree),
		school: s(r.school),
		major: s(r.major),
		unitAndTitle: s(r.unitAndTitle),
		profTitle: s(r.profTitle),
		specialty: s(r.specialty),
		phone: s(r.phone),
		mobile: s(r.mobile),
		email: s(r.email),
		address: s(r.address),
		postcode: s(r.postcode),
		klass: s(classification === 'group' ? r.group || r.field : r.field || r.group),
		channel: s(r.channel),
		grassroots: r.grassroots ? '是' : '否',
		priorTitle: r.priorTitle ? '是' : '否',
		category: s(r.category),
		deeds: s(r.deeds),
		story: s(r.story),
		awards: (r.awards ?? []).join('\n'),
		remarks: s(r.remarks),
		career: (r.career ?? []).map((c) => ({ period: c.period, unit: c.unit, role: c.role }))
	};
}

/** The counter shown under 主要事迹 / 感人故事: characters without whitespace, as the check counts. */
export function counterState(
	text: string,
	limit: number,
	about: boolean
): { count: number; level: 'ok' | 'warn' | 'error' } {
	const count = textLength(text);
	if (count <= limit) return { count, level: 'ok' };
	return { count, level: about && count <= limit * 1.1 ? 'warn' : 'error' };
}
