// Anonymized dossiers (评审材料) and review codes: what an expert sees instead of
// the nomination form. Redaction rules live in redact.ts.
//
// Left out of the dossier on purpose: name, unit and title, nominating body,
// contacts, address, photos, native place, party, and 毕业院校 — in a field with a
// handful of candidates the school often names the person. Schools mentioned in
// free text are not redacted (only the candidate's units, channel and name are).
// The birth date becomes an age band (age.ts).

import { ageBand } from '../intake/age';
import type { CandidateRecord } from '../types';
import { mergeRedactions, redactionTerms, redactText, UNIT_MARK, type Redaction } from './redact';

export interface Dossier {
	code: string;
	field: string | null;
	group: string | null;
	gender: '男' | '女';
	ageBand: string;
	ethnicity?: string;
	education?: string;
	degree?: string;
	profTitle?: string;
	specialty?: string;
	grassroots: boolean;
	career: { period: string; role: string; unit: '【单位】' }[];
	deeds: string;
	story: string;
	awards: string[];
	/** Organizer's preview only: holds the originals. Send `expertDossier(d)` to experts. */
	redactions: Redaction[];
}

export interface DossierOptions {
	code: string;
	referenceDate: string; // YYYY-MM-DD
	manual?: { add: string[]; remove: string[] };
}

export function buildDossier(candidate: CandidateRecord, opts: DossierOptions): Dossier {
	const terms = redactionTerms(candidate, opts.manual);
	const lists: Redaction[][] = [];
	const red = (s: string | undefined): string => {
		const r = redactText(s ?? '', terms);
		lists.push(r.redactions);
		return r.text;
	};
	const optional = (s: string | undefined) => (s && s.trim() ? red(s.trim()) : undefined);
	const dossier: Dossier = {
		code: opts.code,
		field: candidate.field ?? null,
		group: candidate.group ?? null,
		gender: candidate.gender,
		ageBand: ageBand(candidate.birth, opts.referenceDate),
		grassroots: !!candidate.grassroots,
		career: (candidate.career ?? []).map((row) => ({ period: row.period, role: red(row.role), unit: UNIT_MARK })),
		deeds: red(candidate.deeds),
		story: red(candidate.story),
		awards: (candidate.awards ?? []).map((a) => red(a)),
		redactions: []
	};
	const ethnicity = candidate.ethnicity?.trim();
	if (ethnicity) dossier.ethnicity = ethnicity;
	if (candidate.education?.trim()) dossier.education = candidate.education.trim();
	if (candidate.degree?.trim()) dossier.degree = candidate.degree.trim();
	const profTitle = optional(candidate.profTitle);
	if (profTitle) dossier.profTitle = profTitle;
	const specialty = optional(candidate.specialty);
	if (specialty) dossier.specialty = specialty;
	dossier.redactions = mergeRedactions(lists);
	return dossier;
}

/** The dossier as an expert receives it: without the organizer's redaction list. */
export function expertDossier(d: Dossier): Omit<Dossier, 'redactions'> {
	const { redactions: _omit, ...rest } = d;
	void _omit;
	return rest;
}

/** Every text of a dossier as the expert reads it, in order (what the leak check reads). */
export function dossierTexts(v: unknown, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) for (const x of v) dossierTexts(x, out);
	else if (v && typeof v === 'object') for (const x of Object.values(v)) dossierTexts(x, out);
	return out;
}
