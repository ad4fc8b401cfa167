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
import { cleanText, isRegionName, splitUnitAndTitle, unitVariants } from '../intake/work-units';
import {
	cityContext,
	cityOf,
	contextAllows,
	nominatorForms,
	unitAbbreviations,
	type AbbreviationContext
} from './unit-abbreviations';
import { romanizedName } from './romanize';

export const PERSON_MARK = '【候选人】';
export const UNIT_MARK = '【单位】';
export const HIDDEN_MARK = '【已隐去】';
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

const COMPOUND_SURNAMES = new Set(
	(
		'欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 令狐 宇文 端木 澹台 轩辕 南宫 西门 呼延 ' +
		'独孤 百里 东郭 钟离 万俟 闻人 赫连 拓跋 申屠 太史 濮阳 公冶 宗政 仲孙 单于 鲜于 闾丘 司空 亓官 司寇 ' +
		'巫马 公西 漆雕 乐正 壤驷 公良 梁丘 左丘 第五 谷梁 段干 东门 羊舌'
	).split(' ')
);
const HONORIFICS = (
	'教授 院士 老师 医生 大夫 博士 研究员 主任 院长 所长 书记 师傅 先生 女士 同志 站长 厂长 校长 局长 处长 ' +
	'科长 部长 经理 董事长 总工 工程师 医师 护士长 阿姨 大姐 大哥 教练 队长 组长 会长 馆长 总经理 某某 ' +
	'爷爷 奶奶 叔叔 伯伯 大爷 大叔 大妈 大伯 大婶 姐姐 哥哥 老板 老总 老爷子 师兄 师姐 导师 主席 团长 社长 行长 总监'
).split(' ');
/** One-character forms of address after the surname (范工, 范导, 范所): checked against COMMON_FORMS. */
const SHORT_HONORIFICS = [
	'工',
	'总',
	'老',
	'某',
	'姐',
	'哥',
	'导',
	'叔',
	'博',
	'所',
	'队',
	'校',
	'院',
	'局',
	'处',
	'站',
	'姨',
	'伯',
	'婶',
	'爷',
	'董'
];
/** Forms of address with a character of the given name: 松哥, 松姐, 松叔 (and 阿松, 小松 below). */
const GIVEN_SUFFIXES = ['哥', '姐', '叔', '姨'];
/** Words ending in 小 / 老, so that 缩小高度 is not read as 小高. */
const ENDS_IN_LAO_XIAO = new Set(
	(
		'缩小 大小 最小 减小 变小 较小 很小 从小 细小 微小 矮小 短小 弱小 渺小 狭小 极小 太小 偏小 更小 ' +
		'养老 古老 衰老 敬老 变老 年老 防老 元老 长老 到老 终老 尊老 月老 告老 苍老 扶老 携老'
	).split(' ')
);
/**
 * Two-character words that look like a surname form (老师, 小于, 施工, 高工 …). Only these need the
 * strict context check; any other 老李 / 小李 / 李工 / 李姐 is the candidate and is always redacted
 * (跟着老黎干活, 卢工二话没说).
 */
const COMMON_FORMS = new Set(
	(
		'老师 老家 老人 老年 老乡 老板 老化 老虎 老鼠 老少 老区 老实 老总 老将 老兵 老伴 老街 老城 老屋 老宅 老式 ' +
		'老旧 老汉 老太 老大 老天 老外 老练 老成 老手 老本 老友 老表 老牛 老马 老路 老话 老底 老早 老是 老鹰 老窝 ' +
		'小于 小时 小学 小组 小麦 小米 小康 小区 小型 小孩 小心 小说 小姐 小伙 小事 小屋 小镇 小路 小村 小河 小溪 ' +
		'小吃 小店 小鸡 小猪 小牛 小羊 小马 小鱼 小虫 小草 小树 小花 小雨 小雪 小满 小寒 小暑 小数 小量 小微 小额 ' +
		'小批 小试 小结 小节 小品 小巧 小看 小觑 小气 小将 小兵 小商 小贩 小城 小儿 小女 小车 ' +
		'员工 职工 民工 化工 电工 木工 手工 开工 完工 竣工 用工 务工 分工 美工 技工 监工 打工 做工 上工 罢工 ' +
		'施工 加工 义工 童工 矿工 石工 水工 钳工 焊工 车工 瓦工 理工 军工 社工 女工 长工 零工 复工 停工 动工 人工 ' +
		'高工 正高 副高 汇总 元老 古老 长老 养老 敬老 衰老 终老 防老 尊老 月老 空姐 表姐 堂姐 大姐 二姐 师姐 学姐 老姐 ' +
		'表哥 堂哥 大哥 二哥 师哥 学哥 老哥 帅哥 某某 ' +
		// surname character + 导 叔 博 所 队 校 院 局 处 站 姨 伯 婶 爷 董 that are ordinary words
		'向导 主导 先导 前导 教导 领导 指导 督导 报导 编导 执导 训导 劝导 开导 疏导 传导 倡导 辅导 引导 诱导 半导 ' +
		'大叔 小叔 表叔 堂叔 阿叔 微博 赌博 广博 渊博 场所 住所 诊所 哨所 处所 厕所 全所 本所 各所 该所 分所 ' +
		'车队 乐队 球队 团队 部队 梯队 舰队 连队 排队 站队 归队 入队 领队 带队 组队 整队 大队 小队 中队 全队 商队 ' +
		'马队 卫队 方队 军队 结队 建队 高校 全校 本校 分校 学校 院校 军校 党校 名校 母校 驾校 夜校 返校 离校 在校 ' +
		'来校 到校 团校 学院 医院 法院 剧院 庭院 寺院 全院 本院 分院 高院 两院 书院 影院 全局 大局 布局 格局 结局 ' +
		'政局 当局 时局 开局 僵局 骗局 邮局 到处 各处 好处 长处 短处 益处 用处 住处 难处 深处 远处 近处 高处 低处 ' +
		'此处 出处 去处 共处 相处 别处 车站 网站 驿站 电站 兵站 小站 各站 阿姨 小姨 大姨 大伯 老伯 阿伯 大婶 大爷 ' +
		'老爷 少爷 姥爷 古董 校董 高博 高导 高科 老乡 阿姐 阿哥 小哥 小姐'
	).split(' ')
);
/** Common words ending with a surname character: 提高, 任何, 对于 …; the surname is the last character. */
const SURNAME_WORDS = new Set(
	(
		'提高 最高 升高 增高 偏高 较高 很高 更高 太高 过高 崇高 身高 拔高 抬高 登高 调高 攀高 居高 清高 ' +
		'任何 如何 为何 几何 奈何 关于 由于 对于 至于 等于 属于 位于 处于 在于 基于 善于 敢于 易于 便于 过于 ' +
		'鉴于 终于 急于 勇于 乐于 用于 出于 忠于 也许 允许 或许 少许 期许 特许 默许 些许 历史 文史 青史 主任 ' +
		'责任 担任 信任 历任 继任 现任 曾任 兼任 出任 升任 就任 聘任 前任 新任 委任 胜任 留任 连任 紧张 主张 ' +
		'扩张 夸张 开张 伸张 铺张 地方 对方 各方 双方 多方 一方 配方 处方 药方 东方 西方 南方 北方 官方 ' +
		'甲方 乙方 平方 立方 行李 桃李 一周 每周 上周 下周 本周 四周 国王 帝王 君王 森林 农林 树林 园林 ' +
		'竹林 山林 农田 油田 稻田 梯田 经常 正常 非常 日常 平常 异常 通常 反常 照常 寻常 其余 业余 多余 ' +
		'剩余 盈余 结余 课程 工程 过程 规程 章程 日程 流程 进程 行程 全程 疗程 教程 历程 议程 里程 远程 ' +
		'资金 奖金 基金 黄金 现金 租金 合金 五金 薪金 明白 蛋白 空白 坦白 表白 岩石 矿石 宝石 化石 长江 ' +
		'珠江 漓江 金钱 价钱 本钱 子孙 金黄 蛋黄 羽毛 论文 中文 英文 原文 全文 课文 作文 公文 人文 天文 ' +
		'水文 条文 正文 本文 发文 人马 出马 方向 导向 走向 面向 倾向 意向 志向 转向 动向 双向 指向 定向 ' +
		'横向 纵向 一向 中华 才华 精华 繁华 年华 风华 光华 清华 升华 芳华 平安 公安 治安 西安 保安 尊严 ' +
		'庄严 从严 感谢 致谢 答谢 道谢 代谢 鸣谢 千万 百万 亿万 古董 校董 地雷 恐龙 支付 交付 应付 偿付 ' +
		'拨付 整齐 看齐 一齐 接连 相连 阶段 手段 地段 片段 时段 路段 分段 祝贺 庆贺 机关 海关 有关 相关 ' +
		'开关 攻关 把关 难关 过关 公关 道路 线路 思路 电路 铁路 公路 出路 一路 水路 主管 监管 分管 托管 ' +
		'保管 掌管 接管 血管 导管 不管 尽管 汽车 火车 开车 列车 停车 机车 下车 上车 防洪 抗洪 反应 适应 ' +
		'相应 供应 答应 对应 效应 感应 响应 理应 住房 厂房 机房 病房 药房 用房 库房 承包 背包 红包 分包 ' +
		'外包 检查 调查 审查 普查 核查 排查 考查 巡查 抽查 清查 督查 勘查 育苗 疫苗 树苗 种苗 幼苗 平和 ' +
		'温和 总和 缓和 共和 柔和 调和 饱和 实施 设施 措施 奶牛 肉牛 黄牛 水牛 耕牛 牦牛 安宁 南宁 辽宁 ' +
		'济宁 完成 形成 组成 构成 达成 合成 生成 造成 促成 养成 建成 变成 做成 落成 集成 赞成 收成 制成 ' +
		'现成 爱戴 穿戴 佩戴 及时 同时 当时 平时 随时 按时 临时 准时 小时 有时 届时 那时 此时 适时 定时 ' +
		'不时 一时 顿时 何时 体温 气温 水温 高温 低温 保温 恒温 室温 常温 升温 降温 地温 华夏 立夏 宁夏 ' +
		'容易 交易 贸易 简易 轻易 不易 中秋 金秋 春秋 千秋 文章 规章 印章 勋章 奖章 篇章 徽章 风景 前景 ' +
		'背景 场景 远景 情景 全景 愿景 四季 旺季 淡季 雨季 春季 夏季 秋季 冬季 保卫 防卫 门卫 护卫 警卫 ' +
		'守卫 环卫 学习 练习 复习 实习 见习 研习 演习 树叶 茶叶 烟叶 枝叶 绿叶 落叶 桑叶 经费 收费 消费 ' +
		'浪费 学费 花费 免费 耗费 缴费 自费 公费 运费 松柏 时钟 分钟 秒钟 警钟 清廉 低廉 宝贝 分贝 西欧 ' +
		'东欧 北欧 园丁 队伍 入伍 退伍 落伍 中国 全国 祖国 爱国 各国 外国 出国 回国 强国 大国 报国 建国 ' +
		'美国 英国 德国 法国 我国 两国 本国 民国 身边 旁边 周边 两边 一边 海边 路边 河边 江边 天边 八桂 ' +
		'务农 菜农 果农 棉农 茶农 蔗农 工农 支农 惠农 兴农 助农 强农 熏陶 生姜 子宫 故宫 迷宫 女王 大王 ' +
		'国王 一致 导致 以致 大致 精致 细致 兴致 极致 所致 犀牛 吹牛 蜗牛 示范 规范 模范 防范 典范 师范 风范 就范 ' +
		'垂范 博物 广博 渊博 赌博 海关 研究 老乡 故乡 家乡 城乡 水乡 下乡 回乡 同乡 他乡 异乡 梦乡 苏木 树木 土木 ' +
		'林木 积木 麻木 草木 方向 外方 资方 军方 警方'
	)
		.split(' ')
		.filter((w) => w.length === 2)
);
/** Characters that typically precede a person reference: 叫他李工, 和小李, 同事老李. */
const PRECEDE = new Set([...'他她我你和与跟同对向给让被把称叫是位名的了找请问帮陪随见听当也由及这那谢事友']);
/** Characters that typically follow 李工 / 老李 in narrative text. */
const FOLLOW = new Set([...'说是在和与的带对把将也又还就便都告讲认表笑回每曾已给跟同被让常刚亲从却才正并先首很最某们']);

const isHan = (c: string | undefined) => !!c && /\p{Script=Han}/u.test(c);
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/** Surname / given name split; compound surnames (欧阳, 司马, 诸葛 …) count as one. */
export function splitName(name: string): { full: string; surname: string; given: string; parts: string[] } {
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
