import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { spreadsheetAsCsv } from '$lib/server/services/intake-files';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import {
	createExpertWithInvitation,
	getExpert,
	importExperts,
	listExperts,
	reinviteExpert
} from '$lib/server/services/experts';
import { panelNamesByExpert } from '$lib/server/services/panels';
import { encodingLabel } from '$lib/domain/formats/csv-decode';
import { toCsv } from '$lib/domain/formats/csv-safe';
import { readExpertForm, valuesFromForm } from '$lib/schemas/expert';
import { mailInvitations, type MailOutcome } from '$lib/server/services/reminders';
import { INVITATION_TTL } from '$lib/server/services/accounts';

/** What the page says about the invitation mails (nothing when no mail server is configured). */
function mailNote(m: MailOutcome): { sent: string[]; failed: { name: string; reason: string }[] } | null {
	return m.mailed ? { sent: m.sent.map((s) => `${s.name}（${s.to}）`), failed: m.failed } : null;
}

/** Row errors sent to the page at most. */
const MAX_LISTED = 1000;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const rows = await listExperts(db, campaign.id);
	const panelsOf = await panelNamesByExpert(db, campaign.id);
	return {
		fields: configOf(campaign).fields,
		experts: rows.map((r) => ({
			id: r.e.id,
			name: r.e.name,
			unit: r.e.unit,
			formerUnits: r.e.formerUnits ?? [],
			title: r.e.title,
			fields: r.e.fields,
			maxLoad: r.e.maxLoad,
			panels: panelsOf.get(r.e.id) ?? [],
			username: r.username,
			active: Boolean(r.hasPassword)
		}))
	};
};

const inviteLink = (origin: string, token: string) => `${origin}/invite/${token}`;

import { parseForm } from '$lib/schemas/form';
import { expertRefForm } from '$lib/schemas/records';
import { rosterFileForm } from '$lib/schemas/files';

export const actions: Actions = {
	create: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const values = valuesFromForm(await event.request.formData());
		const read = readExpertForm(values, configOf(campaign).fields);
		if (!read.ok) return fail(400, { values, errors: read.errors, message: '请按提示修改后再提交' });
		const { expert } = read;
		const db = await getDb();
		const result = await createExpertWithInvitation(db, actor, campaign.id, expert);
		if (!result.ok) return fail(result.status, { values, errors: {}, message: result.message });
		const mail = await mailInvitations(
			db,
			actor,
			campaign.id,
			[{ expertId: result.expertId, token: result.token, expiresAt: result.expiresAt }],
			event.url.origin
		);
		return {
			invited: { name: expert.name, username: result.username, link: inviteLink(event.url.origin, result.token) },
			mail: mailNote(mail)
		};
	},

	import: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch (e) {
			// adapter-node refuses bodies over BODY_SIZE_LIMIT (default 512 KB) while they are read.
			if ((e as { status?: number })?.status === 413)
				return fail(413, {
					importMessage: '文件过大，超过服务器允许的上传大小。请分批导入，或请管理员调整服务器的 BODY_SIZE_LIMIT'
				});
			return fail(400, { importMessage: '没有收到文件，请重新选择文件后上传' });
		}
		const picked = parseForm(rosterFileForm, form);
		if (!picked.ok) return fail(400, { importMessage: picked.message });
		const { file } = picked.value;
		// an .xlsx roster is read as its first sheet (issue 14); .xls/macro/encrypted files are refused
		const sheet = await spreadsheetAsCsv(new Uint8Array(await file.arrayBuffer()), `“${file.name}”`);
		if ('error' in sheet) return fail(400, { importMessage: sheet.error });
		const bytes = sheet.bytes;
		const db = await getDb();
		const r = await importExperts(db, actor, campaign.id, bytes, { filename: file.name });
		const encoding = encodingLabel(r.encoding);
		if (!r.ok) {
			return fail(400, {
				importRejected: {
					filename: file.name,
					encoding,
					errorCount: r.errors.length,
					errors: r.errors.slice(0, MAX_LISTED),
					warnings: r.warnings
				}
			});
		}
		const origin = event.url.origin;
		const links = r.experts
			.filter((e) => e.token)
			.map((e) => ({
				row: e.row,
				name: e.name,
				unit: e.unit,
				username: e.username ?? '',
				link: inviteLink(origin, e.token!)
			}));
		// The links exist only in this response: the CSV is made here, never stored.
		const csv = toCsv(
			['姓名', '工作单位', '用户名', '邀请链接'],
			links.map((l) => [l.name, l.unit, l.username, l.link])
		);
		const expiresAt = Date.now() + INVITATION_TTL;
		const mail = await mailInvitations(
			db,
			actor,
			campaign.id,
			r.experts.filter((e) => e.token).map((e) => ({ expertId: e.expertId, token: e.token!, expiresAt })),
			origin
		);
		return {
			mail: mailNote(mail),
			imported: {
				filename: file.name,
				encoding,
				created: r.created,
				updated: r.updated,
				unchanged: r.unchanged,
				warnings: r.warnings,
				links,
				csv
			}
		};
	},

	reinvite: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(expertRefForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { expertId } = form.value;
		const db = await getDb();
		const expert = await getExpert(db, campaign.id, expertId);
		const inv = expert && (await reinviteExpert(db, actor, campaign.id, expertId));
		if (!expert || !inv) return fail(404, { message: '没有找到该专家或其账户' });
		const mail = await mailInvitations(
			db,
			actor,
			campaign.id,
			[{ expertId: expert.e.id, token: inv.token, expiresAt: inv.expiresAt }],
			event.url.origin
		);
		return {
			reinvited: { expertId: expert.e.id, link: inviteLink(event.url.origin, inv.token) },
			mail: mailNote(mail)
		};
	}
};
