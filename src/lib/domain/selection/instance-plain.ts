// The common selection instance read without valibot: the `laurel select` command line takes this
// path first, because building and running the valibot schema cold costs more than the solve's
// bookkeeping (issue 16: 5,000 candidates, whole process). It accepts a subset of what
// selectionInstanceSchema (instance-schema.ts) accepts — only known keys, every entry well formed —
// and returns the same normalized instance; anything else is null and the caller runs the schema,
// which words the refusal. instance-plain.test.ts holds the two readers to the same answers.
import { MAX_SCORE } from './plain';
import type { RuleKey, SelectionCandidate, SelectionInstance, SelectionRule } from './select';

const RULE_KEYS: readonly RuleKey[] = ['group', 'field', 'channel'];
const TOP_KEYS = new Set(['seats', 'candidates', 'atLeast', 'atMost']);
const CANDIDATE_KEYS = new Set(['id', 'score', 'groups', 'field', 'channel', 'name']);
const RULE_ENTRY_KEYS = new Set(['group', 'field', 'channel', 'share', 'count', 'label']);

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isWhole = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Every own key of `o` is one of `known` (a misspelt or unknown key is the schema's to judge). */
function onlyKeys(o: Json, known: Set<string>): boolean {
	for (const key in o) if (!known.has(key)) return false;
	return true;
}

function candidate(c: unknown): SelectionCandidate | null {
	if (!isObject(c) || !onlyKeys(c, CANDIDATE_KEYS)) return null;
	const { id, score, groups, field, channel, name } = c;
	if (typeof id !== 'string' || id === '') return null;
	if (typeof score !== 'number' || !Number.isFinite(score) || Math.abs(score) > MAX_SCORE) return null;
	let unique: string[] = [];
	if (groups !== undefined) {
		if (!Array.isArray(groups)) return null;
		for (const g of groups) if (typeof g !== 'string') return null;
		unique = [...new Set(groups as string[])];
	}
	const out: SelectionCandidate = { id, score, groups: unique };
	if (field != null) {
		if (typeof field !== 'string') return null;
		out.field = field;
	}
	if (channel != null) {
		if (typeof channel !== 'string') return null;
		out.channel = channel;
	}
	if (name != null) {
		if (typeof name !== 'string') return null;
		out.name = name;
	}
	return out;
}

function rule(r: unknown): SelectionRule | null {
	if (!isObject(r) || !onlyKeys(r, RULE_ENTRY_KEYS)) return null;
	let key: RuleKey | null = null;
	for (const k of RULE_KEYS) {
		if (r[k] === undefined) continue;
		if (key !== null || typeof r[k] !== 'string' || r[k] === '') return null;
		key = k;
	}
	if (key === null) return null;
	const { share, count, label } = r;
	if ((share === undefined) === (count === undefined)) return null;
	const out: SelectionRule = { [key]: r[key] };
	if (share !== undefined) {
		if (typeof share !== 'number' || !(share >= 0 && share <= 1)) return null;
		out.share = share;
	} else {
		if (!isWhole(count)) return null;
		out.count = count;
	}
	if (label !== undefined) {
		if (typeof label !== 'string') return null;
		out.label = label;
	}
	return out;
}

function rules(list: unknown): SelectionRule[] | null {
	if (list === undefined) return [];
	if (!Array.isArray(list)) return null;
	const out: SelectionRule[] = [];
	for (const r of list) {
		const read = rule(r);
		if (!read) return null;
		out.push(read);
	}
	return out;
}

/**
 * The instance as validateSelectionInstance normalizes it, when `json` is a well-formed instance
 * with only known keys and unique candidate ids; null otherwise (run the schema for the refusal).
 */
export function readPlainSelectionInstance(json: unknown): SelectionInstance | null {
	if (!isObject(json) || !onlyKeys(json, TOP_KEYS)) return null;
	if (!isWhole(json.seats) || !Array.isArray(json.candidates)) return null;
	const candidates: SelectionCandidate[] = [];
	const seen = new Set<string>();
	for (const c of json.candidates) {
		const read = candidate(c);
		if (!read || seen.has(read.id)) return null;
		seen.add(read.id);
		candidates.push(read);
	}
	const atLeast = rules(json.atLeast);
	const atMost = rules(json.atMost);
	if (!atLeast || !atMost) return null;
	return { seats: json.seats, candidates, atLeast, atMost };
}
