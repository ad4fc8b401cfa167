// Ages of candidates on a campaign's reference date. Pure functions, no I/O.
//
// Conventions (they decide who counts as 青年科技工作者, so they are fixed here once):
// - A birth given as year and month only (the 推荐表 asks for 出生年月) counts as born on the 1st of
//   that month: nobody is counted younger than they may be, so a youth share is never overstated.
// - Age is the number of completed years on the reference date; the birthday itself completes a year.
// - Someone born on 29 February turns a year older on 1 March in non-leap years.
// - 青年 (“45岁以下”) is inclusive: in Chinese legal usage 以上/以下/以内 include the number itself
//   (民法典 第1259条). The rule is a birth-date cut-off, as offices write it: “1978年4月11日以后出生”
//   = born on or after the reference date minus `youthAge` years (the office may set another date).
//   Someone turning 45 on the reference date is youth; “以后” includes the day itself.
// - A birth with year and month only is judged at the month boundary: born in the cut-off month or
//   later is youth (the 推荐表 asks only for 出生年月); the check notes those in the cut-off month.

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

/** YYYY-MM-DD of `date` minus `years` calendar years (29 February → 28 February in common years). */
function minusYears(date: string, years: number): string | null {
	const r = parseBirth(date);
	if (!r || r.day === undefined) return null;
	const year = r.year - years;
	const day = Math.min(r.day, daysInMonth(year, r.month));
	return `${year}-${String(r.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The youth cut-off as a birth date: `override` when the office set one, else the reference date
 * minus `youthAge` years (“45岁以下” on 2023-04-11 → born on or after 1978-04-11).
 */
export function youthCutoff(referenceDate: string, youthAge = 45, override?: string | null): string | null {
	if (override && parseBirth(override)?.day !== undefined) return override;
	return minusYears(referenceDate, youthAge);
}

/** “1978年4月11日以后出生”: the cut-off in the words offices use. */
export function cutoffText(cutoff: string): string {
	const c = parseBirth(cutoff);
	return c ? `${c.year}年${c.month}月${c.day ? `${c.day}日` : ''}以后出生` : cutoff;
}

export interface YouthStatus {
	youth: boolean;
	/** Month-only birth in the cut-off month: judged youth by month, the day is unknown. */
	byMonth: boolean;
}

/** Youth against a birth-date cut-off; month-only births are judged at the month boundary. */
export function youthStatus(birth: string | null | undefined, cutoff: string | null): YouthStatus {
	const b = parseBirth(birth);
	const c = parseBirth(cutoff);
	if (!b || !c) return { youth: false, byMonth: false };
	const cDay = c.day ?? 1;
	if (b.year !== c.year) return { youth: b.year > c.year, byMonth: false };
	if (b.month !== c.month) return { youth: b.month > c.month, byMonth: false };
	if (b.day === undefined) return { youth: true, byMonth: cDay > 1 };
	return { youth: b.day >= cDay, byMonth: false };
}

/**
 * True when the candidate is youth on the reference date (see the conventions above); `cutoff`
 * is the office's own birth-date cut-off when it set one. An unreadable or future birth is not
 * youth: it cannot be counted towards a youth quota (the check reports it as a missing field).
 */
export function isYouth(
	birth: string | null | undefined,
	referenceDate: string,
	youthAge = 45,
	cutoff?: string | null
): boolean {
	const age = ageOn(birth, referenceDate);
	if (age === null || age < 0) return false;
	return youthStatus(birth, youthCutoff(referenceDate, youthAge, cutoff)).youth;
}

export type AgeBand = '35岁以下' | '35–39岁' | '40–44岁' | '45–49岁' | '50–54岁' | '55岁及以上' | '年龄不详';

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
