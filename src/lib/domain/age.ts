// Ages of candidates on a campaign's reference date. Pure functions, no I/O.
//
// Conventions (they decide who counts as 青年科技工作者, so they are fixed here once):
// - A birth given as year and month only (the 推荐表 asks for 出生年月) counts as born on the 1st of
//   that month: nobody is counted younger than they may be, so a youth share is never overstated.
// - Age is the number of completed years on the reference date; the birthday itself completes a year.
// - Someone born on 29 February turns a year older on 1 March in non-leap years.
// - 青年 = strictly under `youthAge` (45) on the reference date: on the 45th birthday one is no
//   longer youth (the glossary reads “45岁以下” as “under 45”).

export interface BirthDate {
	year: number;
	month: number; // 1–12
	/** Absent when only 出生年月 was given. */
	day?: number;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(year: number, month: number, day?: number): boolean {
	if (year < 1900 || year > 2100 || month < 1 || month > 12) return false;
	if (day === undefined) return true;
	return day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parses a birth (or any calendar) date. The normalized forms are 'YYYY-MM' and 'YYYY-MM-DD';
 * the separators `.` `/` and `年月日` and the compact forms 'YYYYMM' / 'YYYYMMDD' are accepted too,
 * so that a raw 出生年月 cell also works. Returns null when the text is not a valid date.
 */
export function parseBirth(text: string | null | undefined): BirthDate | null {
	if (!text) return null;
	const s = text.trim().replace(/\s+/g, '');
	let m = /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
	if (!m) m = /^(\d{4})[-./年](\d{1,2})(?:[-./月](\d{1,2})日?|月)?$/.exec(s);
	if (!m) return null;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = m[3] === undefined ? undefined : Number(m[3]);
	return valid(year, month, day) ? (day === undefined ? { year, month } : { year, month, day }) : null;
}

/** Completed years between `birth` and `referenceDate`; null when either cannot be parsed. */
export function ageOn(birth: string | null | undefined, referenceDate: string): number | null {
	const b = parseBirth(birth);
	const r = parseBirth(referenceDate);
	if (!b || !r) return null;
	const bDay = b.day ?? 1;
	const rDay = r.day ?? 1;
	let age = r.year - b.year;
	if (r.month < b.month || (r.month === b.month && rDay < bDay)) age -= 1;
	return age;
}

/**
 * True when the candidate is under `youthAge` on the reference date. An unreadable birth is not
 * youth: it cannot be counted towards a youth quota (the check reports it as a missing field).
 */
export function isYouth(birth: string | null | undefined, referenceDate: string, youthAge = 45): boolean {
	const age = ageOn(birth, referenceDate);
	return age !== null && age >= 0 && age < youthAge;
}

export const AGE_BANDS = ['35岁以下', '35–39岁', '40–44岁', '45–49岁', '50–54岁', '55岁及以上'] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | '年龄不详';

/** A coarse band for anonymized dossiers: experts see the band, never the birth date. */
export function ageBand(birth: string | null | undefined, referenceDate: string): AgeBand {
	const age = ageOn(birth, referenceDate);
	if (age === null || age < 0) return '年龄不详';
	if (age < 35) return '35岁以下';
	if (age < 40) return '35–39岁';
	if (age < 45) return '40–44岁';
	if (age < 50) return '45–49岁';
	if (age < 55) return '50–54岁';
	return '55岁及以上';
}
