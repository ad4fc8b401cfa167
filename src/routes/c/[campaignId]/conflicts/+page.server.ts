import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { blocks, mayDecide, refreshDetectedConflicts } from '$lib/server/services/conflicts';
import { conflictListing, readConflictFilter } from '$lib/server/services/conflict-list';
import { addOrganizerConflict, decideConflict } from '$lib/server/services/conflict-decisions';
import { listDeclarations, removeDeclaration } from '$lib/server/services/conflict-declarations';
import { conflictPairLabel, decideConflicts, findCandidateByNameOrCode } from '$lib/server/services/conflicts-bulk';
import { CONFLICT_KIND_LABELS, CONFLICT_STATUS_LABELS, SEVERITY_LABELS } from '$lib/shared/labels';
import type { ConflictItem } from '$lib/components/assignment/types';

export const load: PageServerLoad = async (event) => {
	const { campaign, role, user } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const isOrganizer = role === 'organizer';
	const by = isOrganizer ? 'organizer' : 'chair';
	const params = event.url.searchParams;
	// The chair finds a dossier by its review code only: a search by name would tell which code
	// is whose.
	const list = await conflictListing(db, campaign.id, readConflictFilter(params), params.get('page'), {
		searchNames: isOrganizer
	});
	const rows: ConflictItem[] = list.rows.map((c) => ({
		id: c.id,
		expertId: c.expertId,
		expertName: c.expertName,
		reviewCode: c.reviewCode,
		// The chair works with review codes and the kind of tie only: the detected reason names the
		// units, and reasons typed by others (a recusal, the office) may name the candidate.
		candidateName: isOrganizer ? c.candidateName : null,
		kind: c.kind,
		severity: c.severity,
		source: c.source,
		reason: isOrganizer ? c.reason : null,
		status: c.status,
		blocks: blocks(c),
		decidedBy: c.decidedBy,
		decidedAt: c.decidedAt,
		decisionReason: isOrganizer || c.decidedBy === user.username ? c.decisionReason : null,
		canConfirm: c.status !== 'confirmed' && !mayDecide(by, c, 'confirmed'),
		canDismiss: c.status !== 'dismissed' && !mayDecide(by, c, 'dismissed')
	}));

	return {
		isOrganizer,
		rows,
		window: list.window,
		total: list.total,
		pendingBlocking: list.pendingBlocking,
		pendingWarnings: list.pendingWarnings,
		pendingDeclared: list.pendingDeclared,
		statusCounts: list.statusCounts,
		kinds: Object.keys(CONFLICT_KIND_LABELS)
			.filter((k) => list.kindCounts[k])
			.map((k) => ({ value: k, label: CONFLICT_KIND_LABELS[k], count: list.kindCounts[k] })),
		severities: Object.keys(SEVERITY_LABELS)
			.filter((k) => list.severityCounts[k])
			.map((k) => ({ value: k, label: SEVERITY_LABELS[k], count: list.severityCounts[k] })),
		statusLabels: CONFLICT_STATUS_LABELS,
		kindLabels: CONFLICT_KIND_LABELS,
		experts: list.experts,
		panels: list.panels,
		declarations: isOrganizer ? await listDeclarations(db, campaign.id) : [],
		filter: list.filter
	};
};

import { parseForm } from '$lib/schemas/form';
import { addConflictForm, decideForm, decideManyForm, removeDeclarationForm } from '$lib/schemas/conflicts';

export const actions: Actions = {
	decide: async (event) => {
		const { campaign, actor, role } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const form = parseForm(decideForm, await event.request.formData());
		if (!form.ok)
			return fail(400, { id: form.entered.id ?? '', reason: form.entered.reason ?? '', message: form.message });
		const { id, decision, reason } = form.value;
		const db = await getDb();
		const r = await decideConflict(
			db,
			actor,
			campaign.id,
			id,
			decision,
			reason,
			role === 'organizer' ? 'organizer' : 'chair'
		);
		if (!r.ok) return fail(r.status, { id, reason, message: r.message });
		const what = await conflictPairLabel(db, id);
		return { id, done: decision === 'confirmed' ? `已确认回避：${what}` : `已排除：${what}（记录保留）` };
	},
	decideMany: async (event) => {
		const { campaign, actor, role } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const form = parseForm(decideManyForm, await event.request.formData());
		if (!form.ok) return fail(400, { bulk: { message: form.message, reason: form.entered.reason ?? '' } });
		const { ids, decision, reason } = form.value;
		const r = await decideConflicts(
			await getDb(),
			actor,
			campaign.id,
			ids,
			decision,
			reason,
			role === 'organizer' ? 'organizer' : 'chair'
		);
		if (!r.ok) return fail(r.status, { bulk: { message: r.message, reason } });
		const verb = decision === 'confirmed' ? '确认回避' : '排除';
		return { done: `已${verb} ${r.changed} 条${r.unchanged ? `（${r.unchanged} 条原已是该状态，未变）` : ''}` };
	},
	refresh: async (event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const r = await refreshDetectedConflicts(await getDb(), actor, campaign.id);
		return { refreshed: r };
	},
	add: async (event) => {
		// Only the campaign office adds ties it learned of (a chair gets 403 here).
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const data = await event.request.formData();
		// the candidate by name (or “姓名（编号）” from the list, or a review code)
		if (!data.has('candidate')) data.set('candidate', data.get('reviewCode') ?? '');
		const form = parseForm(addConflictForm, data);
		if (!form.ok) {
			const { expertId = '', candidate = '', reason = '' } = form.entered;
			return fail(400, { add: { expertId, candidate: candidate.slice(0, 100), reason }, message: form.message });
		}
		const values = form.value;
		const { expertId, candidate, reason } = values;
		const db = await getDb();
		const cand = await findCandidateByNameOrCode(db, campaign.id, candidate);
		if ('error' in cand) return fail(404, { add: values, message: cand.error });
		const r = await addOrganizerConflict(db, actor, campaign.id, expertId, cand.id, reason);
		if (!r.ok) return fail(r.status, { add: values, message: r.message });
		return { added: `${cand.name}（${cand.code}）` };
	},
	removeDeclaration: async (event) => {
		// Declarations are append-only for the expert; only the campaign office removes one.
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'organizer');
		const form = parseForm(removeDeclarationForm, await event.request.formData());
		if (!form.ok) return fail(400, { declarationMessage: form.message, declaration: null });
		const { expertId, what, text, reason } = form.value;
		const r = await removeDeclaration(await getDb(), actor, campaign.id, expertId, what, text, reason);
		if (!r.ok) return fail(r.status, { declarationMessage: r.message, declaration: { expertId, what, text } });
		return { declarationRemoved: text };
	}
};
