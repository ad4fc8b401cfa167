// The campaign-wide parts of the check, run after every record was read: the same person
// nominated twice, and the quotas channel by channel. Moved out of index.ts to keep it short.
import { channelQuotaFor, sourceText } from './channels';
import { unitKey } from '../match';
import type { ChannelSummary } from './report';
import type { CampaignConfig, ChannelDef, CheckIssue } from '../../types';

export type IssueExtra = { candidate?: string; channel?: string; source?: string; candidateId?: string };
export type AddIssue = (list: CheckIssue[], code: CheckIssue['code'], message: string, extra: IssueExtra) => void;

export interface Bucket {
	def: ChannelDef;
	persons: Set<string>;
	count: number;
	youth: number;
}

/** One row of a person seen in the records (one match.ts personKey). */
export interface PersonRow {
	channel: string;
	candidate: string;
	birth: string;
	candidateId?: string;
}

export function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function pct(x: number): string {
	return `${Math.round(x * 1000) / 10}%`;
}

/**
 * The same person nominated twice (byPerson is keyed by match.ts personKey): never merged, both
 * rows reported. Within one 推荐单位 an error — the quota (广西 “推荐本地区候选人2～3名”) counts the
 * person once; across 推荐单位 a warning, as no notice forbids two channels naming one person.
 */
export function duplicateIssues(
	byPerson: Map<string, PersonRow[]>,
	issue: AddIssue,
	errors: CheckIssue[],
	warnings: CheckIssue[]
): void {
	for (const rows of byPerson.values()) {
		if (rows.length < 2) continue;
		const perChannel = new Map<string, typeof rows>();
		for (const r of rows) perChannel.set(unitKey(r.channel), [...(perChannel.get(unitKey(r.channel)) ?? []), r]);
		const groups = [...perChannel.values()].sort((a, b) => cmp(a[0].channel, b[0].channel));
		const channels = groups.map((g) => g[0].channel);
		const candidate = rows[0].candidate;
		for (const same of groups) {
			if (same.length < 2) continue;
			const ch = same[0].channel;
			const births = [...new Set(same.map((r) => r.birth))];
			const names = [...new Set(same.map((r) => r.candidate))];
			const name = names.length > 1 ? `姓名写法不同（${names.join('、')}）` : '姓名相同';
			const detail =
				births.length > 1
					? `${name}，出生年月同月（${births.join('、')}）`
					: names.length > 1
						? `${name}，出生年月相同`
						: '姓名和出生年月相同';
			issue(
				errors,
				'DUPLICATE_CANDIDATE',
				`${ch || '未填推荐单位'} 重复推荐 ${candidate}：同一推荐单位中出现 ${same.length} 次（${detail}），请删除重复的一条或更正出生年月`,
				{
					candidate,
					channel: ch || undefined,
					candidateId: same[0].candidateId
				}
			);
		}
		if (channels.length > 1)
			issue(
				warnings,
				'DUPLICATE_CANDIDATE',
				`${candidate} 同时由 ${channels.map((c) => c || '未填推荐单位').join('、')} 推荐（姓名和出生年月相同），请核实是否为同一人`,
				{
					candidate,
					channel: channels[0] || undefined
				}
			);
	}
}

/** Quotas, channel by channel; returns the per-channel summary in the given order. */
export function quotaIssues(
	config: CampaignConfig,
	ordered: Bucket[],
	issue: AddIssue,
	errors: CheckIssue[],
	warnings: CheckIssue[]
): ChannelSummary[] {
	const rules = config.intake ?? {};
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
		const allocation = rules.allocations?.find((a) => a.type === b.def.type);
		if (q.min > 0 && b.count === 0)
			issue(
				warnings,
				'QUOTA_SHORT',
				`${name} 未推荐候选人（应推荐 ${q.min === q.max ? q.min : `${q.min}–${q.max}`} 名）`,
				at
			);
		else if (b.count < q.min) issue(errors, 'QUOTA_SHORT', `${name} 推荐 ${b.count} 名，少于应推荐的 ${q.min} 名`, at);
		else if (allocation && b.count < Math.min(allocation.count, q.max) && b.def.max === undefined)
			issue(
				warnings,
				'QUOTA_SHORT',
				`${name} 推荐 ${b.count} 名，少于分配的 ${allocation.count} 名（通知分配名额，可少于此数）`,
				{ channel: name, source: sourceText(allocation.source) }
			);
		if (q.minYouth > 0 && b.count > 0 && b.youth < q.minYouth)
			issue(
				errors,
				'CHANNEL_YOUTH_MISSING',
				`${name} 推荐的 ${b.count} 名候选人中45岁以下青年科技工作者 ${b.youth} 名，少于要求的 ${q.minYouth} 名`,
				at
			);
		// 青海: “各地方、各学会、各单位……推荐人选中45岁以下的青年科技工作者不少于20%”, per channel too.
		if (rules.youthSharePerChannel && config.youthShareMin > 0 && b.count > 0) {
			const need = Math.ceil(config.youthShareMin * b.count - 1e-9);
			if (b.youth < need)
				issue(
					warnings,
					'YOUTH_SHARE_LOW',
					`${name} 推荐的 ${b.count} 名中45岁以下青年科技工作者 ${b.youth} 名，低于 ${pct(config.youthShareMin)}（至少应有 ${need} 名）`,
					{
						channel: name,
						source: sourceText(config.youthShareSource)
					}
				);
		}
	}
	return channels;
}
