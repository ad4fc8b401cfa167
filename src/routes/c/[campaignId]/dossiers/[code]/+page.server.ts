import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireReviewer, requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { dossierForExpert, expertOfUser } from '$lib/server/services/desk';
import { memberRefusal, saveAccess } from '$lib/server/services/sheet-access';
import { recuse } from '$lib/server/services/conflict-decisions';
import { saveChecked, type SaveResult, type VoteChoice } from '$lib/server/services/sheets';
import { validateSheet } from '$lib/domain/review/score-sheet';
import { deadlineInfo } from '$lib/shared/time';
import type { ActionFailure } from '$lib/shared/desk-views';

// Not assigned, conflicted, recused or unknown code: all the same 404, so nothing is revealed.
const NOT_FOUND = { message: '没有找到该材料' };

// Only this expert's own sheet is loaded: never another expert's score, never an aggregate.
export const load: PageServerLoad = async (event) => {
	const { campaign, user } = await requireReviewer(event, event.params.campaignId);
	const db = await getDb();
	const expert = await expertOfUser(db, campaign.id, user.id);
	if (!expert) error(404, NOT_FOUND);
	const roundId = event.url.searchParams.get('round') || undefined;
	const found = await dossierForExpert(db, campaign.id, expert.id, event.params.code, roundId);
	if (!found) error(404, NOT_FOUND);
	return {
		dossier: found.dossier,
		round: found.round,
		deadline: deadlineInfo(found.round?.deadline ?? null),
		sheet: found.sheet,
		// keys the expert's local drafts, so that a shared laptop keeps experts apart
		expertKey: expert.id,
		prev: found.prev,
		next: found.next,
		position: found.position,
		total: found.total
	};
};

async function expertContext(event: RequestEvent<{ campaignId: string; code: string }>) {
	const access = await requireReviewer(event, event.params.campaignId);
	const db = await getDb();
	const expert = await expertOfUser(db, access.campaign.id, access.user.id);
	if (!expert) error(404, NOT_FOUND);
	return { ...access, db, expert };
}

/**
 * Save and submit share one path: one prepared statement answers who may save what (role, roster
 * entry, round, candidate, lock, the pair's eligibility, the sheet), with the refusals of
 * requireReviewer and the service, in their order; the service then writes.
 */
async function save(event: RequestEvent<{ campaignId: string; code: string }>, submit: boolean) {
	const user = requireUser(event);
	// A broken form is refused only after the access checks, as before (who may not save learns nothing).
	const fd = await event.request.formData().catch((e: unknown) => e);
	const form = fd instanceof FormData ? fd : new FormData();
	const roundId = String(form.get('round') ?? event.url.searchParams.get('round') ?? '');
	const db = await getDb();
	const access = await saveAccess(db, {
		userId: user.id,
		campaignId: event.params.campaignId,
		roundId,
		code: event.params.code
	});
	const refusal = memberRefusal(access);
	if (refusal || !access?.expertId) error(refusal?.status ?? 404, { message: refusal?.message ?? NOT_FOUND.message });
	if (!(fd instanceof FormData)) throw fd;
	if (!access.round) error(404, NOT_FOUND);
	const actor = actorOf(user);
	const expert = { id: access.expertId };
	// An unknown code goes on as a candidate no one reviews: refused like a code that is not the expert's.
	const target = { round: access.round, candidateId: access.candidateId ?? '\u0000no-candidate' };
	const rubric = target.round.type === 'score' ? (target.round.rubric ?? []) : [];
	const values: Record<string, string> = {};
	for (const c of rubric) values[c.key] = String(form.get(`v.${c.key}`) ?? '');
	const comment = String(form.get('comment') ?? '');
	const choiceRaw = String(form.get('choice') ?? '');
	const choice = choiceRaw ? (choiceRaw as VoteChoice) : null;
	// "用我刚填写的覆盖" after a conflict (no JavaScript) names the server's version it overrides.
	const overwrite = form.get('overwrite');
	const baseVersion = Number(overwrite ?? form.get('baseVersion') ?? 0);
	const input = {
		round: target.round,
		expertId: expert.id,
		candidateId: target.candidateId,
		values,
		choice,
		comment,
		baseVersion: Number.isInteger(baseVersion) && baseVersion >= 0 ? baseVersion : -1
	};
	const refused = (r: Extract<SaveResult, { ok: false }>) =>
		fail(r.status, {
			code: r.code,
			message: r.message,
			errors: r.errors,
			current: r.current ? { ...r.current, values: r.current.values as Record<string, unknown> } : undefined,
			values,
			comment,
			choice,
			baseVersion: input.baseVersion
		} satisfies ActionFailure);
	if (submit && form.get('confirm') !== '1') {
		// Without JavaScript there is no dialog: keep the draft, check it, and ask to confirm on the page.
		const draft = await saveChecked(db, actor, { ...input, submit: false }, access);
		if (!draft.ok) return refused(draft);
		const check =
			target.round.type === 'score' ? validateSheet(rubric, values) : { ok: !!choice, errors: {}, total: 0 };
		if (!check.ok)
			return fail(400, {
				code: 'INVALID',
				message: target.round.type === 'score' ? '请先补全或修正标红的评分项' : '请选择赞成、反对或弃权',
				errors: check.errors,
				values,
				comment,
				choice
			} satisfies ActionFailure);
		return { confirmSubmit: true as const, total: check.total, choice, version: draft.version, savedAt: draft.savedAt };
	}
	const r = await saveChecked(db, actor, { ...input, submit }, access);
	if (r.ok) return { saved: true as const, submitted: submit, version: r.version, savedAt: r.savedAt };
	return refused(r);
}

export const actions: Actions = {
	save: (event) => save(event, false),
	submit: (event) => save(event, true),
	recuse: async (event) => {
		const { db, campaign, actor, expert } = await expertContext(event);
		const roundId = event.url.searchParams.get('round') || undefined;
		const found = await dossierForExpert(db, campaign.id, expert.id, event.params.code, roundId);
		if (!found) error(404, NOT_FOUND);
		const reason = String((await event.request.formData()).get('reason') ?? '');
		const r = await recuse(db, actor, campaign.id, expert.id, found.candidateId, reason);
		if (!r.ok) return fail(r.status, { recuseMessage: r.message });
		redirect(303, `/c/${campaign.id}/tasks?recused=${encodeURIComponent(event.params.code)}`);
	}
};
