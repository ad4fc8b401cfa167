import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { candidateAccess } from './access.server';
import { configOf } from '$lib/server/services/campaigns';
import { recordOf } from '$lib/server/services/candidates';
import { candidateIssues, importedChannels } from '$lib/server/services/candidate-list';
import { formContext, formOptions, getCandidate, updateCandidate } from '$lib/server/services/candidate-edit';
import { deleteAttachment, listAttachments, saveAttachment } from '$lib/server/services/attachments';
import { valuesFromRecord } from '$lib/components/candidates/candidate-form';
import { parseCandidateForm, valuesFromForm } from '$lib/schemas/candidate';
import { ATTACHMENT_KINDS, formatSize, maxOf } from '$lib/domain/intake/attachment-kinds';
import { restoreNomination, withdrawNomination } from '$lib/server/services/withdrawal';
import { lockRefusal } from '$lib/server/services/locks';

export const load: PageServerLoad = async (event) => {
	const { campaign, db, row } = await candidateAccess(event);
	const config = configOf(campaign);
	const record = recordOf(row);
	const base = `/c/${campaign.id}/candidates/${row.id}`;
	const files = await listAttachments(db, campaign.id, row.id);
	return {
		candidate: { id: row.id, name: record.name, reviewCode: row.reviewCode, seq: row.seq, updatedAt: row.updatedAt },
		withdrawal: row.withdrawnAt
			? { at: row.withdrawnAt, by: row.withdrawnBy ?? '', reason: row.withdrawnReason ?? '' }
			: null,
		lock: await lockRefusal(db, campaign.id),
		values: valuesFromRecord(record, config.classification),
		options: formOptions(config, await importedChannels(db, campaign)),
		// what the candidates list shows for this one, from the few records that can share it
		issues: await candidateIssues(db, campaign, row),
		files: files.map((f) => ({
			id: f.id,
			kind: f.kind,
			filename: f.filename,
			mime: f.mime,
			size: f.size,
			sha256: f.sha256,
			createdAt: f.createdAt,
			url: `${base}/files/${f.id}`
		})),
		created: event.url.searchParams.has('created')
	};
};

import { parseForm } from '$lib/schemas/form';
import { attachmentForm, candidateVersionForm, uploadForm, withdrawalForm } from '$lib/schemas/records';

export const actions: Actions = {
	save: async (event) => {
		const { campaign, actor, db, row } = await candidateAccess(event);
		const config = configOf(campaign);
		const form = await event.request.formData();
		const values = valuesFromForm(form);
		const parsed = parseCandidateForm(values, formContext(config, await importedChannels(db, campaign)));
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const version = parseForm(candidateVersionForm, form);
		const r = await updateCandidate(db, actor, campaign.id, row.id, parsed.record, {
			expectedUpdatedAt: version.ok ? version.value.updatedAt : undefined
		});
		if (!r.ok) {
			if (r.code === 'NOT_FOUND') error(404, { message: r.message });
			if (r.code === 'STALE') {
				const current = await getCandidate(db, campaign.id, row.id);
				return fail(409, { values, errors: {}, message: r.message, updatedAt: current?.updatedAt ?? null });
			}
			if (r.code === 'LOCKED') return fail(423, { values, errors: {}, message: r.message });
			return fail(400, { values, errors: { name: r.message } });
		}
		return { saved: true, changed: r.changed };
	},

	upload: async (event) => {
		const { campaign, actor, db, row } = await candidateAccess(event);
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch (e) {
			// adapter-node refuses bodies over BODY_SIZE_LIMIT while they are read.
			if ((e as { status?: number })?.status === 413)
				return fail(413, {
					upload: {
						errors: ['本次上传的文件合计超过了服务器允许的大小，请逐个上传；如仍失败，请系统管理员调整 BODY_SIZE_LIMIT']
					}
				});
			return fail(400, { upload: { errors: ['没有收到文件，请重新选择文件后上传'] } });
		}
		const parsed = parseForm(uploadForm, form);
		if (!parsed.ok) return fail(400, { upload: { errors: [parsed.message] } });
		const { kind, file: files } = parsed.value;
		const saved: string[] = [];
		const errors: string[] = [];
		for (const file of files) {
			if (file.size > maxOf(kind).bytes) {
				errors.push(`文件“${file.name}”大小为 ${formatSize(file.size)}，超过每个文件 ${maxOf(kind).mb} MB 的上限`);
				continue;
			}
			const bytes = new Uint8Array(await file.arrayBuffer());
			const r = await saveAttachment(db, actor, campaign.id, row.id, { kind, filename: file.name, bytes });
			if (r.ok) saved.push(`${ATTACHMENT_KINDS[kind].label}“${file.name}”`);
			else errors.push(r.message);
		}
		if (errors.length) return fail(400, { upload: { saved, errors } });
		return { upload: { saved } };
	},

	deleteAttachment: async (event) => {
		const { campaign, actor, db, row } = await candidateAccess(event);
		const form = parseForm(attachmentForm, await event.request.formData());
		if (!form.ok) return fail(400, { upload: { errors: [form.message] } });
		const r = await deleteAttachment(db, actor, campaign.id, row.id, form.value.attachmentId);
		if (!r.ok) return fail(r.message.startsWith('遴选结果已于') ? 423 : 404, { upload: { errors: [r.message] } });
		return { upload: { deleted: r.filename } };
	},

	withdraw: async (event) => {
		const { campaign, actor, db, row } = await candidateAccess(event);
		const form = parseForm(withdrawalForm, await event.request.formData());
		if (!form.ok) return fail(400, { withdrawal: { message: form.message, reason: '' } });
		const { reason } = form.value;
		const r = await withdrawNomination(db, actor, campaign.id, row.id, reason);
		if (!r.ok) return fail(r.status, { withdrawal: { message: r.message, reason } });
		return { withdrawal: { done: 'withdrawn' as const } };
	},

	restore: async (event) => {
		const { campaign, actor, db, row } = await candidateAccess(event);
		const form = parseForm(withdrawalForm, await event.request.formData());
		if (!form.ok) return fail(400, { withdrawal: { message: form.message, reason: '' } });
		const { reason } = form.value;
		const r = await restoreNomination(db, actor, campaign.id, row.id, reason);
		if (!r.ok) return fail(r.status, { withdrawal: { message: r.message, reason } });
		return { withdrawal: { done: 'restored' as const } };
	}
};
