// Planted rule violations for fixtures: a clean synthetic nomination set turned into one the
// eligibility check must flag, one known violation of each kind (CONTRACTS.md issue codes).
import type { CampaignConfig, CandidateRecord, ChannelType, IssueCode } from '../../../domain/types';
import { isYouth as youthOn } from '../../../domain/intake/age';
import { Rng, makeName } from './names';
import { channelQuota, regionFor } from './regions';

export interface PlantedViolation {
	code: IssueCode;
	channel?: string;
	candidate?: string;
	detail: string;
}

/**
 * Planted violations (see the file comment): one channel over its maximum, one region channel
 * with 1 ≤ count < min (only where some region channel has min ≥ 2), youth share below
 * youthShareMin (only when the campaign sets one), one excluded 人员类别 (现役军人 when excluded),
 * one prior title (when the campaign blocks it), one 感人故事 50 characters over the limit; with the
 * list of what was planted (and, by omission, what could not be).
 */
export function plantViolationsDetailed(
	config: CampaignConfig,
	input: CandidateRecord[],
	seed = 1
): { records: CandidateRecord[]; planted: PlantedViolation[] } {
	const rng = new Rng(seed ^ 0x9a17);
	let records: CandidateRecord[] = structuredClone(input);
	const planted: PlantedViolation[] = [];
	const refYear = Number(config.referenceDate.slice(0, 4));
	const isYouth = (r: CandidateRecord) => youthOn(r.birth, config.referenceDate, config.youthAge);
	const typeOf = (name: string): ChannelType =>
		config.channels.find((c) => c.name === name)?.type ??
		records.find((r) => r.channel === name)?.channelType ??
		'地区';
	const channelNames = () => [...new Set(records.map((r) => r.channel))];
	const count = (name: string) => records.filter((r) => r.channel === name).length;

	// QUOTA_SHORT: a region channel with a minimum ≥ 2 keeps min − 1 ≥ 1 nominees (youth kept).
	const short = config.channels.find(
		(c) => c.type === '地区' && channelQuota(config, c.name, c.type).min >= 2 && count(c.name) >= 2
	);
	if (short) {
		const { min } = channelQuota(config, short.name, short.type);
		const mine = records.filter((r) => r.channel === short.name);
		const drop = new Set(
			[...mine.filter((r) => !isYouth(r)), ...mine.filter(isYouth)].slice(0, mine.length - (min - 1))
		);
		records = records.filter((r) => !drop.has(r));
		planted.push({
			code: 'QUOTA_SHORT',
			channel: short.name,
			detail: `${short.name} 只推荐 ${min - 1} 人，少于下限 ${min}`
		});
	}

	// QUOTA_EXCEEDED: one channel (a region one when possible) gets max + 1 nominees.
	const names = new Set(records.map((r) => r.name));
	const over = [...channelNames()]
		.sort((a, b) => Number(typeOf(b) === '地区') - Number(typeOf(a) === '地区'))
		.find((n) => n !== short?.name);
	if (over) {
		const { max } = channelQuota(config, over, typeOf(over));
		const model = records.find((r) => r.channel === over)!;
		const region = regionFor(config);
		for (let k = count(over); k <= max; k++) {
			const twin = structuredClone(model);
			let person = makeName(rng, twin.gender, twin.ethnicity ?? '汉族', region.key);
			while (names.has(person.name)) person = makeName(rng, twin.gender, twin.ethnicity ?? '汉族', region.key);
			names.add(person.name);
			renamePerson(twin, model.name, person);
			twin.birth = `${refYear - config.youthAge - 5 - (k % 8)}-${String(1 + (k % 12)).padStart(2, '0')}`;
			records.splice(records.lastIndexOf(records.filter((r) => r.channel === over).at(-1)!) + 1, 0, twin);
		}
		planted.push({ code: 'QUOTA_EXCEEDED', channel: over, detail: `${over} 推荐 ${count(over)} 人，超过上限 ${max}` });
	}

	// YOUTH_SHARE_LOW: most nominees made older, keeping each channel's own youth minimum.
	if (config.youthShareMin > 0) {
		const keep = new Set<CandidateRecord>();
		for (const name of channelNames()) {
			const { minYouth } = channelQuota(config, name, typeOf(name));
			records
				.filter((r) => r.channel === name && isYouth(r))
				.slice(0, minYouth)
				.forEach((r) => keep.add(r));
		}
		const target = Math.max(keep.size, Math.floor((config.youthShareMin * records.length) / 2));
		for (const r of records.filter(isYouth)) if (keep.size < target) keep.add(r);
		if (keep.size < config.youthShareMin * records.length) {
			let k = 0;
			for (const r of records) {
				if (keep.has(r) || !isYouth(r)) continue;
				r.birth = `${refYear - config.youthAge - 3 - (k++ % 12)}${r.birth.slice(4)}`;
			}
			planted.push({
				code: 'YOUTH_SHARE_LOW',
				detail: `45岁以下 ${records.filter(isYouth).length}/${records.length}，低于 ${Math.round(config.youthShareMin * 100)}%`
			});
		}
	}

	// One candidate each for the per-person rules, spread over the file.
	const pickable = records.filter((r) => !r.priorTitle);
	const at = (f: number) => pickable[Math.min(pickable.length - 1, Math.floor(pickable.length * f))];
	if (config.excludedCategories.length) {
		const r = at(0.25);
		r.category = config.excludedCategories.includes('现役军人') ? '现役军人' : config.excludedCategories[0];
		planted.push({
			code: 'EXCLUDED_CATEGORY',
			candidate: r.name,
			channel: r.channel,
			detail: `人员类别 ${r.category}`
		});
	}
	if (config.priorTitleBlocks) {
		const r = at(0.5);
		r.priorTitle = true;
		planted.push({ code: 'PRIOR_TITLE', candidate: r.name, channel: r.channel, detail: '曾获最美称号' });
	}
	{
		const r = at(0.75);
		const limit = config.textLimits.story;
		const base = r.story || r.deeds || `${r.name}的感人故事。`;
		r.story = base.repeat(Math.ceil((limit + 50) / base.length) + 1).slice(0, limit + 50);
		planted.push({
			code: 'TEXT_TOO_LONG',
			candidate: r.name,
			channel: r.channel,
			detail: `感人故事 ${r.story.length} 字，超过 ${limit}`
		});
	}

	records.forEach((r, i) => (r.seq = String(i + 1)));
	return { records, planted };
}

/** A copy of a nominee under another name: every way the texts name them follows. */
function renamePerson(r: CandidateRecord, from: string, to: { name: string; surname: string; given: string }): void {
	r.name = to.name;
	const han = /^[\u4e00-\u9fff]{2,3}$/.test(from);
	const swaps: [RegExp, string][] = [[new RegExp(from, 'g'), to.name]];
	if (han && to.surname) {
		const [s, g] = [from[0], from.slice(1)];
		swaps.push([new RegExp(`“${g}`, 'g'), `“${to.given}`], [new RegExp(`，${g}`, 'g'), `，${to.given}`]);
		swaps.push([new RegExp(`${s}(?=教授|工|主任|医生|老师|研究员|总师|站长|姐)|(?<=老)${s}`, 'g'), to.surname]);
	} else {
		swaps.push([new RegExp(from.slice(0, 2), 'g'), to.given]);
	}
	for (const key of ['deeds', 'story'] as const) {
		let text = r[key];
		if (!text) continue;
		for (const [re, by] of swaps) text = text.replace(re, by);
		r[key] = text;
	}
}
