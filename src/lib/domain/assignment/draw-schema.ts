// The panel-draw instance (CONTRACTS.md "Panel draw") as a valibot schema: pure, no I/O. Every
// refusal names the offending path (`panels[0].size`) in the message and in `path`
// (formats/instance-schema.ts). The schema checks each entry's shape; the checks across entries
// (pool ids unique, exclusions naming pool experts) are one rawCheck after it.
import * as v from 'valibot';
import { checkInstance, jsonObject, nonEmptyString, pathTo, wholeNumber } from '../formats/instance-schema';
import type { DrawExclusion, DrawInput, PanelRequest, PoolExpert } from './panel-draw';

type Issue = v.BaseIssue<unknown>;

const id = nonEmptyString('必须是非空字符串');
const count = (min: number) =>
	wholeNumber(min, (i: Issue) => `必须是不小于 ${min} 的整数（当前为 ${JSON.stringify(i.input)}）`);
const fieldsMessage = '领域必须是字符串数组';

/** Pool experts may carry any further keys (name, notes…): the pool is hashed as given. */
const poolExpert = jsonObject(
	{
		id,
		fields: v.pipe(
			v.array(v.unknown(), fieldsMessage),
			v.check((fs) => fs.every((f) => typeof f === 'string'), fieldsMessage)
		),
		unit: v.nullish(v.string('必须是字符串')),
		region: v.nullish(v.string('必须是字符串')),
		name: v.nullish(v.string('必须是字符串'))
	},
	'必须是对象 {"id", "unit", "fields"}',
	{ keys: false }
);

const panel = v.pipe(
	jsonObject(
		{
			field: id,
			size: count(1),
			alternates: v.nullish(count(0), 0),
			maxPerUnit: v.nullish(count(1)),
			maxPerRegion: v.nullish(count(1))
		},
		'必须是对象 {"field", "size", "alternates", "maxPerUnit"}'
	),
	v.transform((p): PanelRequest => {
		const out: PanelRequest = { field: p.field, size: p.size, alternates: p.alternates };
		if (p.maxPerUnit != null) out.maxPerUnit = p.maxPerUnit;
		if (p.maxPerRegion != null) out.maxPerRegion = p.maxPerRegion;
		return out;
	})
);

const exclusion = v.pipe(
	jsonObject({ expert: id, reason: v.optional(v.unknown()), field: v.nullish(id) }, '必须是对象 {"expert", "reason"}'),
	v.transform((x): DrawExclusion => {
		const out: DrawExclusion = { expert: x.expert };
		// a reason that is not text is dropped, not refused: it only annotates the record
		if (typeof x.reason === 'string') out.reason = x.reason;
		if (x.field != null) out.field = x.field;
		return out;
	})
);

const panelsMessage = '缺少数组 panels（至少一个专家组）';

const drawInputSchema = v.pipe(
	jsonObject(
		{
			seed: v.nullish(v.string('随机种子必须是字符串')),
			pool: v.array(poolExpert, '缺少数组 pool'),
			panels: v.pipe(v.array(panel, panelsMessage), v.minLength(1, panelsMessage)),
			exclude: v.nullish(v.array(exclusion, 'exclude 必须是数组'), () => [])
		},
		'抽取实例必须是 JSON 对象'
	),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const x = dataset.value;
		const ids = new Set<string>();
		for (let i = 0; i < x.pool.length; i++) {
			if (ids.has(x.pool[i].id)) {
				addIssue({ message: `专家编号 "${x.pool[i].id}" 重复`, path: pathTo(x, 'pool', i, 'id') });
				return;
			}
			ids.add(x.pool[i].id);
		}
		for (let i = 0; i < x.exclude.length; i++) {
			const expert = x.exclude[i].expert;
			if (!ids.has(expert)) {
				addIssue({ message: `引用了专家库中不存在的专家 "${expert}"`, path: pathTo(x, 'exclude', i, 'expert') });
				return;
			}
		}
	})
);

export type DrawValidation = { ok: true; input: DrawInput } | { ok: false; message: string; path?: string };

/**
 * Checks a draw instance. The pool of the answer is the pool as given (the objects of `json`, every
 * key kept), so that poolHash is of what the user supplied.
 */
export function validateDrawInput(json: unknown): DrawValidation {
	const r = checkInstance(drawInputSchema, json);
	if (!r.ok) return r;
	const input: DrawInput = {
		pool: (json as { pool: PoolExpert[] }).pool,
		panels: r.value.panels,
		exclude: r.value.exclude
	};
	if (typeof r.value.seed === 'string') input.seed = r.value.seed;
	return { ok: true, input };
}
