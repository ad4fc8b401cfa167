// Balance targets of the final list (CampaignConfig.targets) in the selection engine's terms, and
// the one change the organizer may make to them for a single run: relaxing, never tightening.
import type { BalanceTarget } from './types';
import type { SelectionRule } from './selection';
import { autoTargetLabel } from './config-draft';

/** Channel types become groups such as `渠道:地区`, which every candidate of that type carries. */
export function targetsToRules(targets: BalanceTarget[]): { atLeast: SelectionRule[]; atMost: SelectionRule[] } {
	const atLeast: SelectionRule[] = [];
	const atMost: SelectionRule[] = [];
	for (const t of targets) {
		if (t.kind === 'atLeast') atLeast.push({ group: t.group, ...(t.share !== undefined ? { share: t.share } : { count: t.count ?? 0 }), label: t.label });
		else if (t.kind === 'atLeastField') atLeast.push({ field: t.field, count: t.count, label: t.label });
		else if (t.kind === 'atMostChannel') atMost.push({ channel: t.channel, count: t.count, label: t.label });
		else atMost.push({ group: `渠道:${t.channelType}`, count: t.count, label: t.label });
	}
	return { atLeast, atMost };
}

/** Whether the target is a share (shown in %) or a head count. */
export const targetUnit = (t: BalanceTarget): 'share' | 'count' => (t.kind === 'atLeast' && t.share !== undefined ? 'share' : 'count');

/** The number the organizer sees: a share in % (one decimal) or a count. */
export const targetValue = (t: BalanceTarget): number =>
	t.kind === 'atLeast' && t.share !== undefined ? Math.round(t.share * 1000) / 10 : (t.count ?? 0);

/**
 * The target with a new number for one run, or why not: at-least targets may only go down and
 * at-most targets only up (tightening belongs in the campaign settings, where it is audited).
 * `label` names the target in the message.
 */
export function relaxTarget(t: BalanceTarget, raw: string, label: string, youthAge: number): { target: BalanceTarget; changed: boolean } | { error: string } {
	const v = Number(raw);
	const unit = targetUnit(t);
	if (!Number.isFinite(v) || v < 0 || (unit === 'count' && !Number.isInteger(v)) || (unit === 'share' && v > 100))
		return { error: `“${label}”的${unit === 'share' ? '比例应为 0–100 之间的数' : '人数应为非负整数'}，收到“${raw}”` };
	const was = targetValue(t);
	if (v === was) return { target: t, changed: false };
	const atLeast = t.kind === 'atLeast' || t.kind === 'atLeastField';
	if (atLeast ? v > was : v < was)
		return { error: `“${label}”在此处只能放宽（${atLeast ? '不高于' : '不低于'} ${was}${unit === 'share' ? '%' : '名'}）；如需提高要求，请在“设置”中修改名单平衡目标` };
	const next: BalanceTarget =
		t.kind === 'atLeast'
			? unit === 'share'
				? { kind: 'atLeast', group: t.group, share: v / 100 }
				: { kind: 'atLeast', group: t.group, count: v }
			: { ...t, count: v, label: undefined };
	const clean = Object.fromEntries(Object.entries(next).filter(([, x]) => x !== undefined)) as BalanceTarget;
	return { target: { ...clean, label: autoTargetLabel(clean, youthAge) }, changed: true };
}
