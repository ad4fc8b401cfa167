// Small pure helpers of the expert's desk: the local draft store. Times and deadlines: shared/time.

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

/** The server's stored values as the form's strings (the vote's choice is kept apart). */
export function valuesOf(v: Record<string, unknown> | undefined | null): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, x] of Object.entries(v ?? {})) if (x !== null && x !== undefined && k !== 'choice') out[k] = String(x);
	return out;
}
