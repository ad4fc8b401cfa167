// The round life-cycle actions shared by the panel page (评审组概览) and the round page: create, open,
// close, reopen. Each authorizes itself; a refused service call comes back as fail(status, message).
import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { closeRound, createRound, getRound, openRound, reopenRound, type RoundInput } from '$lib/server/services/rounds';

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
}

const REVIEWERS = ['assigned', 'panel', 'all'] as const;
const AGGREGATIONS = ['mean', 'trimmedMean', 'median', 'calibrated'] as const;

export function parseCreate(form: FormData): { values: CreateValues; input?: RoundInput; message?: string } {
	const get = (k: string) => String(form.get(k) ?? '').trim();
	const values: CreateValues = {
		name: get('name'),
		type: get('type'),
		reviewers: get('reviewers'),
		aggregation: get('aggregation'),
		num: get('num'),
		den: get('den'),
		deadline: get('deadline')
	};
	if (!values.name) return { values, message: '请填写轮次名称，例如“初评”' };
	if (values.type !== 'score' && values.type !== 'vote') return { values, message: '请选择轮次类型（评分或投票）' };
	const reviewers = REVIEWERS.find((r) => r === values.reviewers);
	if (!reviewers) return { values, message: '请选择评审范围' };
	const input: RoundInput = { name: values.name, type: values.type, reviewers };
	if (values.type === 'score') {
		const aggregation = AGGREGATIONS.find((a) => a === values.aggregation);
		if (!aggregation) return { values, message: '请选择计分方式' };
		input.aggregation = aggregation;
	} else {
		if (!/^\d+$/.test(values.num) || !/^\d+$/.test(values.den)) return { values, message: '通过比例应为两个正整数，例如 2/3' };
		input.threshold = { num: Number(values.num), den: Number(values.den) };
	}
	if (values.deadline) {
		// datetime-local gives "2024-06-30T17:00" without a zone: campaigns run on China time.
		if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(values.deadline)) return { values, message: `截止时间“${values.deadline}”无效` };
		input.deadline = `${values.deadline}+08:00`;
	}
	return { values, input };
}

async function roundFrom(event: Event) {
	const access = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const form = await event.request.formData();
	const roundId = String(form.get('roundId') ?? '');
	const db = await getDb();
	const round = roundId ? await getRound(db, access.campaign.id, roundId) : null;
	return { ...access, db, form, round };
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
		const { db, actor, campaign, round } = await roundFrom(event);
		if (!round) return fail(404, { action: 'open', message: '没有找到该轮次' });
		const r = await openRound(db, actor, campaign.id, round.id);
		if (!r.ok) return fail(r.status, { action: 'open', message: r.message, roundId: round.id });
		return { action: 'open', done: `“${round.name}”已开始，专家现在可以评审`, roundId: round.id };
	},
	close: async (event: Event) => {
		const { db, actor, campaign, round } = await roundFrom(event);
		if (!round) return fail(404, { action: 'close', message: '没有找到该轮次' });
		const r = await closeRound(db, actor, campaign.id, round.id);
		if (!r.ok) return fail(r.status, { action: 'close', message: r.message, roundId: round.id });
		return { action: 'close', done: `“${round.name}”已结束`, roundId: round.id };
	},
	reopen: async (event: Event) => {
		const { db, actor, campaign, round, form } = await roundFrom(event);
		if (!round) return fail(404, { action: 'reopen', message: '没有找到该轮次' });
		const reason = String(form.get('reason') ?? '').slice(0, 500);
		const r = await reopenRound(db, actor, campaign.id, round.id, reason);
		if (!r.ok) return fail(r.status, { action: 'reopen', message: r.message, roundId: round.id });
		return { action: 'reopen', done: `“${round.name}”已重新开放`, roundId: round.id };
	}
};
