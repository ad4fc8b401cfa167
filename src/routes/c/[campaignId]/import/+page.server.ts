import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import {
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS,
	dropPendingImport,
	importCandidates,
	previewUpload,
	storePendingImport,
	takePendingImport
} from '$lib/server/services/intake';
import { bundleFiles, type UploadFile } from '$lib/server/services/intake-files';
import {
	checkView,
	configAfterImport,
	currentRecords,
	projectedCheck,
	sampleRows
} from '$lib/server/services/intake-preview';

/** Row errors and warnings sent to the page at most (a broken 10,000-row file has many). */
const MAX_LISTED = 2000;
const MB = 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	const existing = await currentRecords(await getDb(), campaign.id);
	return {
		candidates: existing.length,
		channels: config.channels.length,
		classification: config.classification,
		fields: config.fields,
		maxMb: MAX_IMPORT_BYTES / MB,
		maxRows: MAX_IMPORT_ROWS
	};
};

/** The uploaded file, or a message saying why there is none (answered with 400). */
async function readUpload(request: Request): Promise<{ files: UploadFile[] } | { message: string }> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// adapter-node refuses bodies over BODY_SIZE_LIMIT while they are read.
		if ((e as { status?: number })?.status === 413)
			return {
				message: `文件过大，超过服务器允许的上传大小，请分批导入，或请管理员调整服务器的 BODY_SIZE_LIMIT（导入上限为 ${MAX_IMPORT_BYTES / MB} MB）`
			};
		return { message: '没有收到文件，请重新选择文件后上传' };
	}
	// several files at once: one 汇总表 (CSV or .xlsx) and the 推荐表 (.docx or a .zip of them)
	const parsed = parseForm(importFiles, form);
	if (!parsed.ok) return { message: parsed.message };
	const uploads: UploadFile[] = [];
	for (const f of parsed.value.file) uploads.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
	return { files: uploads };
}

import { parseForm } from '$lib/schemas/form';
import { pendingImportForm } from '$lib/schemas/records';
import { importFilesForm } from '$lib/schemas/files';

const importFiles = importFilesForm(MAX_IMPORT_BYTES);

export const actions: Actions = {
	preview: async (event) => {
		const { campaign, user } = await requireRole(event, event.params.campaignId, 'organizer');
		const upload = await readUpload(event.request);
		if ('message' in upload) return fail(400, { message: upload.message });
		const config = configOf(campaign);
		const p = await previewUpload(config, upload.files);
		const stored = bundleFiles(upload.files);
		const file = {
			filename: stored.name,
			encoding: p.encoding,
			delimiter: p.delimiter,
			rows: p.rows,
			source: p.source?.summary ?? '',
			forms: p.source?.forms ?? []
		};
		if (!p.ok) {
			return fail(400, {
				rejected: {
					...file,
					errorCount: p.errors.length,
					errors: p.errors.slice(0, MAX_LISTED),
					warningCount: p.warnings.length,
					warnings: p.warnings.slice(0, MAX_LISTED)
				}
			});
		}
		if (p.parsed.length === 0)
			return fail(400, { message: `文件“${stored.name}”只有表头，没有候选人行，请填写后重新上传` });
		const db = await getDb();
		const existing = await currentRecords(db, campaign.id);
		const projected = projectedCheck(config, existing, p);
		const after = configAfterImport(config, p);
		const pendingId = await storePendingImport(db, campaign.id, user.id, stored.name, stored.bytes);
		return {
			preview: {
				...file,
				pendingId,
				newChannels: p.newChannels,
				warningCount: p.warnings.length,
				warnings: p.warnings.slice(0, MAX_LISTED),
				counts: projected.counts,
				changes: projected.changes.slice(0, MAX_LISTED),
				changeCount: projected.changes.length,
				sample: sampleRows(p, 20),
				check: checkView(
					after,
					projected.report,
					projected.records,
					p.newChannels.map((c) => c.name)
				)
			}
		};
	},

	confirm: async (event) => {
		const { campaign, user, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(pendingImportForm, await event.request.formData());
		const id = form.ok ? form.value.pendingId : '';
		const db = await getDb();
		const pending = id ? await takePendingImport(db, campaign.id, user.id, id) : null;
		if (!pending) return fail(400, { message: '这次上传已确认过或已过期（上传后 24 小时内有效），请重新上传文件' });
		const r = await importCandidates(db, actor, campaign.id, pending.bytes, { filename: pending.filename });
		if (!r.ok) {
			await dropPendingImport(db, id);
			return fail(400, {
				rejected: {
					filename: pending.filename,
					source: '',
					forms: [],
					encoding: '',
					delimiter: '',
					rows: 0,
					errorCount: r.errors.length,
					errors: r.errors.slice(0, MAX_LISTED),
					warningCount: 0,
					warnings: []
				}
			});
		}
		await dropPendingImport(db, id);
		const q = new URLSearchParams({
			imported: String(r.imported),
			inserted: String(r.inserted),
			updated: String(r.updated),
			unchanged: String(r.unchanged),
			channels: String(r.newChannels.length)
		});
		redirect(303, `/c/${campaign.id}/check?${q}`);
	},

	cancel: async (event) => {
		const { campaign, user } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(pendingImportForm, await event.request.formData());
		const id = form.ok ? form.value.pendingId : '';
		const db = await getDb();
		if (id && (await takePendingImport(db, campaign.id, user.id, id))) await dropPendingImport(db, id);
		return { cancelled: true };
	}
};
