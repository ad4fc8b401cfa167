// The hits of conflict detection (index.ts): one per (expert, candidate, kind) with the best-ranked
// reason, keyed by numbers and worded only when listed.
import type { UnitRelation } from '../intake/work-units';

const CONFLICT_KINDS = [
	'same_unit',
	'former_unit',
	'nominating_body',
	'same_school',
	'declared_unit',
	'declared_person'
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface DetectedConflict {
	expert: string;
	candidate: string;
	kind: ConflictKind;
	/** 'warning' = the chair decides (same school); 'conflict' = the pair must not meet. */
	severity: 'conflict' | 'warning';
	reason: string;
}

export interface UnitKey {
	label: string; // the unit as written (title removed), for reasons
	key: string;
	ancestors: string[];
}

export type Source = 'current' | 'former' | 'declared';
export interface ExpertUnit extends UnitKey {
	expert: number;
	source: Source;
	order: number; // position among the expert's units, for a deterministic choice of reason
}
const REL_TEXT: Record<UnitRelation, string> = { same: '相同', parent: '存在隶属关系' };

function reasonFor(
	kind: ConflictKind,
	cu: UnitKey,
	side: 'current' | 'former' | 'channel',
	eu: ExpertUnit,
	rel: UnitRelation
): string {
	const expertSide = eu.source === 'current' ? '现工作单位' : '曾工作单位';
	const candSide = side === 'current' ? '现工作单位' : '曾任职单位';
	switch (kind) {
		case 'nominating_body':
			return rel === 'same'
				? `专家现工作单位“${eu.label}”是候选人的推荐单位“${cu.label}”`
				: `专家现工作单位“${eu.label}”与候选人的推荐单位“${cu.label}”存在隶属关系`;
		case 'declared_unit':
			// Declarations are private to the expert: no unit names in the reason.
			return `专家申报需回避的单位与候选人${candSide}相符`;
		default:
			return `专家${expertSide}“${eu.label}”与候选人${candSide}“${cu.label}”${REL_TEXT[rel]}`;
	}
}

/** How to word a unit hit's reason; worded only for the hit that is kept. */
export interface UnitReason {
	cu: UnitKey;
	side: 'current' | 'former' | 'channel';
	eu: ExpertUnit;
	rel: UnitRelation;
}

export interface Hit {
	/** sort key: expert id rank, candidate id rank, kind (the output order) */
	key: number;
	expert: number;
	candidate: number;
	kind: ConflictKind;
	/** lower wins: same before parent, candidate unit order, expert unit order (packed) */
	rank: number;
	reason: string | UnitReason;
}

export const RANK_STEP = 2 ** 21;

/** Rank of each id in string order; equal ids share a rank (and so one entry per pair, as keys). */
function idRanks(ids: readonly string[]): Int32Array {
	const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
	const rank = new Int32Array(ids.length);
	order.forEach((i, r) => (rank[i] = r > 0 && ids[order[r - 1]] === ids[i] ? rank[order[r - 1]] : r));
	return rank;
}

/**
 * Collects one hit per (expert, candidate, kind), keeping the best-ranked reason. Hits are keyed
 * by numbers (ranks of the ids), and a reason is worded only once its hit is final: at national
 * scale there are ~150,000 ties and several candidate hits per tie.
 */
export class HitSet {
	private readonly hits = new Map<number, Hit>();
	private readonly expertRank: Int32Array;
	private readonly candidateRank: Int32Array;

	constructor(
		private readonly expertIds: readonly string[],
		private readonly candidateIds: readonly string[]
	) {
		this.expertRank = idRanks(expertIds);
		this.candidateRank = idRanks(candidateIds);
	}

	add(expert: number, candidate: number, kind: ConflictKind, reason: string | UnitReason, rank: number) {
		const key =
			(this.expertRank[expert] * this.candidateIds.length + this.candidateRank[candidate]) * CONFLICT_KINDS.length +
			CONFLICT_KINDS.indexOf(kind);
		const old = this.hits.get(key);
		if (old && rank >= old.rank) return;
		this.hits.set(key, { key, expert, candidate, kind, rank, reason });
	}

	/** The hits in no particular order. */
	list(): Hit[] {
		return [...this.hits.values()];
	}

	describe(h: Hit): DetectedConflict {
		return {
			expert: this.expertIds[h.expert],
			candidate: this.candidateIds[h.candidate],
			kind: h.kind,
			severity: h.kind === 'same_school' ? 'warning' : 'conflict',
			reason:
				typeof h.reason === 'string'
					? h.reason
					: reasonFor(h.kind, h.reason.cu, h.reason.side, h.reason.eu, h.reason.rel)
		};
	}

	sorted(): DetectedConflict[] {
		return this.list()
			.sort((a, b) => a.key - b.key)
			.map((h) => this.describe(h));
	}
}
