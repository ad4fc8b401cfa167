// Times as people in the campaign read them: Beijing time (Asia/Shanghai), whatever the zone of
// the server or of the laptop. Client-safe (no server imports), shared by pages and mails.

const DATETIME = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});
const DATE = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const TIME = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

export type BeijingFormat = 'datetime' | 'date' | 'time';

/** "2024-06-30 17:00", "2024-06-30" or "17:00", Beijing time; "—" for a missing or invalid time. */
export function formatBeijing(ms: number | null | undefined, what: BeijingFormat = 'datetime'): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
	const fmt = what === 'date' ? DATE : what === 'time' ? TIME : DATETIME;
	const parts = Object.fromEntries(fmt.formatToParts(ms).map((p) => [p.type, p.value]));
	// Some ICU versions print hour 24 for midnight with hour12: false.
	const hour = parts.hour === '24' ? '00' : parts.hour;
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	if (what === 'date') return date;
	if (what === 'time') return `${hour}:${parts.minute}`;
	return `${date} ${hour}:${parts.minute}`;
}

/** A round deadline ("2024-06-30" lasts to the end of that day, China time) as epoch ms; null if invalid. */
export function deadlineMs(deadline: string | null | undefined): number | null {
	if (!deadline) return null;
	const s = deadline.trim();
	const at = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T23:59:59.999+08:00`) : Date.parse(s);
	return Number.isNaN(at) ? null : at;
}
