// Work-unit (工作单位) names: normalization, title splitting and matching.
// Pure functions; used by conflict detection and by dossier anonymization.
//
// Design (why not "strip every region prefix"): stripping city prefixes makes
// 南宁市第一人民医院 and 柳州市第一人民医院 equal, and stripping province prefixes
// makes 广西农业科学院 and 山西省农业科学院 equal. So region prefixes are
// *canonicalized* instead:
//   - a province-level name at the start becomes its short form
//     (广西壮族自治区农业科学院 → 广西农业科学院, 山西省人民医院 → 山西人民医院);
//   - a province followed by a prefecture-level name is dropped, because the
//     prefecture already implies it (山西省晋城市人民医院 → 晋城市…);
//   - a leading "<2–4 字>市" loses the 市 (晋城市人民医院 → 晋城人民医院), so that
//     柳州市人民医院 and 柳州人民医院 match; 吉林市 keeps it (吉林省 ≠ 吉林市).
//   - "中国" is only dropped in front of a province (中国科学院 stays as it is).
// There is no alias table: 柳钢 ≠ 柳州钢铁集团, 广大 ≠ 广西大学.

import {
	COMPANY_SUFFIXES,
	NOISE_RE,
	NOT_BOUNDARY_NEXT,
	NOT_CITY_NEXT,
	ORG_ENDING_LAST,
	ORG_ENDINGS,
	PREFECTURE_RE,
	PROVINCE_SHORTS,
	PROVINCES,
	TRAD,
	TRAD_RE
} from './work-unit-tables';

function provinceAt(s: string): { len: number; short: string; full: boolean } | null {
	for (const [full, short] of PROVINCES) if (s.startsWith(full)) return { len: full.length, short, full: true };
	for (const [, short] of PROVINCES) {
		if (!s.startsWith(short)) continue;
		// 广西自治区 / 广西省 are informal but common.
		for (const tail of ['自治区', '省']) {
			if (s.startsWith(short + tail)) return { len: short.length + tail.length, short, full: true };
		}
		return { len: short.length, short, full: false };
	}
	return null;
}

function canonRegion(input: string): string {
	let s = input;
	for (const country of ['中华人民共和国', '中国']) {
		if (s.startsWith(country) && provinceAt(s.slice(country.length))) {
			s = s.slice(country.length);
			break;
		}
	}
	const p = provinceAt(s);
	if (p) {
		const rest = s.slice(p.len);
		const pref = PREFECTURE_RE.exec(rest);
		// 海南藏族自治州: "海南" is the prefecture's own name, not the province; a
		// prefecture name never starts with "<1–2 字>族".
		const realPrefecture =
			pref &&
			rest.length - pref[0].length >= 2 &&
			!/^\p{Script=Han}{1,2}族/u.test(rest) &&
			!NOT_CITY_NEXT.has(rest[pref[0].length] ?? '');
		s = realPrefecture ? rest : p.short + rest;
	}
	const city = /^(\p{Script=Han}{2,4}?)市(.+)$/u.exec(s);
	if (city && !PROVINCE_SHORTS.has(city[1]) && city[2].length >= 2 && !NOT_CITY_NEXT.has(city[2][0])) {
		s = city[1] + city[2];
	}
	return s;
}

function stripCompanySuffix(s: string): string {
	for (let changed = true; changed;) {
		changed = false;
		for (const suf of COMPANY_SUFFIXES) {
			if (s.endsWith(suf) && s.length - suf.length >= 2) {
				s = s.slice(0, -suf.length);
				changed = true;
				break;
			}
		}
	}
	return s;
}

/** NFKC, simplified characters, no whitespace/punctuation, lower-case Latin; regions untouched. */
export function cleanText(s: string): string {
	return (s ?? '')
		.normalize('NFKC')
		.replace(TRAD_RE, (c) => TRAD[c])
		.replace(NOISE_RE, '')
		.toLowerCase();
}

/** Canonical form before the company-suffix strip: cleaned, 科协 spelled short, regions canonicalized. */
function canonical(name: string): string {
	const s = cleanText(name)
		.replace(/科学技术协会/g, '科协')
		.replace(/科学技术/g, '科技');
	return canonRegion(s);
}

/**
 * The matching key of a unit name: equal keys mean the same organisation.
 * 广西壮族自治区农业科学院 and 广西农业科学院 → 广西农业科学院; 山西省晋城市人民医院 and
 * 晋城市人民医院 → 晋城人民医院; 柳州钢铁集团有限公司 → 柳州钢铁; "广西大学　" → 广西大学.
 */
export function normalizeUnit(name: string): string {
	return stripCompanySuffix(canonical(name));
}

/**
 * Prefixes of `s` (as given, no canonicalization) that end at an organisational
 * boundary: 广西大学农学院 → [广西大学]. The whole string is not included, and at
 * least two characters must follow the prefix.
 */
function orgPrefixes(s: string): string[] {
	const out: string[] = [];
	for (let end = 3; end <= s.length - 2; end++) {
		if (!ORG_ENDING_LAST.has(s[end - 1]) || NOT_BOUNDARY_NEXT.has(s[end])) continue;
		const prefix = s.slice(0, end);
		if (ORG_ENDINGS.some((e) => prefix.endsWith(e) && prefix.length >= e.length + 2)) out.push(prefix);
	}
	return out;
}

/**
 * Keys of the organisations that contain this unit, read from its name: every
 * prefix ending at an organisational boundary (广西大学农学院 → [广西大学]). The
 * unit's own key is not included.
 */
export function unitAncestors(name: string): string[] {
	const s = canonical(name);
	const own = stripCompanySuffix(s);
	const out: string[] = [];
	for (const prefix of orgPrefixes(s)) {
		const key = stripCompanySuffix(prefix);
		if (key.length >= 2 && key !== own && !out.includes(key) && !isRegionName(key)) out.push(key);
	}
	return out;
}

/**
 * Ways the same unit is written in free text, for redaction: the name itself, its
 * province written long or short (广西壮族自治区… ↔ 广西…), without the province
 * before a prefecture (山西省晋城市… → 晋城市…), without 市 after a leading city,
 * without the company suffix, and its organisational prefixes (广西大学农学院 →
 * 广西大学). Derived forms shorter than 4 characters or naming only a region are
 * left out (南宁市 alone is not the unit). No abbreviations (广大, 柳钢).
 */
export function unitVariants(name: string): string[] {
	const base = (name ?? '').normalize('NFKC').replace(NOISE_RE, '');
	if (base.length < 2) return [];
	const forms = new Set<string>([base]);
	const p = provinceAt(base);
	if (p) {
		const rest = base.slice(p.len);
		const full = PROVINCES.find(([, short]) => short === p.short)![0];
		if (rest.length >= 2) {
			forms.add(p.short + rest);
			// 广西大学 is never written 广西壮族自治区大学.
			if (!ORG_ENDINGS.some((e) => rest.startsWith(e))) forms.add(full + rest);
			const pref = PREFECTURE_RE.exec(rest);
			if (pref && rest.length - pref[0].length >= 2 && !/^\p{Script=Han}{1,2}族/u.test(rest)) forms.add(rest);
		}
	}
	for (const f of [...forms]) {
		const city = /^(\p{Script=Han}{2,4}?)市(.+)$/u.exec(f);
		if (city && !PROVINCE_SHORTS.has(city[1]) && city[2].length >= 2 && !NOT_CITY_NEXT.has(city[2][0])) {
			forms.add(city[1] + city[2]);
		}
	}
	for (const f of [...forms]) {
		forms.add(stripCompanySuffix(f));
		for (const prefix of orgPrefixes(f)) {
			forms.add(prefix);
			forms.add(stripCompanySuffix(prefix));
		}
	}
	return [...forms].filter((f) => f === base || (f.length >= 4 && !isRegionName(f)));
}

/** 南宁市, 晋城市城区, 广西壮族自治区, 锡林郭勒盟: a region, not an organisation. */
export function isRegionName(name: string): boolean {
	const s = cleanText(name);
	if (!s) return false;
	if (PROVINCES.some(([full, short]) => s === full || s === short)) return true;
	return isRegionChain(s);
}

const REGION_SUFFIXES = ['省', '自治区', '市', '盟', '地区', '自治州', '县', '区', '旗'];
const HAN_RE = /\p{Script=Han}/u;

/**
 * s is one or more "<1–8 Han characters><region suffix>" segments (南宁市青秀区). Dynamic
 * programming over positions, O(n·8·|suffixes|): the former regex
 * /^(?:\p{Script=Han}{1,8}?(?:省|…|旗))+$/u backtracked exponentially (10 s on
 * 省市区县省市区县… of 45 characters), and this is reached from declarations, imports and rosters.
 */
function isRegionChain(s: string): boolean {
	// Every segment ends in a suffix, so the last character must end one (省 区 市 盟 州 县 旗).
	if (!'省区市盟州县旗'.includes(s[s.length - 1])) return false;
	const chars = [...s];
	const n = chars.length;
	const han = chars.map((c) => HAN_RE.test(c));
	const reach = new Uint8Array(n + 1);
	reach[0] = 1;
	for (let i = 0; i < n; i++) {
		if (!reach[i]) continue;
		for (let len = 1; len <= 8 && i + len <= n && han[i + len - 1]; len++) {
			const at = i + len;
			for (const suf of REGION_SUFFIXES) {
				if (at + suf.length > n) continue;
				let ok = true;
				for (let k = 0; k < suf.length && ok; k++) ok = chars[at + k] === suf[k];
				if (ok) reach[at + suf.length] = 1;
			}
		}
	}
	return reach[n] === 1;
}

export type UnitRelation = 'same' | 'parent';

/**
 * 'same' when the keys are equal; 'parent' when one unit is an organisational
 * ancestor of the other (广西大学 / 广西大学农学院, also 中国科学院 / 中国科学院大学,
 * which CAS runs — we flag it and let the chair dismiss it); otherwise null
 * (广西大学 / 广西民族大学, 南宁市第一人民医院 / 南宁市第二人民医院).
 */
export function unitsMatch(a: string, b: string): UnitRelation | null {
	const ka = normalizeUnit(a);
	const kb = normalizeUnit(b);
	if (ka.length < 2 || kb.length < 2) return null;
	if (ka === kb) return 'same';
	if (unitAncestors(a).includes(kb) || unitAncestors(b).includes(ka)) return 'parent';
	return null;
}
