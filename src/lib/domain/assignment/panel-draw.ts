// Random panels from an expert pool (CONTRACTS.md "Panel draw"; issue 15 专家库随机抽取): for each
// panel, `size` members then `alternates` ordered alternates, each pick uniform among the pool
// experts still eligible — field match, not excluded, not drawn before (in any panel), and the
// unit (and, when asked, the region) below its cap within the panel, members and alternates
// together. Driven by a generator seeded from SHA-256 of the public seed, so anyone replays it.
// Pure: no I/O.
import { canonicalJson } from '../audit/chain';
import { seededPrng, sha256Hex } from './seeded-prng';

export interface PoolExpert {
	id: string;
	name?: string;
	unit?: string;
	fields: string[];
	region?: string;
	[extra: string]: unknown;
}
export interface PanelRequest {
	field: string;
	size: number;
	alternates: number;
	maxPerUnit?: number;
	/** Optional regional spread: at most this many from one region within the panel. */
	maxPerRegion?: number;
}
export interface DrawExclusion {
	expert: string;
	reason?: string;
	/** When given, the exclusion holds only for panels of this field (a tie with its candidates). */
	field?: string;
}
export interface DrawInput {
	seed?: string;
	pool: PoolExpert[];
	panels: PanelRequest[];
	exclude: DrawExclusion[];
}
export interface DrawResult {
	seed: string;
	poolHash: string;
	panels: { field: string; members: string[]; alternates: string[] }[];
}
export interface DrawInfeasible {
	error: 'INFEASIBLE';
	message: string;
	panel: string;
	panelIndex: number;
	needed: number;
	available: number;
	shortfall: number;
}

/** SHA-256 of the pool as given, in canonical JSON (keys sorted), so key order does not matter. */
export function poolHash(pool: unknown): string {
	return sha256Hex(canonicalJson(pool));
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The draw. Each panel shuffles its eligible experts (sorted by id, Fisher–Yates with the seeded
 * generator) and takes them in that order, skipping one whose unit or region is full: the same as
 * drawing each next expert uniformly among those still eligible. Greedy per unit takes every unit up
 * to its cap, so a shortfall is real (given the panels drawn before).
 */
export function drawPanels(input: DrawInput, seed: string): DrawResult | DrawInfeasible {
	const prng = seededPrng(seed);
	const pool = [...input.pool].sort((a, b) => byCodeUnit(a.id, b.id));
	const drawn = new Set<string>();
	const panels: DrawResult['panels'] = [];
	for (let pi = 0; pi < input.panels.length; pi++) {
		const panel = input.panels[pi];
		const excluded = new Set(
			input.exclude.filter((x) => x.field === undefined || x.field === panel.field).map((x) => x.expert)
		);
		const eligible = pool.filter((e) => e.fields.includes(panel.field) && !excluded.has(e.id) && !drawn.has(e.id));
		for (let i = eligible.length - 1; i > 0; i--) {
			const j = prng.int(i + 1);
			[eligible[i], eligible[j]] = [eligible[j], eligible[i]];
		}
		const needed = panel.size + panel.alternates;
		const perUnit = new Map<string, number>();
		const perRegion = new Map<string, number>();
		const picked: string[] = [];
		for (const e of eligible) {
			if (picked.length === needed) break;
			if (panel.maxPerUnit !== undefined && e.unit && (perUnit.get(e.unit) ?? 0) >= panel.maxPerUnit) continue;
			if (panel.maxPerRegion !== undefined && e.region && (perRegion.get(e.region) ?? 0) >= panel.maxPerRegion)
				continue;
			picked.push(e.id);
			if (e.unit) perUnit.set(e.unit, (perUnit.get(e.unit) ?? 0) + 1);
			if (e.region) perRegion.set(e.region, (perRegion.get(e.region) ?? 0) + 1);
		}
		if (picked.length < needed) {
			return {
				error: 'INFEASIBLE',
				message:
					`第 ${pi + 1} 组（${panel.field}）需要 ${panel.size} 名成员和 ${panel.alternates} 名备选，` +
					`共 ${needed} 人，符合条件的专家只有 ${picked.length} 人，缺 ${needed - picked.length} 人`,
				panel: panel.field,
				panelIndex: pi,
				needed,
				available: picked.length,
				shortfall: needed - picked.length
			};
		}
		for (const id of picked) drawn.add(id);
		panels.push({ field: panel.field, members: picked.slice(0, panel.size), alternates: picked.slice(panel.size) });
	}
	return { seed, poolHash: poolHash(input.pool), panels };
}
