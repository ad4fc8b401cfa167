// The settings form as a browser submits it: the names the settings components render, for the
// tests that post a draft through the form's own reader (schemas/settings.ts).
import type { SettingsDraft } from '../../src/lib/domain/notice/config-draft';

/** The draft as the form submits it (the names the settings components render). */
export function draftToValues(d: SettingsDraft): URLSearchParams {
	const p = new URLSearchParams();
	const put = (k: string, v: string) => p.append(k, v);
	for (const k of ['name', 'level', 'region', 'hosts', 'document', 'referenceDate', 'classification'] as const)
		put(k, d[k]);
	for (const f of d.fields) put('fields', f);
	d.channelQuotas.forEach((q, i) => {
		put(`channelQuotas[${i}].type`, q.type);
		if (q.enabled) put(`channelQuotas[${i}].enabled`, 'on');
		for (const k of ['min', 'max', 'minYouth'] as const) put(`channelQuotas[${i}].${k}`, q[k]);
	});
	const rows = <T extends object>(list: string, items: T[]) =>
		items.forEach((row, i) => Object.entries(row).forEach(([k, v]) => put(`${list}[${i}].${k}`, String(v))));
	rows('channels', d.channels);
	put('youthAge', d.youthAge);
	put('youthBornOnOrAfter', d.youthBornOnOrAfter);
	put('deadline', d.deadline);
	put('youthShareMin', d.youthShareMin);
	put('excludedCategories', d.excludedCategories);
	if (d.priorTitleBlocks) put('priorTitleBlocks', 'on');
	if (d.noSelfNomination) put('noSelfNomination', 'on');
	if (d.mustWorkInRegion) put('mustWorkInRegion', 'on');
	for (const k of ['deeds', 'story', 'awards'] as const) put(`textLimits.${k}`, d.textLimits[k]);
	rows('tiers', d.tiers);
	rows('targets', d.targets);
	rows('rubric', d.rubric);
	put('publicNoticeWorkdays', d.publicNoticeWorkdays);
	return p;
}
