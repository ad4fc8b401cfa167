// The score sheet's input, in its two shapes: the autosave's JSON body (POST …/dossiers/[code]/draft)
// and the desk's form without JavaScript (?/save, ?/submit: fields `v.<criterion>`, comment, choice,
// baseVersion, overwrite, confirm). Both share the field rules below. The criteria themselves are
// checked by the round's rubric in the service (validateDraft / validateSheet), for both.
import * as v from 'valibot';
import { flag, text, typed } from './form';

/** sheets.ts keeps at most this many characters of a comment; longer ones are cut, as the page cuts them. */
const COMMENT_MAX = 2000;
const CHOICE_MESSAGE = '请选择赞成、反对或弃权';

/** A criterion's value as typed (the rubric says whether it is a score): at most 40 characters. */
const criterionText = (label?: string) =>
	v.pipe(
		v.string(label ? `「${label}」须为文字` : '评分须为数字'),
		v.maxLength(40, label ? `「${label}」的值过长` : '评分项的值过长')
	);
const comment = v.pipe(
	v.string('「评语」须为文字'),
	v.transform((s) => s.slice(0, COMMENT_MAX))
);
const choice = v.picklist(['yes', 'no', 'abstain'], CHOICE_MESSAGE);

const criterion = v.union([criterionText(), v.number('评分须为数字'), v.null()], '评分须为数字');

export const draftBody = v.object(
	{
		round: v.pipe(v.string('缺少评审轮次'), v.nonEmpty('缺少评审轮次'), v.maxLength(200, '评审轮次无效')),
		values: v.optional(v.record(v.string(), criterion, '评分的格式不正确'), {}),
		comment: v.optional(comment, ''),
		choice: v.optional(v.nullable(choice), null),
		baseVersion: v.pipe(
			v.number('缺少版本号，请刷新页面后重试'),
			v.integer('版本号无效，请刷新页面后重试'),
			v.minValue(0, '版本号无效，请刷新页面后重试')
		)
	},
	'提交的内容格式不正确，未保存。请刷新页面后重试'
);

export type DraftBody = v.InferOutput<typeof draftBody>;

/**
 * The round the form names, read before the access checks and never refused there: who may not
 * save learns nothing from what they post. '' when the form names none (the page's ?round= then).
 */
export const sheetFormRound = v.object({ round: typed() });

const versionEntry = v.optional(v.union([v.string(), v.file()]));
/**
 * The version the form saw. Without JavaScript a refusal cannot keep the page's draft, so a version
 * that is no whole number ≥ 0 (or a file) becomes -1, a version no sheet has: the save is refused
 * as stale and the page shows what the server holds. None at all is 0 (a sheet never saved).
 */
const formVersion = (entry: string | File | undefined): number => {
	if (entry === undefined) return 0;
	const n = typeof entry === 'string' ? Number(entry) : NaN;
	return Number.isInteger(n) && n >= 0 ? n : -1;
};

export interface SheetFormValue {
	/** every criterion of the round, '' when left blank */
	values: Record<string, string>;
	comment: string;
	choice: 'yes' | 'no' | 'abstain' | null;
	/** "用我刚填写的覆盖" after a conflict names the server's version it overrides */
	baseVersion: number;
	/** 确认提交 on the page (no dialog without JavaScript) */
	confirm: boolean;
}

/** The desk's form for a round with these criteria (none for a vote). */
export function sheetForm(criteria: readonly { key: string; name: string }[]) {
	const entries: v.ObjectEntries = {};
	for (const c of criteria) entries[`v.${c.key}`] = v.optional(criterionText(c.name), '');
	return v.pipe(
		v.object({
			...entries,
			comment: v.optional(comment, ''),
			choice: v.optional(v.union([v.literal(''), choice], CHOICE_MESSAGE), ''),
			baseVersion: versionEntry,
			overwrite: versionEntry,
			confirm: flag()
		}),
		v.transform((o): SheetFormValue => {
			const fields = o as Record<string, unknown>;
			return {
				values: Object.fromEntries(criteria.map((c) => [c.key, String(fields[`v.${c.key}`])])),
				comment: o.comment,
				choice: o.choice || null,
				baseVersion: formVersion(o.overwrite ?? o.baseVersion),
				confirm: o.confirm
			};
		})
	);
}

/** 申请回避 at the desk: the reason as typed (the conflicts service says whether it is one). */
export const recuseForm = v.object({ reason: text('回避理由', { trim: false }) });
