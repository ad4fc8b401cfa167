// The eligibility and quota check of a campaign's nominations (CONTRACTS.md `check`).
// Pure: a config and the candidate records in, a report out; equal inputs give equal reports.
//
// Severity choices (where the notices leave the office to decide):
// - QUOTA_SHORT: a channel that sent some but fewer than its minimum is an error (the batch is
//   incomplete); a listed channel that sent nobody is a warning (it may simply not take part).
// - TEXT_TOO_LONG: 主要事迹 is “1500字左右” (about), so up to 10 % over is a warning and more is an
//   error; 感人故事 is “以内” (at most), so any excess is an error; too many awards is a warning.
// - EXCLUDED_CATEGORY: a rank-qualified exclusion (副厅级以上, 县处级以上) against a civil servant
//   whose rank is not stated is a warning asking to verify the rank.
// - DUPLICATE_CANDIDATE: the same person (name + birth month) twice in one channel is an error;
//   in two channels a warning (namesakes born in the same month exist).
// - Counts per channel count each person once, so a duplicate row does not also trip the quota.
import { ageOn, isYouth, parseBirth } from './age';
import {
	CHANNEL_TYPES,
	FIELD_FULL_NAMES,
	type CampaignConfig,
	type CandidateRecord,
	type ChannelDef,
	type ChannelType,
	type CheckIssue,
	type RuleSource
} from './types';

export interface ChannelSummary {
	name: string;
	count: number;
	min: number;
	max: number;
	youth: number;
}

export interface CheckReport {
	errors: CheckIssue[];
	warnings: CheckIssue[];
	youthShare: number;
	channels: ChannelSummary[];
}

export interface EffectiveQuota {
	type: ChannelType | null;
	min: number;
	max: number;
	minYouth: number;
	/** "<document> <clause>" of the type quota, when the notice has one. */
	source?: string;
	/** False when the notice gives this channel (type) no places at all. */
	defined: boolean;
}

export function sourceText(source?: RuleSource): string | undefined {
	if (!source) return undefined;
	const note = (source as RuleSource & { note?: string }).note;
	return `${source.document} ${source.clause}${note ? `（${note}）` : ''}`;
}

// ---------- channels ----------

function regionShort(region: string): string {
	return region.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/, '');
}

/** A loose key for a 推荐单位 name: “晋城市城区科协”, “城区” and “晋城市城区” share one. */
function channelKey(name: string, region: string): string {
	let s = name.normalize('NFKC').replace(/\s+/g, '');
	s = s.replace(/(科学技术协会|科协)$/, '');
	const prefixes = [region, regionShort(region), '自治区', '全区', '省', '市'].filter(Boolean);
	for (const p of prefixes) {
		if (s.startsWith(p) && s.length - p.length >= 2) {
			s = s.slice(p.length);
			break;
		}
	}
	const core = s.replace(/(市|盟|县|区|州)$/, '');
	return core.length >= 2 ? core : s;
}

/** The campaign channel a 推荐单位 name refers to: exact name first, then a unique loose match. */
export function resolveChannel(config: CampaignConfig, name: string): ChannelDef | undefined {
	const trimmed = name.trim();
	if (!trimmed) return undefined;
	const exact = config.channels.find((c) => c.name === trimmed);
	if (exact) return exact;
	const key = channelKey(trimmed, config.region);
	const loose = config.channels.filter((c) => channelKey(c.name, config.region) === key);
	return loose.length === 1 ? loose[0] : undefined;
}

/** Effective places of a channel: its own overrides, else its type's quota from the notice. */
export function channelQuotaFor(config: CampaignConfig, channel: string | ChannelDef): EffectiveQuota {
	const def = typeof channel === 'string' ? resolveChannel(config, channel) : channel;
	if (!def) return { type: null, min: 0, max: 0, minYouth: 0, defined: false };
	const typeQuota = config.channelQuotas.find((q) => q.type === def.type);
	const quota: EffectiveQuota = {
		type: def.type,
		min: def.min ?? typeQuota?.min ?? 0,
		max: def.max ?? typeQuota?.max ?? 0,
		minYouth: def.minYouth ?? typeQuota?.minYouth ?? 0,
		defined: typeQuota !== undefined || def.max !== undefined
	};
	const source = sourceText(typeQuota?.source);
	return source ? { ...quota, source } : quota;
}

// ---------- categories ----------

interface Category {
	base: string; // 现役军人 | 公务员 | 参公管理 | 离退休 | 已故 | 科协专职 | 领导干部 | the text itself
	rank: number; // 0 = unstated, 1 = 县处级以上, 2 = 副厅级以上
	text: string;
}

function parseCategory(raw: string): Category {
	const text = raw.normalize('NFKC').replace(/\s+/g, '');
	const rank = /厅|省部|部级/.test(text) ? 2 : /处/.test(text) ? 1 : 0;
	let base = text;
	if (/现役|军人|部队/.test(text)) base = '现役军人';
	else if (/参公|参照/.test(text)) base = '参公管理';
	else if (/科协/.test(text) && /专职|工作人员|干部/.test(text)) base = '科协专职';
	else if (/公务员|党政机关|行政机关|机关工作人员|行政职务/.test(text)) base = '公务员';
	else if (/离休|退休/.test(text)) base = '离退休';
	else if (/已故|去世|逝世|不在世|故去/.test(text)) base = '已故';
	else if (/领导干部/.test(text)) base = '领导干部';
	return { base, rank, text };
}

const CIVIL = new Set(['公务员', '参公管理']);
/** Canonical kinds are matched by kind only, so “公务员（参照管理）” is 参公管理, not 公务员. */
const KNOWN = new Set(['现役军人', '公务员', '参公管理', '科协专职', '离退休', '已故', '领导干部']);

/**
 * Which excluded category of the campaign a 人员类别 falls under. `certain: false` means the
 * exclusion depends on a rank the category does not state (e.g. 公务员 vs 副厅级以上公务员).
 */
export function matchExcludedCategory(
	config: CampaignConfig,
	category: string | null | undefined
): { excluded: string; certain: boolean } | null {
	if (!category || !category.trim()) return null;
	let uncertain: { excluded: string; certain: boolean } | null = null;
	for (const part of category.split(/[、,，;；/]/).filter((p) => p.trim())) {
		const cand = parseCategory(part);
		for (const excluded of config.excludedCategories) {
			const ex = parseCategory(excluded);
			if (CIVIL.has(ex.base) && ex.rank > 0) {
				// “公务员和参照公务员法管理的……现任X级以上行政职务者”: the rank applies to both.
				if (!CIVIL.has(cand.base)) continue;
				if (cand.rank >= ex.rank) return { excluded, certain: true };
				if (cand.rank === 0) uncertain ??= { excluded, certain: false };
			} else if (cand.base === ex.base || (!KNOWN.has(ex.base) && cand.text.includes(ex.text))) {
				return { excluded, certain: true };
			}
		}
	}
	return uncertain;
}

// ---------- text ----------

/** Characters as the forms count them: Unicode characters, whitespace not counted. */
export function textLength(text: string | null | undefined): number {
	return text ? Array.from(text.replace(/\s+/g, '')).length : 0;
}

// ---------- the check ----------

const FULL_TO_SHORT: Record<string, string> = Object.fromEntries(
	Object.entries(FIELD_FULL_NAMES).map(([short, full]) => [full, short])
);

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function pct(x: number): string {
	return `${Math.round(x * 1000) / 10}%`;
}

function personKey(c: CandidateRecord): string | null {
	const name = (c.name ?? '').replace(/\s+/g, '');
	if (!name) return null;
	const b = parseBirth(c.birth);
	const birth = b ? `${b.year}-${String(b.month).padStart(2, '0')}` : (c.birth ?? '').trim();
	return `${name}|${birth}`;
}

interface Bucket {
	def: ChannelDef;
	persons: Set<string>;
	count: number;
	youth: number;
}

export function checkCampaign(config: CampaignConfig, candidates: CandidateRecord[]): CheckReport {
	const errors: CheckIssue[] = [];
	const warnings: CheckIssue[] = [];
	const issue = (
		list: CheckIssue[],
		code: CheckIssue['code'],
		message: string,
		extra: { candidate?: string; channel?: string; source?: string }
	) => {
		const item: CheckIssue = { code, message };
		if (extra.candidate) item.candidate = extra.candidate;
		if (extra.channel) item.channel = extra.channel;
		if (extra.source) item.source = extra.source;
		list.push(item);
	};
	const ref = config.referenceDate;
	const formSource = `${config.document} 附件：推荐表`;
	const textSource = sourceText(config.textLimitsSource) ?? formSource;

	const buckets = new Map<string, Bucket>();
	for (const def of config.channels) buckets.set(def.name, { def, persons: new Set(), count: 0, youth: 0 });
	const implicit: Bucket[] = [];
	const seenAll = new Set<string>();
	let total = 0;
	let youthTotal = 0;
	const byPerson = new Map<string, { channel: string; candidate: string }[]>();

	candidates.forEach((c, i) => {
		const candidate = c.name?.trim() || (c.seq ? `序号${c.seq}` : `第${i + 1}条记录`);
		const rawChannel = (c.channel ?? '').trim();
		const who = rawChannel ? `${candidate}（${rawChannel}）` : candidate;
		const at = { candidate, channel: rawChannel || undefined };
		const missing = (what: string) =>
			issue(errors, 'MISSING_FIELD', `${who} ${what}`, { ...at, source: formSource });

		// Required 推荐表 fields.
		if (!c.name?.trim()) missing('缺少姓名');
		if (!c.gender) missing('缺少性别');
		else if (c.gender !== '男' && c.gender !== '女') missing(`性别“${c.gender}”无效，应为男或女`);
		if (!c.birth?.trim()) missing('缺少出生年月');
		else if (!parseBirth(c.birth)) missing(`出生年月“${c.birth}”无法识别`);
		else if ((ageOn(c.birth, ref) ?? -1) < 0) missing(`出生年月“${c.birth}”晚于活动参照日期 ${ref}`);
		if (!c.unitAndTitle?.trim()) missing('缺少工作单位及职务职称');
		const byGroup = config.classification === 'group';
		const what = byGroup ? '推荐组别' : '推荐领域';
		const rawClass = ((byGroup ? c.group || c.field : c.field || c.group) ?? '').trim();
		const klass = FULL_TO_SHORT[rawClass] ?? rawClass;
		if (!klass) missing(`缺少${what}`);
		else if (!config.fields.includes(klass))
			missing(`${what}“${rawClass}”不是本活动的${what}（${config.fields.join('、')}）`);
		if (!rawChannel) missing('缺少推荐单位');
		if (!c.deeds?.trim())
			issue(warnings, 'MISSING_FIELD', `${who} 缺少主要事迹`, { ...at, source: formSource });

		// Channel, counted once per person.
		const youth = isYouth(c.birth, ref, config.youthAge);
		const key = personKey(c) ?? `#${i}`;
		let channelName = rawChannel;
		let bucket: Bucket | undefined;
		if (rawChannel) {
			const def = resolveChannel(config, rawChannel);
			if (def) bucket = buckets.get(def.name);
			else if (c.channelType && (CHANNEL_TYPES as readonly string[]).includes(c.channelType)) {
				// With 渠道类型 an unknown 推荐单位 is a new channel of that type (CONTRACTS.md).
				bucket = implicit.find((b) => b.def.name === rawChannel);
				if (!bucket) {
					bucket = { def: { name: rawChannel, type: c.channelType }, persons: new Set(), count: 0, youth: 0 };
					implicit.push(bucket);
				}
			} else {
				const selfNominated = /个人|自荐|本人/.test(rawChannel);
				const message = selfNominated
					? `${who} 为个人申报，本活动不接受个人申报，候选人均应通过规定的推荐渠道产生`
					: `${who} 的推荐单位“${rawChannel}”不是本活动的推荐渠道`;
				issue(errors, 'UNKNOWN_CHANNEL', message, { ...at, source: sourceText(config.channelsSource) });
			}
			if (bucket) channelName = bucket.def.name;
		}
		if (bucket && !bucket.persons.has(key)) {
			bucket.persons.add(key);
			bucket.count += 1;
			if (youth) bucket.youth += 1;
		}
		if (!seenAll.has(`${channelName}|${key}`)) {
			seenAll.add(`${channelName}|${key}`);
			total += 1;
			if (youth) youthTotal += 1;
		}
		if (personKey(c)) {
			const list = byPerson.get(key) ?? [];
			list.push({ channel: channelName, candidate });
			byPerson.set(key, list);
		}

		// Who may not be nominated.
		const match = matchExcludedCategory(config, c.category);
		if (match) {
			const source = sourceText(config.excludedSource);
			if (match.certain)
				issue(errors, 'EXCLUDED_CATEGORY', `${who} 人员类别为“${c.category}”，属于通知排除的“${match.excluded}”，不在推荐范围内`, { ...at, source });
			else
				issue(warnings, 'EXCLUDED_CATEGORY', `${who} 人员类别为“${c.category}”，通知排除“${match.excluded}”，请核实其现任职级`, { ...at, source });
		}
		if (c.priorTitle && config.priorTitleBlocks)
			issue(errors, 'PRIOR_TITLE', `${who} 曾获“最美”系列称号或国家级荣誉表彰，按通知原则上不再推荐`, {
				...at,
				source: sourceText(config.priorTitleSource)
			});

		// Lengths of the free texts.
		const limits = config.textLimits;
		const deeds = textLength(c.deeds);
		if (deeds > limits.deeds) {
			const slight = deeds <= limits.deeds * 1.1;
			issue(slight ? warnings : errors, 'TEXT_TOO_LONG',
				slight
					? `${who} 主要事迹 ${deeds} 字，略超 ${limits.deeds} 字左右的要求`
					: `${who} 主要事迹 ${deeds} 字，超过 ${limits.deeds} 字左右的要求10%以上`,
				{ ...at, source: textSource });
		}
		const story = textLength(c.story);
		if (story > limits.story)
			issue(errors, 'TEXT_TOO_LONG', `${who} 感人故事 ${story} 字，超过 ${limits.story} 字以内的要求`, { ...at, source: textSource });
		const awards = (c.awards ?? []).filter((a) => a.trim()).length;
		if (awards > limits.awards)
			issue(warnings, 'TEXT_TOO_LONG', `${who} 所获重要奖励 ${awards} 项，超过 ${limits.awards} 项以内的要求`, { ...at, source: textSource });
	});

	// The same person nominated twice.
	for (const rows of byPerson.values()) {
		if (rows.length < 2) continue;
		const perChannel = new Map<string, number>();
		for (const r of rows) perChannel.set(r.channel, (perChannel.get(r.channel) ?? 0) + 1);
		const channels = [...perChannel.keys()].sort(cmp);
		const candidate = rows[0].candidate;
		for (const ch of channels) {
			const n = perChannel.get(ch)!;
			if (n > 1)
				issue(errors, 'DUPLICATE_CANDIDATE', `${ch || '未填推荐单位'} 重复推荐 ${candidate}：同一推荐单位中出现 ${n} 次（姓名和出生年月相同）`, {
					candidate,
					channel: ch || undefined
				});
		}
		if (channels.length > 1)
			issue(warnings, 'DUPLICATE_CANDIDATE', `${candidate} 同时由 ${channels.map((c) => c || '未填推荐单位').join('、')} 推荐（姓名和出生年月相同），请核实是否为同一人`, {
				candidate,
				channel: channels[0] || undefined
			});
	}

	// Quotas, channel by channel.
	const ordered = [...buckets.values(), ...implicit.sort((a, b) => cmp(a.def.name, b.def.name))];
	const channels: ChannelSummary[] = [];
	for (const b of ordered) {
		const q = channelQuotaFor(config, b.def);
		const name = b.def.name;
		channels.push({ name, count: b.count, min: q.min, max: q.max, youth: b.youth });
		const at = { channel: name, source: q.source ?? sourceText(config.channelsSource) };
		if (b.count > q.max) {
			const message = q.defined
				? `${name} 推荐 ${b.count} 名，超过上限 ${q.max} 名`
				: `${name} 推荐 ${b.count} 名，但通知未给“${b.def.type}”类推荐渠道分配名额（上限 0 名）`;
			issue(errors, 'QUOTA_EXCEEDED', message, at);
		}
		if (q.min > 0 && b.count === 0)
			issue(warnings, 'QUOTA_SHORT', `${name} 未推荐候选人（应推荐 ${q.min === q.max ? q.min : `${q.min}–${q.max}`} 名）`, at);
		else if (b.count < q.min)
			issue(errors, 'QUOTA_SHORT', `${name} 推荐 ${b.count} 名，少于应推荐的 ${q.min} 名`, at);
		if (q.minYouth > 0 && b.count > 0 && b.youth < q.minYouth)
			issue(errors, 'CHANNEL_YOUTH_MISSING',
				`${name} 推荐的 ${b.count} 名候选人中45岁以下青年科技工作者 ${b.youth} 名，少于要求的 ${q.minYouth} 名`, at);
	}

	// The campaign-wide youth share (“45岁以下的科技工作者不少于20%”).
	const youthShare = total > 0 ? Math.round((youthTotal / total) * 10000) / 10000 : 0;
	if (config.youthShareMin > 0 && total > 0) {
		const need = Math.ceil(config.youthShareMin * total - 1e-9);
		if (youthTotal < need)
			issue(errors, 'YOUTH_SHARE_LOW',
				`45岁以下青年科技工作者 ${youthTotal} 名，占推荐人选 ${total} 名的 ${pct(youthTotal / total)}，低于 ${pct(config.youthShareMin)} 的要求（至少应有 ${need} 名）`,
				{ source: sourceText(config.youthShareSource) });
	}

	const order = (a: CheckIssue, b: CheckIssue) =>
		cmp(a.code, b.code) ||
		cmp(a.channel ?? '', b.channel ?? '') ||
		cmp(a.candidate ?? '', b.candidate ?? '') ||
		cmp(a.message, b.message);
	return { errors: errors.sort(order), warnings: warnings.sort(order), youthShare, channels };
}

/** The office may not start the review while the check reports errors. */
export function blocksReview(report: Pick<CheckReport, 'errors'>): boolean {
	return report.errors.length > 0;
}
