// The round page's mail actions: 提醒未完成的专家 (?/remind) and 发送截止提醒 (?/deadline), for the
// organizer and the chair. Without SMTP_URL the answer carries the texts to copy instead.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { getRound } from '$lib/server/services/rounds';
import { remindRound } from '$lib/server/services/reminders';

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request'> & { params: { campaignId: string; roundId: string } };

async function send(event: Event, kind: 'reminder' | 'deadline') {
	const { campaign, actor } = await requireRole(event, event.params.campaignId, 'chair', 'organizer');
	const db = await getDb();
	const round = await getRound(db, campaign.id, event.params.roundId);
	if (!round) error(404, { message: '没有找到该轮次' });
	const r = await remindRound(db, actor, round, kind, event.url.origin);
	if (!r.ok) return fail(r.status, { action: 'remind', message: r.message });
	const what = kind === 'deadline' ? '截止提醒' : '提醒';
	const done = !r.experts
		? '所有专家均已提交，无需提醒'
		: r.mailed
			? `已向 ${r.sent.length} 名专家发送${what}邮件${r.failed.length ? `，${r.failed.length} 名未能发送（见下）` : ''}`
			: `未配置邮件服务器：以下 ${r.copy.length} 名专家的${what}内容请复制后另行发送`;
	return { action: 'remind', kind, done, sent: r.sent, failed: r.failed, copy: r.copy };
}

export const remindActions = {
	remind: (event: Event) => send(event, 'reminder'),
	deadline: (event: Event) => send(event, 'deadline')
};
