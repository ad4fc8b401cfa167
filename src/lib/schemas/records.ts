// Small forms naming one record of the office's pages (a candidate's attachment, a withdrawal, an
// expert to invite again, a pending import): the services refuse unknown ids with their own words.
import * as v from 'valibot';
import { text } from './form';
import { KIND_ORDER } from '../domain/intake/attachment-kinds';

/** 撤回 / 恢复推荐: the reason goes into the audit log. */
export const withdrawalForm = v.object({ reason: text('理由', { trim: false, max: 600 }) });

export const attachmentForm = v.object({ attachmentId: text('附件', { trim: false }) });

/**
 * 上传附件: the kind chosen (as sent: a kind the page does not offer is refused by name) and the
 * files picked, empty ones (an input left blank) dropped. Size and type are the service's to check.
 */
export const uploadForm = v.object({
	kind: v.pipe(
		text('文件类别', { trim: false }),
		v.picklist(KIND_ORDER, (issue) => `文件类别“${String(issue.input)}”无效`)
	),
	file: v.pipe(
		v.array(v.union([v.string(), v.file()])),
		v.transform((xs) => xs.filter((f): f is File => typeof f !== 'string' && f.size > 0)),
		v.minLength(1, '请先选择要上传的文件')
	)
});

/** The version the editor loaded (its updatedAt), so a save over someone else's is refused. */
export const candidateVersionForm = v.object({
	updatedAt: v.pipe(
		text('版本'),
		v.transform((s) => (/^\d{1,16}$/.test(s) && Number(s) > 0 ? Number(s) : undefined))
	)
});

export const expertRefForm = v.object({ expertId: text('专家', { trim: false }) });

export const pendingImportForm = v.object({ pendingId: text('待确认的导入', { trim: false }) });

/** 接受 / 撤销接受 a warning of the check page: the candidate, the issue code and the reason. */
export const warningAcceptanceForm = v.object({
	candidateId: text('候选人', { trim: false }),
	code: text('问题类别', { trim: false }),
	reason: text('理由', { trim: false })
});
