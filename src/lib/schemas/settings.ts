// The campaign settings form checked into a CampaignConfig. Each input is read by a valibot schema
// below (numbers, dates, names, picklists, the rubric key); parseDraft applies them row by row
// because the messages name the row (`学会的最多名额`, `称号“…”的名额`) and the checks across rows
// (a target's channel, repeated titles and keys) need the other rows. Errors carry the path of
// their input (`channelQuotas[2].max`) so the page shows each one beside it. The drafts the form
// shows are in domain/notice/config-draft.ts, the rule sources in domain/notice/rule-sources.ts.
import * as v from 'valibot';
import { validateConfig, type ConfigError } from '../domain/notice/config';
import { annotateSources, deadlineRule } from '../domain/notice/rule-sources';
import { isCalendarDate } from '../shared/time';
import {
	CHANNEL_TYPES,
	FIELDS,
	GROUPS,
	type BalanceTarget,
	type CampaignConfig,
	type ChannelDef,
	type ChannelQuota,
	type ChannelType,
	type RubricCriterion,
	type Tier
} from '../domain/types';
import {
	LEVELS,
	TARGET_KINDS,
	autoTargetLabel,
	draftFromValues,
	type FormValues,
	type SettingsDraft
} from '../domain/notice/config-draft';

export type { ConfigError };

// ---------- the inputs ----------

/** Half-width digits and no separators, so that “１２” and “1,500” read as numbers. */
const normNum = (s: string) =>
	s
		.trim()
		.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[,，\s]/g, '')
		.replace(/[%％]$/, '');
const nonNegativeNumber = v.pipe(
	v.string(),
	v.transform(normNum),
	v.transform(Number),
	v.number(),
	v.finite(),
	v.minValue(0)
);
const nonNegativeInteger = v.pipe(nonNegativeNumber, v.integer());

/** 2024.5.1, 2024年5月1日 → 2024-5-1 */
const dashed = (s: string) => s.replace(/[./年月]/g, '-').replace(/日$/, '');
/** 2024.5.1, 2024年5月1日, 2024-05-01 → 2024-05-01, a day that exists. */
const calendarDay = v.pipe(
	v.string(),
	v.transform((s) =>
		dashed(s)
			.split('-')
			.map((part, i) => (i === 0 ? part : part.padStart(2, '0')))
			.join('-')
	),
	v.isoDate(),
	v.check((s: string) => isCalendarDate(s))
);

/**
 * The trimmed text read by `inner`, refused with a message quoting what was typed; a blank text is
 * `undefined`, or refused with `blank.message` when the input must be filled in.
 */
function typedAs<T>(
	inner: v.GenericSchema<string, T>,
	refusal: (typed: string) => string,
	blank: { isBlank: (s: string) => boolean; message?: string }
) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.rawTransform(({ dataset, addIssue, NEVER }): T | undefined => {
			const s = dataset.value;
			if (blank.isBlank(s)) {
				if (blank.message === undefined) return undefined;
				addIssue({ message: blank.message });
				return NEVER;
			}
			const r = v.safeParse(inner, s);
			if (r.success) return r.output;
			addIssue({ message: refusal(s) });
			return NEVER;
		})
	);
}

/** A number typed into a field: 请填写青年年龄线; 地区的最多名额“十”应为非负整数. */
export function amount(label: string, o: { int?: boolean; optional?: boolean } = {}) {
	const int = o.int !== false;
	return typedAs(
		int ? nonNegativeInteger : nonNegativeNumber,
		(s) => `${label}“${s}”应为${int ? '非负整数' : '非负数'}`,
		{
			isBlank: (s) => normNum(s) === '',
			message: o.optional ? undefined : `请填写${label}`
		}
	);
}

/** A date typed into a field; blank is none: 报送截止日期“2024-02-30”不是有效日期（应为 YYYY-MM-DD）. */
export function calendarDate(label: string) {
	return typedAs(calendarDay, (s) => `${label}“${s}”不是有效日期（应为 YYYY-MM-DD）`, {
		isBlank: (s) => dashed(s) === ''
	});
}

const filled = (message: string) => v.pipe(v.string(), v.trim(), v.nonEmpty(message));
/** One entry per line, blank lines dropped. */
const lines = v.pipe(
	v.string(),
	v.transform((s) =>
		s
			.split(/\r?\n/)
			.map((x) => x.trim())
			.filter(Boolean)
	)
);

export const settingsInputs = {
	name: v.pipe(filled('请填写活动名称'), v.maxLength(200, '活动名称过长（最多 200 个字符）')),
	level: v.picklist(LEVELS, (issue) => `级别“${String(issue.input)}”无效`),
	region: filled('请填写地区'),
	hosts: v.pipe(lines, v.nonEmpty('请至少填写一个主办单位')),
	document: filled('请填写文号或通知名称'),
	classification: v.picklist(['field', 'group'], '请选择按推荐领域或推荐组别分类'),
	rubricKey: v.pipe(
		v.string(),
		v.regex(
			/^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
			(issue) => `评分项标识“${String(issue.input)}”只能使用字母开头的字母、数字、下划线或连字符`
		)
	),
	quotaType: v.picklist(CHANNEL_TYPES, (issue) => `渠道类型“${String(issue.input)}”无效`),
	targetKind: v.picklist(
		TARGET_KINDS.map((k) => k.value),
		'请选择目标类型'
	),
	fieldRef: filled('请选择领域'),
	channelTypeRef: v.picklist(CHANNEL_TYPES, '请选择渠道类型')
};

// ---------- the form ----------

type ListName = 'channelQuotas' | 'channels' | 'tiers' | 'targets' | 'rubric';
/** For each list, the form row of each config item (blank rows and unused types are skipped). */
export type RowMaps = Record<ListName, number[]>;

export type ParseResult =
	{ ok: true; config: CampaignConfig; name: string; rows: RowMaps } | { ok: false; errors: ConfigError[] };

/** A config path (`channels[3].max`) as the path of its form input. */
export function formPath(path: string, rows: RowMaps): string {
	return path.replace(/^(channelQuotas|channels|tiers|targets|rubric)\[(\d+)\]/, (whole, list: ListName, i: string) => {
		const row = rows[list][Number(i)];
		return row === undefined ? whole : `${list}[${row}]`;
	});
}

const blank = (...xs: string[]) => xs.every((x) => !x.trim());
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface ParseOptions {
	/** Review has started: classification, fields and rubric keep their saved values. */
	locked?: boolean;
}

export function parseConfigForm(values: FormValues, previous: CampaignConfig, opts: ParseOptions = {}): ParseResult {
	return parseDraft(draftFromValues(values), previous, opts);
}

export function parseDraft(d: SettingsDraft, previous: CampaignConfig, opts: ParseOptions = {}): ParseResult {
	const errors: ConfigError[] = [];
	const err = (path: string, message: string) => errors.push({ path, message });
	/** The input at `path` read by `schema`; a refusal is noted under the path. */
	const read = <S extends v.GenericSchema>(path: string, schema: S, input: unknown) => {
		const r = v.safeParse(schema, input, { abortPipeEarly: true });
		if (r.success) return { ok: true as const, value: r.output as v.InferOutput<S> };
		err(path, r.issues[0].message);
		return { ok: false as const };
	};
	/**
	 * A number, NaN when refused (the shared validation then says nothing more about it); an
	 * optional one is undefined when blank.
	 */
	const optNum = (path: string, label: string, raw: string, o: { int?: boolean; optional?: boolean } = {}) => {
		const r = read(path, amount(label, o), raw);
		return r.ok ? r.value : NaN;
	};
	const num = (path: string, label: string, raw: string, o: { int?: boolean } = {}): number =>
		optNum(path, label, raw, o) ?? NaN;
	const rows: RowMaps = { channelQuotas: [], channels: [], tiers: [], targets: [], rubric: [] };

	read('name', settingsInputs.name, d.name);
	const name = d.name.trim();
	read('level', settingsInputs.level, d.level);
	read('region', settingsInputs.region, d.region);
	const hostsRead = read('hosts', settingsInputs.hosts, d.hosts);
	const hosts = hostsRead.ok ? hostsRead.value : [];
	read('document', settingsInputs.document, d.document);

	// 推荐领域 and 评分标准: frozen once review has started.
	let classification = previous.classification;
	let fields = previous.fields;
	let rubric = previous.rubric;
	const rubricRows = d.rubric.map((r, i) => ({ r, i })).filter(({ r }) => !blank(r.key, r.name, r.max, r.description));
	const parsedRubric: RubricCriterion[] = rubricRows.map(({ r, i }) => {
		rows.rubric.push(i);
		return {
			key: r.key.trim() || `c${i + 1}`,
			name: r.name.trim(),
			max: num(`rubric[${i}].max`, '满分', r.max, { int: false }),
			description: r.description.trim()
		};
	});
	if (opts.locked) {
		const LOCKED = '评审已开始，不能再修改';
		if (d.classification && d.classification !== previous.classification) err('classification', `${LOCKED}领域分类`);
		if (d.fields.length && !sameJson(d.fields, previous.fields)) err('fields', `${LOCKED}推荐领域`);
		if (rubricRows.length && !sameJson(parsedRubric, previous.rubric)) err('rubric', `${LOCKED}评分标准`);
		rows.rubric = previous.rubric.map((_, i) => i);
	} else {
		const c = read('classification', settingsInputs.classification, d.classification);
		if (c.ok) classification = c.value;
		const allowed: readonly string[] = classification === 'group' ? GROUPS : FIELDS;
		const stray = d.fields.filter((f) => !allowed.includes(f));
		if (stray.length)
			err('fields', `“${stray.join('、')}”不属于${classification === 'group' ? '推荐组别' : '推荐领域'}，请重新勾选`);
		fields = allowed.filter((f) => d.fields.includes(f));
		rubric = parsedRubric;
		const keys = new Set<string>();
		rubric.forEach((r, j) => {
			const i = rows.rubric[j];
			if (read(`rubric[${i}].key`, settingsInputs.rubricKey, r.key).ok && keys.has(r.key))
				err(`rubric[${i}].key`, `评分项标识“${r.key}”重复`);
			keys.add(r.key);
		});
	}

	const channelQuotas: ChannelQuota[] = [];
	d.channelQuotas.forEach((q, i) => {
		if (!q.enabled) return;
		const type = read(`channelQuotas[${i}].type`, settingsInputs.quotaType, q.type);
		if (!type.ok) return;
		rows.channelQuotas.push(i);
		channelQuotas.push({
			type: type.value,
			min: num(`channelQuotas[${i}].min`, `${q.type}的最少名额`, q.min || '0'),
			max: num(`channelQuotas[${i}].max`, `${q.type}的最多名额`, q.max),
			minYouth: num(`channelQuotas[${i}].minYouth`, `${q.type}的最少青年人数`, q.minYouth || '0')
		});
	});

	const channels: ChannelDef[] = [];
	d.channels.forEach((c, i) => {
		if (blank(c.name, c.min, c.max, c.minYouth)) return; // an unused row
		rows.channels.push(i);
		const def: ChannelDef = { name: c.name.trim(), type: c.type as ChannelType };
		for (const [k, label] of [
			['min', '最少名额'],
			['max', '最多名额'],
			['minYouth', '最少青年人数']
		] as const) {
			const n = optNum(`channels[${i}].${k}`, `“${def.name}”的${label}`, c[k], { optional: true });
			if (n !== undefined) def[k] = n;
		}
		if (def.min !== undefined && def.max !== undefined && def.min > def.max)
			err(`channels[${i}].max`, `“${def.name}”的最少名额 ${def.min} 大于最多名额 ${def.max}`);
		channels.push(def);
	});

	const youthAge = num('youthAge', '青年年龄线', d.youthAge);
	const sharePct = num('youthShareMin', '青年比例下限', d.youthShareMin || '0', { int: false });
	const youthShareMin = Number((sharePct / 100).toFixed(6));
	const textLimits = {
		deeds: num('textLimits.deeds', '主要事迹字数上限', d.textLimits.deeds),
		story: num('textLimits.story', '感人故事字数上限', d.textLimits.story),
		awards: num('textLimits.awards', '奖励条数上限', d.textLimits.awards)
	};

	const tiers: Tier[] = [];
	d.tiers.forEach((t, i) => {
		if (blank(t.name, t.size)) return;
		rows.tiers.push(i);
		const tier: Tier = { name: t.name.trim(), size: num(`tiers[${i}].size`, `称号“${t.name.trim()}”的名额`, t.size) };
		if (t.subsetOf.trim()) tier.subsetOf = t.subsetOf.trim();
		if (tier.subsetOf && tier.subsetOf === tier.name) err(`tiers[${i}].subsetOf`, `称号“${tier.name}”不能从自身中产生`);
		if (tiers.some((x) => x.name === tier.name) && tier.name) err(`tiers[${i}].name`, `称号“${tier.name}”重复`);
		tiers.push(tier);
	});

	const targets: BalanceTarget[] = [];
	d.targets.forEach((t, i) => {
		if (!t.kind && blank(t.ref, t.share, t.count, t.label)) return;
		const at = `targets[${i}]`;
		const kind = read(`${at}.kind`, settingsInputs.targetKind, t.kind);
		if (!kind.ok) return;
		const count = () => num(`${at}.count`, '人数', t.count);
		const ref = t.ref.trim();
		let target: BalanceTarget;
		if (kind.value === 'youth' || kind.value === 'woman' || kind.value === 'grassroots') {
			// 青年 / 女性 / 基层一线 at least a share, a number, or both
			const share = optNum(`${at}.share`, '比例', t.share, { optional: true, int: false });
			target = { kind: 'atLeast', group: kind.value };
			if (share !== undefined) target.share = Number((share / 100).toFixed(6));
			const n = optNum(`${at}.count`, '人数', t.count, { optional: true });
			if (n !== undefined) target.count = n;
		} else if (kind.value === 'atLeastField') {
			read(`${at}.ref`, settingsInputs.fieldRef, t.ref);
			target = { kind: 'atLeastField', field: ref, count: count() };
			if (target.count === 0) err(`${at}.count`, '领域至少人数应为正整数');
		} else if (kind.value === 'atMostChannel') {
			const names = channels.map((c) => c.name);
			const channel = ref ? v.picklist(names, `推荐渠道“${ref}”不在渠道列表中`) : v.picklist(names, '请选择推荐渠道');
			read(`${at}.ref`, channel, ref);
			target = { kind: 'atMostChannel', channel: ref, count: count() };
		} else {
			read(`${at}.ref`, settingsInputs.channelTypeRef, t.ref);
			target = { kind: 'atMostChannelType', channelType: t.ref as ChannelType, count: count() };
		}
		rows.targets.push(i);
		const label = t.label.trim() || autoTargetLabel(target, youthAge);
		targets.push({ ...target, label });
	});

	// The youth cut-off and the deadline: dates the office may set (the notice's are the defaults).
	const dateOf = (path: string, label: string, raw: string) => {
		const r = read(path, calendarDate(label), raw);
		return r.ok ? r.value : undefined;
	};
	const intake = { ...(previous.intake ?? {}) };
	const cutoff = dateOf('youthBornOnOrAfter', '青年出生日期界限', d.youthBornOnOrAfter ?? '');
	if (cutoff) intake.youthBornOnOrAfter = cutoff;
	else delete intake.youthBornOnOrAfter;
	const deadline = dateOf('deadline', '报送截止日期', d.deadline ?? '');
	if (deadline) intake.deadline = deadlineRule(previous, deadline);
	else delete intake.deadline;

	const next: CampaignConfig = {
		...previous,
		level: d.level as CampaignConfig['level'],
		region: d.region.trim(),
		hosts,
		document: d.document.trim(),
		referenceDate: d.referenceDate.trim(),
		classification,
		fields,
		channelQuotas,
		channels,
		youthAge,
		youthShareMin,
		excludedCategories: v.parse(lines, d.excludedCategories),
		priorTitleBlocks: d.priorTitleBlocks,
		selfNominationAllowed: !d.noSelfNomination,
		mustWorkInRegion: d.mustWorkInRegion,
		textLimits,
		tiers,
		targets,
		publicNoticeWorkdays: num('publicNoticeWorkdays', '公示期工作日数', d.publicNoticeWorkdays),
		rubric
	};
	if (Object.keys(intake).length) next.intake = intake;
	else delete next.intake;
	annotateSources(next, previous);

	// The shared validation, its paths moved onto the form rows; a field with a parse error
	// already has its message.
	const taken = new Set(errors.map((e) => e.path));
	for (const e of validateConfig(next)) {
		const path = formPath(e.path, rows);
		if (!taken.has(path) && !errors.some((x) => x.path === path && x.message === e.message))
			errors.push({ path, message: e.message });
	}
	return errors.length ? { ok: false, errors } : { ok: true, config: next, name, rows };
}
