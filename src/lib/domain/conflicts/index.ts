// Conflict-of-interest (回避) detection between experts and candidates.
//
// Speed: every unit name is turned once into a key plus the keys of its
// organisational ancestors (units.ts). Expert units go into two Maps — by key and
// by ancestor key — so a candidate unit finds every related expert unit with
// 1 + 1 + (#ancestors) Map look-ups instead of a scan over all experts:
//   same    : experts.byKey[c.key]
//   expert below candidate unit : experts.byAncestor[c.key]
//   candidate below expert unit : experts.byKey[a] for a in c.ancestors
// `detectConflictsNaive` compares all pairs with the same keys; tests and the
// bench check that both give identical output.

import { isRegionName, normalizeUnit, unitAncestors, type UnitRelation } from '../intake/work-units';
import { splitUnitAndTitle } from '../intake/work-unit-titles';
import {
	HitSet,
	RANK_STEP,
	type ConflictKind,
	type DetectedConflict,
	type ExpertUnit,
	type Hit,
	type Source,
	type UnitKey
} from './hits';

export type { ConflictKind, DetectedConflict } from './hits';

export interface ExpertProfile {
	id: string;
	unit: string;
	formerUnits: string[];
	school?: string;
	declaredUnits?: string[];
	declaredPeople?: string[];
}

export interface CandidateProfile {
	id: string;
	name: string;
	unitAndTitle: string;
	careerUnits: string[];
	school?: string;
	channel: string;
}

/** Per-call memo: campaigns repeat the same unit names many times. */
let memo: Map<string, UnitKey | null> | null = null;

function unitKey(raw: string | undefined): UnitKey | null {
	if (!raw || !raw.trim()) return null;
	const hit = memo?.get(raw);
	if (hit !== undefined) return hit;
	const k = computeUnitKey(raw);
	memo?.set(raw, k);
	return k;
}

function computeUnitKey(raw: string): UnitKey | null {
	const label = splitUnitAndTitle(raw).unit.trim();
	const key = normalizeUnit(label);
	if (key.length < 2) return null;
	return { label, key, ancestors: unitAncestors(label) };
}

function relate(a: UnitKey, b: UnitKey): UnitRelation | null {
	if (a.key === b.key) return 'same';
	if (a.ancestors.includes(b.key) || b.ancestors.includes(a.key)) return 'parent';
	return null;
}

/** A nominating body: the channel itself, and for a region channel (南宁市) its 科协. */
function channelKeys(channel: string): UnitKey[] {
	const out: UnitKey[] = [];
	const own = unitKey(channel);
	if (own) out.push(own);
	if (isRegionName(channel)) {
		const body = unitKey(channel.trim() + '科学技术协会');
		if (body && body.key !== own?.key) out.push(body);
	}
	return out;
}

function personKey(name: string | undefined): string {
	// Forms pad two-character names with spaces ("张　伟"), so all whitespace goes.
	return (name ?? '').normalize('NFKC').replace(/\s+/g, '');
}

interface PreparedExpert {
	id: string;
	units: ExpertUnit[];
	school: UnitKey | null;
	people: Set<string>;
}
interface PreparedCandidate {
	id: string;
	name: string;
	current: UnitKey | null;
	formers: UnitKey[]; // career units other than the current one
	channels: UnitKey[];
	channelLabel: string;
	school: UnitKey | null;
}

function prepareExpert(e: ExpertProfile, index: number): PreparedExpert {
	const units: ExpertUnit[] = [];
	const push = (raw: string, source: Source) => {
		const k = unitKey(raw);
		if (k && !units.some((u) => u.key === k.key && u.source === source)) {
			units.push({ ...k, expert: index, source, order: units.length });
		}
	};
	push(e.unit, 'current');
	const currentKey = units[0]?.key;
	for (const u of e.formerUnits ?? []) if (unitKey(u)?.key !== currentKey) push(u, 'former');
	for (const u of e.declaredUnits ?? []) push(u, 'declared');
	const people = new Set((e.declaredPeople ?? []).map(personKey).filter(Boolean));
	return { id: e.id, units, school: unitKey(e.school), people };
}

function prepareCandidate(c: CandidateProfile): PreparedCandidate {
	const current = unitKey(c.unitAndTitle);
	const formers: UnitKey[] = [];
	// A career row for the current job is not a *former* unit (same_unit covers it).
	for (const u of c.careerUnits ?? []) {
		const k = unitKey(u);
		if (k && k.key !== current?.key && !formers.some((f) => f.key === k.key)) formers.push(k);
	}
	return {
		id: c.id,
		name: personKey(c.name),
		current,
		formers,
		channels: channelKeys(c.channel ?? ''),
		channelLabel: (c.channel ?? '').trim(),
		school: unitKey(c.school)
	};
}

/** Which rule a (candidate unit, expert unit) pair falls under; null when none. */
function kindOf(candSide: 'current' | 'former' | 'channel', source: Source): ConflictKind | null {
	if (candSide === 'channel') return source === 'current' ? 'nominating_body' : null;
	if (source === 'declared') return 'declared_unit';
	if (candSide === 'current' && source === 'current') return 'same_unit';
	return 'former_unit';
}

/** Candidate-side units in a fixed order: current, formers, nominating body. */
function candidateUnits(c: PreparedCandidate): { unit: UnitKey; side: 'current' | 'former' | 'channel' }[] {
	return [
		...(c.current ? [{ unit: c.current, side: 'current' as const }] : []),
		...c.formers.map((unit) => ({ unit, side: 'former' as const })),
		...c.channels.map((unit) => ({ unit, side: 'channel' as const }))
	];
}

function schoolReason(e: UnitKey): string {
	return `专家与候选人毕业院校相同或相关（“${e.label}”），请评审组长决定是否回避`;
}

function addUnitHit(
	set: HitSet,
	candidate: number,
	ci: number,
	cu: UnitKey,
	side: 'current' | 'former' | 'channel',
	eu: ExpertUnit,
	rel: UnitRelation
) {
	const kind = kindOf(side, eu.source);
	if (!kind) return;
	set.add(
		eu.expert,
		candidate,
		kind,
		{ cu, side, eu, rel },
		((rel === 'same' ? 0 : 1) * RANK_STEP + ci) * RANK_STEP + eu.order
	);
}

/** Indexed detection: see the header comment. */
export function detectConflicts(experts: ExpertProfile[], candidates: CandidateProfile[]): DetectedConflict[] {
	return indexed(experts, candidates).sorted();
}

/** A detected tie by the positions of its expert and candidate in the inputs. */
export interface ConflictHit {
	readonly expert: number;
	readonly candidate: number;
	readonly kind: ConflictKind;
}

/**
 * detectConflicts without the wording and the sorting, for a caller that stores only what is new
 * (refreshDetectedConflicts: ~150,000 ties at national scale, nearly all already stored):
 * `describe` gives a hit the entry detectConflicts would list for it.
 */
export function detectConflictHits(
	experts: ExpertProfile[],
	candidates: CandidateProfile[]
): { hits: ConflictHit[]; describe: (hit: ConflictHit) => DetectedConflict } {
	const set = indexed(experts, candidates);
	return { hits: set.list(), describe: (hit) => set.describe(hit as Hit) };
}

function indexed(experts: ExpertProfile[], candidates: CandidateProfile[]): HitSet {
	memo = new Map();
	try {
		return detectIndexed(experts, candidates);
	} finally {
		memo = null;
	}
}

function detectIndexed(experts: ExpertProfile[], candidates: CandidateProfile[]): HitSet {
	const prepared = experts.map(prepareExpert);
	const byKey = new Map<string, ExpertUnit[]>();
	const byAncestor = new Map<string, ExpertUnit[]>();
	const schoolsByKey = new Map<string, number[]>();
	const schoolsByAncestor = new Map<string, number[]>();
	const people = new Map<string, number[]>();
	const push = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
	prepared.forEach((e, i) => {
		for (const u of e.units) {
			push(byKey, u.key, u);
			for (const a of u.ancestors) push(byAncestor, a, u);
		}
		if (e.school) {
			push(schoolsByKey, e.school.key, i);
			for (const a of e.school.ancestors) push(schoolsByAncestor, a, i);
		}
		for (const p of e.people) push(people, p, i);
	});

	const set = new HitSet(
		experts.map((e) => e.id),
		candidates.map((c) => c.id)
	);
	candidates.forEach((raw, cand) => {
		const c = prepareCandidate(raw);
		candidateUnits(c).forEach(({ unit, side }, ci) => {
			for (const eu of byKey.get(unit.key) ?? []) addUnitHit(set, cand, ci, unit, side, eu, 'same');
			for (const eu of byAncestor.get(unit.key) ?? []) addUnitHit(set, cand, ci, unit, side, eu, 'parent');
			for (const a of unit.ancestors) {
				for (const eu of byKey.get(a) ?? []) addUnitHit(set, cand, ci, unit, side, eu, 'parent');
			}
		});
		if (c.school) {
			const hits = new Set([
				...(schoolsByKey.get(c.school.key) ?? []),
				...(schoolsByAncestor.get(c.school.key) ?? []),
				...c.school.ancestors.flatMap((a) => schoolsByKey.get(a) ?? [])
			]);
			for (const i of hits) set.add(i, cand, 'same_school', schoolReason(prepared[i].school!), 0);
		}
		for (const i of people.get(c.name) ?? []) {
			set.add(i, cand, 'declared_person', '专家申报需回避的人员与候选人相符', 0);
		}
	});
	return set;
}

/** All-pairs reference with the same rules and output; for tests and the bench only. */
export function detectConflictsNaive(experts: ExpertProfile[], candidates: CandidateProfile[]): DetectedConflict[] {
	memo = new Map(); // same memo as the indexed run, so the bench compares the pair search only
	try {
		return detectAllPairs(experts, candidates);
	} finally {
		memo = null;
	}
}

function detectAllPairs(experts: ExpertProfile[], candidates: CandidateProfile[]): DetectedConflict[] {
	const prepared = experts.map(prepareExpert);
	const cands = candidates.map(prepareCandidate);
	const set = new HitSet(
		experts.map((e) => e.id),
		candidates.map((c) => c.id)
	);
	cands.forEach((c, cand) => {
		const cunits = candidateUnits(c);
		prepared.forEach((e, ei) => {
			cunits.forEach(({ unit, side }, ci) => {
				for (const eu of e.units) {
					const rel = relate(unit, eu);
					if (rel) addUnitHit(set, cand, ci, unit, side, eu, rel);
				}
			});
			if (c.school && e.school && relate(c.school, e.school)) {
				set.add(ei, cand, 'same_school', schoolReason(e.school), 0);
			}
			if (c.name && e.people.has(c.name)) {
				set.add(ei, cand, 'declared_person', '专家申报需回避的人员与候选人相符', 0);
			}
		});
	});
	return set.sorted();
}
