// Per-person rules of the eligibility check: excluded categories with their rank synonyms,
// self-nomination, the region a unit names, and which prior title a record names. Pure.
import type { CampaignConfig, CandidateRecord } from '../../types';
import type { PriorTitleRule } from '../rules';

// ---------- categories and ranks ----------

interface Category {
	base: string; // 现役军人 | 公务员 | 参公管理 | 离退休 | 已故 | 科协专职 | 领导干部 | the text itself
	text: string;
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function parseCategory(raw: string): Category {
	const text = squash(raw);
	let base = text;
	if (/现役|军人|部队/.test(text)) base = '现役军人';
	else if (/参公|参照/.test(text)) base = '参公管理';
	else if (/科协/.test(text) && /专职|工作人员|干部/.test(text)) base = '科协专职';
	else if (/公务员|党政机关|行政机关|机关工作人员|行政职务/.test(text)) base = '公务员';
	else if (/离休|退休/.test(text)) base = '离退休';
	else if (/已故|去世|逝世|不在世|故去/.test(text)) base = '已故';
	else if (/领导干部/.test(text)) base = '领导干部';
	return { base, text };
}

/**
 * The administrative rank a text states: 3 省部级, 2 厅局级 (副厅级, 正厅级, 司局级 …), 1 县处级
 * (正处级, 副处级, 县处级, 副县级, 正县级 …), -1 乡科级 and below (stated, below every exclusion),
 * 0 unstated. 衡水 “现任县处级以上” is rank ≥ 1; 青海 “副厅级以上” is rank ≥ 2, 司局级 included.
 */
function rankOf(text: string): number {
	const t = squash(text);
	if (/省部|部级|副部|正部/.test(t)) return 3;
	if (/厅|司局|局级|地厅|副巡视员|巡视员/.test(t)) return 2;
	if (/处|县级|副县|正县|县处/.test(t)) return 1;
	if (/科级|乡科|正科|副科|科员|股级|办事员/.test(t)) return -1;
	return 0;
}

const CIVIL = new Set(['公务员', '参公管理']);
/** Canonical kinds are matched by kind only, so “公务员（参照管理）” is 参公管理, not 公务员. */
const KNOWN = new Set(['现役军人', '公务员', '参公管理', '科协专职', '离退休', '已故', '领导干部']);

export interface CategoryMatch {
	excluded: string;
	certain: boolean;
	/** What to verify when not certain: the rank, or whether the person is a civil servant at all. */
	verify?: 'rank' | 'civil';
}

/**
 * Which excluded category of the campaign a 人员类别 falls under. `certain: false` means the
 * exclusion depends on what the category does not state (公务员 without a rank against
 * 副厅级以上公务员, or a rank without saying 公务员).
 */
export function matchExcludedCategory(
	config: CampaignConfig,
	category: string | null | undefined
): CategoryMatch | null {
	if (!category || !category.trim()) return null;
	const rank = rankOf(category);
	const parts = category.split(/[、,，;；/]/).filter((p) => p.trim());
	const cands = parts.map(parseCategory);
	const civil = cands.some((c) => CIVIL.has(c.base));
	let uncertain: CategoryMatch | null = null;
	for (const excluded of config.excludedCategories) {
		const ex = parseCategory(excluded);
		const exRank = rankOf(excluded);
		if (CIVIL.has(ex.base) && exRank > 0) {
			// “公务员和参照公务员法管理的……现任X级以上行政职务者”: the rank applies to both.
			if (rank >= exRank) {
				if (civil) return { excluded, certain: true };
				uncertain ??= { excluded, certain: false, verify: 'civil' };
			} else if (rank === 0 && civil) uncertain ??= { excluded, certain: false, verify: 'rank' };
			continue;
		}
		for (const cand of cands)
			if (cand.base === ex.base || (!KNOWN.has(ex.base) && cand.text.includes(ex.text)))
				return { excluded, certain: true };
	}
	return uncertain;
}

// ---------- self-nomination ----------

const SELF = /^(个人|本人|自己|自我|自荐|个人自荐)(申报|申请|推荐|自荐)?$/;

/** 推荐单位 个人/本人/自荐/个人申报 …, or the candidate's own name. */
export function isSelfNomination(channel: string | null | undefined, name?: string | null): boolean {
	const s = squash(channel ?? '').replace(/[()（）]/g, '');
	if (!s) return false;
	return SELF.test(s) || (!!name && s === squash(name));
}

// ---------- region ----------

/** Provincial-level divisions: full name and the short name units start with. */
const PROVINCES: [string, string][] = [
	['北京市', '北京'],
	['天津市', '天津'],
	['河北省', '河北'],
	['山西省', '山西'],
	['内蒙古自治区', '内蒙古'],
	['辽宁省', '辽宁'],
	['吉林省', '吉林'],
	['黑龙江省', '黑龙江'],
	['上海市', '上海'],
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
	['广西壮族自治区', '广西'],
	['海南省', '海南'],
	['重庆市', '重庆'],
	['四川省', '四川'],
	['贵州省', '贵州'],
	['云南省', '云南'],
	['西藏自治区', '西藏'],
	['陕西省', '陕西'],
	['甘肃省', '甘肃'],
	['青海省', '青海'],
	['宁夏回族自治区', '宁夏'],
	['新疆维吾尔自治区', '新疆'],
	['香港特别行政区', '香港'],
	['澳门特别行政区', '澳门'],
	['台湾省', '台湾']
];

/**
 * The other province a 工作单位 names (by full name anywhere, or by short name at its start), or
 * null when it names the campaign's own region or none at all (most units name no province).
 */
export function otherProvince(unit: string | null | undefined, region: string): string | null {
	const u = squash(unit ?? '');
	if (!u) return null;
	const own = PROVINCES.find(([full, short]) => region.startsWith(full) || region.startsWith(short));
	if (own && (u.includes(own[0]) || u.includes(own[1]))) return null;
	for (const [full, short] of PROVINCES) {
		if (own && full === own[0]) continue;
		if (u.includes(full) || u.startsWith(short)) return full;
	}
	return null;
}

// ---------- prior titles ----------

/** The entries of a record where a title it holds would be named, one award or remark each. */
function titleTexts(c: CandidateRecord): string[] {
	return [...(c.awards ?? []), c.remarks ?? '', ...Object.values(c.extra ?? {})]
		.flatMap((t) => t.split(/[；;\n]/))
		.map((t) => squash(t).replace(/[“”"‘’「」]/g, ''))
		.filter(Boolean);
}

/** The rules a record triggers: those whose title it names, else (曾获最美称号 = 是) the warning ones. */
export function priorTitleHits(
	rules: PriorTitleRule[],
	c: CandidateRecord
): { rule: PriorTitleRule; named: boolean }[] {
	const texts = titleTexts(c);
	const named = rules.filter((r) => r.match?.length && texts.some((t) => r.match!.every((w) => t.includes(w))));
	if (named.length) return named.map((rule) => ({ rule, named: true }));
	if (!c.priorTitle) return [];
	const general = rules.filter((r) => !r.match?.length);
	return (general.length ? general : rules).map((rule) => ({ rule, named: false }));
}
