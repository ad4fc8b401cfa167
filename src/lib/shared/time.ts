// Times as people in the campaign read them: Beijing time (Asia/Shanghai, UTC+8, no daylight
// saving), whatever the zone of the server or of the laptop. The one date utility of the app:
// pages, mails, exports, the audit log and the CLI all format through it. Client-safe.

const ZONE = 'Asia/Shanghai';
const HOUR_MS = 3_600_000;
/** China has kept UTC+8 all year since 1991: calendar arithmetic may use the fixed offset. */
const OFFSET_MS = 8 * HOUR_MS;

const PARTS = new Intl.DateTimeFormat('en-CA', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/**
 * - `datetime` "2024-06-30 17:00" (the default: tables, notes, locks, exports)
 * - `seconds` "2024-06-30 17:00:05" (the audit log)
 * - `date` "2024-06-30", `time` "17:00", `clock` "17:00:05" (the desk's "已保存 …")
 * - `millis` "2024-06-30 17:00:05.123" (a seed taken from the clock)
 * - `input` "2024-06-30T17:00" (the value of an `<input type="datetime-local">`)
 * - `cn-date` "2024年6月30日", `cn-datetime` "2024年6月30日 17:00" (deadlines, as the notices write dates)
 */
export type BeijingFormat =
	'datetime' | 'seconds' | 'millis' | 'date' | 'time' | 'clock' | 'input' | 'cn-date' | 'cn-datetime';

/** A time in Beijing in the given format; "—" for a missing or invalid time. */
export function formatBeijing(ms: number | null | undefined, what: BeijingFormat = 'datetime'): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
	const p = Object.fromEntries(PARTS.formatToParts(ms).map((x) => [x.type, x.value]));
	// Some ICU versions print hour 24 for midnight even in h23.
	const hm = `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
	const date = `${p.year}-${p.month}-${p.day}`;
	const cn = `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
	switch (what) {
		case 'date':
			return date;
		case 'time':
			return hm;
		case 'clock':
			return `${hm}:${p.second}`;
		case 'seconds':
			return `${date} ${hm}:${p.second}`;
		case 'millis':
			return `${date} ${hm}:${p.second}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
		case 'input':
			return `${date}T${hm}`;
		case 'cn-date':
			return cn;
		case 'cn-datetime':
			return `${cn} ${hm}`;
		default:
			return `${date} ${hm}`;
	}
}

/** Like formatBeijing, but "" for a missing time (CSV cells and form values, where a dash would be data). */
export function formatBeijingOrEmpty(ms: number | null | undefined, what: BeijingFormat = 'datetime'): string {
	return ms === null || ms === undefined || !Number.isFinite(ms) ? '' : formatBeijing(ms, what);
}

/** A public seed taken from the clock: "2024-06-30 17:00:05.123 北京时间". */
export function clockSeed(now = Date.now()): string {
	return `${formatBeijing(now, 'millis')} 北京时间`;
}

/** Today's date in Beijing, YYYY-MM-DD (not the UTC date, which lags eight hours behind). */
export function beijingToday(now = Date.now()): string {
	return formatBeijing(now, 'date');
}

/** Whether `s` is a real calendar day written YYYY-MM-DD (2024-02-30 is not). */
export function isCalendarDate(s: string | null | undefined): s is string {
	if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const t = Date.parse(`${s}T00:00:00Z`);
	return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** The first millisecond of a Beijing calendar day `YYYY-MM-DD`, or null for an invalid day. */
export function beijingDayStart(day: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
	if (!m) return null;
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS;
	return Number.isFinite(t) && formatBeijing(t, 'date') === day.trim() ? t : null;
}

/** A `datetime-local` value typed in Beijing time ("2024-06-30T17:00") as epoch ms; null if invalid. */
export function parseBeijingInput(value: string | null | undefined): number | null {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec((value ?? '').trim());
	if (!m) return null;
	const day = beijingDayStart(m[1]);
	if (day === null) return null;
	const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
	if (h > 23 || min > 59 || s > 59) return null;
	return day + h * HOUR_MS + min * 60_000 + s * 1000;
}

/** A round deadline ("2024-06-30" lasts to the end of that day, China time) as epoch ms; null if invalid. */
export function deadlineMs(deadline: string | null | undefined): number | null {
	if (!deadline) return null;
	const s = deadline.trim();
	const at = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T23:59:59.999+08:00`) : Date.parse(s);
	return Number.isNaN(at) ? null : at;
}

export interface DeadlineInfo {
	/** 2024年6月30日 for a date alone, 2024年6月30日 18:00 for a time; the text itself if unreadable */
	label: string;
	past: boolean;
}

/** What a page says of a round deadline, and whether it has passed. */
export function deadlineInfo(deadline: string | null | undefined, now = Date.now()): DeadlineInfo | null {
	if (!deadline) return null;
	const at = deadlineMs(deadline);
	if (at === null) return { label: deadline, past: false };
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(deadline.trim());
	return { label: formatBeijing(at, dateOnly ? 'cn-date' : 'cn-datetime'), past: now > at };
}
