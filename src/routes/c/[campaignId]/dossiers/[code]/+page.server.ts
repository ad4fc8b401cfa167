import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, requireReviewer, requireUser } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { dossierForExpert, expertOfUser } from '$lib/server/services/desk';
import { memberRefusal, saveAccess } from '$lib/server/services/sheet-access';
import { NO_CANDIDATE } from '$lib/server/services/access';
import { recuse } from '$lib/server/services/conflict-decisions';
import { pairRefusal, saveChecked, type SaveResult } from '$lib/server/services/sheets';
import { parseForm } from '$lib/schemas/form';
import { recuseForm, sheetForm, sheetFormRound } from '$lib/schemas/sheet';
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
 * requireReviewer and the service, in their order; the form is read by its schema (schemas/sheet.ts,
 * as the autosave's JSON body) and refused only after all of them; the service then writes.
 */
async function save(event: RequestEvent<{ campaignId: string; code: string }>, submit: boolean) {
	const user = requireUser(event);
	// A broken form is refused only after the access checks (who may not save learns nothing).
	const fd = await event.request.formData().catch((e: unknown) => e);
	const form = fd instanceof FormData ? fd : new FormData();
	const named = parseForm(sheetFormRound, form);
	const roundId = (named.ok && named.value.round) || event.url.searchParams.get('round') || '';
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
	const round = access.round;
	const rubric = round.type === 'score' ? (round.rubric ?? []) : [];
	const parsed = parseForm(sheetForm(rubric), form);
	if (!parsed.ok) {
		const pair = await pairRefusal(db, round.campaignId, access);
		const { entered } = parsed;
		const shown = {
			values: Object.fromEntries(rubric.map((c) => [c.key, entered[`v.${c.key}`] ?? ''])),
			comment: entered.comment ?? '',
			choice: entered.choice || null
		};
		if (pair) return fail(pair.status, { code: pair.code, message: pair.message, ...shown } satisfies ActionFailure);
		const errors: Record<string, string> = {};
		for (const c of rubric) if (parsed.fieldErrors[`v.${c.key}`]) errors[c.key] = parsed.fieldErrors[`v.${c.key}`];
		return fail(400, { code: 'INVALID', message: parsed.message, errors, ...shown } satisfies ActionFailure);
	}
	const { values, comment, choice, baseVersion, confirm } = parsed.value;
	const input = {
		round,
		expertId: access.expertId,
		// an unknown code goes on as a candidate no one reviews: refused like a code that is not the expert's
		candidateId: access.candidateId ?? NO_CANDIDATE,
		values,
		choice,
		comment,
		baseVersion
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
			baseVersion
		} satisfies ActionFailure);
	if (submit && !confirm) {
		// Without JavaScript there is no dialog: keep the draft, check it, and ask to confirm on the page.
		const draft = await saveChecked(db, actor, { ...input, submit: false }, access);
		if (!draft.ok) return refused(draft);
		const check = round.type === 'score' ? validateSheet(rubric, values) : { ok: !!choice, errors: {}, total: 0 };
		if (!check.ok)
			return fail(400, {
				code: 'INVALID',
				message: round.type === 'score' ? '请先补全或修正标红的评分项' : '请选择赞成、反对或弃权',
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
		const form = parseForm(recuseForm, await event.request.formData());
		if (!form.ok) return fail(400, { recuseMessage: form.message });
		const r = await recuse(db, actor, campaign.id, expert.id, found.candidateId, form.value.reason);
		if (!r.ok) return fail(r.status, { recuseMessage: r.message });
		redirect(303, `/c/${campaign.id}/tasks?recused=${encodeURIComponent(event.params.code)}`);
	}
};
