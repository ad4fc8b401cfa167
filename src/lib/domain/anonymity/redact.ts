// Redaction of free text for anonymized dossiers: which strings identify a
// candidate, and how they are found and replaced.
//
// Matching: every term matches with optional whitespace / middle dots / brackets
// between its characters (张 伟, 张　伟, 广西 大学) and Latin letters or digits in
// either width. All matches of all terms are collected, then accepted longest
// first (leftmost on ties) without overlap; existing markers 【候选人】【单位】【已隐去】
// are never touched, so redacting twice changes nothing. HTML is plain text here.
//
// Surname forms (李教授, 李工, 老李, 小李, 李某) must not fire on ordinary words:
//  - no match when the character before the surname forms a common word with
//    it (提高, 任何, 对于, 历史, 担任 …: SURNAME_WORDS), so 提高老师待遇 stays;
//  - one-character honorifics (工 总 老 某) and 老X / 小X also need a typical
//    next character (说 是 在 和 …: FOLLOW), or punctuation/end after a typical
//    previous one (他 和 叫 事 …: PRECEDE) or none, so 提高工作, 提高某些,
//    小于45岁, 大于或小于。 and 评上高工。 (the title) stay.
// Beyond the name and units (issue 10): forms of address (范导, 范叔, 范爷爷, 范博, 范所, 范队, 范校,
// and given-name forms 松哥, 阿松), romanised names (romanize.ts), abbreviations of units and of the
// nominating body (unit-abbreviations.ts, each with its context rule) and the candidate's own city
// inside a phrase (扎根柳州 → 扎根【地区】).
// Known limit: a given name that is also a word (建国, 国华) is redacted
// everywhere; the organizer sees it in the preview and can keep a longer
// context with manual.remove (e.g. 中国建国), which then wins by length.

import type { CandidateRecord } from '../types';
import { cleanText, isRegionName, unitVariants } from '../intake/work-units';
import { splitUnitAndTitle } from '../intake/work-unit-titles';
import {
	cityContext,
	cityOf,
	contextAllows,
	nominatorForms,
	unitAbbreviations,
	type AbbreviationContext
} from './unit-abbreviations';
import { romanizedName } from './romanize';
import {
	COMMON_FORMS,
	COMPOUND_SURNAMES,
	ENDS_IN_LAO_XIAO,
	FOLLOW,
	GIVEN_SUFFIXES,
	HONORIFICS,
	PRECEDE,
	SHORT_HONORIFICS,
	SURNAME_WORDS
} from './surname-words';

const PERSON_MARK = '【候选人】';
export const UNIT_MARK = '【单位】';
const HIDDEN_MARK = '【已隐去】';
const REGION_MARK = '【地区】';
const MARK_RE = /【(?:候选人|单位|已隐去|地区)】/gu;

export type RedactionRule =
	| 'name'
	| 'given_name'
	| 'honorific'
	| 'romanized'
	| 'unit'
	| 'former_unit'
	| 'abbreviation'
	| 'channel'
	| 'region'
	| 'manual';

export interface Redaction {
	original: string; // as it stood in the text
	replacement: string;
	count: number;
	rule: RedactionRule;
}

export interface RedactionTerm {
	text: string;
	/** 'keep' protects the text from every other term (manual.remove). */
	rule: RedactionRule | 'keep';
	replacement: string;
	/** Surname forms: where the surname stands in `text` and whether the next character is checked. */
	guard?: { surnameAt: number; surname: string; strictNext: boolean };
	/** Short forms of units, bodies and cities: how much context they need (unit-abbreviations.ts). */
	context?: AbbreviationContext;
	/** Matched with this (global) pattern instead of `text` (romanised names). */
	pattern?: RegExp;
}

const isHan = (c: string | undefined) => !!c && /\p{Script=Han}/u.test(c);
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/** Surname / given name split; compound surnames (欧阳, 司马, 诸葛 …) count as one. */
function splitName(name: string): { full: string; surname: string; given: string; parts: string[] } {
	const full = (name ?? '').normalize('NFKC').replace(/\s+/g, '');
	const parts = full.split(/[·•・.]/u).filter(Boolean);
	if (parts.length > 1 || !isHan(full[0])) return { full, surname: '', given: '', parts }; // 买买提·依明, Latin
	const n = full.length >= 3 && COMPOUND_SURNAMES.has(full.slice(0, 2)) ? 2 : 1;
	return { full, surname: full.slice(0, n), given: full.slice(n), parts };
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
// Unbounded in the pattern (irregexp compiles {0,3} between 200 characters into seconds), at
// most three characters per gap checked on each match (gapWithin).
const GAP = '[\\s\\u200b·・()（）]*';
const MAX_GAP = 3;

const patternCache = new Map<string, RegExp>();

/** Compiled once per term text (matchAll copies the RegExp, so sharing is safe). */
function termPattern(text: string): RegExp {
	let re = patternCache.get(text);
	if (!re) {
		if (patternCache.size > 5000) patternCache.clear();
		re = compileTerm(text);
		patternCache.set(text, re);
	}
	return re;
}

const GAP_CHARS = /[\s\u200b·・()（）]/gu;
const GAP_CHAR = /[\s\u200b·・()（）]/u;

function gapWithin(matched: string): boolean {
	let run = 0;
	for (const c of matched) {
		run = GAP_CHAR.test(c) ? run + 1 : 0;
		if (run > MAX_GAP) return false;
	}
	return true;
}

const headCache = new Map<string, string>();
/** The term's first character when it is Chinese, else ''. */
function hanHead(text: string): string {
	let h = headCache.get(text);
	if (h === undefined) {
		if (headCache.size > 5000) headCache.clear();
		const c = text.normalize('NFKC').replace(GAP_CHARS, '')[0] ?? '';
		h = isHan(c) ? c : '';
		headCache.set(text, h);
	}
	return h;
}

function compileTerm(text: string): RegExp {
	// The term's own gap characters are dropped: GAP matches them between any two characters, and
	// a literal one next to an optional one would let the engine backtrack exponentially.
	const chars = [...text.normalize('NFKC').replace(GAP_CHARS, '')];
	if (!chars.length) return /(?!)/gu;
	const parts = chars.map((c) => {
		const code = c.codePointAt(0)!;
		if (code > 0x20 && code < 0x7f) return `[${escapeRe(c)}${String.fromCodePoint(code + 0xfee0)}]`;
		return escapeRe(c);
	});
	return new RegExp(parts.join(GAP), 'giu');
}

function guardAllows(text: string, start: number, end: number, g: NonNullable<RedactionTerm['guard']>): boolean {
	// 提高老师: the surname is the end of a word that started before the match.
	const prev = text[start - 1];
	if (g.surnameAt === 0 && isHan(prev) && SURNAME_WORDS.has(prev + g.surname.slice(0, 1))) return false;
	const form = text.slice(start, end).replace(/[\s\u200b·・()（）]/g, '');
	// 缩小高度 / 古老王朝: 小 or 老 ends a word that started before the match.
	const tail = g.surnameAt === 1 && isHan(prev) && ENDS_IN_LAO_XIAO.has(prev + text[start]);
	if (g.strictNext && (COMMON_FORMS.has(form) || tail)) {
		// A typical next character is enough (小李说); punctuation or the end also
		// needs a typical previous one (叫他高工。 yes, 评上高工。 / 大于或小于。 no).
		const next = text[end];
		if (FOLLOW.has(next)) return true;
		if (isWordChar(next)) return false;
		const before = text[start - 1];
		return !isWordChar(before) || PRECEDE.has(before);
	}
	return true;
}

/** Replace every term in `text`; see the header for the matching rules. */
export function redactText(text: string, terms: RedactionTerm[]): { text: string; redactions: Redaction[] } {
	const src = text ?? '';
	if (!src) return { text: src, redactions: [] };
	const taken = new Uint8Array(src.length);
	for (const m of src.matchAll(MARK_RE)) taken.fill(1, m.index!, m.index! + m[0].length);

	type Hit = { start: number; end: number; term: RedactionTerm };
	const hits: Hit[] = [];
	for (const term of terms) {
		if (!term.text) continue;
		// A term whose first character is Chinese (no width variants) cannot match where that
		// character is absent: most terms are skipped without running their pattern.
		const first = term.pattern ? '' : hanHead(term.text);
		if (first && !src.includes(first)) continue;
		for (const m of src.matchAll(term.pattern ?? termPattern(term.text))) {
			const start = m.index!;
			const end = start + m[0].length;
			if (end === start) continue;
			if (!term.pattern && !gapWithin(m[0])) continue;
			if (term.guard && !guardAllows(src, start, end, term.guard)) continue;
			if (term.context && !contextAllows(src, start, end, term.context)) continue;
			hits.push({ start, end, term });
		}
	}
	hits.sort(
		(a, b) =>
			b.end - b.start - (a.end - a.start) ||
			a.start - b.start ||
			Number(b.term.rule === 'keep') - Number(a.term.rule === 'keep')
	);
	const accepted: Hit[] = [];
	for (const h of hits) {
		if (taken.subarray(h.start, h.end).some((x) => x)) continue;
		taken.fill(1, h.start, h.end);
		if (h.term.rule !== 'keep') accepted.push(h);
	}
	accepted.sort((a, b) => a.start - b.start);

	let out = '';
	let pos = 0;
	const counts = new Map<string, Redaction>();
	for (const h of accepted) {
		const original = src.slice(h.start, h.end);
		out += src.slice(pos, h.start) + h.term.replacement;
		pos = h.end;
		const key = `${original}\u0000${h.term.rule}\u0000${h.term.replacement}`;
		const r = counts.get(key);
		if (r) r.count++;
		else counts.set(key, { original, replacement: h.term.replacement, count: 1, rule: h.term.rule as RedactionRule });
	}
	out += src.slice(pos);
	return { text: out, redactions: [...counts.values()] };
}

/** Sum redaction lists of several texts into one list (first-seen order). */
export function mergeRedactions(lists: Redaction[][]): Redaction[] {
	const merged = new Map<string, Redaction>();
	for (const r of lists.flat()) {
		const key = `${r.original}\u0000${r.rule}\u0000${r.replacement}`;
		const old = merged.get(key);
		if (old) old.count += r.count;
		else merged.set(key, { ...r });
	}
	return [...merged.values()];
}

/** Strings that identify the candidate, by rule; used for redaction and for the leak check. */
export function identifyingStrings(c: CandidateRecord): { text: string; rule: RedactionRule }[] {
	const out: { text: string; rule: RedactionRule }[] = [];
	const seen = new Set<string>();
	const add = (text: string, rule: RedactionRule) => {
		const key = cleanText(text);
		if (text.length >= 2 && key.length >= 2 && !seen.has(key)) {
			seen.add(key);
			out.push({ text, rule });
		}
	};
	const n = splitName(c.name);
	add(n.full, 'name');
	if (n.given.length >= 2) add(n.given, 'given_name');
	if (n.parts.length > 1) for (const p of n.parts) if (p.length >= 2) add(p, 'given_name');
	for (const v of unitVariants(splitUnitAndTitle(c.unitAndTitle).unit)) add(v, 'unit');
	for (const row of c.career ?? [])
		for (const v of unitVariants(splitUnitAndTitle(row.unit).unit)) add(v, 'former_unit');
	const channel = (c.channel ?? '').trim();
	for (const v of unitVariants(channel)) add(v, 'channel');
	if (channel && isRegionName(channel)) {
		// A region channel nominates through its 科协 (南宁市科协 / 南宁市科学技术协会).
		add(channel + '科协', 'channel');
		add(channel + '科学技术协会', 'channel');
	}
	return out;
}

/**
 * Abbreviations of the current and former units and of the nominating body, and the candidate's
 * own city (from a region channel or the current unit's leading city), each with its context rule.
 */
function shortFormTerms(c: CandidateRecord): RedactionTerm[] {
	const out: RedactionTerm[] = [];
	const seen = new Set<string>();
	const add = (text: string, rule: RedactionRule, replacement: string, context: AbbreviationContext) => {
		if (text.length < 2 || seen.has(text)) return;
		seen.add(text);
		out.push({ text, rule, replacement, context });
	};
	const unit = splitUnitAndTitle(c.unitAndTitle).unit;
	const units = [unit, ...(c.career ?? []).map((r) => splitUnitAndTitle(r.unit).unit)];
	for (const u of units)
		for (const v of unitVariants(u))
			for (const a of unitAbbreviations(v)) add(a.text, 'abbreviation', UNIT_MARK, a.context);
	const channel = (c.channel ?? '').trim();
	if (channel) {
		for (const a of nominatorForms(channel)) add(a.text, 'channel', UNIT_MARK, a.context);
		for (const v of unitVariants(channel))
			for (const a of unitAbbreviations(v)) add(a.text, 'channel', UNIT_MARK, a.context);
	}
	const channelRegion = cleanText(channel).replace(/(?:科学技术协会|科技协会|科协)$/u, '');
	for (const city of new Set([isRegionName(channelRegion) ? cityOf(channelRegion) : null, cityOf(unit)])) {
		if (city) add(city, 'region', REGION_MARK, cityContext(city));
	}
	return out;
}

/** Every redaction term for a candidate, with the organizer's manual additions and removals. */
export function redactionTerms(c: CandidateRecord, manual?: { add?: string[]; remove?: string[] }): RedactionTerm[] {
	const terms: RedactionTerm[] = identifyingStrings(c).map(({ text, rule }) => ({
		text,
		rule,
		replacement: rule === 'name' || rule === 'given_name' ? PERSON_MARK : UNIT_MARK
	}));
	terms.push(...shortFormTerms(c));
	const { surname, given } = splitName(c.name);
	if (surname) {
		for (const h of HONORIFICS) {
			terms.push({
				text: surname + h,
				rule: 'honorific',
				replacement: PERSON_MARK,
				guard: { surnameAt: 0, surname, strictNext: false }
			});
		}
		for (const h of SHORT_HONORIFICS) {
			terms.push({
				text: surname + h,
				rule: 'honorific',
				replacement: PERSON_MARK,
				guard: { surnameAt: 0, surname, strictNext: true }
			});
		}
		for (const p of ['老', '小']) {
			terms.push({
				text: p + surname,
				rule: 'honorific',
				replacement: PERSON_MARK,
				guard: { surnameAt: 1, surname, strictNext: true }
			});
		}
		for (const g of new Set(given)) {
			for (const h of GIVEN_SUFFIXES)
				terms.push({
					text: g + h,
					rule: 'honorific',
					replacement: PERSON_MARK,
					guard: { surnameAt: 0, surname: g, strictNext: true }
				});
			for (const p of ['阿', '小'])
				terms.push({
					text: p + g,
					rule: 'honorific',
					replacement: PERSON_MARK,
					guard: { surnameAt: 1, surname: g, strictNext: true }
				});
		}
		const roman = romanizedName(c.name, surname.length);
		if (roman) terms.push({ text: roman.display, rule: 'romanized', replacement: PERSON_MARK, pattern: roman.pattern });
	}
	for (const a of manual?.add ?? [])
		if (a.trim()) terms.push({ text: a.trim(), rule: 'manual', replacement: HIDDEN_MARK });
	const removed = new Set((manual?.remove ?? []).map(cleanText).filter(Boolean));
	const kept = terms.filter((t) => t.rule === 'manual' || !removed.has(cleanText(t.text)));
	for (const r of manual?.remove ?? []) if (r.trim()) kept.push({ text: r.trim(), rule: 'keep', replacement: '' });
	return kept;
}
