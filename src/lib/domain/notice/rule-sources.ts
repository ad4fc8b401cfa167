// The sources of a campaign's rules when the office edits the settings.
//
// Rule sources (decision): a RuleSource's `document` and `clause` are a quotation of the notice and
// are never rewritten. When the numbers a source describes change, the source is kept and gains
// `note: '已根据活动办公室设置修改'` (AnnotatedRuleSource). When the numbers return to what the
// notice says (the preset's values under the same clause), the note is dropped again.
import { getPreset } from './presets';
import type { CampaignConfig, ChannelQuota, RuleSource } from '../types';

export const MODIFIED_NOTE = '已根据活动办公室设置修改';
export type AnnotatedRuleSource = RuleSource & { note?: string };

type Intake = NonNullable<CampaignConfig['intake']>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
export function annotateSources(next: CampaignConfig, previous: CampaignConfig): void {
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

/**
 * The submission deadline the office set (YYYY-MM-DD), with its source: the notice's clause, noted
 * as changed unless the date is the notice's own; a campaign without one gets the office as source.
 */
export function deadlineRule(previous: CampaignConfig, date: string): NonNullable<Intake['deadline']> {
	const before = previous.intake?.deadline;
	const preset = previous.presetId ? getPreset(previous.presetId)?.intake?.deadline : undefined;
	const base = before ?? preset;
	if (!base)
		return { date, refuse: false, source: { document: previous.document, clause: '活动办公室设定的报送截止日期' } };
	return {
		...base,
		date,
		source:
			preset && date === preset.date
				? { document: preset.source.document, clause: preset.source.clause }
				: ({ document: base.source.document, clause: base.source.clause, note: MODIFIED_NOTE } as AnnotatedRuleSource)
	};
}
