// Small pure helpers of the expert's desk: times in China time, deadlines, the local draft store.
// Campaigns run in China: times show in Asia/Shanghai whatever the server's or laptop's zone.

const TIME = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hour12: false
});
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});
const DATE = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: 'long',
	day: 'numeric'
});

/** 14:03:27 */
export function clockTime(ms: number): string {
	return TIME.format(ms);
}

export interface DeadlineInfo {
	label: string; // 2024年6月30日 or 2024年6月30日 18:00
	past: boolean;
}

/** A date-only deadline lasts to the end of that day, China time. */
export function deadlineInfo(deadline: string | null, now = Date.now()): DeadlineInfo | null {
	if (!deadline) return null;
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(deadline.trim());
	const at = dateOnly ? Date.parse(`${deadline.trim()}T23:59:59.999+08:00`) : Date.parse(deadline);
	if (Number.isNaN(at)) return { label: deadline, past: false };
	return { label: dateOnly ? DATE.format(at) : DATE_TIME.format(at), past: now > at };
}

// ---------- the local draft: every keystroke, so a reload or a dropped connection loses nothing ----------

export interface LocalDraft {
	values: Record<string, string>;
	comment: string;
	choice: string | null;
	/** the server version the typing started from */
	baseVersion: number;
	/** typed but not yet acknowledged by the server */
	dirty: boolean;
	at: number;
}

/** Per expert as well: a shared laptop in a meeting room must never show one expert's draft to another. */
export function draftKey(campaignId: string, roundId: string, expertKey: string, code: string): string {
	return `laurel:desk:${campaignId}:${roundId}:${expertKey}:${code}`;
}

export function readDraft(key: string): LocalDraft | null {
	try {
		const raw = localStorage.getItem(key);
		if (!raw) return null;
		const d = JSON.parse(raw) as LocalDraft;
		return d && typeof d === 'object' && typeof d.values === 'object' && typeof d.baseVersion === 'number' ? d : null;
	} catch {
		return null;
	}
}

export function writeDraft(key: string, d: LocalDraft): void {
	try {
		localStorage.setItem(key, JSON.stringify(d));
	} catch {
		// private mode or full storage: the server save still runs
	}
}

export function clearDraft(key: string): void {
	try {
		localStorage.removeItem(key);
	} catch {
		// nothing to do
	}
}

export interface Content {
	values: Record<string, string>;
	comment: string;
	choice: string | null;
}

const norm = (c: Content) =>
	JSON.stringify([
		Object.entries(c.values)
			.map(([k, v]) => [k, String(v ?? '').trim()])
			.filter(([, v]) => v !== '')
			.sort(),
		c.comment.trim(),
		c.choice ?? null
	]);

export function sameContent(a: Content, b: Content): boolean {
	return norm(a) === norm(b);
}
