// Working-day arithmetic for the 公示 period. Pure UTC date arithmetic on 'YYYY-MM-DD' strings:
// no Date parsing of free text, no time zone, no locale.
//
// A workday is Monday–Friday that is not in `holidays`, or a Saturday/Sunday listed in
// `makeupWorkdays` (调休上班日, e.g. 2024-05-11). A date in both lists is a holiday: the office's
// explicit "closed" beats the swap. Callers supply both lists; no official calendar is built in.

import calendar from 'chinese-days/dist/chinese-days.json';

export interface WorkdayPeriod {
	start: string; // first working day (the chosen date, or the next workday after it)
	end: string; // last working day of the period
	days: string[]; // every working day, in order, length n
}

const DAY_MS = 86_400_000;

function parse(date: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		const t = Date.UTC(y, mo - 1, d);
		const back = new Date(t);
		// Date.UTC silently rolls 2024-02-30 to March: round-trip to reject it.
		if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return t / DAY_MS;
	}
	throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
}
function format(day: number): string {
	const d = new Date(day * DAY_MS);
	const p = (x: number) => String(x).padStart(2, '0');
	return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}
function toSet(dates: readonly string[] | undefined): Set<number> {
	return new Set((dates ?? []).map(parse));
}

function isWorkdayNum(day: number, holidays: Set<number>, makeup: Set<number>): boolean {
	if (holidays.has(day)) return false;
	const dow = new Date(day * DAY_MS).getUTCDay(); // 0 Sunday … 6 Saturday
	return (dow !== 0 && dow !== 6) || makeup.has(day);
}

/**
 * The n working days starting on `start` (counted as day 1 when it is a workday, else the
 * period begins on the next workday). n ≥ 1.
 * addWorkdays('2024-05-06', 5) → 2024-05-06 … 2024-05-10.
 */
export function addWorkdays(
	start: string,
	n: number,
	holidays?: readonly string[],
	makeupWorkdays?: readonly string[]
): WorkdayPeriod {
	if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`工作日天数应为正整数：${n}`);
	const hol = toSet(holidays);
	const mk = toSet(makeupWorkdays);
	const days: string[] = [];
	// Terminates: weekdays are workdays unless listed, and the holiday list is finite.
	for (let d = parse(start); days.length < n; d++) if (isWorkdayNum(d, hol, mk)) days.push(format(d));
	return { start: days[0], end: days[days.length - 1], days };
}

/** '2024-05-06' → '2024年5月6日' (no leading zeros, as official notices print it). */
export function formatChineseDate(date: string): string {
	const d = new Date(parse(date) * DAY_MS);
	return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

// ---------------------------------------------------------------- the official calendar
// 国务院办公厅 holiday arrangements (法定节假日 and 调休上班日) as the maintained `chinese-days`
// package ships them (data only: no clock, no time zone). Its `holidays` are the days off of each
// holiday period, its `workdays` the weekend days worked in exchange (调休).

const OFFICIAL_HOLIDAYS = Object.keys(calendar.holidays).sort();
const OFFICIAL_MAKEUP = Object.keys(calendar.workdays).sort();

/** The years the official calendar covers; later dates count weekends only unless the office adds them. */
export const OFFICIAL_YEARS = {
	from: Number(OFFICIAL_HOLIDAYS[0].slice(0, 4)),
	to: Number(OFFICIAL_HOLIDAYS[OFFICIAL_HOLIDAYS.length - 1].slice(0, 4))
};

/** Dates the campaign office adds: extra days off (`closed`) and extra working days (`open`). */
export interface OfficeDates {
	closed?: readonly string[];
	open?: readonly string[];
}

/**
 * The 公示 period: `n` working days from `start` by the official calendar plus the office's dates
 * (an office "closed" beats everything; an office "open" beats the official holidays).
 * noticePeriod('2024-04-29', 5) ends 2024-05-08 (劳动节 5月1日–5日, 调休 4月28日 and 5月11日).
 */
export function noticePeriod(
	start: string,
	n: number,
	office: OfficeDates = {}
): WorkdayPeriod & { beyondCalendar: boolean } {
	const open = new Set(office.open ?? []);
	for (const d of [...(office.closed ?? []), ...open]) parse(d);
	const holidays = [...OFFICIAL_HOLIDAYS.filter((d) => !open.has(d)), ...(office.closed ?? [])];
	const makeup = [...OFFICIAL_MAKEUP, ...open];
	const period = addWorkdays(start, n, holidays, makeup);
	return { ...period, beyondCalendar: Number(period.end.slice(0, 4)) > OFFICIAL_YEARS.to };
}

/** A list of dates typed by the office (one per line, or separated by commas / spaces), or the first bad entry. */
export function parseDateList(text: string): { dates: string[] } | { error: string } {
	const dates: string[] = [];
	for (const raw of text.split(/[\s,，、;；]+/).filter(Boolean)) {
		try {
			parse(raw);
		} catch {
			return { error: raw };
		}
		if (!dates.includes(raw)) dates.push(raw);
	}
	return { dates: dates.sort() };
}
