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

/** Traditional → simplified for characters common in unit names (NFKC does not do this). */
const TRAD: Record<string, string> = {
	學: '学',
	國: '国',
	醫: '医',
	東: '东',
	華: '华',
	廣: '广',
	農: '农',
	業: '业',
	機: '机',
	電: '电',
	會: '会',
	鋼: '钢',
	鐵: '铁',
	團: '团',
	責: '责',
	縣: '县',
	區: '区',
	術: '术',
	蘭: '兰',
	門: '门',
	開: '开',
	發: '发',
	長: '长',
	級: '级',
	師: '师',
	範: '范',
	藥: '药',
	衛: '卫',
	聯: '联',
	協: '协',
	廳: '厅',
	產: '产',
	實: '实',
	驗: '验',
	鄉: '乡',
	陽: '阳',
	寧: '宁',
	內: '内',
	廈: '厦',
	體: '体',
	資: '资',
	設: '设',
	計: '计',
	勞: '劳',
	動: '动',
	氣: '气',
	礦: '矿',
	漢: '汉',
	齊: '齐',
	爾: '尔',
	藝: '艺',
	馬: '马',
	蘇: '苏',
	島: '岛',
	灣: '湾',
	檢: '检',
	測: '测',
	環: '环',
	綜: '综',
	療: '疗',
	護: '护',
	處: '处',
	廠: '厂',
	館: '馆',
	園: '园',
	員: '员',
	務: '务',
	與: '与',
	歷: '历',
	貴: '贵',
	陝: '陕',
	遼: '辽',
	龍: '龙',
	黃: '黄',
	嶺: '岭'
};
const TRAD_RE = new RegExp(`[${Object.keys(TRAD).join('')}]`, 'g');
/** Whitespace, punctuation and symbols, incl. zero-width characters. */
const NOISE_RE = /[\s\p{P}\p{S}\u200b-\u200d\u2060\ufeff]/gu;

/** [full name, short name] of the province-level divisions. */
const PROVINCES: [string, string][] = [
	['北京市', '北京'],
	['天津市', '天津'],
	['上海市', '上海'],
	['重庆市', '重庆'],
	['河北省', '河北'],
	['山西省', '山西'],
	['辽宁省', '辽宁'],
	['吉林省', '吉林'],
	['黑龙江省', '黑龙江'],
	['江苏省', '江苏'],
	['浙江省', '浙江'],
	['安徽省', '安徽'],
	['福建省', '福建'],
	['江西省', '江西'],
	['山东省', '山东'],
	['河南省', '河南'],
	['湖北省', '湖北'],
	['湖南省', '湖南'],
	['广东省', '广东'],
	['海南省', '海南'],
	['四川省', '四川'],
	['贵州省', '贵州'],
	['云南省', '云南'],
	['陕西省', '陕西'],
	['甘肃省', '甘肃'],
	['青海省', '青海'],
	['台湾省', '台湾'],
	['内蒙古自治区', '内蒙古'],
	['广西壮族自治区', '广西'],
	['西藏自治区', '西藏'],
	['宁夏回族自治区', '宁夏'],
	['新疆维吾尔自治区', '新疆'],
	['香港特别行政区', '香港'],
	['澳门特别行政区', '澳门']
];
const PROVINCE_SHORTS = new Set(PROVINCES.map(([, s]) => s));
/** A prefecture-level name right after a province (南宁市, 锡林郭勒盟, 海南藏族自治州, 大兴安岭地区). */
const PREFECTURE_RE = /^\p{Script=Han}{2,4}?(?:市|盟|地区)|^\p{Script=Han}{3,8}?自治州/u;
/** 市场, 市政, 市民 … are words, not "<city>市". */
const NOT_CITY_NEXT = new Set(['场', '政', '民', '值', '区']);

/** Company-form suffixes removed at the end (repeatedly, while ≥2 characters remain). */
const COMPANY_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司'];

/**
 * Endings that close an organisation name; a prefix ending with one of them is an
 * organisational boundary (广西大学|农学院). Single characters like 社/会/行/科 are left
 * out on purpose: 新华社|区, 中国银行|业协会 would be false boundaries.
 */
const ORG_ENDINGS = [
	'大学',
	'学院',
	'学校',
	'中学',
	'小学',
	'幼儿园',
	'医院',
	'卫生院',
	'研究院',
	'研究所',
	'科学院',
	'党校',
	'中心',
	'公司',
	'集团',
	'银行',
	'分行',
	'支行',
	'学会',
	'协会',
	'科协',
	'委员会',
	'出版社',
	'报社',
	'合作社',
	'农场',
	'林场',
	'实验室',
	'基地',
	'院',
	'所',
	'局',
	'厅',
	'委',
	'站',
	'厂',
	'馆',
	'队',
	'校',
	'矿',
	'部',
	'办',
	'处'
];
const ORG_ENDING_LAST = new Set(ORG_ENDINGS.map((e) => e[e.length - 1]));
/** A boundary is not real when the rest continues a word: 大学|生, 中国银行|业, 学院|路, 处|理. */
const NOT_BOUNDARY_NEXT = new Set(['业', '长', '员', '生', '士', '路', '街', '巷', '城', '理']);

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
export function orgPrefixes(s: string): string[] {
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

// Titles at the end of "工作单位及职务职称", longest first when matched.
const TITLES = [
	'教授级高级工程师',
	'正高级工程师',
	'高级工程师',
	'助理工程师',
	'工程师',
	'总工程师',
	'副总工程师',
	'总工',
	'党委副书记',
	'党委书记',
	'副书记',
	'书记',
	'主任医师',
	'主治医师',
	'住院医师',
	'医师',
	'主任护师',
	'主管护师',
	'护士长',
	'护师',
	'研究员',
	'助理研究员',
	'教授',
	'讲师',
	'助教',
	'院士',
	'博士生导师',
	'博导',
	'硕导',
	'院长',
	'所长',
	'主任',
	'总经理',
	'经理',
	'董事长',
	'董事',
	'厂长',
	'局长',
	'站长',
	'处长',
	'科长',
	'校长',
	'主席',
	'理事长',
	'秘书长',
	'会长',
	'馆长',
	'部长',
	'队长',
	'组长',
	'首席科学家',
	'首席专家',
	'首席技师',
	'高级技师',
	'技师',
	'技术员',
	'高级农艺师',
	'农艺师',
	'高级畜牧师',
	'畜牧师',
	'高级兽医师',
	'兽医师',
	'高级实验师',
	'实验师',
	'正高级教师',
	'高级教师',
	'一级教师',
	'教师',
	'负责人',
	'总监',
	'主编',
	'博士后',
	'博士',
	'编审',
	'总农艺师',
	'总畜牧师',
	'专家'
].sort((a, b) => b.length - a.length);
const TITLE_PREFIXES = ['常务副', '执行', '副', '原', '兼'];
const SEPARATORS_RE = /[\s、，,;；/|()（）【】[\]“”"'：:]+/u;

function stripTitles(token: string): { rest: string; stripped: boolean } {
	let rest = token;
	let stripped = false;
	for (let changed = true; changed;) {
		changed = false;
		const t = TITLES.find((x) => rest.endsWith(x));
		if (t) {
			rest = rest.slice(0, -t.length);
			const pre = TITLE_PREFIXES.find((p) => rest.endsWith(p));
			if (pre) rest = rest.slice(0, -pre.length);
			stripped = changed = true;
		}
	}
	return { rest, stripped };
}

/**
 * Split "工作单位及职务职称" into the unit and the title part:
 * "广西大学农学院 教授、院长" → { unit: 广西大学农学院, title: 教授、院长 };
 * "广西大学 农学院 院长" → 广西大学农学院; "XX研究所副所长" → XX研究所.
 * Tokens after the first are joined to the unit while they look like sub-units
 * (end with an organisation ending) and no title has been seen yet.
 */
export function splitUnitAndTitle(s: string): { unit: string; title: string } {
	const text = (s ?? '').normalize('NFKC').trim();
	const tokens = text.split(SEPARATORS_RE).filter(Boolean);
	let unit = '';
	for (const tok of tokens) {
		const { rest, stripped } = stripTitles(tok);
		const isSubUnit = unit === '' || ORG_ENDINGS.some((e) => rest.endsWith(e)) || /[科系室部组]$/u.test(rest);
		if (!rest || !isSubUnit) break;
		unit += rest;
		if (stripped) break;
	}
	if (!unit) return { unit: text, title: '' };
	// The title is what follows the unit text; taken from the original spelling
	// (NFKC would turn 、， into ,) when NFKC kept the length.
	let at = 0;
	for (const ch of unit) {
		const i = text.indexOf(ch, at);
		if (i < 0) break;
		at = i + ch.length;
	}
	const original = (s ?? '').trim();
	const rest = original.length === text.length ? original.slice(at) : text.slice(at);
	const title = rest.replace(/^[\s、，,;；/|()（）：:]+/u, '').trim();
	return { unit, title };
}
