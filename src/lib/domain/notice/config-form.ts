// Parsing of the campaign settings form: posted values → CampaignConfig, or errors whose paths
// name the inputs (`channelQuotas[2].max`). Pure; the drafts it reads are in ./config-draft.ts.
//
// Rule sources (decision): a RuleSource's `document` and `clause` are a quotation of the notice and
// are never rewritten. When the numbers a source describes change, the source is kept and gains
// `note: '已根据活动办公室设置修改'` (AnnotatedRuleSource). When the numbers return to what the
// notice says (the preset's values under the same clause), the note is dropped again.
import { validateConfig, type ConfigError } from './config';
import { getPreset } from './presets';
import { isCalendarDate } from '../../shared/time';
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
	type RuleSource,
	type Tier
} from '../types';
import { LEVELS, autoTargetLabel, draftFromValues, type FormValues, type SettingsDraft } from './config-draft';

export * from './config-draft';
export type { ConfigError };
export const MODIFIED_NOTE = '已根据活动办公室设置修改';
export type AnnotatedRuleSource = RuleSource & { note?: string };
const AT_LEAST_GROUPS = ['youth', 'woman', 'grassroots'] as const;

// ---------- parsing ----------

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

const lines = (s: string) =>
	s
		.split(/\r?\n/)
		.map((x) => x.trim())
		.filter(Boolean);
const blank = (...xs: string[]) => xs.every((x) => !x.trim());
/** Half-width digits and no separators, so that “１２” and “1,500” read as numbers. */
const normNum = (s: string) =>
	s
		.trim()
		.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[,，\s]/g, '')
		.replace(/[%％]$/, '');
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
	const num = (
		path: string,
		label: string,
		raw: string,
		o: { int?: boolean; optional?: boolean } = {}
	): number | undefined => {
		const s = normNum(raw);
		if (!s) {
			if (!o.optional) err(path, `请填写${label}`);
			return o.optional ? undefined : NaN;
		}
		const n = Number(s);
		if (!Number.isFinite(n) || (o.int !== false && !Number.isInteger(n)) || n < 0) {
			err(path, `${label}“${raw.trim()}”应为${o.int === false ? '非负数' : '非负整数'}`);
			return NaN;
		}
		return n;
	};
	const rows: RowMaps = { channelQuotas: [], channels: [], tiers: [], targets: [], rubric: [] };

	const name = d.name.trim();
	if (!name) err('name', '请填写活动名称');
	else if (name.length > 200) err('name', '活动名称过长（最多 200 个字符）');
	if (!(LEVELS as readonly string[]).includes(d.level)) err('level', `级别“${d.level}”无效`);
	if (!d.region.trim()) err('region', '请填写地区');
	const hosts = lines(d.hosts);
	if (!hosts.length) err('hosts', '请至少填写一个主办单位');
	if (!d.document.trim()) err('document', '请填写文号或通知名称');

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
			max: num(`rubric[${i}].max`, '满分', r.max, { int: false }) as number,
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
		if (d.classification !== 'field' && d.classification !== 'group')
			err('classification', '请选择按推荐领域或推荐组别分类');
		else classification = d.classification;
		const allowed: readonly string[] = classification === 'group' ? GROUPS : FIELDS;
		const stray = d.fields.filter((f) => !allowed.includes(f));
		if (stray.length)
			err('fields', `“${stray.join('、')}”不属于${classification === 'group' ? '推荐组别' : '推荐领域'}，请重新勾选`);
		fields = allowed.filter((f) => d.fields.includes(f));
		rubric = parsedRubric;
		const keys = new Set<string>();
		rubric.forEach((r, j) => {
			const i = rows.rubric[j];
			if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(r.key))
				err(`rubric[${i}].key`, `评分项标识“${r.key}”只能使用字母开头的字母、数字、下划线或连字符`);
			else if (keys.has(r.key)) err(`rubric[${i}].key`, `评分项标识“${r.key}”重复`);
			keys.add(r.key);
		});
	}

	const channelQuotas: ChannelQuota[] = [];
	d.channelQuotas.forEach((q, i) => {
		if (!q.enabled) return;
		if (!CHANNEL_TYPES.includes(q.type)) return err(`channelQuotas[${i}].type`, `渠道类型“${q.type}”无效`);
		rows.channelQuotas.push(i);
		channelQuotas.push({
			type: q.type,
			min: num(`channelQuotas[${i}].min`, `${q.type}的最少名额`, q.min || '0') as number,
			max: num(`channelQuotas[${i}].max`, `${q.type}的最多名额`, q.max) as number,
			minYouth: num(`channelQuotas[${i}].minYouth`, `${q.type}的最少青年人数`, q.minYouth || '0') as number
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
			const n = num(`channels[${i}].${k}`, `“${def.name}”的${label}`, c[k], { optional: true });
			if (n !== undefined) def[k] = n;
		}
		if (def.min !== undefined && def.max !== undefined && def.min > def.max)
			err(`channels[${i}].max`, `“${def.name}”的最少名额 ${def.min} 大于最多名额 ${def.max}`);
		channels.push(def);
	});

	const youthAge = num('youthAge', '青年年龄线', d.youthAge) as number;
	const sharePct = num('youthShareMin', '青年比例下限', d.youthShareMin || '0', { int: false }) as number;
	const youthShareMin = Number((sharePct / 100).toFixed(6));
	const textLimits = {
		deeds: num('textLimits.deeds', '主要事迹字数上限', d.textLimits.deeds) as number,
		story: num('textLimits.story', '感人故事字数上限', d.textLimits.story) as number,
		awards: num('textLimits.awards', '奖励条数上限', d.textLimits.awards) as number
	};

	const tiers: Tier[] = [];
	d.tiers.forEach((t, i) => {
		if (blank(t.name, t.size)) return;
		rows.tiers.push(i);
		const tier: Tier = {
			name: t.name.trim(),
			size: num(`tiers[${i}].size`, `称号“${t.name.trim()}”的名额`, t.size) as number
		};
		if (t.subsetOf.trim()) tier.subsetOf = t.subsetOf.trim();
		if (tier.subsetOf && tier.subsetOf === tier.name) err(`tiers[${i}].subsetOf`, `称号“${tier.name}”不能从自身中产生`);
		if (tiers.some((x) => x.name === tier.name) && tier.name) err(`tiers[${i}].name`, `称号“${tier.name}”重复`);
		tiers.push(tier);
	});

	const targets: BalanceTarget[] = [];
	d.targets.forEach((t, i) => {
		if (!t.kind && blank(t.ref, t.share, t.count, t.label)) return;
		const at = `targets[${i}]`;
		const count = (optional = false) => num(`${at}.count`, '人数', t.count, { optional });
		let target: BalanceTarget;
		if ((AT_LEAST_GROUPS as readonly string[]).includes(t.kind)) {
			const share = num(`${at}.share`, '比例', t.share, { optional: true, int: false });
			target = { kind: 'atLeast', group: t.kind as (typeof AT_LEAST_GROUPS)[number] };
			if (share !== undefined) target.share = Number((share / 100).toFixed(6));
			const n = count(true);
			if (n !== undefined) target.count = n;
		} else if (t.kind === 'atLeastField') {
			if (!t.ref.trim()) err(`${at}.ref`, '请选择领域');
			target = { kind: 'atLeastField', field: t.ref.trim(), count: count() as number };
			if (target.count === 0) err(`${at}.count`, '领域至少人数应为正整数');
		} else if (t.kind === 'atMostChannel') {
			if (!channels.some((c) => c.name === t.ref.trim()))
				err(`${at}.ref`, t.ref.trim() ? `推荐渠道“${t.ref.trim()}”不在渠道列表中` : '请选择推荐渠道');
			target = { kind: 'atMostChannel', channel: t.ref.trim(), count: count() as number };
		} else if (t.kind === 'atMostChannelType') {
			if (!CHANNEL_TYPES.includes(t.ref as ChannelType)) err(`${at}.ref`, '请选择渠道类型');
			target = { kind: 'atMostChannelType', channelType: t.ref as ChannelType, count: count() as number };
		} else return err(`${at}.kind`, '请选择目标类型');
		rows.targets.push(i);
		const label = t.label.trim() || autoTargetLabel(target, youthAge);
		targets.push({ ...target, label });
	});

	// The youth cut-off and the deadline: dates the office may set (the notice's are the defaults).
	const dateOf = (path: string, label: string, raw: string): string | undefined => {
		const t = raw
			.trim()
			.replace(/[./年月]/g, '-')
			.replace(/日$/, '');
		if (!t) return undefined;
		const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
		const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
		const ok = isCalendarDate(iso);
		if (!ok) err(path, `${label}“${raw.trim()}”不是有效日期（应为 YYYY-MM-DD）`);
		return ok ? iso : undefined;
	};
	const intake = { ...(previous.intake ?? {}) };
	const cutoff = dateOf('youthBornOnOrAfter', '青年出生日期界限', d.youthBornOnOrAfter ?? '');
	if (cutoff) intake.youthBornOnOrAfter = cutoff;
	else delete intake.youthBornOnOrAfter;
	const deadline = dateOf('deadline', '报送截止日期', d.deadline ?? '');
	if (deadline) {
		const before = previous.intake?.deadline;
		const preset = previous.presetId ? getPreset(previous.presetId)?.intake?.deadline : undefined;
		const base = before ?? preset;
		intake.deadline = base
			? {
					...base,
					date: deadline,
					source:
						preset && deadline === preset.date
							? { document: preset.source.document, clause: preset.source.clause }
							: ({
									document: base.source.document,
									clause: base.source.clause,
									note: MODIFIED_NOTE
								} as AnnotatedRuleSource)
				}
			: {
					date: deadline,
					refuse: false,
					source: { document: previous.document, clause: '活动办公室设定的报送截止日期' }
				};
	} else delete intake.deadline;

	const level = d.level as CampaignConfig['level'];
	const next: CampaignConfig = {
		...previous,
		level,
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
		excludedCategories: lines(d.excludedCategories),
		priorTitleBlocks: d.priorTitleBlocks,
		selfNominationAllowed: !d.noSelfNomination,
		mustWorkInRegion: d.mustWorkInRegion,
		textLimits,
		tiers,
		targets,
		publicNoticeWorkdays: num('publicNoticeWorkdays', '公示期工作日数', d.publicNoticeWorkdays) as number,
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

// ---------- rule sources ----------

function noted(
	source: AnnotatedRuleSource | undefined,
	now: unknown,
	before: unknown,
	fromPreset: { source?: RuleSource; values: unknown } | undefined
): AnnotatedRuleSource | undefined {
	if (!source) return undefined;
	const plain: AnnotatedRuleSource = { document: source.document, clause: source.clause };
	// What the quoted sentence states: the preset's numbers under the same clause, else the
	// saved numbers as long as they were not already changed.
	let stated: { values: unknown } | undefined;
	if (
		fromPreset?.source &&
		fromPreset.source.document === source.document &&
		fromPreset.source.clause === source.clause
	)
		stated = fromPreset;
	else if (!source.note) stated = { values: before };
	if (!stated) return { ...source };
	return sameJson(now, stated.values) ? plain : { ...plain, note: MODIFIED_NOTE };
}

/** Sets the sources of `next` from `previous`, noting every rule the office changed. */
function annotateSources(next: CampaignConfig, previous: CampaignConfig): void {
	const preset = previous.presetId ? getPreset(previous.presetId) : undefined;
	const quotaNums = (q: ChannelQuota | undefined) => (q ? [q.min, q.max, q.minYouth] : null);
	next.channelQuotas = next.channelQuotas.map((q) => {
		const before = previous.channelQuotas.find((p) => p.type === q.type);
		const fromPreset = preset?.channelQuotas.find((p) => p.type === q.type);
		const source = noted(
			before ? before.source : fromPreset?.source,
			quotaNums(q),
			before ? quotaNums(before) : quotaNums(fromPreset),
			fromPreset && { source: fromPreset.source, values: quotaNums(fromPreset) }
		);
		const { source: _drop, ...rest } = q;
		return source ? { ...rest, source } : rest;
	});
	const simple = <K extends 'youthShareSource' | 'excludedSource' | 'priorTitleSource' | 'textLimitsSource'>(
		key: K,
		pick: (c: CampaignConfig) => unknown
	) => {
		const source = noted(
			previous[key],
			pick(next),
			pick(previous),
			preset && { source: preset[key], values: pick(preset) }
		);
		if (source) next[key] = source;
		else delete next[key];
	};
	simple('youthShareSource', (c) => [c.youthAge, c.youthShareMin]);
	simple('excludedSource', (c) => c.excludedCategories);
	simple('priorTitleSource', (c) => c.priorTitleBlocks);
	simple('textLimitsSource', (c) => c.textLimits);
}
