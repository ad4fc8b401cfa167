// Mails to experts: invitations, reminders of unfinished sheets, deadline notices and rescore
// requests. Sent through ../mail when SMTP_URL is set; otherwise the callers get the texts to copy.
// Each mail sent is audited with the recipient's username, the kind and the count only — never the
// body — and no mail names a candidate (counts, links and review codes only).
import { and, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, campaigns, candidates, experts, sheets, users } from '../db/schema';
import { audit, type Actor } from '../audit';
import { mailEnabled, sendMail, type MailEnv } from '../mail';
import { type RoundRow } from './rounds';
import { roundPairs } from './round-pairs';
import { pairKey } from './conflicts';
import { deadlineMail, invitationMail, reminderMail, rescoreMail, type MailText } from '../mail/text';
import { deadlineMs } from '../../shared/time';

export type MailKind = 'invitation' | 'reminder' | 'deadline' | 'rescore';

export interface Recipient {
	expertId: string;
	name: string;
	username: string | null;
	email: string | null;
}

export interface MailOutcome {
	/** false: no SMTP_URL, nothing was sent; `copy` holds the texts to pass on by hand */
	mailed: boolean;
	sent: { name: string; to: string }[];
	failed: { name: string; reason: string }[];
	copy: { name: string; username: string | null; subject: string; text: string }[];
}

async function campaignName(db: DB, campaignId: string): Promise<string> {
	return (await db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, campaignId)))[0]?.name ?? '';
}

/**
 * Sends one mail per recipient (or, without SMTP, returns the texts), then audits the mails that
 * went out in one transaction.
 */
async function deliver(
	db: DB,
	actor: Actor,
	campaignId: string,
	kind: MailKind,
	items: { to: Recipient; mail: MailText; count: number }[],
	env: MailEnv,
	roundId: string | null = null
): Promise<MailOutcome> {
	const out: MailOutcome = { mailed: mailEnabled(env), sent: [], failed: [], copy: [] };
	if (!out.mailed) {
		out.copy = items.map((i) => ({
			name: i.to.name,
			username: i.to.username,
			subject: i.mail.subject,
			text: i.mail.text
		}));
		return out;
	}
	const done: typeof items = [];
	for (const i of items) {
		if (!i.to.email?.trim()) {
			out.failed.push({ name: i.to.name, reason: '专家名单中没有电子邮箱' });
			out.copy.push({ name: i.to.name, username: i.to.username, subject: i.mail.subject, text: i.mail.text });
			continue;
		}
		const r = await sendMail(i.to.email, i.mail, env);
		if (r.ok) {
			out.sent.push({ name: i.to.name, to: i.to.email.trim() });
			done.push(i);
		} else {
			out.failed.push({ name: i.to.name, reason: r.message });
			out.copy.push({ name: i.to.name, username: i.to.username, subject: i.mail.subject, text: i.mail.text });
		}
	}
	if (done.length)
		await db.transaction(async (tx) => {
			for (const i of done)
				await audit(tx, actor, {
					campaignId,
					action: 'mail.send',
					entity: 'expert',
					entityId: i.to.expertId,
					after: { to: i.to.username, kind, count: i.count, ...(roundId ? { round: roundId } : {}) }
				});
		});
	return out;
}

async function recipients(db: DB, campaignId: string, expertIds: string[]): Promise<Map<string, Recipient>> {
	if (!expertIds.length) return new Map();
	const rows = await db
		.select({ expertId: experts.id, name: experts.name, email: experts.email, username: users.username })
		.from(experts)
		.leftJoin(users, eq(users.id, experts.userId))
		.where(and(eq(experts.campaignId, campaignId), inArray(experts.id, expertIds)));
	return new Map(rows.map((r) => [r.expertId, r]));
}

/** The last reminder and deadline notice of a round, from the audit log: when, by whom, to how many. */
export async function lastReminders(
	db: DB,
	round: RoundRow
): Promise<{ kind: 'reminder' | 'deadline'; at: number; by: string; experts: number }[]> {
	const rows = await db
		.select({ at: auditLog.at, by: auditLog.actorName, after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.campaignId, round.campaignId), eq(auditLog.action, 'mail.send')));
	const out = new Map<string, { kind: 'reminder' | 'deadline'; at: number; by: string; experts: number }>();
	for (const r of rows.sort((x, y) => x.at - y.at)) {
		const a = r.after as { kind?: string; round?: string } | null;
		if (a?.round !== round.id || (a.kind !== 'reminder' && a.kind !== 'deadline')) continue;
		const last = out.get(a.kind);
		// one click audits one row per expert in one transaction, within moments (the button is
		// disabled while it runs); a row more than 5 s after the first of a sending starts another
		if (!last || r.at > last.at + 5_000) out.set(a.kind, { kind: a.kind, at: r.at, by: r.by ?? '', experts: 1 });
		else last.experts++;
	}
	return [...out.values()];
}

interface Unfinished extends Recipient {
	total: number;
	unfinished: number;
}

/** Every expert of the round with sheets not yet submitted (blocked pairs do not count), by name. */
async function unfinishedExperts(db: DB, round: RoundRow): Promise<Unfinished[]> {
	const pairs = await roundPairs(db, round);
	const rows = await db
		.select({ e: sheets.expertId, c: sheets.candidateId, status: sheets.status })
		.from(sheets)
		.where(eq(sheets.roundId, round.id));
	const submitted = new Set(rows.filter((r) => r.status === 'submitted').map((r) => pairKey(r.e, r.c)));
	const count = new Map<string, { total: number; unfinished: number }>();
	for (const p of pairs) {
		const c = count.get(p.expertId) ?? { total: 0, unfinished: 0 };
		c.total++;
		if (!submitted.has(pairKey(p.expertId, p.candidateId))) c.unfinished++;
		count.set(p.expertId, c);
	}
	const ids = [...count].filter(([, c]) => c.unfinished > 0).map(([id]) => id);
	const who = await recipients(db, round.campaignId, ids);
	return ids
		.filter((id) => who.has(id))
		.map((id) => ({ ...who.get(id)!, ...count.get(id)! }))
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export type RemindResult = ({ ok: true; experts: number } & MailOutcome) | { ok: false; status: 409; message: string };

/**
 * 提醒未完成的专家 / 发送截止提醒: one mail to each expert with unfinished sheets in an open round,
 * with their counts and the link to their task list. The deadline notice needs a deadline.
 */
export async function remindRound(
	db: DB,
	actor: Actor,
	round: RoundRow,
	kind: 'reminder' | 'deadline',
	origin: string,
	env: MailEnv = process.env
): Promise<RemindResult> {
	if (round.state !== 'open') return { ok: false, status: 409, message: `“${round.name}”不在进行中，不能发送提醒` };
	const due = deadlineMs(round.deadline);
	if (kind === 'deadline' && due === null)
		return { ok: false, status: 409, message: `“${round.name}”没有设定截止时间，不能发送截止提醒` };
	const list = await unfinishedExperts(db, round);
	const campaign = await campaignName(db, round.campaignId);
	const link = `${origin}/c/${round.campaignId}/tasks`;
	const items = list.map((e) => {
		const p = { name: e.name, campaign, round: round.name, unfinished: e.unfinished, total: e.total, link };
		return {
			to: e,
			count: e.unfinished,
			mail: kind === 'deadline' ? deadlineMail({ ...p, deadline: due! }) : reminderMail({ ...p, deadline: due })
		};
	});
	return {
		ok: true,
		experts: list.length,
		...(await deliver(db, actor, round.campaignId, kind, items, env, round.id))
	};
}

/** The invitation mail of a new or re-invited expert (the page shows the link in any case). */
export async function mailInvitations(
	db: DB,
	actor: Actor,
	campaignId: string,
	invited: { expertId: string; token: string; expiresAt: number }[],
	origin: string,
	env: MailEnv = process.env
): Promise<MailOutcome> {
	const who = await recipients(
		db,
		campaignId,
		invited.map((i) => i.expertId)
	);
	const campaign = await campaignName(db, campaignId);
	const items = invited
		.filter((i) => who.has(i.expertId))
		.map((i) => {
			const to = who.get(i.expertId)!;
			return {
				to,
				count: 1,
				mail: invitationMail({
					name: to.name,
					campaign,
					username: to.username ?? '',
					link: `${origin}/invite/${i.token}`,
					expiresAt: i.expiresAt
				})
			};
		});
	return deliver(db, actor, campaignId, 'invitation', items, env);
}

/** The mail of a rescore request: who asked (the chair's name as shown to people), and the review code only. */
export async function mailRescore(
	db: DB,
	actor: Actor,
	round: RoundRow,
	expertId: string,
	candidateId: string,
	askedBy: string,
	origin: string,
	env: MailEnv = process.env
): Promise<MailOutcome> {
	const to = (await recipients(db, round.campaignId, [expertId])).get(expertId);
	const code = (
		await db
			.select({ code: candidates.reviewCode })
			.from(candidates)
			.where(and(eq(candidates.id, candidateId), eq(candidates.campaignId, round.campaignId)))
	)[0]?.code;
	if (!to || !code) return { mailed: mailEnabled(env), sent: [], failed: [], copy: [] };
	const campaign = await campaignName(db, round.campaignId);
	const mail = rescoreMail({
		name: to.name,
		campaign,
		round: round.name,
		code,
		askedBy,
		link: `${origin}/c/${round.campaignId}/dossiers/${encodeURIComponent(code)}`,
		at: Date.now()
	});
	return deliver(db, actor, round.campaignId, 'rescore', [{ to, mail, count: 1 }], env, round.id);
}
