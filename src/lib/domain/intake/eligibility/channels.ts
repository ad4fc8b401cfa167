// Channels of the check: which campaign channel a 推荐单位 names, its places, and rule sources as text.
import type { CampaignConfig, ChannelDef, ChannelType, RuleSource } from '../../types';

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
