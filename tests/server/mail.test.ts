// The mail module and the reminder services against a real SMTP receiver (smtp-server on loopback).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import { parseMail, type ReceivedMail } from '../support/mime';
// a plain ES module (typed by JSDoc) shared with scripts/e2e-server.mjs
import { startSmtpSink } from '../../scripts/smtp-sink.mjs';
import type { DB } from '../../src/lib/server/db';
import { auditLog, candidates, experts, users } from '../../src/lib/server/db/schema';
import { seedCampaign } from '../../src/lib/server/demo';
import { createRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { lastReminders, mailInvitations, mailRescore, remindRound } from '../../src/lib/server/services/reminders';
import { sendMail } from '../../src/lib/server/mail';
import { reinviteExpert } from '../../src/lib/server/services/experts';

const C = 'mailc';
const actor = { id: null, name: 'office' };
let db: DB;
let dir: string;
let sink: { port: number; close: () => Promise<void> };
let env: { SMTP_URL: string; MAIL_FROM: string };
let candidateNames: string[];

function inbox(): (ReceivedMail & { rcpt: string[] })[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.eml'))
		.sort()
		.map((f) => ({
			...parseMail(readFileSync(join(dir, f), 'utf8')),
			rcpt: JSON.parse(readFileSync(join(dir, f.replace('.eml', '.json')), 'utf8')).to
		}));
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'laurel-mail-'));
	sink = await startSmtpSink(dir);
	env = { SMTP_URL: `smtp://u:p@127.0.0.1:${sink.port}`, MAIL_FROM: 'Laurel <laurel@example.test>' };
	db = await freshDb();
	await seedCampaign(db, { id: C, name: '邮件测试活动', prefix: 'm-', seed: 5, candidates: 30 });
	candidateNames = (await db.select({ n: candidates.name }).from(candidates).where(eq(candidates.campaignId, C))).map(
		(r) => r.n
	);
});
afterAll(async () => {
	await sink?.close();
});

describe('mail', () => {
	it('sends Chinese text through a real SMTP server', async () => {
		const r = await sendMail('a@example.test', { subject: '测试主题：评审提醒', text: '正文，北京时间。' }, env);
		expect(r.ok).toBe(true);
		const m = inbox().at(-1)!;
		expect(m.subject).toBe('测试主题：评审提醒');
		expect(m.text).toContain('正文，北京时间。');
		expect(m.rcpt).toEqual(['a@example.test']);
		expect(m.from).toContain('laurel@example.test');
	});

	it('refuses a malformed address and an unreachable server without throwing', async () => {
		expect(await sendMail('not an address', { subject: 's', text: 't' }, env)).toMatchObject({ ok: false });
		expect(await sendMail('a@b.c, d@e.f', { subject: 's', text: 't' }, env)).toMatchObject({ ok: false });
		const down = await sendMail('a@example.test', { subject: 's', text: 't' }, { SMTP_URL: 'smtp://127.0.0.1:1' });
		expect(down.ok).toBe(false);
		expect(!down.ok && down.message).toContain('邮件服务器');
		expect(await sendMail('a@example.test', { subject: 's', text: 't' }, {})).toMatchObject({ ok: false });
	});

	it('reminds the experts with unfinished sheets: counts and link, no candidate, audited without the body', async () => {
		const made = await createRound(db, actor, C, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean',
			deadline: '2024-06-30T17:00+08:00'
		});
		if (!made.ok) throw new Error(made.message);
		expect((await openRound(db, actor, C, made.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok).toBe(
			true
		);
		const round = (await getRound(db, C, made.id))!;
		// nothing is submitted yet: every expert with a pair in the round has all of them to do
		const pairs = await roundPairs(db, round);
		const counts = new Map<string, number>();
		for (const p of pairs) counts.set(p.expertId, (counts.get(p.expertId) ?? 0) + 1);
		const before = [...counts.keys()];
		expect(before.length).toBeGreaterThan(3);
		// one expert (of the most pairs) finishes one sheet: their count goes down by one
		const firstId = before.reduce((a, b) => (counts.get(b)! > counts.get(a)! ? b : a));
		expect(counts.get(firstId)).toBeGreaterThan(1);
		const first = {
			expertId: firstId,
			unfinished: counts.get(firstId)!,
			...(
				await db
					.select({ name: experts.name, username: users.username })
					.from(experts)
					.innerJoin(users, eq(users.id, experts.userId))
					.where(eq(experts.id, firstId))
			)[0]
		};
		const pair = pairs.find((p) => p.expertId === firstId)!;
		const saved = await saveSheet(db, actor, {
			round,
			expertId: first.expertId,
			candidateId: pair.candidateId,
			values: { merit: 30, story: 20, exemplary: 20 },
			baseVersion: 0,
			submit: true
		});
		expect(saved.ok).toBe(true);
		const seen = inbox().length;
		const r = await remindRound(db, actor, round, 'reminder', 'http://laurel.test', env);
		if (!r.ok) throw new Error(r.message);
		expect(r.mailed).toBe(true);
		expect(r.sent.length).toBe(before.length);
		const mails = inbox().slice(seen);
		expect(mails.length).toBe(before.length);
		const firstEmail = (
			await db.select({ email: experts.email }).from(experts).where(eq(experts.id, first.expertId))
		)[0].email!;
		const mine = mails.find((m) => m.rcpt.includes(firstEmail))!;
		expect(mine.text).toContain(`尚有 ${first.unfinished - 1} 份未提交`);
		expect(mine.text).toContain(`http://laurel.test/c/${C}/tasks`);
		expect(mine.text).toContain('北京时间 2024-06-30 17:00');
		for (const m of mails) for (const n of candidateNames) expect(m.text + m.subject).not.toContain(n);
		const logged = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'mail.send')));
		expect(logged.length).toBe(before.length);
		const entry = logged.find((l) => l.entityId === first.expertId)!;
		expect(entry.after).toEqual({ to: first.username, kind: 'reminder', count: first.unfinished - 1, round: round.id });
		expect(JSON.stringify(logged)).not.toContain('tasks');

		// the deadline notice names the deadline
		const d = await remindRound(db, actor, round, 'deadline', 'http://laurel.test', env);
		expect(d.ok && d.sent.length).toBe(before.length);
		expect(inbox().at(-1)!.subject).toContain('2024-06-30 17:00 截止');
		// the round page says when each was last sent, and to how many
		const last = await lastReminders(db, round);
		expect(last.map((x) => [x.kind, x.experts, x.by]).sort()).toEqual([
			['deadline', before.length, 'office'],
			['reminder', before.length, 'office']
		]);

		// a rescore request says who asked and the review code, nothing else of the dossier
		const code = (
			await db.select({ c: candidates.reviewCode }).from(candidates).where(eq(candidates.id, pair.candidateId))
		)[0].c!;
		const rs = await mailRescore(
			db,
			actor,
			round,
			first.expertId,
			pair.candidateId,
			'张组长',
			'http://laurel.test',
			env
		);
		expect(rs.sent).toEqual([{ name: first.name, to: firstEmail }]);
		const rm = inbox().at(-1)!;
		expect(rm.text).toContain('评审组长张组长');
		expect(rm.text).toContain(code);
		for (const n of candidateNames) expect(rm.text + rm.subject).not.toContain(n);
	});

	it('without SMTP_URL sends nothing and returns the texts to copy; refuses a closed or undated round', async () => {
		const made = await createRound(db, actor, C, {
			name: '复评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!made.ok) throw new Error(made.message);
		let round = (await getRound(db, C, made.id))!;
		const closed = await remindRound(db, actor, round, 'reminder', 'http://laurel.test', env);
		expect(closed).toMatchObject({ ok: false, status: 409 });
		// opening needs the earlier round closed; the check here is on the refusal for a missing deadline
		round = { ...round, state: 'open' };
		const undated = await remindRound(db, actor, round, 'deadline', 'http://laurel.test', env);
		expect(undated.ok).toBe(false);
		expect(!undated.ok && undated.message).toContain('没有设定截止时间');
		const seen = inbox().length;
		const auditBefore = (await db.select().from(auditLog).where(eq(auditLog.action, 'mail.send'))).length;
		const rounds = await import('../../src/lib/server/services/rounds');
		const open = (await rounds.listRounds(db, C)).find((r) => r.state === 'open')!;
		const r = await remindRound(db, actor, open, 'reminder', 'http://laurel.test', {});
		if (!r.ok) throw new Error(r.message);
		expect(r.mailed).toBe(false);
		expect(r.copy.length).toBeGreaterThan(0);
		expect(r.copy[0].text).toContain('/tasks');
		expect(inbox().length).toBe(seen);
		expect((await db.select().from(auditLog).where(eq(auditLog.action, 'mail.send'))).length).toBe(auditBefore);
	});

	it('mails an invitation with the one-time link; an expert without e-mail is listed, not mailed', async () => {
		const [a, b] = await db.select().from(experts).where(eq(experts.campaignId, C)).limit(2);
		await db.update(experts).set({ email: null }).where(eq(experts.id, b.id));
		const ia = (await reinviteExpert(db, actor, C, a.id))!;
		const ib = (await reinviteExpert(db, actor, C, b.id))!;
		const r = await mailInvitations(
			db,
			actor,
			C,
			[
				{ expertId: a.id, ...ia },
				{ expertId: b.id, ...ib }
			],
			'http://laurel.test',
			env
		);
		expect(r.sent).toEqual([{ name: a.name, to: a.email }]);
		expect(r.failed).toEqual([{ name: b.name, reason: '专家名单中没有电子邮箱' }]);
		expect(r.copy.map((c) => c.name)).toEqual([b.name]);
		const m = inbox().at(-1)!;
		expect(m.rcpt).toEqual([a.email]);
		expect(m.text).toContain(`http://laurel.test/invite/${ia.token}`);
		const logged = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'mail.send'), eq(auditLog.entityId, a.id)));
		expect(logged.at(-1)!.after).toMatchObject({ kind: 'invitation', count: 1 });
		expect(JSON.stringify(logged)).not.toContain(ia.token);
	});

	it('tells two sendings apart: rows more than 5 s after a sending began start another', async () => {
		const round = { id: 'r-lr', campaignId: C } as Parameters<typeof lastReminders>[1];
		const row = (at: number, to: string, kind = 'reminder') => ({
			at,
			actorName: 'office',
			campaignId: C,
			action: 'mail.send',
			entity: 'expert',
			entityId: to,
			after: { to, kind, count: 1, round: 'r-lr' }
		});
		const t = Date.parse('2030-01-01T00:00:00Z');
		await db
			.insert(auditLog)
			.values([
				row(t, 'a'),
				row(t + 40, 'b'),
				row(t + 90, 'c'),
				row(t + 30_000, 'a'),
				row(t + 30_010, 'b'),
				row(t + 50, 'a', 'invitation')
			]);
		expect(await lastReminders(db, round)).toEqual([{ kind: 'reminder', at: t + 30_000, by: 'office', experts: 2 }]);
	});
});
