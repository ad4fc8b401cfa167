// Labels and small formatters of the rounds pages. Pure and client-safe (no server imports):
// the labels come from $lib/shared/labels, shared with the services.

import { ROUND_STATE_LABELS, ROUND_TYPE_LABELS } from '$lib/shared/labels';
import { AGGREGATION_LABELS } from '$lib/shared/labels';

export const STATE_LABELS = ROUND_STATE_LABELS;
export const TYPE_LABELS: Record<string, string> = ROUND_TYPE_LABELS;
export const STATE_BADGE: Record<string, string> = { draft: 'grey', open: '', closed: 'warn' };

export interface RoundSummary {
	id: string;
	seq: number;
	name: string;
	type: 'score' | 'vote';
	state: 'draft' | 'open' | 'closed';
	reviewers: string;
	aggregation: string;
	threshold: { num: number; den: number } | null;
	deadline: string | null;
	candidates: number;
	/** submitted / expected pairs; null before the round opens */
	progress: { done: number; total: number } | null;
	/** open rounds: “缺 5 份评分：张三 3 份…”, '' when none is missing */
	missing?: string | null;
}

export interface Criterion {
	key: string;
	name: string;
	max: number;
	description?: string;
}

/** 平均分 for score rounds, 赞成票不少于出席的 2/3 for vote rounds. */
export function ruleText(r: Pick<RoundSummary, 'type' | 'aggregation' | 'threshold'>): string {
	if (r.type === 'vote') {
		const t = r.threshold ?? { num: 2, den: 3 };
		return `赞成票不少于出席的 ${t.num}/${t.den}`;
	}
	return `按${AGGREGATION_LABELS[r.aggregation] ?? r.aggregation}排名`;
}

/** Two decimals for aggregates, trailing zeros dropped: 83.33, 85, 85.5. */
export function num(x: number | null | undefined, digits = 2): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '—';
	return String(Number(x.toFixed(digits)));
}

export function percent(done: number, total: number): number {
	return total > 0 ? Math.round((done / total) * 100) : 0;
}
