// How units, nominating bodies and cities are shortened in Chinese free text, for redaction
// (redact.ts). Pure rules, no alias table: an abbreviation is derived from the name's parts.
//
// A unit name is read as <stem><type>: 柳州|职业技术学院, 广西|师范大学, 南京|大学, 广西|农业科学院,
// 柳州市|人民医院, 柳州|钢铁(集团有限公司). The stem is the place or proper name (市/省/自治区
// dropped: 柳州市 → 柳州, 广西壮族自治区 → 广西). Forms, per type (TYPES below):
//   stem + short type   柳州职院, 广西师大, 广西农科院, 柳州人医
//   stem[0] + short     柳职院, 广师大            (only where that is how people write it)
//   大学                 stem[0]+大, stem[1]+大: 南京大学 → 南大, 广西大学 → 广大 / 西大
//   companies            stem[0]+word[0]: 柳州钢铁集团 → 柳钢
//   type alone           农科院, 师大, 民大 (any 农业科学院 …; only in context, below)
//
// Ambiguity (the choice written down): a form is matched according to how likely it is an
// ordinary word or another organisation's name —
//   'none'   three or more characters with a stem character (柳职院, 广西师大): always;
//   'prev'   two-character forms with a stem character (南大, 西大, 柳钢) and type-only forms of
//            three (农科院): only when the character before is not Chinese or is a typical lead
//            (在 于 到 赴 经 …: LEAD), so 东南大学 / 湖南大学 do not lose 南大, 江西大学 keeps 西大,
//            中国农科院 keeps 农科院; and not before a character that makes a place word
//            (南大门, 西大街, 北大楼: NOT_AFTER);
//   'strict' forms that are common words or name any such body (广大, 中大, 理工, 民大, 师大, 市科协):
//            the 'prev' condition and a typical next character or two (的 毕业 任教 读 期间 …:
//            TRAIL) or none, so 广大群众, 在广大农村, 广大教师 stay and 在广大任教, 考入广大。 go.
// Known limits: a stem that is a proper name alone (清华, 复旦) is not derived (we cannot tell 清华
// from 南京 without a gazetteer; the leak detector flags both); the organizer adds what is missed.

import { cleanText, isRegionName } from '../intake/work-units';

const HAS_HAN = /\p{Script=Han}/u;

export type AbbreviationContext = 'none' | 'prev' | 'strict';
export interface Abbreviation {
	text: string;
	context: AbbreviationContext;
}

const PROVINCE_SHORT: Record<string, string> = {
	广西壮族自治区: '广西',
	内蒙古自治区: '内蒙古',
	西藏自治区: '西藏',
	宁夏回族自治区: '宁夏',
	新疆维吾尔自治区: '新疆'
};

/**
 * [type suffix, short forms of the type (the first is the abbreviation used alone), forms that
 * also take the stem's first character (柳职院, 广师大, 南理工, 哈工大, 西交大)].
 */
const TYPES: [string, string[], string[]][] = [
	['职业技术学院', ['职院', '职业学院', '职业技术学院'], ['职院']],
	['职业学院', ['职院', '职业学院'], ['职院']],
	['职业技术学校', ['职校'], []],
	['师范大学', ['师大', '师范大学'], ['师大']],
	['师范学院', ['师院'], []],
	['医科大学', ['医大', '医科大'], ['医大']],
	['民族大学', ['民大'], []],
	['科技大学', ['科大', '科技大'], ['科大']],
	['理工大学', ['理工', '理工大'], ['理工']],
	['工业大学', ['工大'], ['工大']],
	['农业大学', ['农大'], ['农大']],
	['林业大学', ['林大'], []],
	['财经大学', ['财大'], []],
	['交通大学', ['交大'], ['交大']],
	['中医药大学', ['中医大', '中医药大'], []],
	['农业科学院', ['农科院'], []],
	['林业科学院', ['林科院'], []],
	['医学科学院', ['医科院'], []],
	['水产科学研究院', ['水科院'], []],
	['人民医院', ['人医', '人民医院'], []],
	['中医医院', ['中医院'], []],
	['妇幼保健院', ['妇幼'], []],
	['科学技术协会', ['科协', '科技协会', '科学技术协会'], []],
	['科技协会', ['科协', '科学技术协会'], []],
	['科协', ['科协', '科学技术协会'], []],
	['大学', [], []]
];
/** Type-only short forms that name any such body (中医院, 中医大) rather than one: only in context. */
const GENERIC_SHORT = new Set(['中医院', '中医大']);
const COMPANY_RE = /(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)+$/u;

/** Two-character forms that are ordinary words or name many bodies: matched only in context. */
const COMMON = new Set([
	'广大',
	'中大',
	'大学',
	'理工',
	'民大',
	'师大',
	'师院',
	'医大',
	'科大',
	'工大',
	'农大',
	'林大',
	'财大',
	'交大',
	'人医',
	'职院',
	'职校',
	'科协',
	'妇幼',
	'华大',
	'东大',
	'大大',
	'小大',
	'长大',
	'重大',
	'强大',
	'伟大',
	'远大',
	'盛大',
	'庞大',
	'巨大',
	'宏大'
]);

const PROVINCES_RE =
	/^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆)(?:省)?/u;

/** The name without company suffix, province written short, and no province or 市 before a city: 广西柳州市人民医院 → 柳州人民医院. */
function core(name: string): string {
	let s = cleanText(name).replace(COMPANY_RE, '');
	for (const [full, short] of Object.entries(PROVINCE_SHORT)) if (s.startsWith(full)) s = short + s.slice(full.length);
	const prov = PROVINCES_RE.exec(s);
	if (prov && /^\p{Script=Han}{2,3}?市\p{Script=Han}{2}/u.test(s.slice(prov[0].length))) s = s.slice(prov[0].length);
	else if (prov && prov[0].endsWith('省')) s = s.slice(0, prov[0].length - 1) + s.slice(prov[0].length);
	return s.replace(/^(\p{Script=Han}{2,3}?)市(?=\p{Script=Han}{2})/u, '$1');
}

/** Stem and type of a unit name, or null when it has no known type (then no abbreviations). */
function parse(s: string): { stem: string; type: (typeof TYPES)[number] } | null {
	const type = TYPES.find(([suffix]) => s.endsWith(suffix) && s.length > suffix.length);
	return type ? { stem: s.slice(0, -type[0].length), type } : null;
}

function push(out: Abbreviation[], text: string, context: AbbreviationContext, full: string): void {
	if (text.length < 2 || text === full || out.some((a) => a.text === text)) return;
	if (isRegionName(text)) return; // 广西 alone is the province, not the unit
	out.push({ text, context: COMMON.has(text) ? 'strict' : context });
}

/**
 * Shortened forms of a unit name, by the rules in the header. The name itself and its written
 * variants are not included (unitVariants gives those).
 */
export function unitAbbreviations(name: string): Abbreviation[] {
	const out: Abbreviation[] = [];
	if (!HAS_HAN.test(name ?? '')) return out;
	const full = cleanText(name);
	const s = core(name);
	const p = parse(s);
	if (!p) {
		// 柳州钢铁(集团) → 柳钢: a company written as <place of 2><trade of 2>.
		const prov = PROVINCES_RE.exec(s)?.[0] ?? '';
		const firm = /^\p{Script=Han}{4}$/u.test(s.slice(prov.length)) ? s.slice(prov.length) : s;
		if (COMPANY_RE.test(full) && /^\p{Script=Han}{4}$/u.test(firm)) push(out, firm[0] + firm[2], 'prev', full);
		return out;
	}
	const { stem, type } = p;
	const [suffix, shorts, initials] = type;
	const stemLen = [...stem].length;
	if (stemLen < 2 || stemLen > 4 || !/^\p{Script=Han}+$/u.test(stem)) return out;
	if (suffix === '大学') {
		push(out, stem[0] + '大', 'prev', full); // 南大, 北大, 广大
		// 西大 (广西大学), 川大 (四川大学): the second character, for a university named after its province.
		if (stemLen === 2 && PROVINCES_RE.exec(stem)?.[0] === stem) push(out, stem[1] + '大', 'prev', full);
		return out;
	}
	for (const short of shorts) push(out, stem + short, 'none', full); // 柳州职院, 广西师大, 柳州科协
	for (const short of initials) push(out, stem[0] + short, 'none', full); // 柳职院, 广师大
	const alone = shorts[0];
	if (alone && alone !== suffix)
		push(out, alone, alone.length >= 3 && !GENERIC_SHORT.has(alone) ? 'prev' : 'strict', full); // 农科院; 师大, 民大
	if (suffix === '职业技术学院' || suffix === '职业学院') push(out, stem[0] + '职', 'prev', full); // 柳职
	if (suffix === '医科大学') push(out, stem[0] + '医', 'strict', full); // 广医
	return out;
}

/** The city (or county) a region name or a unit name starts with: 柳州市 → 柳州, 广西柳州市第一中学 → 柳州. */
export function cityOf(name: string): string | null {
	let s = cleanText(name);
	for (const [full, short] of Object.entries(PROVINCE_SHORT)) if (s.startsWith(full)) s = s.slice(full.length) || short;
	s = s.replace(
		/^(?:广西|广东|山西|河北|河南|湖北|湖南|江苏|浙江|安徽|福建|江西|山东|四川|贵州|云南|陕西|甘肃|青海|海南|辽宁|吉林|黑龙江|内蒙古|宁夏|新疆|西藏)(?:省)?(?=\p{Script=Han}{2,4}[市县])/u,
		''
	);
	const m = /^(\p{Script=Han}{2,4}?)(?:市|县|自治县)/u.exec(s);
	if (!m || isProvince(m[1])) return null;
	return m[1];
}
const isProvince = (s: string) => /^(?:北京|天津|上海|重庆)$/u.test(s);

/** City names that are also ordinary words: matched only in context. */
const CITY_WORDS = new Set([
	'大同',
	'长治',
	'中山',
	'安顺',
	'通化',
	'永安',
	'新余',
	'太平',
	'平安',
	'安康',
	'和平',
	'长安',
	'开平',
	'东方',
	'三亚',
	'白山',
	'吉林',
	'四平',
	'辽源',
	'长春',
	'大连',
	'合作',
	'来宾',
	'百色',
	'钦州',
	'玉林',
	'防城',
	'崇左',
	'贵港',
	'河池',
	'贺州'
]);

/** How the city itself is matched: 'none' (扎根柳州 goes), or 'strict' for city names that are common words (大同小异, 来宾席). */
export function cityContext(city: string): AbbreviationContext {
	return CITY_WORDS.has(city) ? 'strict' : 'none';
}

/**
 * Forms of a nominating body: 柳州市科协 / 柳州市科学技术协会 / region channel 柳州市 →
 * 柳州科协, 柳州市科协, 柳州科学技术协会, 柳州市科学技术协会, and 市科协 (strict).
 */
export function nominatorForms(channel: string): Abbreviation[] {
	const out: Abbreviation[] = [];
	if (!HAS_HAN.test(channel ?? '')) return out;
	const s = cleanText(channel).replace(/科学技术协会|科技协会/g, '科协');
	const region = isRegionName(s) ? s : s.endsWith('科协') ? s.slice(0, -2) : '';
	if (!region || !isRegionName(region)) return unitAbbreviations(channel);
	const level = /(?:市|县|区|旗|盟)$/u.exec(region)?.[0] ?? '';
	const bare = cityOf(region) ?? region.replace(/(?:省|自治区|市|县|区|旗|盟)$/u, '');
	for (const r of new Set([region, bare]))
		for (const tail of ['科协', '科学技术协会', '科技协会']) push(out, r + tail, 'none', '');
	if (level) push(out, level + '科协', 'strict', '');
	return out;
}

// ---------- context guards ----------
/** Characters that typically stand before a unit's short form: 在西大, 考入南大, 经柳州科协. */
const LEAD = new Set([...'在于到赴回进入留考从自至往去是和与及跟同、，。；：（“‘的了原曾经由向任为被至即与及或并']);
/** Characters after which a two-character form is a place word, not the unit: 南大门, 西大街. */
const NOT_AFTER = new Set([...'门街路道楼桥厦坝湾院场片区洋陆型量众多批概']);
/** What typically follows a unit's short form (next character, or next two). */
const TRAIL_1 = new Set([...'的任读毕期时后和与及等、，。；：）”’校系']);
const TRAIL_2 = new Set([
	'毕业',
	'任教',
	'读书',
	'读博',
	'读研',
	'学习',
	'求学',
	'工作',
	'期间',
	'校友',
	'校园',
	'教授',
	'老师',
	'导师',
	'同事',
	'同学',
	'学子',
	'读本',
	'攻读',
	'博士',
	'硕士',
	'本科',
	'进修',
	'访学',
	'科研',
	'学报'
]);

const isHanAt = (text: string, i: number) => i >= 0 && i < text.length && /\p{Script=Han}/u.test(text[i]);

/** Whether an occurrence text[start, end) of a short form counts, by its context level (see the header). */
export function contextAllows(text: string, start: number, end: number, context: AbbreviationContext): boolean {
	if (context === 'none') return true;
	const prevOk = !isHanAt(text, start - 1) || LEAD.has(text[start - 1]);
	if (!prevOk) return false;
	if (context === 'prev') return !NOT_AFTER.has(text[end] ?? '');
	if (!isHanAt(text, end)) return true;
	return TRAIL_1.has(text[end]) || TRAIL_2.has(text.slice(end, end + 2));
}
