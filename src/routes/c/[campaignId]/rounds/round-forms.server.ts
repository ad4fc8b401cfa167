// The round life-cycle actions shared by the panel page (评审组概览) and the round page: create, open,
// close, reopen. Each authorizes itself; a refused service call comes back as fail(status, message).
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { parseForm, parseValue } from '$lib/schemas/form';
import { newDeadline, ROUND_FIELDS, roundForm, roundRefForm } from '$lib/schemas/rounds';
import {
	closeRound,
	createRound,
	getRound,
	openRound,
	removeFromRound,
	reopenRound,
	type RoundInput
} from '$lib/server/services/rounds';
import { missingText } from '$lib/server/services/round-pairs';
import { deleteRound, extendRound, updateRound } from '$lib/server/services/round-edit';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'> & { params: { campaignId: string } };

/** What the create form posts, echoed back after a refusal so nothing typed is lost. */
export interface CreateValues {
	name: string;
	type: string;
	reviewers: string;
	aggregation: string;
	num: string;
	den: string;
	deadline: string;
	requiredSheets: string;
	maxYes: string;
}

export function parseCreate(form: FormData): { values: CreateValues; input?: RoundInput; message?: string } {
	const read = parseForm(ROUND_FIELDS, form);
	const values: CreateValues = read.ok ? read.value : { ...EMPTY_VALUES, ...read.entered };
	const r = parseValue(roundForm, values);
	return r.ok ? { values, input: r.value } : { values, message: r.message };
}

const EMPTY_VALUES: CreateValues = {
	name: '',
	type: '',
	reviewers: '',
	aggregation: '',
	num: '',
	den: '',
	deadline: '',
	requiredSheets: '',
	maxYes: ''
};

async function roundFrom(event: Event) {
	const access = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const data = await event.request.formData();
	const read = parseForm(roundRefForm, data);
	const form = read.ok ? read.value : { roundId: '', reason: '', candidate: '', deadline: '' };
	const roundId = form.roundId;
	const db = await getDb();
	const round = roundId ? await getRound(db, access.campaign.id, roundId) : null;
	return { ...access, db, data, form, round };
}

export const roundActions = {
	create: async (event: Event) => {
		const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
		const { values, input, message } = parseCreate(await event.request.formData());
		if (!input) return fail(400, { action: 'create', message: message ?? '输入无效', values });
		const r = await createRound(await getDb(), actor, campaign.id, input);
		if (!r.ok) return fail(r.status, { action: 'create', message: r.message, values });
		return { action: 'create', done: `已创建轮次“${input.name}”`, roundId: r.id };
	},
	open: async (event: Event) => {
		const { db, actor, campaign, round, role } = await roundFrom(event);
		if (!round) return fail(404, { action: 'open', message: '没有找到该轮次' });
		// The office reads names in the refusal; the chair only review codes.
		const r = await openRound(db, actor, campaign.id, round.id, { names: role === 'organizer' });
		if (!r.ok) return fail(r.status, { action: 'open', message: r.message, roundId: round.id });
		return { action: 'open', done: `“${round.name}”已开始，专家现在可以评审`, roundId: round.id };
	},
	close: async (event: Event) => {
		const { db, actor, campaign, round } = await roundFrom(event);
		if (!round) return fail(404, { action: 'close', message: '没有找到该轮次' });
		const r = await closeRound(db, actor, campaign.id, round.id);
		if (!r.ok) return fail(r.status, { action: 'close', message: r.message, roundId: round.id });
		const missing = missingText(r.missing);
		return {
			action: 'close',
			done: `“${round.name}”已结束${missing ? `；${missing}，这些评分不计入结果` : '，所有评分均已提交'}`,
			roundId: round.id
		};
	},
	reopen: async (event: Event) => {
		const { db, actor, campaign, round, form } = await roundFrom(event);
		if (!round) return fail(404, { action: 'reopen', message: '没有找到该轮次' });
		const r = await reopenRound(db, actor, campaign.id, round.id, form.reason);
		if (!r.ok) return fail(r.status, { action: 'reopen', message: r.message, roundId: round.id });
		return { action: 'reopen', done: `“${round.name}”已重新开放`, roundId: round.id };
	},
	update: async (event: Event) => {
		const { db, actor, campaign, round, data } = await roundFrom(event);
		if (!round) return fail(404, { action: 'update', message: '没有找到该轮次' });
		const { values, input, message } = parseCreate(data);
		if (!input) return fail(400, { action: 'update', message: message ?? '输入无效', values, roundId: round.id });
		const r = await updateRound(db, actor, campaign.id, round.id, input);
		if (!r.ok) return fail(r.status, { action: 'update', message: r.message, values, roundId: round.id });
		return { action: 'update', done: `已保存“${input.name}”的设置`, roundId: round.id };
	},
	delete: async (event: Event) => {
		const { db, actor, campaign, round } = await roundFrom(event);
		if (!round) return fail(404, { action: 'delete', message: '没有找到该轮次' });
		const r = await deleteRound(db, actor, campaign.id, round.id);
		if (!r.ok) return fail(r.status, { action: 'delete', message: r.message, roundId: round.id });
		redirect(303, `/c/${campaign.id}/panel`);
	},
	extend: async (event: Event) => {
		const { db, actor, campaign, round, form } = await roundFrom(event);
		if (!round) return fail(404, { action: 'extend', message: '没有找到该轮次' });
		const deadline = parseValue(newDeadline, form.deadline);
		if (!deadline.ok) return fail(400, { action: 'extend', message: deadline.message, roundId: round.id });
		const raw = deadline.value;
		const r = await extendRound(db, actor, campaign.id, round.id, `${raw}+08:00`, form.reason);
		if (!r.ok) return fail(r.status, { action: 'extend', message: r.message, roundId: round.id });
		return {
			action: 'extend',
			done: `已将“${round.name}”的截止时间延长至 ${raw.replace('T', ' ')}（北京时间）`,
			roundId: round.id
		};
	},
	/** Takes a candidate out of a draft round, with a reason (audited): e.g. nobody may review them. */
	exclude: async (event: Event) => {
		// The office only: it sees who the candidate is and answers for the exclusion.
		const { actor, campaign } = await requireRole(event, event.params.campaignId, 'organizer');
		const read = parseForm(roundRefForm, await event.request.formData());
		if (!read.ok) return fail(400, { action: 'exclude', message: read.message });
		const { roundId, candidate: candidateId, reason } = read.value;
		const db = await getDb();
		const round = await getRound(db, campaign.id, roundId);
		if (!round) return fail(404, { action: 'exclude', message: '没有找到该轮次' });
		const r = await removeFromRound(db, actor, campaign.id, round.id, candidateId, reason);
		if (!r.ok) return fail(r.status, { action: 'exclude', message: r.message, roundId: round.id, candidateId });
		return { action: 'exclude', done: '已将该候选人移出本轮（理由已记入操作日志）', roundId: round.id };
	}
};
