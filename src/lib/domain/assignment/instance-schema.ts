// The assignment instance (CONTRACTS.md "Assignment instance", "Randomized assignment") as a
// valibot schema: pure, no I/O. Every refusal names the offending path (`experts[3].maxLoad`) in the
// message and in `path` (formats/instance-schema.ts). The schema checks each entry's shape; the checks
// across entries (ids unique, references to known ids, one affinity per pair, the size cap) are one
// rawCheck after it, in the same pipe.
import * as v from 'valibot';
import {
	checkInstance,
	jsonObject,
	nonEmptyString,
	pathTo,
	show,
	wholeNumber,
	type InstanceCheck
} from '../formats/instance-schema';

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

type Issue = v.BaseIssue<unknown>;
const id = nonEmptyString((i: Issue) => `必须是非空字符串（当前为 ${show(i.input)}）`);
const fieldText = v.string((i: Issue) => `领域必须是字符串（当前为 ${show(i.input)}）`);
/** A list the contract requires: "missing" and "not a list" are told apart. */
const required = <S extends v.GenericSchema>(key: string, item: S) =>
	v.array(item, (i: Issue) => (i.input === undefined ? `缺少数组 ${key}` : `${key} 必须是数组`));
/** A list that may be omitted (or null): then empty. */
const optional = <S extends v.GenericSchema>(key: string, item: S) =>
	v.nullish(v.array(item, `${key} 必须是数组`), () => []);

const dossier = v.pipe(
	jsonObject({ id, field: v.nullish(fieldText) }, '必须是对象 {"id", "field"}'),
	v.transform((d): AssignmentDossier => (typeof d.field === 'string' ? { id: d.id, field: d.field } : { id: d.id }))
);

const expert = v.pipe(
	jsonObject(
		{
			id,
			fields: v.nullish(v.array(fieldText, '领域列表必须是字符串数组')),
			maxLoad: v.nullish(wholeNumber(0, (i: Issue) => `评审上限必须是不小于 0 的整数（当前为 ${show(i.input)}）`))
		},
		'必须是对象 {"id", "fields", "maxLoad"}'
	),
	v.transform((e): AssignmentExpert => {
		const out: AssignmentExpert = { id: e.id };
		if (e.fields != null) out.fields = e.fields;
		if (e.maxLoad != null) out.maxLoad = e.maxLoad;
		return out;
	})
);

const conflict = jsonObject({ expert: id, dossier: id }, '必须是对象 {"expert", "dossier"}');

const valueMessage = (i: Issue) => `匹配度必须是有限数值（当前为 ${show(i.input)}）`;
const affinity = jsonObject(
	{
		expert: id,
		dossier: id,
		value: v.pipe(
			v.number(valueMessage),
			v.finite(valueMessage),
			v.check(
				(x) => Math.abs(x) <= MAX_AFFINITY,
				(i) => `匹配度绝对值不能超过 ${MAX_AFFINITY}（当前为 ${show(i.input)}）`
			)
		)
	},
	'必须是对象 {"expert", "dossier"}'
);

const probabilityMessage = (i: Issue) => `概率上限必须是 (0, 1] 内的数（当前为 ${show(i.input)}）`;

const fields = jsonObject(
	{
		reviewsPerDossier: wholeNumber(1, (i: Issue) => `每份材料评审人数必须是不小于 1 的整数（当前为 ${show(i.input)}）`),
		dossiers: required('dossiers', dossier),
		experts: required('experts', expert),
		conflicts: optional('conflicts', conflict),
		affinity: optional('affinity', affinity),
		maxProbability: v.nullish(
			v.pipe(
				v.number(probabilityMessage),
				v.check((q) => q > 0 && q <= 1, probabilityMessage)
			)
		),
		seed: v.nullish(v.string((i: Issue) => `随机种子必须是字符串（当前为 ${show(i.input)}）`))
	},
	'分配实例必须是 JSON 对象'
);

type Fields = v.InferOutput<typeof fields>;

/**
 * Across entries, in reading order: ids unique, the size cap, every pair naming a known expert and
 * dossier, one affinity per pair. Repeated conflicts are harmless; repeated affinities ambiguous.
 */
function crossCheck({ dataset, addIssue }: { dataset: v.OutputDataset<Fields, Issue>; addIssue: AddIssue }): void {
	if (!dataset.typed) return;
	const x = dataset.value;
	const unique = (list: 'dossiers' | 'experts', what: string) => {
		const index = new Map<string, number>();
		for (let i = 0; i < x[list].length; i++) {
			const key = x[list][i].id;
			const prev = index.get(key);
			if (prev !== undefined) {
				addIssue({ message: `${what}编号 "${key}" 与 ${list}[${prev}] 重复`, path: pathTo(x, list, i, 'id') });
				return null;
			}
			index.set(key, i);
		}
		return index;
	};
	const dossierIds = unique('dossiers', '材料');
	if (!dossierIds) return;
	const expertIds = unique('experts', '专家');
	if (!expertIds) return;
	const D = x.dossiers.length;
	const E = x.experts.length;
	// The solver keeps a few dense dossier × expert matrices (~50 bytes a pair).
	if (D * E > MAX_PAIRS) {
		addIssue({
			message: `实例过大：${D} 份材料 × ${E} 名专家，超过 ${MAX_PAIRS.toLocaleString('en')} 对的上限，请分批分配`
		});
		return;
	}
	const known = (list: 'conflicts' | 'affinity', i: number, pair: AssignmentPair): boolean => {
		if (!expertIds.has(pair.expert)) {
			addIssue({ message: `引用了不存在的专家 "${pair.expert}"`, path: pathTo(x, list, i, 'expert') });
			return false;
		}
		if (!dossierIds.has(pair.dossier)) {
			addIssue({ message: `引用了不存在的材料 "${pair.dossier}"`, path: pathTo(x, list, i, 'dossier') });
			return false;
		}
		return true;
	};
	for (let i = 0; i < x.conflicts.length; i++) if (!known('conflicts', i, x.conflicts[i])) return;
	const seen = new Int32Array(D * E); // index + 1 of the pair's first affinity
	for (let i = 0; i < x.affinity.length; i++) {
		const a = x.affinity[i];
		if (!known('affinity', i, a)) return;
		const key = (dossierIds.get(a.dossier) as number) * E + (expertIds.get(a.expert) as number);
		const prev = seen[key] - 1;
		if (prev >= 0) {
			addIssue({
				message: `专家 "${a.expert}" 与材料 "${a.dossier}" 的匹配度与 affinity[${prev}] 重复`,
				path: pathTo(x, 'affinity', i)
			});
			return;
		}
		seen[key] = i + 1;
	}
}

type AddIssue = (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void;

const assignmentInstanceSchema = v.pipe(
	fields,
	v.rawCheck(crossCheck),
	v.transform((x): AssignmentInstance => {
		const out: AssignmentInstance = {
			reviewsPerDossier: x.reviewsPerDossier,
			dossiers: x.dossiers,
			experts: x.experts,
			conflicts: x.conflicts,
			affinity: x.affinity
		};
		if (x.maxProbability != null) out.maxProbability = x.maxProbability;
		if (x.seed != null) out.seed = x.seed;
		return out;
	})
);

export type ValidationResult =
	{ ok: true; instance: AssignmentInstance } | { ok: false; message: string; path?: string };

/**
 * Checks an instance and returns a normalized copy (optional lists filled in, unknown keys dropped).
 * `conflicts` and `affinity` may be omitted; `dossiers` and `experts` may not.
 */
export function validateAssignmentInstance(json: unknown): ValidationResult {
	const r: InstanceCheck<AssignmentInstance> = checkInstance(assignmentInstanceSchema, json);
	return r.ok ? { ok: true, instance: r.value } : r;
}
