// Forms of the 遴选 page. The targets' meaning (which field, which channel) is checked against the
// campaign by parseTargetInput in the domain; these check what was typed.
import * as v from 'valibot';
import { flag, text } from './form';

export const runForm = v.object({ reset: flag() });

/**
 * 放宽目标后遴选: one number `value.<i>` per target of the settings, as typed (trimmed; empty keeps
 * the target). Whether it relaxes the target is relaxTarget's to say, in the target's own words.
 */
export function relaxForm(targets: number) {
	const entries: Record<string, ReturnType<typeof text>> = {};
	for (let i = 0; i < targets; i++) entries[`value.${i}`] = text(`第 ${i + 1} 项目标`);
	return v.object(entries);
}

/** 添加目标: the kind, what it is about, the number or share, an optional label. */
export const targetForm = v.object({
	kind: text('目标类别', { trim: false }),
	ref: text('对象', { trim: false }),
	value: text('数量', { trim: false }),
	label: text('名称', { trim: false })
});

/** 删除目标 `index|label`: a page opened before another change must not remove a different target. */
export const removeTargetForm = v.object({
	remove: v.pipe(
		text('目标', { trim: false }),
		v.regex(/^\d{1,4}\|/, '没有找到该目标'),
		v.transform((s) => {
			const bar = s.indexOf('|');
			return { index: Number(s.slice(0, bar)), label: s.slice(bar + 1) };
		})
	)
});

export const lockForm = v.object({ selectionId: text('遴选结果', { trim: false }) });

export const unlockForm = v.object({ reason: text('理由', { trim: false, max: 500 }) });
