// The settings form as strings: a CampaignConfig as a draft (one string per input), the draft as
// the values the form posts, and posted values back as a draft. Input names are config paths
// (`channelQuotas[2].max`). Pure; parsing and validation are in $lib/schemas/settings.ts.
import { CHANNEL_TYPES, type BalanceTarget, type CampaignConfig, type ChannelType } from '../types';

export const LEVELS = ['市级', '省级', '自治区级', '全国'] as const;

/** Submitted values by input name (what FormData / URLSearchParams hold, files dropped). */
export type FormValues = Record<string, string[]>;

export function formValuesFrom(
	input: Map<string, string[]> | { entries(): Iterable<[string, unknown]> } | FormValues
): FormValues {
	const out: FormValues = {};
	if (input instanceof Map) {
		for (const [k, v] of input) out[k] = [...v];
		return out;
	}
	if (typeof (input as { entries?: unknown }).entries === 'function' && !Array.isArray(input)) {
		for (const [k, v] of (input as { entries(): Iterable<[string, unknown]> }).entries())
			if (typeof v === 'string') (out[k] ??= []).push(v);
			else if (Array.isArray(v)) (out[k] ??= []).push(...v.map(String));
		return out;
	}
	return { ...(input as FormValues) };
}

// ---------- the draft: one string per input ----------

export type TargetKind = 'youth' | 'woman' | 'grassroots' | 'atLeastField' | 'atMostChannel' | 'atMostChannelType';
export const TARGET_KINDS: { value: TargetKind; label: string }[] = [
	{ value: 'youth', label: '青年至少' },
	{ value: 'woman', label: '女性至少' },
	{ value: 'grassroots', label: '基层一线至少' },
	{ value: 'atLeastField', label: '领域至少' },
	{ value: 'atMostChannel', label: '渠道至多' },
	{ value: 'atMostChannelType', label: '渠道类型至多' }
];

export interface QuotaRow {
	type: ChannelType;
	enabled: boolean;
	min: string;
	max: string;
	minYouth: string;
}
export interface ChannelRow {
	name: string;
	type: string;
	min: string;
	max: string;
	minYouth: string;
}
export interface TierRow {
	name: string;
	size: string;
	subsetOf: string;
}
export interface TargetRow {
	kind: TargetKind | '';
	ref: string;
	share: string;
	count: string;
	label: string;
}
export interface RubricRow {
	key: string;
	name: string;
	max: string;
	description: string;
}

export interface SettingsDraft {
	name: string;
	level: string;
	region: string;
	hosts: string; // one per line
	document: string;
	referenceDate: string;
	classification: string; // 'field' | 'group' ('' when not submitted)
	fields: string[];
	channelQuotas: QuotaRow[];
	channels: ChannelRow[];
	youthAge: string;
	/** The office's youth cut-off as a birth date (YYYY-MM-DD); empty: reference date − youth age. */
	youthBornOnOrAfter: string;
	/** Submission deadline (YYYY-MM-DD); empty: none. */
	deadline: string;
	youthShareMin: string; // percent
	excludedCategories: string; // one per line
	priorTitleBlocks: boolean;
	noSelfNomination: boolean;
	mustWorkInRegion: boolean;
	textLimits: { deeds: string; story: string; awards: string };
	tiers: TierRow[];
	targets: TargetRow[];
	rubric: RubricRow[];
	publicNoticeWorkdays: string;
}

export const emptyChannel = (): ChannelRow => ({ name: '', type: '地区', min: '', max: '', minYouth: '' });
export const emptyTier = (): TierRow => ({ name: '', size: '', subsetOf: '' });
export const emptyTarget = (): TargetRow => ({ kind: '', ref: '', share: '', count: '', label: '' });
export const emptyRubric = (): RubricRow => ({ key: '', name: '', max: '', description: '' });

/** Percent text of a share: 0.2 → "20". */
function percent(share: number): string {
	return String(Number((share * 100).toFixed(4)));
}
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

function targetKind(t: BalanceTarget): TargetKind {
	return t.kind === 'atLeast' ? t.group : t.kind;
}

/** The label a target gets when the office leaves 说明 empty; the presets' labels read the same. */
export function autoTargetLabel(t: BalanceTarget, youthAge: number): string {
	switch (t.kind) {
		case 'atLeast': {
			const who = {
				youth: `${youthAge}岁以下青年科技工作者`,
				woman: '女性科技工作者',
				grassroots: '基层一线科技工作者'
			}[t.group];
			const parts = [t.share !== undefined ? `${percent(t.share)}%` : '', t.count !== undefined ? `${t.count}名` : ''];
			return `${who}不少于${parts.filter(Boolean).join('且不少于')}`;
		}
		case 'atLeastField':
			return `${t.field}至少${t.count}名`;
		case 'atMostChannel':
			return `${t.channel}至多${t.count}名`;
		case 'atMostChannelType':
			return `${t.channelType}类渠道至多${t.count}名`;
	}
}

export function draftFromConfig(c: CampaignConfig, name: string): SettingsDraft {
	const used = new Set(c.channelQuotas.map((q) => q.type));
	return {
		name,
		level: c.level,
		region: c.region,
		hosts: c.hosts.join('\n'),
		document: c.document,
		referenceDate: c.referenceDate,
		classification: c.classification,
		fields: [...c.fields],
		channelQuotas: [
			...c.channelQuotas.map((q) => ({
				type: q.type,
				enabled: true,
				min: str(q.min),
				max: str(q.max),
				minYouth: str(q.minYouth)
			})),
			...CHANNEL_TYPES.filter((t) => !used.has(t)).map((type) => ({
				type,
				enabled: false,
				min: '0',
				max: '',
				minYouth: '0'
			}))
		],
		channels: c.channels.map((ch) => ({
			name: ch.name,
			type: ch.type,
			min: str(ch.min),
			max: str(ch.max),
			minYouth: str(ch.minYouth)
		})),
		youthAge: str(c.youthAge),
		youthBornOnOrAfter: c.intake?.youthBornOnOrAfter ?? '',
		deadline: c.intake?.deadline?.date ?? '',
		youthShareMin: percent(c.youthShareMin),
		excludedCategories: c.excludedCategories.join('\n'),
		priorTitleBlocks: c.priorTitleBlocks,
		noSelfNomination: !c.selfNominationAllowed,
		mustWorkInRegion: c.mustWorkInRegion,
		textLimits: { deeds: str(c.textLimits.deeds), story: str(c.textLimits.story), awards: str(c.textLimits.awards) },
		tiers: c.tiers.map((t) => ({ name: t.name, size: str(t.size), subsetOf: t.subsetOf ?? '' })),
		targets: c.targets.map((t) => ({
			kind: targetKind(t),
			ref:
				t.kind === 'atLeastField'
					? t.field
					: t.kind === 'atMostChannel'
						? t.channel
						: t.kind === 'atMostChannelType'
							? t.channelType
							: '',
			share: t.kind === 'atLeast' && t.share !== undefined ? percent(t.share) : '',
			count: t.kind === 'atLeast' ? str(t.count) : String(t.count),
			// An automatic label is left empty so that it follows the numbers when they change.
			label: t.label === undefined || t.label === autoTargetLabel(t, c.youthAge) ? '' : t.label
		})),
		rubric: c.rubric.map((r) => ({ key: r.key, name: r.name, max: str(r.max), description: r.description })),
		publicNoticeWorkdays: str(c.publicNoticeWorkdays)
	};
}

/** Reads the submitted values back into a draft (also used to re-show a refused form). */
export function draftFromValues(v: FormValues): SettingsDraft {
	const get = (k: string) => v[k]?.[0] ?? '';
	const on = (k: string) => (v[k] ?? []).length > 0;
	const count = (list: string) => {
		let n = 0;
		const re = new RegExp(`^${list}\\[(\\d+)\\]\\.`);
		for (const k of Object.keys(v)) {
			const m = re.exec(k);
			if (m) n = Math.max(n, Number(m[1]) + 1);
		}
		return Math.min(n, 2000);
	};
	const rows = <T>(list: string, make: (at: (k: string) => string, i: number) => T): T[] =>
		Array.from({ length: count(list) }, (_, i) => make((k) => get(`${list}[${i}].${k}`), i));
	return {
		name: get('name'),
		level: get('level'),
		region: get('region'),
		hosts: get('hosts'),
		document: get('document'),
		referenceDate: get('referenceDate'),
		classification: get('classification'),
		fields: [...(v.fields ?? [])],
		channelQuotas: rows('channelQuotas', (at, i) => ({
			type: at('type') as ChannelType,
			enabled: on(`channelQuotas[${i}].enabled`),
			min: at('min'),
			max: at('max'),
			minYouth: at('minYouth')
		})),
		channels: rows('channels', (at) => ({
			name: at('name'),
			type: at('type'),
			min: at('min'),
			max: at('max'),
			minYouth: at('minYouth')
		})),
		youthAge: get('youthAge'),
		youthBornOnOrAfter: get('youthBornOnOrAfter'),
		deadline: get('deadline'),
		youthShareMin: get('youthShareMin'),
		excludedCategories: get('excludedCategories'),
		priorTitleBlocks: on('priorTitleBlocks'),
		noSelfNomination: on('noSelfNomination'),
		mustWorkInRegion: on('mustWorkInRegion'),
		textLimits: { deeds: get('textLimits.deeds'), story: get('textLimits.story'), awards: get('textLimits.awards') },
		tiers: rows('tiers', (at) => ({ name: at('name'), size: at('size'), subsetOf: at('subsetOf') })),
		targets: rows('targets', (at) => ({
			kind: at('kind') as TargetKind | '',
			ref: at('ref'),
			share: at('share'),
			count: at('count'),
			label: at('label')
		})),
		rubric: rows('rubric', (at) => ({
			key: at('key'),
			name: at('name'),
			max: at('max'),
			description: at('description')
		})),
		publicNoticeWorkdays: get('publicNoticeWorkdays')
	};
}

/** DOM id of the input for a path: `channelQuotas[2].max` → `f-channelQuotas-2-max`. */
export function inputId(path: string): string {
	return 'f-' + path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}
