// Validation of an assignment instance (CONTRACTS.md "Assignment instance"): pure, no I/O.
// Every error names the offending path (e.g. `experts[3].maxLoad`) in the message and in `path`.
import { keyProblem } from '../formats/json-keys';

export interface AssignmentDossier {
	id: string;
	field?: string;
}
export interface AssignmentExpert {
	id: string;
	fields?: string[];
	maxLoad?: number;
}
export interface AssignmentPair {
	expert: string;
	dossier: string;
}
export interface AssignmentAffinity extends AssignmentPair {
	value: number;
}
export interface AssignmentInstance {
	reviewsPerDossier: number;
	dossiers: AssignmentDossier[];
	experts: AssignmentExpert[];
	conflicts?: AssignmentPair[];
	affinity?: AssignmentAffinity[];
	/** Randomized assignment (CONTRACTS.md): the cap q on every pair's probability, 0 < q ≤ 1. */
	maxProbability?: number;
	/** The public seed text of the randomized assignment. */
	seed?: string;
}

const MAX_PAIRS = 10_000_000;
/** |affinity value| above this is refused: larger sums are no longer exact in a double. */
const MAX_AFFINITY = 1_000_000;

export type ValidationResult =
	{ ok: true; instance: AssignmentInstance } | { ok: false; message: string; path?: string };

class InstanceError extends Error {
	constructor(
		message: string,
		readonly path?: string
	) {
		super(path ? `${path}: ${message}` : message);
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
	if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // 1e400 parses to Infinity
	const s = JSON.stringify(v);
	return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 40) + '…' : s;
};

function array(parent: Record<string, unknown>, key: string, required: boolean): unknown[] {
	const v = parent[key];
	if ((v === undefined || v === null) && !required) return [];
	if (!Array.isArray(v)) throw new InstanceError(v === undefined ? `缺少数组 ${key}` : `${key} 必须是数组`, key);
	return v;
}

/** Keys of the contract; anything else (often a misspelt key such as "maxload") is refused. */
const KEYS = {
	top: ['reviewsPerDossier', 'dossiers', 'experts', 'conflicts', 'affinity', 'maxProbability', 'seed'],
	dossier: ['id', 'field'],
	expert: ['id', 'fields', 'maxLoad'],
	conflict: ['expert', 'dossier'],
	affinity: ['expert', 'dossier', 'value']
};

/** Unknown keys are ignored (the format may grow), but a misspelt known key is an error. */
function knownKeys(o: Record<string, unknown>, allowed: string[], path: string): void {
	for (const key of Object.keys(o)) {
		const problem = keyProblem(key, allowed);
		if (problem) throw new InstanceError(problem, path ? `${path}.${key}` : key);
	}
}

function id(v: unknown, path: string): string {
	if (typeof v !== 'string' || v.length === 0) throw new InstanceError(`必须是非空字符串（当前为 ${show(v)}）`, path);
	return v;
}

/**
 * Checks the shape of an instance and returns a normalized copy (optional arrays filled in).
 * `conflicts` and `affinity` may be omitted; `dossiers` and `experts` may not.
 */
export function validateAssignmentInstance(json: unknown): ValidationResult {
	try {
		return { ok: true, instance: check(json) };
	} catch (e) {
		if (e instanceof InstanceError) return { ok: false, message: e.message, path: e.path };
		throw e;
	}
}

function check(json: unknown): AssignmentInstance {
	if (!isObject(json)) throw new InstanceError('分配实例必须是 JSON 对象');
	knownKeys(json, KEYS.top, '');
	const k = json.reviewsPerDossier;
	if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
		throw new InstanceError(`每份材料评审人数必须是不小于 1 的整数（当前为 ${show(k)}）`, 'reviewsPerDossier');
	}
	const dossierIds = new Map<string, number>();
	const dossiers = array(json, 'dossiers', true).map((d, i): AssignmentDossier => {
		const path = `dossiers[${i}]`;
		if (!isObject(d)) throw new InstanceError('必须是对象 {"id", "field"}', path);
		knownKeys(d, KEYS.dossier, path);
		const did = id(d.id, `${path}.id`);
		const prev = dossierIds.get(did);
		if (prev !== undefined) throw new InstanceError(`材料编号 "${did}" 与 dossiers[${prev}] 重复`, `${path}.id`);
		dossierIds.set(did, i);
		if (d.field !== undefined && d.field !== null && typeof d.field !== 'string') {
			throw new InstanceError(`领域必须是字符串（当前为 ${show(d.field)}）`, `${path}.field`);
		}
		return typeof d.field === 'string' ? { id: did, field: d.field } : { id: did };
	});
	const expertIds = new Map<string, number>();
	const experts = array(json, 'experts', true).map((e, i): AssignmentExpert => {
		const path = `experts[${i}]`;
		if (!isObject(e)) throw new InstanceError('必须是对象 {"id", "fields", "maxLoad"}', path);
		knownKeys(e, KEYS.expert, path);
		const eid = id(e.id, `${path}.id`);
		const prev = expertIds.get(eid);
		if (prev !== undefined) throw new InstanceError(`专家编号 "${eid}" 与 experts[${prev}] 重复`, `${path}.id`);
		expertIds.set(eid, i);
		const out: AssignmentExpert = { id: eid };
		if (e.fields !== undefined && e.fields !== null) {
			if (!Array.isArray(e.fields)) throw new InstanceError('领域列表必须是字符串数组', `${path}.fields`);
			out.fields = e.fields.map((f, t) => {
				if (typeof f !== 'string')
					throw new InstanceError(`领域必须是字符串（当前为 ${show(f)}）`, `${path}.fields[${t}]`);
				return f;
			});
		}
		if (e.maxLoad !== undefined && e.maxLoad !== null) {
			const m = e.maxLoad;
			if (typeof m !== 'number' || !Number.isInteger(m) || m < 0) {
				throw new InstanceError(`评审上限必须是不小于 0 的整数（当前为 ${show(m)}）`, `${path}.maxLoad`);
			}
			out.maxLoad = m;
		}
		return out;
	});
	// Paths are built only on error: instances carry ~10^5 pairs.
	// Pairs are checked in place, not copied: instances carry ~10^5 of them; paths are built
	// only on error.
	// The solver keeps a few dense dossier × expert matrices (~50 bytes a pair).
	if (dossiers.length * experts.length > MAX_PAIRS) {
		throw new InstanceError(
			`实例过大：${dossiers.length} 份材料 × ${experts.length} 名专家，超过 ${MAX_PAIRS.toLocaleString('en')} 对的上限，请分批分配`
		);
	}
	const pair = (v: unknown, list: 'conflicts' | 'affinity', i: number): Record<string, unknown> => {
		if (!isObject(v)) throw new InstanceError('必须是对象 {"expert", "dossier"}', `${list}[${i}]`);
		knownKeys(v, list === 'conflicts' ? KEYS.conflict : KEYS.affinity, `${list}[${i}]`);
		const expert = v.expert;
		if (typeof expert !== 'string' || !expertIds.has(expert)) {
			if (typeof expert === 'string' && expert.length > 0) {
				throw new InstanceError(`引用了不存在的专家 "${expert}"`, `${list}[${i}].expert`);
			}
			id(expert, `${list}[${i}].expert`);
		}
		const dossier = v.dossier;
		if (typeof dossier !== 'string' || !dossierIds.has(dossier)) {
			if (typeof dossier === 'string' && dossier.length > 0) {
				throw new InstanceError(`引用了不存在的材料 "${dossier}"`, `${list}[${i}].dossier`);
			}
			id(dossier, `${list}[${i}].dossier`);
		}
		return v;
	};
	// Repeated conflicts are harmless; repeated affinities would be ambiguous.
	const conflicts = array(json, 'conflicts', false);
	conflicts.forEach((c, i) => pair(c, 'conflicts', i));
	const E = experts.length;
	const D = dossiers.length;
	const seen = new Int32Array(D * E); // index + 1 of the pair's first affinity
	const affinity = array(json, 'affinity', false);
	affinity.forEach((item, i) => {
		const a = pair(item, 'affinity', i);
		const value = a.value;
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw new InstanceError(`匹配度必须是有限数值（当前为 ${show(value)}）`, `affinity[${i}].value`);
		}
		if (Math.abs(value) > MAX_AFFINITY) {
			throw new InstanceError(`匹配度绝对值不能超过 ${MAX_AFFINITY}（当前为 ${show(value)}）`, `affinity[${i}].value`);
		}
		const key = (dossierIds.get(a.dossier as string) as number) * E + (expertIds.get(a.expert as string) as number);
		const prev = seen[key] - 1;
		if (prev >= 0) {
			throw new InstanceError(
				`专家 "${a.expert}" 与材料 "${a.dossier}" 的匹配度与 affinity[${prev}] 重复`,
				`affinity[${i}]`
			);
		}
		seen[key] = i + 1;
	});
	const out: AssignmentInstance = {
		reviewsPerDossier: k,
		dossiers,
		experts,
		conflicts: conflicts as AssignmentPair[],
		affinity: affinity as AssignmentAffinity[]
	};
	if (json.maxProbability !== undefined && json.maxProbability !== null) {
		const q = json.maxProbability;
		if (typeof q !== 'number' || !(q > 0 && q <= 1)) {
			throw new InstanceError(`概率上限必须是 (0, 1] 内的数（当前为 ${show(q)}）`, 'maxProbability');
		}
		out.maxProbability = q;
	}
	if (json.seed !== undefined && json.seed !== null) {
		if (typeof json.seed !== 'string')
			throw new InstanceError(`随机种子必须是字符串（当前为 ${show(json.seed)}）`, 'seed');
		out.seed = json.seed;
	}
	return out;
}
