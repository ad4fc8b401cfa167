// Balance targets of the final list (CampaignConfig.targets) in the selection engine's terms, and
// the one change the organizer may make to them for a single run: relaxing, never tightening.
import { CHANNEL_TYPES, type BalanceTarget, type CampaignConfig, type ChannelType } from '../types';
import type { SelectionRule } from './';
import { autoTargetLabel } from '../notice/config-draft';
import { formatBeijing } from '../../shared/time';

/** Channel types become groups such as `渠道:地区`, which every candidate of that type carries. */
export function targetsToRules(targets: BalanceTarget[]): { atLeast: SelectionRule[]; atMost: SelectionRule[] } {
	const atLeast: SelectionRule[] = [];
	const atMost: SelectionRule[] = [];
	for (const t of targets) {
		if (t.kind === 'atLeast')
			atLeast.push({
				group: t.group,
				...(t.share !== undefined ? { share: t.share } : { count: t.count ?? 0 }),
				label: t.label
			});
		else if (t.kind === 'atLeastField') atLeast.push({ field: t.field, count: t.count, label: t.label });
		else if (t.kind === 'atMostChannel') atMost.push({ channel: t.channel, count: t.count, label: t.label });
		else atMost.push({ group: `渠道:${t.channelType}`, count: t.count, label: t.label });
	}
	return { atLeast, atMost };
}

/** Whether the target is a share (shown in %) or a head count. */
export const targetUnit = (t: BalanceTarget): 'share' | 'count' =>
	t.kind === 'atLeast' && t.share !== undefined ? 'share' : 'count';

/** The number the organizer sees: a share in % (one decimal) or a count. */
export const targetValue = (t: BalanceTarget): number =>
	t.kind === 'atLeast' && t.share !== undefined ? Math.round(t.share * 1000) / 10 : (t.count ?? 0);

/**
 * The target with a new number for one run, or why not: at-least targets may only go down and
 * at-most targets only up (tightening belongs in the campaign settings, where it is audited).
 * `label` names the target in the message.
 */
export function relaxTarget(
	t: BalanceTarget,
	raw: string,
	label: string,
	youthAge: number
): { target: BalanceTarget; changed: boolean } | { error: string } {
	const v = Number(raw);
	const unit = targetUnit(t);
	if (!Number.isFinite(v) || v < 0 || (unit === 'count' && !Number.isInteger(v)) || (unit === 'share' && v > 100))
		return { error: `“${label}”的${unit === 'share' ? '比例应为 0–100 之间的数' : '人数应为非负整数'}，收到“${raw}”` };
	const was = targetValue(t);
	if (v === was) return { target: t, changed: false };
	const atLeast = t.kind === 'atLeast' || t.kind === 'atLeastField';
	if (atLeast ? v > was : v < was)
		return {
			error: `“${label}”在此处只能放宽（${atLeast ? '不高于' : '不低于'} ${was}${unit === 'share' ? '%' : '名'}）；如需提高要求，请在“设置”中修改名单平衡目标`
		};
	const next: BalanceTarget =
		t.kind === 'atLeast'
			? unit === 'share'
				? { kind: 'atLeast', group: t.group, share: v / 100 }
				: { kind: 'atLeast', group: t.group, count: v }
			: { ...t, count: v, label: undefined };
	const clean = Object.fromEntries(Object.entries(next).filter(([, x]) => x !== undefined)) as BalanceTarget;
	// the relaxed number is this run's; where the target itself comes from does not change
	const from = Object.fromEntries(
		Object.entries({ origin: t.origin, source: t.source, setBy: t.setBy, setAt: t.setAt }).filter(
			([, x]) => x !== undefined
		)
	);
	return { target: { ...clean, ...from, label: autoTargetLabel(clean, youthAge) }, changed: true };
}

// ---------------------------------------------------------------- provenance
// SPEC "How the notices are read": targets for the final list come from the notice when it sets
// them, otherwise from the office, and every target and every lift says which.

/**
 * “通知：…（原文：…）” or “活动办公室设定：…，由某某于某时设定”. A target without a recorded origin
 * predates the record: it is not the notice's, so it is the office's with the setter unknown.
 */
export function provenanceText(t: BalanceTarget, label: string): string {
	if (t.origin === 'notice' && t.source)
		return `通知：${label}（${t.source.document}：“${t.source.clause.slice(t.source.clause.indexOf('：') + 1)}”）`;
	if (t.setBy && t.setAt !== undefined) return `活动办公室设定：${label}，由${t.setBy}于${formatBeijing(t.setAt)}设定`;
	return `活动办公室设定：${label}（设定人未记录）`;
}

const identity = (t: BalanceTarget): string => {
	const { kind } = t;
	const ref =
		t.kind === 'atLeast'
			? t.group
			: t.kind === 'atLeastField'
				? t.field
				: t.kind === 'atMostChannel'
					? t.channel
					: t.channelType;
	return `${kind}\u0000${ref}\u0000${targetUnit(t)}`;
};
const sameValue = (a: BalanceTarget, b: BalanceTarget) =>
	targetValue(a) === targetValue(b) &&
	(a.kind !== 'atLeast' || b.kind !== 'atLeast' || (a.count ?? null) === (b.count ?? null));

/**
 * Provenance for a saved list of targets: an unchanged target keeps its own; a new or changed one
 * is the office's, set by `who` at `at` (a notice target whose number the office changes becomes
 * the office's: the notice no longer says it).
 */
export function stampTargets(
	before: readonly BalanceTarget[],
	next: readonly BalanceTarget[],
	who: string,
	at: number
): BalanceTarget[] {
	return next.map((t) => {
		const old = before.find((b) => identity(b) === identity(t) && sameValue(b, t));
		const bare = { ...t, origin: undefined, source: undefined, setBy: undefined, setAt: undefined };
		const clean = (x: BalanceTarget) =>
			Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as BalanceTarget;
		if (old) return clean({ ...bare, origin: old.origin, source: old.source, setBy: old.setBy, setAt: old.setAt });
		return clean({ ...bare, origin: 'office', setBy: who, setAt: at });
	});
}

export type TargetInputKind =
	'youthShare' | 'youth' | 'woman' | 'grassroots' | 'atLeastField' | 'atMostChannel' | 'atMostChannelType';
export const TARGET_INPUT_KINDS: {
	value: TargetInputKind;
	label: string;
	ref?: 'field' | 'channel' | 'channelType';
	unit: '%' | '名';
}[] = [
	{ value: 'youthShare', label: '青年比例不少于', unit: '%' },
	{ value: 'youth', label: '青年人数不少于', unit: '名' },
	{ value: 'woman', label: '女性不少于', unit: '名' },
	{ value: 'grassroots', label: '基层一线不少于', unit: '名' },
	{ value: 'atLeastField', label: '某领域不少于', ref: 'field', unit: '名' },
	{ value: 'atMostChannel', label: '某推荐渠道不超过', ref: 'channel', unit: '名' },
	{ value: 'atMostChannelType', label: '某类渠道不超过', ref: 'channelType', unit: '名' }
];

/** The selection page's 添加目标 form, read into a target (without provenance), or why not. */
export function parseTargetInput(
	input: { kind: string; ref: string; value: string; label: string },
	config: Pick<CampaignConfig, 'fields' | 'channels' | 'youthAge'>
): { target: BalanceTarget } | { error: string } {
	const kind = TARGET_INPUT_KINDS.find((k) => k.value === input.kind);
	if (!kind) return { error: '请选择目标类型' };
	const raw = input.value.trim();
	const v = Number(raw);
	if (
		raw === '' ||
		!Number.isFinite(v) ||
		v < 0 ||
		(kind.unit === '名' && !Number.isInteger(v)) ||
		(kind.unit === '%' && v > 100)
	)
		return {
			error: `${kind.label}：${kind.unit === '%' ? '比例应为 0–100 之间的数' : '人数应为非负整数'}，收到“${raw}”`
		};
	const ref = input.ref.trim();
	let target: BalanceTarget;
	switch (kind.value) {
		case 'youthShare':
			target = { kind: 'atLeast', group: 'youth', share: Number((v / 100).toFixed(6)) };
			break;
		case 'youth':
		case 'woman':
		case 'grassroots':
			target = { kind: 'atLeast', group: kind.value, count: v };
			break;
		case 'atLeastField':
			if (!config.fields.includes(ref)) return { error: ref ? `领域“${ref}”不在本活动的领域中` : '请选择领域' };
			target = { kind: 'atLeastField', field: ref, count: v };
			break;
		case 'atMostChannel':
			if (!config.channels.some((c) => c.name === ref))
				return { error: ref ? `推荐渠道“${ref}”不在渠道列表中` : '请选择推荐渠道' };
			target = { kind: 'atMostChannel', channel: ref, count: v };
			break;
		default:
			if (!(CHANNEL_TYPES as readonly string[]).includes(ref)) return { error: '请选择渠道类型' };
			target = { kind: 'atMostChannelType', channelType: ref as ChannelType, count: v };
	}
	const label = input.label.trim().slice(0, 100) || autoTargetLabel(target, config.youthAge);
	return { target: { ...target, label } };
}

/**
 * Whether a run's targets are the campaign's list, each possibly with another number (a per-run
 * relaxation). A target added or removed since the run makes the run out of date.
 */
export function sameTargetList(config: readonly BalanceTarget[], run: readonly BalanceTarget[]): boolean {
	return config.length === run.length && config.every((t, i) => identity(t) === identity(run[i]));
}
