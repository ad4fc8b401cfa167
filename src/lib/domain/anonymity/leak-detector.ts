// The organizer's leak check: an independent second look at the final dossier text. It shares no
// list with the redactor (redact.ts, unit-abbreviations.ts): it works on character streams and
// on the characters of the name and units themselves, so a form the redactor does not know
// (an abbreviation, a form of address, a romanisation) still shows as a warning.
//
//   name      the full name or the given name (≥2) in the Han stream, also with one character
//             between (范x建x松), whitespace, dots and zero-width characters ignored  → leak
//   pinyin    the toneless syllables of surname + given name (either order) or a title + surname
//             in the Latin stream with separators, tones and case removed              → leak
//   address   surname, or a given-name character, next to a kinship/title character
//             (范导, 范叔, 松哥, 老范, 阿松)                                               → suspect
//   unit      a run of text that is an ordered subsequence of a unit's characters (current,
//             former, nominating body): contiguous and ≥4 characters → leak; otherwise 2–6
//             characters containing a distinctive character (not a generic organisation or
//             province word) and either contiguous in the unit (柳州, 西大) or ending in a type
//             character (南大, 柳职院, 柳州科协)                                           → suspect
//   listed    the redactor's own identifying strings (redact.ts identifyingStrings: name, given
//             name, every written form of the units and the nominating body: 广西大学 for
//             广西大学农学院, 广西壮族自治区… for 广西…), spacing, punctuation and width ignored:
//             text edited after redaction, or a form the streams above do not reach         → leak
// Suspects are possible leaks to look at, not proof: 广大 in 广大群众 is one. The organizer keeps
// such text with 保留原文 (manual.remove), which this check then accepts.

import { pinyin } from 'pinyin-pro';
import type { CandidateRecord } from '../types';
// The title parser (where 工作单位及职务 ends); the redactor's list only for the `listed` check.
import { splitUnitAndTitle } from '../intake/work-unit-titles';
import { cleanText } from '../intake/work-units';
import { identifyingStrings } from './redact';

export type LeakLevel = 'leak' | 'suspect';
export type LeakKind = 'name' | 'pinyin' | 'address' | 'unit';
export interface LeakWarning {
	level: LeakLevel;
	kind: LeakKind;
	/** The text as found in the dossier. */
	found: string;
	/** What it matches (姓名, 现工作单位 …). */
	source: string;
	/** A few characters around it. */
	context: string;
}

const MARKER = /【[^】]{1,6}】/gu;
const COMPOUND = new Set(
	'欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 令狐 宇文 端木 南宫 西门 呼延 独孤 百里 钟离 申屠 太史 第五'.split(
		' '
	)
);
/** Characters of kinship terms and titles that follow a surname in address (范导, 范叔, 范爷爷, 范总). */
const ADDRESS_AFTER = new Set([...'导叔爷奶博所队校工总师教院长主书姐哥姨伯婶董局处站经先女某医']);
const ADDRESS_BEFORE = new Set([...'老小阿']);
/** Characters of organisation types and places that do not by themselves point at one unit. */
const GENERIC = new Set([
	...'大学院校职业技术研究所中心公司集团有限责任股份科协会医人民第一二三四五六七八九十省市区县自治壮族回维吾尔国家华农林工程师范理管财经贸易政法艺体育师专高等中小幼儿园站局厅处办委部门有分总厂场馆社',
	...'实验卫生水产畜牧兽疾病预防控制保健妇幼检验测植物保护环境监机械电力子信息化材料能源交通利自然资源态推广服务'
]);
const TYPE_END = new Set([...'大院所校协医职钢厂局站馆']);
const PROVINCES = new Set(
	'北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 中国'.split(
		' '
	)
);
const TITLES = ['prof', 'professor', 'dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'madam'];

/** A Latin word, hyphenated or apostrophed parts included (Jian-song); linear (separators are single characters). */
const LATIN_WORD = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+(?:['’\-‐‑–][A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+)*/gu;

interface Stream {
	chars: string[];
	/** index into the source text of each stream character */
	at: number[];
}

const IGNORED_CHARS = new Set([...'\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff·・•.']);
const HAS_LATIN = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/u;
const isHanCode = (c: number) =>
	(c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);

/** Characters of `text` without ignored ones; markers, allowed strings and other breaks become '|'. */
function hanStream(src: string[]): Stream {
	const chars: string[] = [];
	const at: number[] = [];
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		const code = c.codePointAt(0)!;
		if (code <= 32 || IGNORED_CHARS.has(c)) continue;
		chars.push(isHanCode(code) ? c : '|');
		at.push(i);
	}
	return { chars, at };
}

const syllableMemo = new Map<string, string[]>();
function syllablesOf(name: string): string[] {
	let s = syllableMemo.get(name);
	if (!s) {
		if (syllableMemo.size > 1000) syllableMemo.clear();
		s = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).map((x) =>
			x.toLowerCase().replace('ü', 'u')
		);
		syllableMemo.set(name, s);
	}
	return s;
}

function contextOf(text: string[], start: number, end: number): string {
	return (
		text.slice(Math.max(0, start - 8), start).join('') +
		'〔' +
		text.slice(start, end).join('') +
		'〕' +
		text.slice(end, end + 8).join('')
	);
}

/**
 * The characters that point at this unit: its first four after a province prefix (the place or
 * proper name: 柳州, 南京), generic organisation characters left out; a unit named after its
 * province (广西大学, 广西农业科学院) has the province's.
 */
function stemChars(chars: string[]): { distinctive: Set<string>; fallback: boolean } {
	const s = chars.join('');
	const prov = [...PROVINCES].filter((p) => s.startsWith(p)).sort((a, b) => b.length - a.length)[0] ?? '';
	let rest = chars.slice(prov.length);
	if (prov && rest.join('').startsWith('壮族自治区')) rest = rest.slice(5);
	const own = rest.slice(0, 4).filter((c) => !GENERIC.has(c));
	if (own.length) return { distinctive: new Set(own), fallback: false };
	// 广西大学: a university named after its province is pointed at by the province's characters;
	// other provincial bodies (广西科协, 广西农业科学院) only by their whole name.
	const university = /(?:大学|学院)$/u.test(s) && prov !== '中国';
	return { distinctive: new Set(university ? [...prov] : []), fallback: true };
}

function clean(s: string): string[] {
	return [...(s ?? '').normalize('NFKC')].filter((c) => isHanCode(c.codePointAt(0)!));
}

/** Longest prefix of stream[i..] (≤ max) that is an ordered subsequence of the unit; and whether it is contiguous there. */
function subsequenceAt(
	stream: string[],
	i: number,
	positions: Map<string, number[]>,
	max: number
): { len: number; contiguous: boolean } {
	let best = { len: 0, contiguous: false };
	for (const start of positions.get(stream[i]) ?? []) {
		let u = start + 1;
		let len = 1;
		let contiguous = true;
		while (len < max && i + len < stream.length) {
			const list = positions.get(stream[i + len]);
			let k = -1;
			if (list)
				for (const p of list)
					if (p >= u) {
						k = p;
						break;
					}
			if (k < 0) break;
			if (k !== u) contiguous = false;
			u = k + 1;
			len++;
		}
		if (len > best.len || (len === best.len && contiguous && !best.contiguous)) best = { len, contiguous };
	}
	return best;
}

interface UnitChars {
	chars: string[];
	/** character → its indices in `chars`, ascending */
	positions: Map<string, number[]>;
	distinctive: Set<string>;
	fallback: boolean;
	source: string;
}
interface Profile {
	name: string[];
	surnameLen: number;
	surname: string;
	given: string[];
	units: UnitChars[];
	/** the redactor's identifying strings, cleaned (key), with what they are */
	listed: { key: string; text: string; kind: LeakKind; source: string }[];
}
const LISTED_SOURCE: Record<string, string> = {
	name: '姓名',
	given_name: '名字',
	unit: '现工作单位',
	former_unit: '曾任职单位',
	channel: '推荐单位'
};
/** Per candidate object: a dossier's several texts, or a page of dossiers, read it once. */
const profiles = new WeakMap<CandidateRecord, Profile>();
function profileOf(candidate: CandidateRecord): Profile {
	const cached = profiles.get(candidate);
	if (cached) return cached;
	const name = clean(candidate.name);
	const surnameLen = name.length >= 3 && COMPOUND.has(name.slice(0, 2).join('')) ? 2 : 1;
	const units: UnitChars[] = [];
	const addUnit = (s: string | undefined, source: string) => {
		const chars = clean(s ?? '');
		if (chars.length < 2) return;
		const positions = new Map<string, number[]>();
		chars.forEach((c, k) => positions.set(c, [...(positions.get(c) ?? []), k]));
		units.push({ chars, positions, ...stemChars(chars), source: `${source}“${chars.join('')}”` });
	};
	addUnit(splitUnitAndTitle(candidate.unitAndTitle).unit, '现工作单位');
	for (const r of candidate.career ?? []) addUnit(splitUnitAndTitle(r.unit).unit, '曾任职单位');
	addUnit(candidate.channel, '推荐单位');
	const listed = identifyingStrings(candidate).map(({ text, rule }) => ({
		key: cleanText(text),
		text,
		kind: (rule === 'name' || rule === 'given_name' ? 'name' : 'unit') as LeakKind,
		source: LISTED_SOURCE[rule]
	}));
	const given = name.slice(surnameLen);
	const p = { name, surnameLen, surname: name.slice(0, surnameLen).join(''), given, units, listed };
	profiles.set(candidate, p);
	return p;
}

/**
 * Warnings for the final expert text(s) of a dossier. `allow`: strings the organizer kept on
 * purpose (manual.remove); occurrences inside them are not reported.
 */
export function detectLeaks(texts: string[], candidate: CandidateRecord, allow: string[] = []): LeakWarning[] {
	const out: LeakWarning[] = [];
	const seen = new Set<string>();
	const report = (w: LeakWarning) => {
		const key = `${w.kind}|${w.found}`;
		if (!seen.has(key)) {
			seen.add(key);
			out.push(w);
		}
	};
	const { name, surnameLen, surname, given, units, listed } = profileOf(candidate);
	// A kept phrase (中国建国) is accepted; keeping the name or a whole unit itself is still a leak.
	const identifying = [
		name.join(''),
		given.length >= 2 ? given.join('') : '',
		...units.map((u) => u.chars.join(''))
	].filter(Boolean);
	const allowed = allow
		.map((a) => a.normalize('NFKC').trim())
		.filter((a) => a && !identifying.some((x) => clean(a).join('').includes(x)))
		.sort((a, b) => b.length - a.length);
	const syllables = name.length >= 2 && name.length <= 4 ? syllablesOf(name.join('')) : [];

	for (const raw of texts) {
		let text = (raw ?? '').normalize('NFKC').replace(MARKER, '|');
		for (const a of allowed) text = text.split(a).join('|');
		const src = [...text];
		const han = hanStream(src);
		const h = han.chars;
		const ctx = (i: number, len: number) => contextOf(src, han.at[i], han.at[i + len - 1] + 1);

		// One pass over the Han stream for the name, the given name and forms of address.
		const sur = [...surname];
		const givenSet = new Set(given);
		const at = (i: number, needle: string[]) => needle.every((c, k) => h[i + k] === c);
		for (let i = 0; i < h.length; i++) {
			const c = h[i];
			if (c === '|') continue;
			// full name, one character between allowed (范x建x松)
			if (name.length >= 2 && c === name[0]) {
				let j = i;
				let ok = true;
				for (let k = 1; k < name.length && ok; k++) {
					if (h[j + 1] === name[k]) j += 1;
					else if (h[j + 2] === name[k]) j += 2;
					else ok = false;
				}
				if (ok)
					report({
						level: 'leak',
						kind: 'name',
						found: src.slice(han.at[i], han.at[j] + 1).join(''),
						source: '姓名',
						context: ctx(i, j - i + 1)
					});
			}
			if (given.length >= 2 && c === given[0] && at(i, given))
				report({ level: 'leak', kind: 'name', found: given.join(''), source: '名字', context: ctx(i, given.length) });
			// forms of address: 范导, 老范; 松哥, 阿松
			if (sur.length && c === sur[0] && at(i, sur)) {
				const next = h[i + sur.length];
				const prev = h[i - 1];
				if (next && ADDRESS_AFTER.has(next))
					report({
						level: 'suspect',
						kind: 'address',
						found: surname + next,
						source: '姓氏称呼',
						context: ctx(i, sur.length + 1)
					});
				if (prev && ADDRESS_BEFORE.has(prev))
					report({
						level: 'suspect',
						kind: 'address',
						found: prev + surname,
						source: '姓氏称呼',
						context: ctx(i - 1, sur.length + 1)
					});
			}
			if (givenSet.has(c)) {
				const next = h[i + 1];
				if (next && '哥姐叔姨'.includes(next))
					report({ level: 'suspect', kind: 'address', found: c + next, source: '名字称呼', context: ctx(i, 2) });
				if (h[i - 1] === '阿')
					report({ level: 'suspect', kind: 'address', found: '阿' + c, source: '名字称呼', context: ctx(i - 1, 2) });
			}
		}
		// units: ordered subsequences of a unit's characters
		for (const unit of units) {
			for (let i = 0; i < h.length;) {
				if (!unit.positions.has(h[i])) {
					i++;
					continue;
				}
				const { len, contiguous } = subsequenceAt(h, i, unit.positions, 8);
				if (len < 2) {
					i++;
					continue;
				}
				const found = h.slice(i, i + len);
				const word = found.join('');
				const distinctive = found.some((c) => unit.distinctive.has(c));
				if (contiguous && len === unit.chars.length)
					report({ level: 'leak', kind: 'unit', found: word, source: unit.source, context: ctx(i, len) });
				else if (len >= 2 && distinctive && !PROVINCES.has(word)) {
					const typed = TYPE_END.has(found[len - 1]);
					if (contiguous && len >= 4 && !unit.fallback)
						report({ level: 'leak', kind: 'unit', found: word, source: unit.source, context: ctx(i, len) });
					else if (typed || (contiguous && !unit.fallback))
						report({ level: 'suspect', kind: 'unit', found: word, source: unit.source, context: ctx(i, len) });
				}
				i += Math.max(1, len);
			}
		}
		// pinyin: consecutive Latin words, tones, case and hyphens removed, compared joined
		if (syllables.length === name.length && syllables.every((x) => /^[a-z]+$/.test(x)) && HAS_LATIN.test(text)) {
			const sn = syllables.slice(0, surnameLen).join('');
			const gv = syllables.slice(surnameLen).join('');
			const needles = new Set([sn + gv, gv + sn, ...TITLES.map((t) => t + sn)]);
			const words = [...text.matchAll(LATIN_WORD)].map((m) => ({
				start: m.index!,
				end: m.index! + m[0].length,
				key: m[0]
					.normalize('NFD')
					.replace(/\p{M}/gu, '')
					.toLowerCase()
					.replace(/[^a-z]/g, '')
			}));
			for (let a = 0; a < words.length; a++) {
				let joined = '';
				for (let b = a; b < words.length && b < a + 4; b++) {
					if (b > a && !/^[\s,.]{0,3}$/u.test(text.slice(words[b - 1].end, words[b].start))) break;
					joined += words[b].key;
					if (needles.has(joined)) {
						const found = text.slice(words[a].start, words[b].end);
						report({
							level: 'leak',
							kind: 'pinyin',
							found,
							source: '姓名拼音',
							context: text.slice(Math.max(0, words[a].start - 8), words[b].end + 8)
						});
					}
				}
			}
		}
	}
	// listed: what the streams found already (欧阳·明华 for 欧阳明华) is not reported twice
	const reported = new Set(out.map((w) => cleanText(w.found)));
	const cleanAllowed = allowed.map(cleanText).filter(Boolean);
	const cleaned = texts.map((raw) => {
		let t = cleanText((raw ?? '').replace(MARKER, '\u0000'));
		for (const a of cleanAllowed) t = t.split(a).join('\u0000');
		return t;
	});
	for (const { key, text, kind, source } of listed) {
		if (reported.has(key)) continue;
		for (const t of cleaned) {
			const i = t.indexOf(key);
			if (i < 0) continue;
			const at = [...t.slice(0, i)].length;
			const context = contextOf([...t.replaceAll('\u0000', '|')], at, at + [...key].length);
			report({ level: 'leak', kind, found: text, source, context });
			break;
		}
	}
	return out;
}
