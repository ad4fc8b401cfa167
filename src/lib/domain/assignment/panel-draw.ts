// Random panels from an expert pool (CONTRACTS.md "Panel draw"; issue 15 专家库随机抽取): for each
// panel, `size` members then `alternates` ordered alternates, each pick uniform among the pool
// experts still eligible — field match, not excluded, not drawn before (in any panel), and the
// unit (and, when asked, the region) below its cap within the panel, members and alternates
// together. Driven by a generator seeded from SHA-256 of the public seed, so anyone replays it.
// Pure: no I/O.
import { canonicalJson } from '../audit/chain';
import { keyProblem } from '../formats/json-keys';
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

class DrawError extends Error {
	constructor(
		message: string,
		readonly path?: string
	) {
		super(path ? `${path}: ${message}` : message);
	}
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KEYS = {
	top: ['seed', 'pool', 'panels', 'exclude'],
	panel: ['field', 'size', 'alternates', 'maxPerUnit', 'maxPerRegion'],
	exclude: ['expert', 'reason', 'field']
};
function known(o: Record<string, unknown>, allowed: string[], path: string): void {
	for (const k of Object.keys(o)) {
		const problem = keyProblem(k, allowed);
		if (problem) throw new DrawError(problem, path ? `${path}.${k}` : k);
	}
}
function str(v: unknown, path: string): string {
	if (typeof v !== 'string' || v.length === 0) throw new DrawError('必须是非空字符串', path);
	return v;
}
function int(v: unknown, path: string, min: number): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
		throw new DrawError(`必须是不小于 ${min} 的整数（当前为 ${JSON.stringify(v)}）`, path);
	return v;
}

export type DrawValidation = { ok: true; input: DrawInput } | { ok: false; message: string; path?: string };

export function validateDrawInput(json: unknown): DrawValidation {
	try {
		return { ok: true, input: check(json) };
	} catch (e) {
		if (e instanceof DrawError) return { ok: false, message: e.message, path: e.path };
		throw e;
	}
}

function check(json: unknown): DrawInput {
	if (!isObject(json)) throw new DrawError('抽取实例必须是 JSON 对象');
	known(json, KEYS.top, '');
	if (json.seed !== undefined && json.seed !== null && typeof json.seed !== 'string')
		throw new DrawError('随机种子必须是字符串', 'seed');
	if (!Array.isArray(json.pool)) throw new DrawError('缺少数组 pool', 'pool');
	const ids = new Set<string>();
	const pool = json.pool.map((p, i): PoolExpert => {
		const path = `pool[${i}]`;
		if (!isObject(p)) throw new DrawError('必须是对象 {"id", "unit", "fields"}', path);
		const id = str(p.id, `${path}.id`);
		if (ids.has(id)) throw new DrawError(`专家编号 "${id}" 重复`, `${path}.id`);
		ids.add(id);
		if (!Array.isArray(p.fields) || p.fields.some((f) => typeof f !== 'string'))
			throw new DrawError('领域必须是字符串数组', `${path}.fields`);
		for (const k of ['unit', 'region', 'name'] as const) {
			if (p[k] !== undefined && p[k] !== null && typeof p[k] !== 'string')
				throw new DrawError('必须是字符串', `${path}.${k}`);
		}
		return p as PoolExpert;
	});
	if (!Array.isArray(json.panels) || json.panels.length === 0)
		throw new DrawError('缺少数组 panels（至少一个专家组）', 'panels');
	const panels = json.panels.map((p, i): PanelRequest => {
		const path = `panels[${i}]`;
		if (!isObject(p)) throw new DrawError('必须是对象 {"field", "size", "alternates", "maxPerUnit"}', path);
		known(p, KEYS.panel, path);
		const out: PanelRequest = {
			field: str(p.field, `${path}.field`),
			size: int(p.size, `${path}.size`, 1),
			alternates: p.alternates === undefined || p.alternates === null ? 0 : int(p.alternates, `${path}.alternates`, 0)
		};
		if (p.maxPerUnit !== undefined && p.maxPerUnit !== null)
			out.maxPerUnit = int(p.maxPerUnit, `${path}.maxPerUnit`, 1);
		if (p.maxPerRegion !== undefined && p.maxPerRegion !== null)
			out.maxPerRegion = int(p.maxPerRegion, `${path}.maxPerRegion`, 1);
		return out;
	});
	const rawExclude = json.exclude ?? [];
	if (!Array.isArray(rawExclude)) throw new DrawError('exclude 必须是数组', 'exclude');
	const exclude = rawExclude.map((x, i): DrawExclusion => {
		const path = `exclude[${i}]`;
		if (!isObject(x)) throw new DrawError('必须是对象 {"expert", "reason"}', path);
		known(x, KEYS.exclude, path);
		const expert = str(x.expert, `${path}.expert`);
		if (!ids.has(expert)) throw new DrawError(`引用了专家库中不存在的专家 "${expert}"`, `${path}.expert`);
		const out: DrawExclusion = { expert };
		if (typeof x.reason === 'string') out.reason = x.reason;
		if (x.field !== undefined && x.field !== null) out.field = str(x.field, `${path}.field`);
		return out;
	});
	const input: DrawInput = { pool, panels, exclude };
	if (typeof json.seed === 'string') input.seed = json.seed;
	return input;
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
