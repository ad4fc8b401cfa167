// One round for the chair and the organizer: progress, the ranking with dispersion and outliers, the
// score matrix (raw or calibrated), notes, rescore requests, the vote tally, and advancing.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { openRescoreRequests, roundEntries } from '$lib/server/services/round-details';
import { advanceCandidates, getRound, listRounds, roundDefaults } from '$lib/server/services/rounds';
import { missingText, roundCandidateIds, uncoveredCandidates } from '$lib/server/services/round-pairs';
import { sheetDetails } from '$lib/server/services/results';
import { addNote, roundResults } from '$lib/server/services/results';
import { requestRescore } from '$lib/server/services/sheets';
import { classifyAdvance, type RankingRow } from '$lib/domain/review/advance';
import { roundView } from '$lib/shared/round-view';
import { roundActions } from '../round-forms.server';
import { remindActions } from './remind.server';
import { lastReminders, mailRescore } from '$lib/server/services/reminders';
import { mailEnabled } from '$lib/server/mail';

/** The ranking advancing works from: the round's aggregate, or the yes votes of a vote round. */
function rankingOf(results: Awaited<ReturnType<typeof roundResults>>): (RankingRow & { passed?: boolean })[] {
	if (results.round.type === 'score')
		return results.aggregates.map((a) => ({ candidate: a.id, field: a.field, score: a.value, code: a.candidate }));
	return results.votes.map((v) => ({
		candidate: v.id,
		field: v.field,
		score: v.yes,
		code: v.candidate,
		passed: v.passed
	}));
}

async function loadRound(event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) {
	const access = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const round = await getRound(db, access.campaign.id, event.params.roundId);
	if (!round) error(404, { message: '没有找到该轮次' });
	return { ...access, db, round };
}

export const load: PageServerLoad = async (event) => {
	const { campaign, db, round, role } = await loadRound(event);
	// The round's results once per view; everything below pages and filters them in memory.
	const results = await roundResults(db, round);
	const all = await listRounds(db, campaign.id);
	const next = all.find((r) => r.seq === round.seq + 1) ?? null;
	const rescore = await openRescoreRequests(db, round.id);
	const entries = await roundEntries(db, round.id);
	const manual = entries.filter((e) => e.how === 'manual');
	const sp = event.url.searchParams;
	const view = sp.get('view') === 'calibrated' ? 'calibrated' : 'raw';
	const focusId = sp.get('c') ?? '';
	const focus = results.candidates.find((c) => c.id === focusId) ?? null;
	const perParam = sp.get('per');
	const nParam = Number(sp.get('n'));
	const advanceDefaults = {
		n: Number.isInteger(nParam) && nParam > 0 ? nParam : 1,
		per: perParam === 'overall' ? ('overall' as const) : ('field' as const)
	};
	const ranking = rankingOf(results);
	const v = roundView(results, rescore, sp, {
		required: round.requiredSheets,
		ranking,
		advance: advanceDefaults,
		focusId
	});
	const nextOpenForAdvance = round.state === 'closed' && next?.state === 'draft';
	return {
		round: {
			id: round.id,
			seq: round.seq,
			name: round.name,
			type: round.type,
			state: round.state,
			reviewers: round.reviewers,
			aggregation: round.aggregation,
			threshold: round.threshold ?? null,
			deadline: round.deadline,
			requiredSheets: round.requiredSheets,
			maxYes: round.maxYes,
			scale: results.scale,
			candidates: results.candidates.length
		},
		rounds: all.map((r) => ({ id: r.id, seq: r.seq, name: r.name, type: r.type, state: r.state })),
		next: next
			? { id: next.id, name: next.name, state: next.state, advanced: await roundCandidateIds(db, next.id) }
			: null,
		rubric: campaign.config.rubric ?? [],
		entered: {
			total: entries.length,
			manual: manual.length,
			reasons: [...new Set(manual.map((m) => m.reason ?? '').filter(Boolean))]
		},
		progress: results.progress.map((p) => ({
			expertId: p.expert,
			name: p.name,
			assigned: p.assigned,
			done: p.done,
			draft: p.draft,
			notStarted: p.notStarted
		})),
		pending: v.pending,
		pendingTotal: v.pendingTotal,
		query: v.query,
		problems: v.problems,
		fields: v.fields,
		counts: v.counts,
		outliers: v.outliers,
		outlierTotal: v.outlierTotal,
		asked: v.asked,
		tiedAtCut: v.tiedAtCut,
		aggregates: v.ranking.rows,
		tiedIds: v.tiedIds,
		rankingPage: { page: v.ranking.page, pages: v.ranking.pages, total: v.ranking.total, size: v.ranking.size },
		ranked: round.type === 'score' ? results.aggregates.length : results.votes.length,
		groups: v.matrix.groups,
		matrixPage: { page: v.matrix.page, pages: v.matrix.pages, total: v.matrix.total, size: v.matrix.size },
		votes: v.votes.rows,
		// the tally's head counts every dossier, not the page
		passed: results.votes.filter((x) => x.passed).length,
		// the advance panel picks from the whole ranking: only while it is shown
		ranking: nextOpenForAdvance ? ranking : [],
		notes: results.notes,
		unranked: results.candidates.length - (round.type === 'score' ? results.aggregates.length : results.votes.length),
		view: view as 'raw' | 'calibrated',
		focus: focus ? { ...focus, expertId: sp.get('e') ?? '' } : null,
		focusCells: v.focusCells,
		// Nobody may review these: the office assigns someone or excludes them (names for the office only).
		uncovered:
			round.state === 'draft'
				? (await uncoveredCandidates(db, round)).map((u) => ({
						id: u.id,
						code: u.code,
						name: role === 'organizer' ? u.name : ''
					}))
				: [],
		// the sheets not submitted are the results' pending pairs: no second read of the round
		missing:
			round.state === 'open'
				? missingText({
						total: v.pendingTotal,
						experts: v.pending.map((p) => ({ expertId: '', name: p.expert, missing: p.total }))
					})
				: null,
		// Comments and per-criterion scores: the chair at any time, the office once the round is closed.
		details: focus && (role === 'chair' || round.state === 'closed') ? await sheetDetails(db, round, focus.id) : null,
		roundDefaults: await roundDefaults(db, campaign.id),
		roundRubric: round.rubric ?? [],
		mailEnabled: mailEnabled(),
		reminded: round.state === 'open' ? await lastReminders(db, round) : [],
		advanceDefaults
	};
};

import { parseForm } from '$lib/schemas/form';
import { advanceForm, noteForm, rescoreForm } from '$lib/schemas/rounds';

export const actions: Actions = {
	...roundActions,
	...remindActions,
	note: async (event) => {
		const { db, actor, round } = await loadRound(event);
		const form = parseForm(noteForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'note', message: form.message, candidateId: '' });
		const { candidate: candidateId, note } = form.value;
		const r = await addNote(db, actor, round, candidateId, note);
		if (!r.ok) return fail(400, { action: 'note', message: r.message ?? '备注未保存', candidateId });
		return { action: 'note', done: '备注已保存', candidateId };
	},
	rescore: async (event) => {
		const { db, actor, round, user, role } = await loadRound(event);
		const form = parseForm(rescoreForm, await event.request.formData());
		if (!form.ok) {
			const { candidate: candidateId = '', message: text = '' } = form.entered;
			return fail(400, { action: 'rescore', message: form.message, candidateId, text });
		}
		const { expert: expertId, candidate: candidateId, message } = form.value;
		const asker = `${role === 'chair' ? '评审组长' : '活动办公室'} ${user.displayName}`;
		const r = await requestRescore(db, actor, round, expertId, candidateId, message, asker);
		if (!r.ok) return fail(r.status, { action: 'rescore', message: r.message, candidateId, expertId, text: message });
		const mail = await mailRescore(db, actor, round, expertId, candidateId, user.displayName, event.url.origin);
		const mailed = mail.sent.length
			? '，已发邮件通知该专家'
			: mail.mailed
				? `，邮件未能发送（${mail.failed[0]?.reason ?? '未知原因'}），请另行通知`
				: '';
		return {
			action: 'rescore',
			done: `已请求重评：这份评分已退回专家，重新提交前不计入排名${mailed}`,
			candidateId,
			expertId
		};
	},
	advance: async (event) => {
		const { db, actor, round, campaign } = await loadRound(event);
		const form = parseForm(advanceForm, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'advance', message: form.message, reason: '' });
		const { to, ids, reason, n, per } = form.value;
		const next = (await listRounds(db, campaign.id)).find((r) => r.seq === round.seq + 1);
		if (!next || next.id !== to)
			return fail(409, { action: 'advance', message: '没有找到下一轮，请先创建下一轮', reason });
		if (round.state !== 'closed')
			return fail(409, { action: 'advance', message: `请先结束“${round.name}”再晋级`, reason });
		if (!ids.length) return fail(400, { action: 'advance', message: '请至少选择一名晋级的候选人', reason });
		// By rank when the choice is exactly the top N and no tie straddles the cut; otherwise by hand.
		const results = await roundResults(db, round);
		const ranking = rankingOf(results);
		const { how, label } = classifyAdvance({ ranking, picked: ids, n, per, isVote: round.type === 'vote' });
		if (how === 'manual' && !reason)
			return fail(400, {
				action: 'advance',
				message: '所选名单与按名次晋级的结果不同（或名次线上有并列），请填写理由',
				reason
			});
		const r = await advanceCandidates(
			db,
			actor,
			campaign.id,
			to,
			ids,
			how,
			how === 'manual' ? reason : reason || label
		);
		if (!r.ok) return fail(r.status, { action: 'advance', message: r.message, reason });
		return { action: 'advance', done: `已晋级 ${r.added} 名候选人到“${next.name}”（${label}）` };
	}
};
