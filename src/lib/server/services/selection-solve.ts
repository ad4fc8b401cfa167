// The selection's pure half (split from selection.ts): the input and outcome
// shapes, the input's hash, and solving an input with the engine, explained in the notice's words.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { CandidateRow } from './candidates';
import {
	selectTiers,
	explainChinese,
	describeRule,
	resolveRules,
	type SelectionCandidate,
	type TierSpec
} from '../../domain/selection';
import { provenanceText, targetsToRules } from '../../domain/selection/balance-targets';
import { plainOrder } from '../../domain/selection/plain';
import { autoTargetLabel } from '../../domain/notice/config-draft';
import type { BalanceTarget } from '../../domain/types';

export interface PoolCandidate extends SelectionCandidate {
	code: string;
	name: string;
	unitAndTitle: string;
	gender: string;
	channelType: string;
}

export interface SelectionInput {
	roundId: string;
	roundName: string;
	pool: PoolCandidate[];
	excluded: { id: string; code: string; name: string; reason: string }[];
	tiers: TierSpec[];
	targets: BalanceTarget[];
	/** for the targets' default wording (“45岁以下青年科技工作者…”) */
	youthAge?: number;
	/**
	 * Written at lock time: the stored rows of the selected candidates as they were then. The 公示
	 * and the exports read these, not live data (“locked means locked”, issue 12).
	 */
	snapshot?: { at: number; rows: CandidateRow[] };
}

export interface TierOutcome {
	name: string;
	size: number;
	selected: string[];
	total: number;
	explanation: { candidate: string; rule: string; displaced: string; text: string }[];
}

export type SelectionOutcome =
	| { ok: true; tiers: TierOutcome[]; plain: string[] }
	| { ok: false; tier: string; message: string; rules: { rule: string; message: string; shortBy?: number }[] };

export function hashInput(input: SelectionInput): string {
	const canonical = JSON.stringify({
		round: input.roundId,
		pool: [...input.pool]
			.sort((a, b) => (a.id < b.id ? -1 : 1))
			.map((c) => [c.id, c.score, c.groups, c.field, c.channel]),
		tiers: input.tiers
	});
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/** Engine rule (`woman ≥ 2`) → the target's wording with its provenance, per tier (shares depend on seats). */
function ruleHeads(
	input: Pick<SelectionInput, 'tiers' | 'targets'>,
	youthAge = 45
): (rule: string, tier?: string) => string | undefined {
	const byTier = new Map<string, Map<string, string>>();
	for (const tier of input.tiers) {
		const m = new Map<string, string>();
		for (const t of input.targets) {
			const r = targetsToRules([t]);
			const resolved = resolveRules({ seats: tier.size, atLeast: r.atLeast, atMost: r.atMost })[0];
			const key = describeRule(resolved);
			if (!m.has(key)) m.set(key, provenanceText(t, t.label?.trim() || autoTargetLabel(t, youthAge)));
		}
		byTier.set(tier.name, m);
	}
	return (rule, tier) => (tier !== undefined ? byTier.get(tier) : undefined)?.get(rule);
}

export function solveInput(input: SelectionInput): SelectionOutcome {
	// The engine breaks ties by id; it gets review codes as ids so that ties go by review code,
	// exactly as the plain order below (and the published list) orders them.
	const idOf = new Map(input.pool.map((c) => [c.code, c.id]));
	const scoreOf = new Map(input.pool.map((c) => [c.code, c.score]));
	const engine = input.pool.map((c) => ({
		id: c.code,
		score: c.score,
		groups: c.groups,
		field: c.field,
		channel: c.channel
	}));
	let r: ReturnType<typeof selectTiers>;
	try {
		r = selectTiers(engine, input.tiers);
	} catch (e) {
		// several tiers with very fine scores: the exact comparison of totals would overflow
		if (!(e instanceof RangeError)) throw e;
		return { ok: false, tier: input.tiers[0]?.name ?? '', message: e.message, rules: [] };
	}
	const heads = ruleHeads(input, input.youthAge);
	if ('error' in r)
		return {
			ok: false,
			tier: r.tier,
			message: r.message,
			rules: r.rules.map((x) => ({ rule: x.rule, message: x.message, shortBy: x.shortBy }))
		};
	const plain = plainOrder(input.pool).map((c) => c.id);
	const back = (code: string) => idOf.get(code) ?? code;
	return {
		ok: true,
		plain,
		tiers: r.tiers.map((t, i) => ({
			name: t.name,
			size: input.tiers[i].size,
			selected: t.selected.map(back),
			total: t.total,
			explanation: t.explanation.map((e) => ({
				candidate: back(e.candidate),
				rule: e.rule,
				displaced: back(e.displaced),
				// a rule of this tier, or (`tier X: …`) of the later tier X that needed the displaced one
				text: explainChinese(
					e,
					(code) => scoreOf.get(code),
					(code) => code,
					(rule, other) => heads(rule, other ?? t.name)
				)
			}))
		}))
	};
}
