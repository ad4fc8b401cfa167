// The one owner of "same person" in a campaign's nominations, and of which stored nomination an
// imported row updates. Pure.
//
// Same person: the same 推荐单位, the same 姓名 and the same 出生年月 to the month, each compared
// after one normalisation (nameKey, unitKey, birthMonth). No notice speaks of a person nominated
// twice; the rule is how an office reads its own list: “王　芳” and “王芳”, “阿不都·热合曼” and
// “阿不都•热合曼”, 1980.05 and 1980-05-12 are the same person from the same channel. Such rows are
// never merged silently: the CSV warns (nomination-row), a hand entry is refused (candidate-edit),
// and the check reports DUPLICATE_CANDIDATE (eligibility/tallies) — within one channel an error
// (a quota such as 广西 “推荐本地区候选人2～3名” counts the person once), across channels a warning.
//
// Import matching (matchRecords) uses the same keys:
// 1. A row with the same 推荐单位, 姓名 and 出生年月 (as written, modulo the normalisation) updates
//    that nomination.
// 2. Otherwise, when exactly one stored nomination of that 推荐单位 + 姓名 is left and exactly one
//    row of the file names it, the row updates it: a corrected 出生年月 (1980-05 → 1980-06, or
//    1980-05 → 1980-05-12) is an update shown in the preview, not a second nomination.
// 3. Anything else is a new nomination.
import type { CandidateRecord } from '../types';
import { parseBirth } from './age';
import { COLUMN_HEADERS, type ColumnKey } from './nomination-format';

type Who = Pick<CandidateRecord, 'channel' | 'name' | 'birth'>;

/**
 * Separators written between the parts of a minority or foreign name (阿不都·热合曼): the middle
 * dot in its look-alikes (katakana ・, bullet •, hyphenation point ‧, dot operators, full stop), or
 * nothing at all. Compared without any of them.
 */
const NAME_DOTS = /[\u00b7\u0387\u2022\u2027\u2219\u22c5\u2e31\u30fb\uff65.]/g;

/** 姓名 as compared: full-width folded to half-width (NFKC), no spaces, no middle dots, Latin lower-cased. */
function nameKey(name: string | null | undefined): string {
	return (name ?? '').normalize('NFKC').replace(/\s+/g, '').replace(NAME_DOTS, '').toLowerCase();
}

/** 推荐单位 as compared: NFKC (（ → (, full-width letters and digits), no spaces. */
export function unitKey(channel: string | null | undefined): string {
	return (channel ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/** 出生年月 to the month (1980.05, 1980年5月, 1980-05-12 → 1980-05); unreadable text as written; empty → ''. */
function birthMonth(birth: string | null | undefined): string {
	const b = parseBirth(birth);
	return b ? `${b.year}-${String(b.month).padStart(2, '0')}` : (birth ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The person whatever the channel: 姓名 + 出生年月 to the month. Null without a name or a birth:
 * such a row is reported as MISSING_FIELD and is nobody's duplicate.
 */
export function personKey(r: Pick<Who, 'name' | 'birth'>): string | null {
	const name = nameKey(r.name);
	const birth = birthMonth(r.birth);
	return name && birth ? `${name}|${birth}` : null;
}

/** The same person from the same 推荐单位 (the rule above); null as personKey. */
export function nomineeKey(r: Who): string | null {
	const person = personKey(r);
	return person === null ? null : `${unitKey(r.channel)}|${person}`;
}

/** Whether two nominations are the same person from the same 推荐单位. */
export function samePerson(a: Who, b: Who): boolean {
	const k = nomineeKey(a);
	return k !== null && k === nomineeKey(b);
}

/** The stored identity of a nomination (the unique dedup key): 推荐单位 + 姓名 + 出生年月 as written. */
export function nominationKey(r: Who): string {
	return `${r.channel.trim()}|${r.name.trim()}|${r.birth.trim()}`;
}

const named = (r: Who) => `${unitKey(r.channel)}|${nameKey(r.name)}`;
/** 推荐单位 + 姓名 + the whole 出生年月 (1980-05 ≠ 1980-05-12), each normalised. */
export function exactKey(r: Who): string {
	const b = parseBirth(r.birth);
	return `${named(r)}|${b?.day === undefined ? birthMonth(r.birth) : `${birthMonth(r.birth)}-${b.day}`}`;
}

/** For each incoming row, the index of the existing record it updates, or null for a new one. */
export function matchRecords(existing: Who[], incoming: Who[]): (number | null)[] {
	const out: (number | null)[] = incoming.map(() => null);
	const claimed = new Set<number>();
	const exact = new Map<string, number>();
	existing.forEach((r, i) => {
		if (!exact.has(exactKey(r))) exact.set(exactKey(r), i);
	});
	incoming.forEach((r, j) => {
		const i = exact.get(exactKey(r));
		if (i !== undefined && !claimed.has(i)) {
			claimed.add(i);
			out[j] = i;
		}
	});
	const left = new Map<string, number[]>();
	existing.forEach((r, i) => {
		if (!claimed.has(i)) left.set(named(r), [...(left.get(named(r)) ?? []), i]);
	});
	const rows = new Map<string, number[]>();
	incoming.forEach((r, j) => {
		if (out[j] === null) rows.set(named(r), [...(rows.get(named(r)) ?? []), j]);
	});
	for (const [who, js] of rows) {
		const is = left.get(who) ?? [];
		if (is.length === 1 && js.length === 1) out[js[0]] = is[0];
	}
	return out;
}

/** The main 推荐表 fields a preview names, under their nomination headers. */
const LABELS: [ColumnKey, string][] = (
	['birth', 'gender', 'unitAndTitle', 'field', 'group', 'category', 'grassroots', 'priorTitle'] as const
).map((k) => [k, COLUMN_HEADERS[k]]);

const show = (v: unknown) =>
	v === true ? '是' : v === false ? '否' : v === undefined || v === null || v === '' ? '（空）' : String(v);

/** The main 推荐表 fields that differ, for the preview (“出生年月：1980-05 → 1980-06”). */
export function recordChanges(
	before: CandidateRecord,
	after: CandidateRecord
): { label: string; before: string; after: string }[] {
	const out = LABELS.filter(([k]) => show(before[k]) !== show(after[k])).map(([k, label]) => ({
		label,
		before: show(before[k]),
		after: show(after[k])
	}));
	const rest = (r: CandidateRecord) => JSON.stringify({ ...r, ...Object.fromEntries(LABELS.map(([k]) => [k, null])) });
	if (rest(before) !== rest(after)) out.push({ label: '其他内容', before: '', after: '已修改' });
	return out;
}
