// Which stored nomination an imported row updates. Never merges two rows silently: the same
// 推荐单位 + 姓名 with births that differ (even by a day) are two nominations, and the check
// reports them as DUPLICATE_CANDIDATE. Pure.
//
// 1. A row with the same 推荐单位, 姓名 and 出生年月 (exactly) updates that nomination.
// 2. Otherwise, when exactly one stored nomination of that 推荐单位 + 姓名 is left and exactly one
//    row of the file names it, the row updates it: a corrected 出生年月 (1980-05 → 1980-06, or
//    1980-05 → 1980-05-12) is an update shown in the preview, not a second nomination.
// 3. Anything else is a new nomination.
import type { CandidateRecord } from '../types';
import { COLUMN_HEADERS, type ColumnKey } from './nomination-format';

type Who = Pick<CandidateRecord, 'channel' | 'name' | 'birth'>;

const person = (r: Who) => `${r.channel.trim()}|${r.name.trim()}`;

/** The stored identity of a nomination: 推荐单位 + 姓名 + 出生年月 as written. */
export function nominationKey(r: Who): string {
	return `${person(r)}|${r.birth.trim()}`;
}

/** For each incoming row, the index of the existing record it updates, or null for a new one. */
export function matchRecords(existing: Who[], incoming: Who[]): (number | null)[] {
	const out: (number | null)[] = incoming.map(() => null);
	const claimed = new Set<number>();
	const exact = new Map<string, number>();
	existing.forEach((r, i) => {
		if (!exact.has(nominationKey(r))) exact.set(nominationKey(r), i);
	});
	incoming.forEach((r, j) => {
		const i = exact.get(nominationKey(r));
		if (i !== undefined && !claimed.has(i)) {
			claimed.add(i);
			out[j] = i;
		}
	});
	const left = new Map<string, number[]>();
	existing.forEach((r, i) => {
		if (!claimed.has(i)) left.set(person(r), [...(left.get(person(r)) ?? []), i]);
	});
	const rows = new Map<string, number[]>();
	incoming.forEach((r, j) => {
		if (out[j] === null) rows.set(person(r), [...(rows.get(person(r)) ?? []), j]);
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
