// Romanised forms of a Chinese name (拼音), generated with pinyin-pro, for redaction: an English
// abstract or award title names the candidate as Fan Jiansong, FAN Jian-song, Jiansong Fan,
// Fàn Jiànsōng, Prof. Fan, Dr. Fan or J.-S. Fan. One case-insensitive pattern per name:
//   - every vowel also matches its toned forms (ā á ǎ à), ü also u / v;
//   - syllables of the given name may be joined, hyphenated, spaced or apostrophed;
//   - surname first or last, with any spaces or a comma between (FanJiansong too);
//   - the surname alone only after a title (Prof., Professor, Dr., Mr., Ms., Mrs., Madam);
//   - initials only with dots (J. Fan, J.S. Fan, Fan J.-S.), as bare letters are too common.
// Boundaries are Latin letters only, so 教授Fan Jiansong（…） matches inside Chinese text.
// Separators are bounded single characters between literal letters: matching stays linear.

import { pinyin } from 'pinyin-pro';

const TONED: Record<string, string> = {
	a: 'aāáǎà',
	e: 'eēéěè',
	i: 'iīíǐì',
	o: 'oōóǒò',
	u: 'uūúǔù',
	ü: 'üǖǘǚǜuv',
	v: 'vüǖǘǚǜu'
};
const syllableRe = (s: string) => [...s].map((c) => (TONED[c] ? `[${TONED[c]}]` : c)).join('');
const JOIN = `[-‐‑–'’\\s]?`;
const BETWEEN = `[\\s,，]{0,3}`;
const LATIN = 'A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF';
const TITLES = '(?:prof(?:essor)?|dr|doctor|mr|mrs|ms|miss|madam|madame|academician)';

/** Toneless syllables of surname and given name, or null for names that are not 2–4 Han characters. */
function nameSyllables(name: string, surnameLength: number): { surname: string[]; given: string[] } | null {
	const full = (name ?? '').normalize('NFKC').replace(/\s+/g, '');
	if (!/^\p{Script=Han}{2,4}$/u.test(full) || surnameLength < 1 || surnameLength >= full.length) return null;
	const syl = pinyin(full, { toneType: 'none', type: 'array', surname: 'head' }).map((s) => s.toLowerCase());
	if (syl.length !== full.length || syl.some((s) => !/^[a-zü]+$/.test(s))) return null;
	return { surname: syl.slice(0, surnameLength), given: syl.slice(surnameLength) };
}

/** The display forms (for the organizer's list) and the one pattern (global, case-insensitive). */
export function romanizedName(name: string, surnameLength: number): { display: string; pattern: RegExp } | null {
	const s = nameSyllables(name, surnameLength);
	if (!s) return null;
	const cap = (x: string) => x[0].toUpperCase() + x.slice(1);
	const S = s.surname.map(syllableRe).join(JOIN);
	const G = s.given.map(syllableRe).join(JOIN);
	const initials = s.given.map((g) => `${g[0]}\\.`).join(`[-\\s]{0,2}`);
	const alternatives = [
		`${S}${BETWEEN}${G}`,
		`${G}${BETWEEN}${S}`,
		`${TITLES}\\.?\\s{0,2}${S}`,
		`${initials}\\s{0,2}${S}`,
		`${S}${BETWEEN}${initials}`
	];
	const pattern = new RegExp(`(?<![${LATIN}])(?:${alternatives.join('|')})(?![${LATIN}])`, 'giu');
	return { display: `${s.surname.map(cap).join('')} ${cap(s.given.join(''))}`, pattern };
}
