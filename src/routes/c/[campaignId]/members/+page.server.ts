import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { ROLE_LABELS } from '$lib/shared/labels';
import { getDb } from '$lib/server/db';
import { panelsOf } from '$lib/server/services/panels';
import { addMember, listMembers, setMemberPanels } from '$lib/server/services/members';
import { removeMember, resetMemberPassword } from '$lib/server/services/members-admin';
import { mailInvitations, type MailOutcome } from '$lib/server/services/reminders';
import { mailEnabled } from '$lib/server/mail';

// The campaign's people (issue 12): the office adds an organizer, a chair, an expert or an observer
// (纪检监察), sets panels, removes (audited) and resets passwords. Same service as `laurel member add`.

const link = (origin: string, token: string) => `${origin}/invite/${token}`;
const mailNote = (m: MailOutcome | null) =>
	m?.mailed ? { sent: m.sent.map((s) => `${s.name}（${s.to}）`), failed: m.failed } : null;

export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const ps = await panelsOf(db, campaign.id);
	return {
		me: user.id,
		members: (await listMembers(db, campaign.id)).map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role] })),
		panels: ps,
		roles: (['organizer', 'chair', 'expert', 'observer'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
		mailEnabled: mailEnabled()
	};
};

import { parseForm } from '$lib/schemas/form';
import { addMemberForm, memberForm, memberPanelsForm, removeMemberForm } from '$lib/schemas/members';

export const actions: Actions = {
	add: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(addMemberForm, await event.request.formData());
		if (!form.ok) return fail(400, { addMessage: form.message, values: null });
		const { panel: chosen, ...values } = form.value;
		const db = await getDb();
		const ps = await panelsOf(db, campaign.id);
		const names = chosen.map((id) => ps.find((p) => p.id === id)?.name ?? id);
		const r = await addMember(db, actor, campaign.id, { ...values, panels: names, unit: values.unit || undefined });
		if (!r.ok) return fail(r.code === 'UNKNOWN_CAMPAIGN' ? 404 : 400, { addMessage: r.message, values });
		return {
			added: {
				username: r.username,
				role: ROLE_LABELS[r.role],
				link: r.token ? link(event.url.origin, r.token) : null,
				notes: r.notes
			}
		};
	},
	panels: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(memberPanelsForm, await event.request.formData());
		if (!form.ok) return fail(400, { rowMessage: form.message, userId: '' });
		const { userId, chair: chairs, seat: seats } = form.value;
		const r = await setMemberPanels(await getDb(), actor, campaign.id, userId, { chairs, seats });
		if (!r.ok) return fail(r.status, { rowMessage: r.message, userId });
		return { saved: { userId, notes: r.notes } };
	},
	remove: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(removeMemberForm, await event.request.formData());
		if (!form.ok) return fail(400, { rowMessage: form.message, userId: '' });
		const { userId, reason } = form.value;
		const r = await removeMember(await getDb(), actor, campaign.id, userId, reason);
		if (!r.ok) return fail(r.status, { rowMessage: r.message, userId });
		return { removed: true };
	},
	reset: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(memberForm, await event.request.formData());
		if (!form.ok) return fail(400, { rowMessage: form.message, userId: '' });
		const { userId } = form.value;
		const db = await getDb();
		const r = await resetMemberPassword(db, actor, campaign.id, userId);
		if (!r.ok) return fail(r.status, { rowMessage: r.message, userId });
		// Mailed when SMTP_URL is set and the roster has an address; the link is shown in any case.
		const mail = r.expertId
			? await mailInvitations(
					db,
					actor,
					campaign.id,
					[{ expertId: r.expertId, token: r.token, expiresAt: r.expiresAt }],
					event.url.origin
				)
			: null;
		return {
			reset: {
				userId,
				name: r.name,
				username: r.username,
				link: link(event.url.origin, r.token),
				sessionsEnded: r.sessionsEnded
			},
			mail: mailNote(mail)
		};
	}
};
