import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import {
	addOrganizerConflict,
	blocks,
	decideConflict,
	listConflicts,
	listDeclarations,
	mayDecide,
	refreshDetectedConflicts,
	removeDeclaration
} from '$lib/server/services/conflicts';
import {
	candidateChoices,
	conflictPairLabel,
	decideConflicts,
	findCandidateByNameOrCode
} from '$lib/server/services/conflicts-bulk';
import { expertNames } from '$lib/server/services/experts';
import { CONFLICT_KIND_LABELS, CONFLICT_STATUS_LABELS } from '$lib/shared/labels';
import type { ConflictItem } from '$lib/components/assignment/types';
import { compareReviewCodes } from '$lib/shared/review-codes';

const STATUSES = ['pending', 'confirmed', 'dismissed'] as const;

export const load: PageServerLoad = async (event) => {
	const { campaign, role, user } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const rows = await listConflicts(db, campaign.id);
	const isOrganizer = role === 'organizer';
	const by = isOrganizer ? 'organizer' : 'chair';
	const all: ConflictItem[] = rows.map(({ c, expertName, reviewCode, candidateName }) => ({
		id: c.id,
		expertId: c.expertId,
		expertName,
		reviewCode: reviewCode ?? '',
		// The chair works with review codes and the kind of tie only: the detected reason names the
		// units, and reasons typed by others (a recusal, the office) may name the candidate.
		candidateName: isOrganizer ? candidateName : null,
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
	// Pending first (what needs a decision), then by expert and code.
	const order = { pending: 0, confirmed: 1, dismissed: 2 } as const;
	all.sort(
		(a, b) =>
			order[a.status] - order[b.status] ||
			a.expertName.localeCompare(b.expertName, 'zh-CN') ||
			compareReviewCodes(a.reviewCode, b.reviewCode)
	);

	const q = event.url.searchParams;
	const status = STATUSES.find((s) => s === q.get('status')) ?? '';
	const kind = q.get('kind') && CONFLICT_KIND_LABELS[q.get('kind')!] ? q.get('kind')! : '';
	const expert = q.get('expert') ?? '';
	const byOthers = all.filter((r) => (!kind || r.kind === kind) && (!expert || r.expertId === expert));
	const shown = byOthers.filter((r) => !status || r.status === status);

	const statusCounts = { all: byOthers.length, pending: 0, confirmed: 0, dismissed: 0 };
	for (const r of byOthers) statusCounts[r.status]++;
	const kindCounts: Record<string, number> = {};
	for (const r of all) kindCounts[r.kind] = (kindCounts[r.kind] ?? 0) + 1;

	const roster = await expertNames(db, campaign.id);
	// the office picks a candidate by name: “姓名（编号）” choices (the chair never sees names)
	const codes = isOrganizer ? await candidateChoices(db, campaign.id) : [];
	return {
		isOrganizer,
		rows: shown,
		total: all.length,
		pendingBlocking: all.filter((r) => r.status === 'pending' && r.blocks).length,
		pendingWarnings: all.filter((r) => r.status === 'pending' && !r.blocks && r.source !== 'declared').length,
		pendingDeclared: all.filter((r) => r.status === 'pending' && r.source === 'declared').length,
		statusCounts,
		kinds: Object.keys(CONFLICT_KIND_LABELS)
			.filter((k) => kindCounts[k])
			.map((k) => ({ value: k, label: CONFLICT_KIND_LABELS[k], count: kindCounts[k] })),
		statusLabels: CONFLICT_STATUS_LABELS,
		kindLabels: CONFLICT_KIND_LABELS,
		experts: roster,
		codes,
		declarations: isOrganizer ? await listDeclarations(db, campaign.id) : [],
		filter: { status, kind, expert }
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const { campaign, actor, role } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		const decision = String(form.get('decision') ?? '');
		const reason = String(form.get('reason') ?? '');
		if (decision !== 'confirmed' && decision !== 'dismissed')
			return fail(400, { id, reason, message: '请选择“确认回避”或“排除”' });
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
		const form = await event.request.formData();
		const ids = form.getAll('ids').map(String).slice(0, 1000);
		const decision = String(form.get('decision') ?? '');
		const reason = String(form.get('reason') ?? '').slice(0, 600);
		if (decision !== 'confirmed' && decision !== 'dismissed')
			return fail(400, { bulk: { message: '请选择“确认回避”或“排除”', reason } });
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
		const form = await event.request.formData();
		const expertId = String(form.get('expertId') ?? '');
		// the candidate by name (or “姓名（编号）” from the list, or a review code)
		const candidate = String(form.get('candidate') ?? form.get('reviewCode') ?? '')
			.trim()
			.slice(0, 100);
		const reason = String(form.get('reason') ?? '').trim();
		const values = { expertId, candidate, reason };
		if (!expertId) return fail(400, { add: values, message: '请选择专家' });
		if (!candidate) return fail(400, { add: values, message: '请填写候选人的姓名（或评审编号）' });
		if (!reason) return fail(400, { add: values, message: '请填写回避理由' });
		if (reason.length > 500) return fail(400, { add: values, message: '理由过长（最多 500 字）' });
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
		const form = await event.request.formData();
		const expertId = String(form.get('expertId') ?? '');
		const what = form.get('what') === 'unit' ? 'unit' : 'person';
		const text = String(form.get('text') ?? '');
		const reason = String(form.get('reason') ?? '');
		const r = await removeDeclaration(await getDb(), actor, campaign.id, expertId, what, text, reason);
		if (!r.ok) return fail(r.status, { declarationMessage: r.message, declaration: { expertId, what, text } });
		return { declarationRemoved: text };
	}
};
