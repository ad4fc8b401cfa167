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

interface UnitKey {
	label: string; // the unit as written (title removed), for reasons
	key: string;
	ancestors: string[];
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

type Source = 'current' | 'former' | 'declared';
interface ExpertUnit extends UnitKey {
	expert: number;
	source: Source;
	order: number; // position among the expert's units, for a deterministic choice of reason
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

const REL_TEXT: Record<UnitRelation, string> = { same: '相同', parent: '存在隶属关系' };

/** Which rule a (candidate unit, expert unit) pair falls under; null when none. */
function kindOf(candSide: 'current' | 'former' | 'channel', source: Source): ConflictKind | null {
	if (candSide === 'channel') return source === 'current' ? 'nominating_body' : null;
	if (source === 'declared') return 'declared_unit';
	if (candSide === 'current' && source === 'current') return 'same_unit';
	return 'former_unit';
}

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

interface Hit {
	conflict: DetectedConflict;
	rank: number[]; // lower wins: [same before parent, candidate unit order, expert unit order]
}

function better(a: number[], b: number[]): boolean {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
	return false;
}

/** Collects one hit per (expert, candidate, kind), keeping the best-ranked reason. */
class HitSet {
	private hits = new Map<string, Hit>();
	add(expertId: string, candidateId: string, kind: ConflictKind, reason: string, rank: number[]) {
		const id = `${expertId}\u0000${candidateId}\u0000${kind}`;
		const old = this.hits.get(id);
		if (old && !better(rank, old.rank)) return;
		const severity = kind === 'same_school' ? 'warning' : 'conflict';
		this.hits.set(id, { conflict: { expert: expertId, candidate: candidateId, kind, severity, reason }, rank });
	}
	sorted(): DetectedConflict[] {
		const order = (k: ConflictKind) => CONFLICT_KINDS.indexOf(k);
		const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
		return [...this.hits.values()]
			.map((h) => h.conflict)
			.sort((a, b) => cmp(a.expert, b.expert) || cmp(a.candidate, b.candidate) || order(a.kind) - order(b.kind));
	}
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
	experts: PreparedExpert[],
	c: PreparedCandidate,
	ci: number,
	cu: UnitKey,
	side: 'current' | 'former' | 'channel',
	eu: ExpertUnit,
	rel: UnitRelation
) {
	const kind = kindOf(side, eu.source);
	if (!kind) return;
	set.add(experts[eu.expert].id, c.id, kind, reasonFor(kind, cu, side, eu, rel), [
		rel === 'same' ? 0 : 1,
		ci,
		eu.order
	]);
}

/** Indexed detection: see the header comment. */
export function detectConflicts(experts: ExpertProfile[], candidates: CandidateProfile[]): DetectedConflict[] {
	memo = new Map();
	try {
		return detectIndexed(experts, candidates);
	} finally {
		memo = null;
	}
}

function detectIndexed(experts: ExpertProfile[], candidates: CandidateProfile[]): DetectedConflict[] {
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

	const set = new HitSet();
	for (const raw of candidates) {
		const c = prepareCandidate(raw);
		candidateUnits(c).forEach(({ unit, side }, ci) => {
			for (const eu of byKey.get(unit.key) ?? []) addUnitHit(set, prepared, c, ci, unit, side, eu, 'same');
			for (const eu of byAncestor.get(unit.key) ?? []) addUnitHit(set, prepared, c, ci, unit, side, eu, 'parent');
			for (const a of unit.ancestors) {
				for (const eu of byKey.get(a) ?? []) addUnitHit(set, prepared, c, ci, unit, side, eu, 'parent');
			}
		});
		if (c.school) {
			const hits = new Set([
				...(schoolsByKey.get(c.school.key) ?? []),
				...(schoolsByAncestor.get(c.school.key) ?? []),
				...c.school.ancestors.flatMap((a) => schoolsByKey.get(a) ?? [])
			]);
			for (const i of hits) set.add(prepared[i].id, c.id, 'same_school', schoolReason(prepared[i].school!), [0]);
		}
		for (const i of people.get(c.name) ?? []) {
			set.add(prepared[i].id, c.id, 'declared_person', '专家申报需回避的人员与候选人相符', [0]);
		}
	}
	return set.sorted();
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
	const set = new HitSet();
	for (const c of cands) {
		const cunits = candidateUnits(c);
		for (const e of prepared) {
			cunits.forEach(({ unit, side }, ci) => {
				for (const eu of e.units) {
					const rel = relate(unit, eu);
					if (rel) addUnitHit(set, prepared, c, ci, unit, side, eu, rel);
				}
			});
			if (c.school && e.school && relate(c.school, e.school)) {
				set.add(e.id, c.id, 'same_school', schoolReason(e.school), [0]);
			}
			if (c.name && e.people.has(c.name)) {
				set.add(e.id, c.id, 'declared_person', '专家申报需回避的人员与候选人相符', [0]);
			}
		}
	}
	return set.sorted();
}
