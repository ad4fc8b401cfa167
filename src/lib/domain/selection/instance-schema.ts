// The selection instance (CONTRACTS.md "Selection instance") and its `tiers` form ("Tiers") as
// valibot schemas: pure, no I/O. Every refusal names the offending path (`atLeast[2].share`) in the
// message and in `path` (formats/instance-schema.ts). The schemas check each entry's shape (a rule
// names exactly one of group / field / channel and one of share / count, before its entries); the
// checks across entries (candidate ids and tier names unique) are one rawCheck after them.
import * as v from 'valibot';
import { checkInstance, jsonObject, nonEmptyString, pathTo, wholeNumber } from '../formats/instance-schema';
import { MAX_SCORE } from './plain';
import type { RuleKey, SelectionCandidate, SelectionInstance, SelectionRule } from './select';
import type { TierRules, TiersInstance } from './tiers';

const RULE_KEYS: readonly RuleKey[] = ['group', 'field', 'channel'];

type AddIssue = (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void;
type Validation<T> = { ok: true; instance: T } | { ok: false; message: string; path?: string };

const text = v.string('必须是字符串');
const scoreMessage = '分数必须是有限数值';

const candidate = v.pipe(
	jsonObject(
		{
			id: nonEmptyString('编号必须是非空字符串'),
			score: v.pipe(
				v.number(scoreMessage),
				v.finite(scoreMessage),
				v.check((s) => Math.abs(s) <= MAX_SCORE, `分数绝对值不能超过 ${MAX_SCORE}`)
			),
			groups: v.optional(v.array(text, '必须是字符串数组'), () => []),
			field: v.nullish(text),
			channel: v.nullish(text),
			name: v.nullish(text)
		},
		'必须是对象'
	),
	v.transform((c): SelectionCandidate => {
		const out: SelectionCandidate = { id: c.id, score: c.score, groups: [...new Set(c.groups)] };
		if (c.field != null) out.field = c.field;
		if (c.channel != null) out.channel = c.channel;
		if (c.name != null) out.name = c.name;
		return out;
	})
);

/** Exactly one of group / field / channel, exactly one of share / count (present: not undefined). */
function ruleShape(r: Record<string, unknown>): string | null {
	if (RULE_KEYS.filter((k) => r[k] !== undefined).length !== 1) return '必须且只能指定 group、field、channel 之一';
	if ((r.share === undefined) === (r.count === undefined)) return '必须且只能指定 share 或 count 之一';
	return null;
}

const shareMessage = '比例必须在 0 到 1 之间';
const rule = v.pipe(
	jsonObject(
		{
			group: v.optional(nonEmptyString('必须是非空字符串')),
			field: v.optional(nonEmptyString('必须是非空字符串')),
			channel: v.optional(nonEmptyString('必须是非空字符串')),
			share: v.optional(
				v.pipe(v.number(shareMessage), v.finite(shareMessage), v.minValue(0, shareMessage), v.maxValue(1, shareMessage))
			),
			count: v.optional(wholeNumber(0, '人数必须是非负整数')),
			label: v.optional(text)
		},
		'必须是对象',
		{ shape: ruleShape }
	),
	v.transform((r): SelectionRule => {
		const key = RULE_KEYS.find((k) => r[k] !== undefined)!;
		const out: SelectionRule = { [key]: r[key] };
		if (r.share !== undefined) out.share = r.share;
		else out.count = r.count;
		if (r.label !== undefined) out.label = r.label;
		return out;
	})
);

const rules = v.optional(v.array(rule, '必须是数组'), () => []);
const seats = wholeNumber(0, '名额必须是非负整数');
const candidates = v.array(candidate, '必须是数组');

/** Candidate ids unique; the rest of the instance's own checks. */
function uniqueIds(x: { candidates: SelectionCandidate[] }, addIssue: AddIssue): boolean {
	const seen = new Map<string, number>();
	for (let i = 0; i < x.candidates.length; i++) {
		const id = x.candidates[i].id;
		const prev = seen.get(id);
		if (prev !== undefined) {
			addIssue({ message: `编号 "${id}" 与 candidates[${prev}] 重复`, path: pathTo(x, 'candidates', i, 'id') });
			return false;
		}
		seen.set(id, i);
	}
	return true;
}

const selectionInstanceSchema = v.pipe(
	jsonObject({ seats, candidates, atLeast: rules, atMost: rules }, '输入必须是 JSON 对象'),
	v.rawCheck(({ dataset, addIssue }) => {
		if (dataset.typed) uniqueIds(dataset.value, addIssue);
	}),
	v.transform((x): SelectionInstance => ({
		seats: x.seats,
		candidates: x.candidates,
		atLeast: x.atLeast,
		atMost: x.atMost
	}))
);

const tierName = v.pipe(
	v.string('档次名称必须是非空字符串'),
	v.check((s) => s.trim() !== '', '档次名称必须是非空字符串')
);
const tier = v.pipe(
	jsonObject({ name: tierName, seats, atLeast: rules, atMost: rules }, '必须是对象'),
	v.transform((t): TierRules => ({ name: t.name, seats: t.seats, atLeast: t.atLeast, atMost: t.atMost }))
);

const tiersInstanceSchema = v.pipe(
	jsonObject(
		{ candidates, tiers: v.pipe(v.array(tier, '必须是非空数组'), v.minLength(1, '必须是非空数组')) },
		'输入必须是 JSON 对象'
	),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed || !uniqueIds(dataset.value, addIssue)) return;
		const names = new Set<string>();
		const { tiers } = dataset.value;
		for (let i = 0; i < tiers.length; i++) {
			if (names.has(tiers[i].name)) {
				addIssue({ message: `档次名称“${tiers[i].name}”重复`, path: pathTo(dataset.value, 'tiers', i, 'name') });
				return;
			}
			names.add(tiers[i].name);
		}
	}),
	v.transform((x): TiersInstance => ({ candidates: x.candidates, tiers: x.tiers }))
);

/** Checks a one-tier selection instance; a normalized copy (groups deduplicated, lists filled in). */
export function validateSelectionInstance(json: unknown): Validation<SelectionInstance> {
	const r = checkInstance(selectionInstanceSchema, json);
	return r.ok ? { ok: true, instance: r.value } : r;
}

/** The `tiers` form of a selection instance; each tier's rules are read as a one-tier instance's. */
export function validateTiersInstance(json: unknown): Validation<TiersInstance> {
	const r = checkInstance(tiersInstanceSchema, json);
	return r.ok ? { ok: true, instance: r.value } : r;
}
