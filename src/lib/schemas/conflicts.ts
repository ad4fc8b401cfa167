// Forms of the 回避 page. Whether the pair exists and who may decide is the conflicts service's.
import * as v from 'valibot';
import { choice, list, text } from './form';

const decision = v.pipe(text('处理结果'), v.picklist(['confirmed', 'dismissed'] as const, '请选择“确认回避”或“排除”'));

export const decideForm = v.object({
	id: text('回避记录', { trim: false }),
	decision,
	reason: text('理由', { trim: false })
});

export const decideManyForm = v.object({
	ids: list('回避记录', 1000),
	decision,
	reason: text('理由', { trim: false, max: 600 })
});

/** 办公室登记回避: the candidate by name, “姓名（编号）” or review code. */
export const addConflictForm = v.object({
	expertId: v.pipe(text('专家', { trim: false }), v.nonEmpty('请选择专家')),
	candidate: v.pipe(text('候选人', { max: 100 }), v.nonEmpty('请填写候选人的姓名（或评审编号）')),
	reason: v.pipe(text('回避理由'), v.nonEmpty('请填写回避理由'), v.maxLength(500, '理由过长（最多 500 字）'))
});

export const removeDeclarationForm = v.object({
	expertId: text('专家', { trim: false }),
	what: choice('申报类别', ['person', 'unit'], 'person'),
	text: text('申报内容', { trim: false }),
	reason: text('理由', { trim: false })
});

/** One declared item a line (or separated by ；/;), blanks dropped. */
const items = (s: string) =>
	s
		.split(/[\n；;]/)
		.map((x) => x.trim())
		.filter(Boolean);

/** The longest item an expert may declare (a unit's full name fits). */
export const DECLARED_ITEM_MAX = 100;

/**
 * 申报关联 (the expert's own ties): units and people, one a line. At most `limit` items in one
 * submission (the service also counts them per hour), each at most 100 characters.
 */
export function declareForm(limit: number) {
	return v.pipe(
		v.object({
			units: text('新增关联单位', { trim: false }),
			people: text('新增关联人员姓名', { trim: false })
		}),
		v.transform(({ units, people }) => ({ units: items(units), people: items(people) })),
		v.check(
			({ units, people }) => units.length + people.length <= limit,
			`每次最多申报 ${limit} 项；如需申报更多，请联系活动办公室`
		),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			for (const key of ['units', 'people'] as const) {
				const tooLong = dataset.value[key].find((x) => x.length > DECLARED_ITEM_MAX);
				if (tooLong) {
					addIssue({
						message: `“${tooLong.slice(0, 20)}…”过长（每项最多 ${DECLARED_ITEM_MAX} 字）`,
						path: [{ type: 'object', origin: 'value', input: dataset.value, key, value: dataset.value[key] }]
					});
					return;
				}
			}
		})
	);
}
