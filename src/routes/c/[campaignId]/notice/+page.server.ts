import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { beijingToday } from '$lib/shared/time';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { recordOf } from '$lib/server/services/candidates';
import { lockedSelection, saveNotice, selectionRows } from '$lib/server/services/selection';
import { type SelectionOutcome } from '$lib/server/services/selection-solve';
import { parseForm } from '$lib/schemas/form';
import { isNoticeDate, noticeForm } from '$lib/schemas/notice';
import { noticeBasis } from '$lib/domain/notice/notice-text';
import { getPreset } from '$lib/domain/notice/presets';

const byPinyin = new Intl.Collator('zh-CN');

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const config = configOf(campaign);
	const sel = await lockedSelection(db, campaign.id);
	const outcome = (sel?.result ?? null) as SelectionOutcome | null;
	if (!sel || !outcome?.ok) return { locked: false as const };
	// the lock-time snapshot, not live rows: a later change to a record does not reach the 公示
	const byId = await selectionRows(db, campaign.id, sel);
	const input = sel.input;
	const tiers = outcome.tiers.map((t, i) => ({
		name: t.name,
		subsetOf: input.tiers[i]?.subsetOf ?? null,
		people: t.selected
			.map((id) => byId.get(id))
			.filter((r) => !!r)
			.map((r) => {
				const rec = recordOf(r);
				return { name: rec.name, gender: rec.gender, unitAndTitle: rec.unitAndTitle };
			})
			.sort((a, b) => byPinyin.compare(a.name, b.name))
	}));
	const param = event.url.searchParams;
	const start = isNoticeDate(param.get('start')) ? param.get('start')! : (sel.noticeStart ?? beijingToday());
	const saved = sel.noticeDates ?? { closed: [], open: [] };
	return {
		locked: true as const,
		selectionId: sel.id,
		lockedAt: sel.lockedAt,
		savedStart: sel.noticeStart,
		savedContact: sel.noticeContact ?? '',
		savedDates: saved,
		start,
		contact: param.has('contact') ? (param.get('contact') ?? '').slice(0, 200) : (sel.noticeContact ?? ''),
		workdays: config.publicNoticeWorkdays || 5,
		hosts: config.hosts,
		// the notice's own word for the selected (晋城 建议人选) and 《标题》（文号）
		subject: config.noticeSubject?.text ?? '拟确定人选',
		subjectSource: config.noticeSubject?.source ?? null,
		basis: noticeBasis(config.presetId ? getPreset(config.presetId)?.noticeTitle : undefined, config.document),
		tiers
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(noticeForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { start, contact, closed, open } = form.value;
		const db = await getDb();
		const sel = await lockedSelection(db, campaign.id);
		if (!sel) return fail(409, { message: '遴选结果尚未锁定，不能发布公示' });
		await saveNotice(db, actor, campaign.id, sel.id, {
			start,
			contact,
			dates: { closed, open }
		});
		redirect(303, `/c/${campaign.id}/notice?saved=1`);
	}
};
