// What the selection page shows, as the server builds it. Names are present only for the organizer.
import type { PageWindow } from '$lib/shared/paging';

export interface TargetView {
	index: number;
	/** the target's Chinese wording as the campaign settings have it */
	label: string;
	/** who set it: the notice (with its clause) or the office (with who and when) */
	origin: 'notice' | 'office';
	/** what the 删除 button sends: index and stored label, so a stale page cannot remove another target */
	removeKey: string;
	/** “通知：…（原文）” / “活动办公室设定：…，由某某于某时设定” */
	provenance: string;
	/** 青年 / 女性 / 基层一线 / 领域 / 推荐渠道 / 渠道类型 */
	what: string;
	kind: 'atLeast' | 'atMost';
	/** which number the form edits: a share in percent, or a count */
	unit: 'share' | 'count';
	/** the campaign setting (percent for shares) */
	configured: number;
	/** the value used by the run on screen (or the setting when there is no run) */
	current: number;
	/** current is looser than configured */
	relaxed: boolean;
	/** what the number means in seats for the first tier */
	seats: number;
	/** the engine's wording, to match an infeasible report (`youth ≥ 2`) */
	rule: string;
	/** in the infeasible report: how many seats the rule misses by */
	shortBy?: number;
	conflictMessage?: string;
}

export interface Relaxation {
	label: string;
	from: string;
	to: string;
	/** false when the run was stricter than the settings (only a script can do that) */
	relaxed: boolean;
}

export interface ResultRow {
	rank: number;
	id: string;
	code: string;
	name?: string;
	field: string;
	score: number;
	/** the explanation text when a rule lifted this candidate in, else null (按得分排序) */
	why: string | null;
}

export interface PlainRow {
	rank: number;
	code: string;
	name?: string;
	field: string;
	score: number;
	/** in the plain top N but not on the final list */
	displaced: boolean;
	/** the explanation that displaced it */
	by: string | null;
	/** equal score straddling the last seat (并列) */
	tie?: boolean;
	/** below the seats, shown only because it ties with the last seat */
	beyond?: boolean;
}

export interface BalanceRowView {
	label: string;
	kind: 'atLeast' | 'atMost';
	required: number;
	achieved: number;
	plain: number;
	ok: boolean;
}

export interface TierView {
	name: string;
	size: number;
	total: number;
	/** drawn from another tier's winners */
	subsetOf: string | null;
	rows: ResultRow[];
	plain: PlainRow[];
	balance: BalanceRowView[] | null;
	lifted: number;
	/** candidates that could be chosen for the tier, seats left empty, and a tie at the cut */
	cut: { available: number; shortBy: number; tie: { score: number; inside: number; outside: number } | null };
}

export interface InfeasibleView {
	tier: string;
	message: string;
	rules: { rule: string; label: string; message: string; shortBy?: number }[];
}

export interface RunView {
	id: string;
	state: 'draft' | 'locked';
	createdAt: number;
	createdBy: string | null;
	lockedAt: number | null;
	lockedBy: string | null;
	hash: string;
	roundName: string;
	/** the inputs have changed since the run: it can no longer be locked */
	stale: boolean;
	relaxed: Relaxation[];
	poolSize: number;
}

export interface LeftOut {
	code: string;
	name?: string;
	reason: string;
}

/** The candidates not ranked at all: counted per reason, one page of them listed (`?outside=`). */
export interface NotRanked {
	total: number;
	reasons: { reason: string; n: number }[];
	rows: LeftOut[];
	window: PageWindow;
}

/** Scores in tables: two decimals, so that columns line up (86.2 → 86.20). */
export const fmtScore = (s: number): string => (Math.round(s * 100) / 100).toFixed(2);
