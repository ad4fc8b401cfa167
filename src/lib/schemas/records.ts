// Small forms naming one record of the office's pages (a candidate's attachment, a withdrawal, an
// expert to invite again, a pending import): the services refuse unknown ids with their own words.
import * as v from 'valibot';
import { text } from './form';

/** 撤回 / 恢复推荐: the reason goes into the audit log. */
export const withdrawalForm = v.object({ reason: text('理由', { trim: false, max: 600 }) });

export const attachmentForm = v.object({ attachmentId: text('附件', { trim: false }) });

/** The version the editor loaded (its updatedAt), so a save over someone else's is refused. */
export const candidateVersionForm = v.object({
	updatedAt: v.pipe(
		text('版本'),
		v.transform((s) => (/^\d{1,16}$/.test(s) && Number(s) > 0 ? Number(s) : undefined))
	)
});

export const expertRefForm = v.object({ expertId: text('专家', { trim: false }) });

export const pendingImportForm = v.object({ pendingId: text('待确认的导入', { trim: false }) });
