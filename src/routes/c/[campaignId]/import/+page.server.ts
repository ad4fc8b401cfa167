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
	previewImport,
	storePendingImport,
	takePendingImport
} from '$lib/server/services/intake';
import { checkView, configAfterImport, currentRecords, projectedCheck, sampleRows } from '$lib/server/services/intake-preview';

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

/** Excel workbooks are the most common wrong upload: .xlsx is a zip, .xls an OLE2 file. */
function spreadsheetKind(bytes: Uint8Array): string | null {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'Excel（.xlsx）';
	if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'Excel（.xls）';
	return null;
}

/** The uploaded file, or a message saying why there is none (answered with 400). */
async function readUpload(request: Request): Promise<{ name: string; bytes: Uint8Array } | { message: string }> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// adapter-node refuses bodies over BODY_SIZE_LIMIT while they are read.
		if ((e as { status?: number })?.status === 413)
			return { message: `文件过大，超过服务器允许的上传大小，请分批导入，或请管理员调整服务器的 BODY_SIZE_LIMIT（导入上限为 ${MAX_IMPORT_BYTES / MB} MB）` };
		return { message: '没有收到文件，请重新选择文件后上传' };
	}
	const file = form.get('file');
	if (!(file instanceof File) || (file.size === 0 && !file.name)) return { message: '请选择要上传的 CSV 文件' };
	if (file.size === 0) return { message: `文件“${file.name}”是空的（0 字节），请检查后重新上传` };
	if (file.size > MAX_IMPORT_BYTES)
		return { message: `文件“${file.name}”有 ${(file.size / MB).toFixed(1)} MB，超过上限 ${MAX_IMPORT_BYTES / MB} MB，请分批导入` };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const workbook = spreadsheetKind(bytes);
	if (workbook)
		return { message: `“${file.name}”是 ${workbook} 工作簿，不是 CSV 文件。请在 Excel 或 WPS 中选择“另存为”→“CSV（逗号分隔）”后再上传` };
	return { name: file.name, bytes };
}

export const actions: Actions = {
	preview: async (event) => {
		const { campaign, user } = await requireRole(event, event.params.campaignId, 'organizer');
		const upload = await readUpload(event.request);
		if ('message' in upload) return fail(400, { message: upload.message });
		const config = configOf(campaign);
		const p = previewImport(config, upload.bytes);
		const file = { filename: upload.name, encoding: p.encoding, delimiter: p.delimiter, rows: p.rows };
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
			return fail(400, { message: `文件“${upload.name}”只有表头，没有候选人行，请填写后重新上传` });
		const db = await getDb();
		const existing = await currentRecords(db, campaign.id);
		const projected = projectedCheck(config, existing, p);
		const after = configAfterImport(config, p);
		const pendingId = await storePendingImport(db, campaign.id, user.id, upload.name, upload.bytes);
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
				check: checkView(after, projected.report, projected.records, p.newChannels.map((c) => c.name))
			}
		};
	},

	confirm: async (event) => {
		const { campaign, user, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = await event.request.formData();
		const id = String(form.get('pendingId') ?? '');
		const db = await getDb();
		const pending = id ? await takePendingImport(db, campaign.id, user.id, id) : null;
		if (!pending) return fail(400, { message: '这次上传已确认过或已过期（上传后 24 小时内有效），请重新上传文件' });
		const r = await importCandidates(db, actor, campaign.id, pending.bytes, { filename: pending.filename });
		if (!r.ok) {
			await dropPendingImport(db, id);
			return fail(400, {
				rejected: {
					filename: pending.filename,
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
		const form = await event.request.formData();
		const id = String(form.get('pendingId') ?? '');
		const db = await getDb();
		if (id && (await takePendingImport(db, campaign.id, user.id, id))) await dropPendingImport(db, id);
		return { cancelled: true };
	}
};
