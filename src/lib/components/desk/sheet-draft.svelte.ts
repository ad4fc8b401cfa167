// The state of one score sheet or ballot on the desk: what was typed, what the server holds, and
// the save loop between them. Every edit goes to localStorage at once and to the server ~800 ms
// later (or on blur); the server's optimistic version decides conflicts, and nothing typed is ever
// dropped without the expert choosing so.
import { deserialize } from '$app/forms';
import { validateDraft, validateSheet } from '$lib/domain/review/score-sheet';
import type { RubricCriterion } from '$lib/domain/types';
import { clearDraft, readDraft, sameContent, valuesOf, writeDraft, type Content } from './format';
import type { SaveState } from './save-status';
import { postDraft } from './draft-request';
import type { ActionFailure, DeskRound, OwnSheet, ServerCopy } from '$lib/shared/desk-views';

const DEBOUNCE_MS = 800;
const RETRY_MS = 10_000;

export interface DraftOptions {
	round: DeskRound;
	sheet: OwnSheet | null;
	storageKey: string;
	/** the action URL, e.g. `?round=r_1&/save` (the submission) */
	actionUrl: (name: 'save' | 'submit') => string;
	/** the autosave's JSON endpoint, e.g. `/c/x/dossiers/A01/draft` */
	draftUrl: string;
	/** a no-JS post's result, when the page was rendered from one */
	posted?: ActionFailure | { saved: true; savedAt: number } | null;
}

export class SheetDraft {
	values = $state<Record<string, string>>({});
	comment = $state('');
	choice = $state<string | null>(null);
	baseVersion = $state(0);
	state = $state<SaveState>('idle');
	savedAt = $state<number | null>(null);
	message = $state('');
	serverErrors = $state<Record<string, string>>({});
	/** the server's copy after a STALE save: shown beside the typed values until the expert chooses */
	stale = $state<ServerCopy | null>(null);
	/** typed values the server refused because another window submitted first */
	unsaved = $state<Content | null>(null);
	restored = $state(false);
	submitting = $state(false);
	locked = $state(false);
	closed = $state(false);
	submittedAt = $state<number | null>(null);

	readonly round: DeskRound;
	readonly rubric: RubricCriterion[];
	private opts: DraftOptions;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private retry: ReturnType<typeof setTimeout> | null = null;
	private inFlight: Promise<void> | null = null;
	private again = false;
	private edits = 0;
	private dirty = false;

	constructor(opts: DraftOptions) {
		this.opts = opts;
		this.round = opts.round;
		this.rubric = opts.round.rubric;
		const s = opts.sheet;
		this.values = valuesOf(s?.values);
		this.comment = s?.comment ?? '';
		this.choice = s?.choice ?? null;
		this.baseVersion = s?.version ?? 0;
		this.locked = s?.status === 'submitted';
		this.submittedAt = s?.submittedAt ?? null;
		this.closed = opts.round.state !== 'open';
		if (this.locked) this.state = 'submitted';
		else if (s) {
			this.state = 'saved';
			this.savedAt = s.updatedAt;
		}
		const p = opts.posted;
		if (p && 'saved' in p) {
			this.state = 'saved';
			this.savedAt = p.savedAt;
		} else if (p && 'code' in p) {
			// No JavaScript: the refused post comes back with what was typed.
			const typed = { values: p.values ?? {}, comment: p.comment ?? '', choice: p.choice ?? null };
			if (this.locked) {
				if (!sameContent(typed, this.content)) this.unsaved = typed;
			} else {
				this.values = typed.values;
				this.comment = typed.comment;
				this.choice = typed.choice;
				// A conflict keeps the version the post named, so a plain save cannot overwrite silently.
				if (p.code === 'STALE' && p.baseVersion !== undefined) this.baseVersion = p.baseVersion;
				this.applyFailure(p);
			}
		}
	}

	get content(): Content {
		return { values: { ...this.values }, comment: this.comment, choice: this.choice };
	}

	/** As-you-type validation, the server's own rules. */
	get draftCheck() {
		return validateDraft(this.rubric, this.values);
	}

	get total(): number {
		return this.draftCheck.total;
	}

	/** Called once in the browser: restores unsaved typing and wires the retry triggers. */
	start(): () => void {
		const local = readDraft(this.opts.storageKey);
		if (this.locked) clearDraft(this.opts.storageKey);
		else if (local?.dirty && !sameContent(local, this.content) && !this.stale) {
			const server = {
				version: this.baseVersion,
				values: { ...this.values },
				comment: this.comment,
				choice: this.choice
			};
			this.values = { ...local.values };
			this.comment = local.comment;
			this.choice = local.choice;
			this.restored = true;
			this.dirty = true;
			if (local.baseVersion === this.baseVersion) this.schedule(300);
			// Saved elsewhere since this typing began: both versions are shown, the expert chooses.
			else this.enterStale(server);
		}
		const online = () => this.state === 'offline' && this.saveNow();
		const hide = () => this.flushOnLeave();
		window.addEventListener('online', online);
		window.addEventListener('pagehide', hide);
		return () => {
			window.removeEventListener('online', online);
			window.removeEventListener('pagehide', hide);
			this.flushOnLeave();
			if (this.retry) clearTimeout(this.retry);
		};
	}

	/** After every change of values, comment or choice. */
	edit(): void {
		if (this.locked) return;
		this.edits++;
		this.dirty = true;
		this.restored = false;
		this.serverErrors = {};
		if (this.state === 'invalid') this.message = '';
		writeDraft(this.opts.storageKey, { ...this.content, baseVersion: this.baseVersion, dirty: true, at: Date.now() });
		if (this.state === 'stale' || this.closed || this.state === 'gone') return;
		this.state = 'pending';
		this.schedule(DEBOUNCE_MS);
	}

	/** On blur: save now what is waiting. */
	flush(): void {
		if (this.dirty && this.canSave()) this.saveNow();
	}

	private canSave() {
		return !this.locked && !this.closed && !this.stale && this.state !== 'gone' && !this.submitting;
	}

	private cancelTimer() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private schedule(ms: number) {
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			this.timer = null;
			this.saveNow();
		}, ms);
	}

	private body(submit: boolean): FormData {
		const fd = new FormData();
		for (const c of this.rubric) fd.set(`v.${c.key}`, this.values[c.key] ?? '');
		fd.set('comment', this.comment);
		if (this.choice) fd.set('choice', this.choice);
		fd.set('baseVersion', String(this.baseVersion));
		if (submit) fd.set('confirm', '1');
		return fd;
	}

	private async post(name: 'save' | 'submit', fd: FormData, keepalive = false) {
		const res = await fetch(this.opts.actionUrl(name), {
			method: 'POST',
			body: fd,
			keepalive,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		return deserialize(await res.text());
	}

	/** A draft to the JSON endpoint (draft-request.ts). */
	private postDraft(keepalive = false) {
		const values: Record<string, string> = {};
		for (const c of this.rubric) values[c.key] = this.values[c.key] ?? '';
		const body = { round: this.round.id, values, comment: this.comment, choice: this.choice };
		return postDraft(this.opts.draftUrl, { ...body, baseVersion: this.baseVersion }, keepalive);
	}

	saveNow(): void {
		this.cancelTimer();
		if (!this.dirty || !this.canSave()) return;
		if (this.inFlight) {
			this.again = true;
			return;
		}
		if (this.round.type === 'score' && !this.draftCheck.ok) {
			this.state = 'invalid';
			return;
		}
		this.inFlight = this.send().finally(() => {
			this.inFlight = null;
			if (this.again) {
				this.again = false;
				this.saveNow();
			}
		});
	}

	private async send(): Promise<void> {
		const seq = this.edits;
		this.state = 'saving';
		try {
			const r = await this.postDraft();
			if (r.type === 'success' && r.data) {
				const d = r.data as { version: number; savedAt: number };
				this.baseVersion = d.version;
				this.savedAt = d.savedAt;
				this.serverErrors = {};
				if (seq === this.edits) {
					this.dirty = false;
					this.state = 'saved';
				} else this.state = 'pending';
				writeDraft(this.opts.storageKey, {
					...this.content,
					baseVersion: this.baseVersion,
					dirty: this.dirty,
					at: Date.now()
				});
			} else if (r.type === 'failure' && r.data?.code) this.applyFailure(r.data as unknown as ActionFailure);
			else if (r.type === 'redirect') this.state = 'expired';
			else this.goOffline();
		} catch {
			this.goOffline();
		}
	}

	private goOffline() {
		this.state = 'offline';
		if (this.retry) clearTimeout(this.retry);
		this.retry = setTimeout(() => this.saveNow(), RETRY_MS);
	}

	private enterStale(current: ServerCopy | undefined | null) {
		this.stale = current ?? { version: 0, values: {}, comment: '', choice: null };
		this.state = 'stale';
	}

	private applyFailure(f: ActionFailure) {
		this.message = f.message;
		switch (f.code) {
			case 'STALE': {
				const current = f.current
					? {
							...f.current,
							values: valuesOf(f.current.values),
							comment: f.current.comment ?? ''
						}
					: null;
				if (current && sameContent(current, this.content)) {
					// The other save holds exactly this (e.g. sent while leaving the page): nothing to choose.
					this.baseVersion = current.version;
					this.dirty = false;
					this.message = '';
					this.state = 'saved';
					this.savedAt = Date.now();
				} else this.enterStale(current);
				break;
			}
			case 'SUBMITTED':
				// Another window submitted first: show what counts, keep what was typed here in view.
				if (
					!sameContent(this.content, {
						values: valuesOf(f.current?.values),
						comment: f.current?.comment ?? '',
						choice: f.current?.choice ?? null
					})
				)
					this.unsaved = this.content;
				this.values = valuesOf(f.current?.values);
				this.comment = f.current?.comment ?? '';
				this.choice = f.current?.choice ?? null;
				this.baseVersion = f.current?.version ?? this.baseVersion;
				this.locked = true;
				this.state = 'submitted';
				break;
			case 'ROUND_CLOSED':
				this.closed = true;
				this.state = 'closed';
				break;
			case 'NOT_FOUND':
				this.state = 'gone';
				break;
			default:
				this.serverErrors = f.errors ?? {};
				this.state = 'invalid';
		}
	}

	/** The expert takes the other window's version: the typed values are replaced. */
	useServer(): void {
		const s = this.stale;
		if (!s) return;
		this.values = valuesOf(s.values);
		this.comment = s.comment ?? '';
		this.choice = s.choice ?? null;
		this.baseVersion = s.version;
		this.stale = null;
		this.dirty = false;
		this.restored = false;
		this.message = '';
		this.state = s.version ? 'saved' : 'idle';
		writeDraft(this.opts.storageKey, { ...this.content, baseVersion: this.baseVersion, dirty: false, at: Date.now() });
	}

	/** The expert keeps what they typed: saved over the other version. */
	useMine(): void {
		const s = this.stale;
		if (!s) return;
		this.baseVersion = s.version;
		this.stale = null;
		this.dirty = true;
		this.message = '';
		this.saveNow();
	}

	/** The checks before the confirmation dialog: every criterion (or a choice) present and valid. */
	submitCheck() {
		if (this.round.type === 'vote') return { ok: !!this.choice, errors: {} as Record<string, string>, total: 0 };
		return validateSheet(this.rubric, this.values);
	}

	/** The confirmed submission; waits for a save in flight so the version is the latest. */
	async submit(): Promise<boolean> {
		if (this.submitting || this.locked || this.closed || this.stale) return false;
		this.submitting = true;
		this.cancelTimer();
		try {
			while (this.inFlight) await this.inFlight;
			this.state = 'saving';
			const r = await this.post('submit', this.body(true));
			if (r.type === 'success' && r.data) {
				const d = r.data as { version: number; savedAt: number };
				this.baseVersion = d.version;
				this.submittedAt = d.savedAt;
				this.savedAt = d.savedAt;
				this.locked = true;
				this.dirty = false;
				this.state = 'submitted';
				this.message = '';
				clearDraft(this.opts.storageKey);
				return true;
			}
			if (r.type === 'failure' && r.data?.code) this.applyFailure(r.data as unknown as ActionFailure);
			else if (r.type === 'redirect') this.state = 'expired';
			else this.state = 'offline';
			return false;
		} catch {
			this.state = 'offline';
			return false;
		} finally {
			this.submitting = false;
		}
	}

	/** Leaving the page (next dossier, closing the tab): what waits goes out with keepalive. */
	private flushOnLeave() {
		this.cancelTimer();
		if (!this.dirty || !this.canSave() || this.inFlight) return;
		if (this.round.type === 'score' && !this.draftCheck.ok) return;
		this.dirty = false; // the local copy stays marked unsaved until a load sees the server has it
		this.postDraft(true).catch(() => {});
	}
}
