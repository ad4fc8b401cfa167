// Builds the selection page's view of a stored run: the targets form, each tier beside its plain
// score order, the balance, the infeasible report, and who is left out and why.
import type { DB } from '$lib/server/db';
import { candidateCodes } from '$lib/server/services/candidates';
import { listRounds } from '$lib/server/services/rounds';
import { roundCandidateIds } from '$lib/server/services/round-pairs';
import type { SelectionInput, SelectionOutcome } from '$lib/server/services/selection-solve';
import {
	provenanceText,
	relaxTarget,
	targetUnit,
	targetValue,
	targetsToRules
} from '$lib/domain/selection/balance-targets';
import { selectionBalance } from '$lib/server/services/charts';
import { eligibleByTier, plainByTier } from '$lib/domain/selection/plain';
import { autoTargetLabel } from '$lib/domain/notice/config-draft';
import { describeRule, resolveRules } from '$lib/domain/selection';
import type { BalanceTarget, CampaignConfig } from '$lib/domain/types';
import type {
	InfeasibleView,
	LeftOut,
	NotRanked,
	Relaxation,
	TargetView,
	TierView
} from '$lib/components/selection/types';
import { compareReviewCodes } from '$lib/shared/review-codes';
import { GROUP_LABELS } from '$lib/shared/labels';
import { cutReport } from '$lib/domain/selection/cut';
import { pageWindow, PAGE_SIZE } from '$lib/shared/paging';

/** Seats of the main tiers against the candidates that can be chosen at all (before any run succeeds). */
export function shortage(input: SelectionInput): { available: number; seats: number } | null {
	const seats = input.tiers.filter((t) => !t.subsetOf).reduce((n, t) => n + t.size, 0);
	return input.pool.length < seats ? { available: input.pool.length, seats } : null;
}

export function targetLabel(t: BalanceTarget, config: CampaignConfig): string {
	return t.label?.trim() || autoTargetLabel(t, config.youthAge);
}

function what(t: BalanceTarget): string {
	if (t.kind === 'atLeast') return GROUP_LABELS[t.group] ?? t.group;
	if (t.kind === 'atLeastField') return `领域：${t.field}`;
	if (t.kind === 'atMostChannel') return `推荐渠道：${t.channel}`;
	return `渠道类型：${t.channelType}`;
}

const sameTarget = (a: BalanceTarget, b: BalanceTarget): boolean =>
	a.kind === b.kind &&
	JSON.stringify({ ...a, label: undefined, share: undefined, count: undefined }) ===
		JSON.stringify({ ...b, label: undefined, share: undefined, count: undefined }) &&
	targetUnit(a) === targetUnit(b);

/** One rule's engine wording for a tier of `seats` (`youth ≥ 2`), to match the infeasible report. */
function engineRule(t: BalanceTarget, seats: number): { rule: string; seats: number } {
	const rules = targetsToRules([t]);
	const r = resolveRules({ seats, atLeast: rules.atLeast, atMost: rules.atMost })[0];
	return { rule: describeRule(r), seats: r.count };
}

/** The run's targets when they are the settings' own list with other numbers, else null. */
export function runTargets(config: CampaignConfig, used: BalanceTarget[] | undefined): BalanceTarget[] | null {
	if (!used || used.length !== config.targets.length) return null;
	return used.every((t, i) => sameTarget(t, config.targets[i])) ? used : null;
}

export function targetViews(
	config: CampaignConfig,
	used: BalanceTarget[] | null,
	infeasible: InfeasibleView | null
): TargetView[] {
	const seats = config.tiers.find((t) => !t.subsetOf)?.size ?? 0;
	return config.targets.map((t, index) => {
		const cur = used?.[index] ?? t;
		const { rule, seats: n } = engineRule(cur, seats);
		const hit = infeasible?.rules.find((r) => r.rule === rule);
		const atLeast = t.kind === 'atLeast' || t.kind === 'atLeastField';
		return {
			index,
			label: targetLabel(t, config),
			origin: t.origin === 'notice' ? 'notice' : 'office',
			removeKey: `${index}|${t.label ?? ''}`,
			provenance: provenanceText(t, targetLabel(t, config)),
			what: what(t),
			kind: t.kind === 'atLeast' || t.kind === 'atLeastField' ? 'atLeast' : 'atMost',
			unit: targetUnit(t),
			configured: targetValue(t),
			current: targetValue(cur),
			relaxed: atLeast ? targetValue(cur) < targetValue(t) : targetValue(cur) > targetValue(t),
			seats: n,
			rule,
			...(hit ? { shortBy: hit.shortBy, conflictMessage: hit.message } : {})
		};
	});
}

/**
 * The chair works with review codes: a target "南宁市不超过2名" beside the codes it lifted would
 * tell which candidates a nominating body sent, so channel names become "某推荐渠道" for them.
 */
export function withoutChannelNames<T>(views: T, channels: string[]): T {
	let text = JSON.stringify(views);
	for (const name of [...channels].sort((a, b) => b.length - a.length)) {
		if (name) text = text.split(JSON.stringify(name).slice(1, -1)).join('某推荐渠道');
	}
	return JSON.parse(text) as T;
}

export function relaxations(config: CampaignConfig, used: BalanceTarget[] | null): Relaxation[] {
	if (!used) return [];
	const out: Relaxation[] = [];
	config.targets.forEach((t, i) => {
		const a = targetValue(t);
		const b = targetValue(used[i]);
		if (a === b) return;
		const unit = targetUnit(t) === 'share' ? '%' : '名';
		const atLeast = t.kind === 'atLeast' || t.kind === 'atLeastField';
		out.push({
			label: targetLabel(t, config),
			from: `${a}${unit}`,
			to: `${b}${unit}`,
			relaxed: atLeast ? b < a : b > a
		});
	});
	return out;
}

/**
 * The relax form's numbers (`value.<i>` per target of the settings, read by relaxForm) as targets.
 * Only relaxing is allowed here
 * (an 不少于 lower, an 不超过 higher); a stricter target belongs in the campaign settings.
 * Returns null when every number equals the setting (the run then uses the settings as they are).
 */
export function parseTargets(
	config: CampaignConfig,
	values: Record<string, string>
): { targets: BalanceTarget[] | null } | { error: string } {
	let changed = false;
	const out: BalanceTarget[] = [];
	for (const [i, t] of config.targets.entries()) {
		const raw = values[`value.${i}`] ?? '';
		if (raw === '') {
			out.push(t);
			continue;
		}
		const r = relaxTarget(t, raw, targetLabel(t, config), config.youthAge);
		if ('error' in r) return r;
		changed ||= r.changed;
		out.push(r.target);
	}
	return { targets: changed ? out : null };
}

export function tierViews(
	input: SelectionInput,
	outcome: Extract<SelectionOutcome, { ok: true }>,
	withNames: boolean
): TierView[] {
	const byId = new Map(input.pool.map((c) => [c.id, c]));
	const plain = plainByTier(input, outcome);
	const balance = selectionBalance(input, outcome);
	const eligible = eligibleByTier(input, outcome);
	return outcome.tiers.map((t, i) => {
		const why = new Map(t.explanation.map((e) => [e.candidate, e.text]));
		const displacedBy = new Map(t.explanation.map((e) => [e.displaced, e.text]));
		const selected = new Set(t.selected);
		const person = (id: string) => {
			const c = byId.get(id);
			return {
				code: c?.code ?? id,
				field: c?.field ?? '',
				score: c?.score ?? 0,
				...(withNames ? { name: c?.name ?? '' } : {})
			};
		};
		const cut = cutReport(
			eligible[i].map((id) => ({ id, score: byId.get(id)?.score ?? 0 })),
			t.size
		);
		const tied = new Set(cut.tie ? [...cut.tie.inside, ...cut.tie.outside] : []);
		const beyond = cut.tie?.outside ?? [];
		return {
			name: t.name,
			size: t.size,
			total: t.total,
			subsetOf: input.tiers[i]?.subsetOf ?? null,
			rows: t.selected.map((id, k) => ({ rank: k + 1, id, ...person(id), why: why.get(id) ?? null })),
			plain: [
				...plain[i].map((id, k) => ({
					rank: k + 1,
					...person(id),
					displaced: !selected.has(id),
					by: displacedBy.get(id) ?? null,
					tie: tied.has(id)
				})),
				...beyond.map((id, k) => ({
					rank: plain[i].length + k + 1,
					...person(id),
					displaced: false,
					by: null,
					tie: true,
					beyond: true
				}))
			],
			balance: balance.find((b) => b.tier === t.name)?.rows ?? null,
			lifted: t.explanation.length,
			cut: {
				available: cut.available,
				shortBy: cut.shortBy,
				tie: cut.tie ? { score: cut.tie.score, inside: cut.tie.inside.length, outside: cut.tie.outside.length } : null
			}
		};
	});
}

/** The chair reviews by code: a reason naming the candidate gets the code instead. */
export function leftOutViews(input: SelectionInput, withNames: boolean): LeftOut[] {
	return input.excluded.map((e) => ({
		code: e.code,
		reason: withNames || !e.name ? e.reason : e.reason.split(e.name).join(e.code),
		...(withNames ? { name: e.name } : {})
	}));
}

/**
 * Candidates of the campaign that were not ranked at all, and why (not advanced, not passed, no
 * score): most of a national campaign (4,900 of 5,000), so counted per reason and shown a page at a
 * time (`?outside=2`), by review code.
 */
export async function notRanked(
	db: DB,
	campaignId: string,
	input: SelectionInput,
	withNames: boolean,
	pageParam: string | null = null,
	size = PAGE_SIZE
): Promise<NotRanked> {
	const rows = await candidateCodes(db, campaignId);
	const seen = new Set([...input.pool.map((c) => c.id), ...input.excluded.map((c) => c.id)]);
	const all = await listRounds(db, campaignId);
	const rank = all.find((r) => r.id === input.roundId);
	const vote = [...all].reverse().find((r) => r.state === 'closed' && r.type === 'vote' && rank && r.seq > rank.seq);
	const inRank = new Set(await roundCandidateIds(db, input.roundId));
	const inVote = new Set(vote ? await roundCandidateIds(db, vote.id) : []);
	const list = rows
		.filter((r) => !seen.has(r.id))
		.map((r) => {
			const reason = !inRank.has(r.id)
				? `未进入“${input.roundName}”`
				: vote
					? inVote.has(r.id)
						? `未通过“${vote.name}”表决`
						: `未进入“${vote.name}”`
					: `“${input.roundName}”中没有有效评分`;
			return { code: r.code ?? r.id, reason, name: r.name };
		})
		.sort((a, b) => compareReviewCodes(a.code, b.code));
	const counts = new Map<string, number>();
	for (const r of list) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
	const window = pageWindow(pageParam, list.length, size);
	return {
		total: list.length,
		reasons: [...counts].map(([reason, n]) => ({ reason, n })),
		rows: list
			.slice(window.offset, window.offset + size)
			.map(({ code, reason, name }) => ({ code, reason, ...(withNames ? { name } : {}) })),
		window
	};
}

export function infeasibleView(
	outcome: Extract<SelectionOutcome, { ok: false }>,
	config: CampaignConfig,
	used: BalanceTarget[]
): InfeasibleView {
	const seats = config.tiers.find((t) => t.name === outcome.tier)?.size ?? config.tiers[0]?.size ?? 0;
	const labelOf = new Map(used.map((t) => [engineRule(t, seats).rule, provenanceText(t, targetLabel(t, config))]));
	return {
		tier: outcome.tier,
		message: outcome.message.startsWith(`${outcome.tier}：`)
			? outcome.message.slice(outcome.tier.length + 1)
			: outcome.message,
		rules: outcome.rules.map((r) => ({ ...r, label: labelOf.get(r.rule) ?? r.rule }))
	};
}
