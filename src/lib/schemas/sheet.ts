// The autosave's JSON body (POST …/dossiers/[code]/draft): what the desk's form posts as fields
// (`v.<criterion>`, comment, choice, baseVersion), as one object. The criteria themselves are
// checked by the round's rubric in the service (validateDraft), as for the form.
import * as v from 'valibot';

const criterion = v.union(
	[v.pipe(v.string(), v.maxLength(40, '评分项的值过长')), v.number('评分须为数字'), v.null()],
	'评分须为数字'
);

export const draftBody = v.object(
	{
		round: v.pipe(v.string('缺少评审轮次'), v.nonEmpty('缺少评审轮次'), v.maxLength(200, '评审轮次无效')),
		values: v.optional(v.record(v.string(), criterion, '评分的格式不正确'), {}),
		// cut like the form's comment (sheets.ts keeps at most 2000 characters)
		comment: v.optional(
			v.pipe(
				v.string('评语须为文字'),
				v.transform((s) => s.slice(0, 2000))
			),
			''
		),
		choice: v.optional(v.nullable(v.picklist(['yes', 'no', 'abstain'], '请选择赞成、反对或弃权')), null),
		baseVersion: v.pipe(
			v.number('缺少版本号，请刷新页面后重试'),
			v.integer('版本号无效，请刷新页面后重试'),
			v.minValue(0, '版本号无效，请刷新页面后重试')
		)
	},
	'提交的内容格式不正确，未保存。请刷新页面后重试'
);

export type DraftBody = v.InferOutput<typeof draftBody>;
