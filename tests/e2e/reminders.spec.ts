// Reminders by mail through a real SMTP receiver (scripts/smtp-sink.mjs, started with the e2e
// server): the organizer clicks 提醒未完成的专家 on the round page, and each expert with unfinished
// sheets gets one mail with their counts and the link to their tasks — no candidate named; the chair
// sends the deadline notice; each sending is in the audit log without the body.
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { mailbox } from './mailbox';
import { auditLog, candidates, experts, users } from '../../src/lib/server/db/schema';
import { createRound, getRound, openRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';

const actor = { id: null, name: 'e2e' };
let id = '';
let roundId = '';

test.beforeAll(async () => {
	id = await seedReviewCampaign('remind', 11, 30);
	const db = await e2eDb();
	const r = await createRound(db, actor, id, {
		name: '初评',
		type: 'score',
		reviewers: 'panel',
		aggregation: 'mean',
		deadline: '2030-06-30T17:00+08:00'
	});
	if (!r.ok) throw new Error(r.message);
	const o = await openRound(db, actor, id, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
	if (!o.ok) throw new Error(o.message);
	roundId = r.id;
	// expert01 submits one sheet: their reminder counts one less
	const u = (await db.select().from(users).where(eq(users.username, 'remind-expert01')))[0];
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, id), eq(experts.userId, u.id)))
	)[0];
	const round = (await getRound(db, id, r.id))!;
	const pair = (await roundPairs(db, round, e.id))[0];
	const s = await saveSheet(db, actor, {
		round,
		expertId: e.id,
		candidateId: pair.candidateId,
		values: { merit: 30, story: 20, exemplary: 20 },
		baseVersion: 0,
		submit: true
	});
	if (!s.ok) throw new Error(s.message);
});

test('the organizer reminds the experts with unfinished sheets; the mail names no candidate', async ({ page }) => {
	const db = await e2eDb();
	const round = (await getRound(db, id, roundId))!;
	// every expert with a pair in the round has all of them to do, but expert01 one less
	const e01 = (
		await db
			.select({ expertId: experts.id, name: experts.name })
			.from(experts)
			.innerJoin(users, eq(users.id, experts.userId))
			.where(and(eq(experts.campaignId, id), eq(users.username, 'remind-expert01')))
	)[0];
	const totals = new Map<string, number>();
	for (const p of await roundPairs(db, round)) totals.set(p.expertId, (totals.get(p.expertId) ?? 0) + 1);
	const expected = [...totals].filter(([expertId, total]) => total - (expertId === e01.expertId ? 1 : 0) > 0);
	const total = totals.get(e01.expertId)!;
	const one = { ...e01, total, unfinished: total - 1 };
	expect(one.unfinished).toBeGreaterThan(0);
	const email = (await db.select({ email: experts.email }).from(experts).where(eq(experts.id, one.expertId)))[0].email!;
	const names = (await db.select({ n: candidates.name }).from(candidates).where(eq(candidates.campaignId, id))).map(
		(c) => c.n
	);
	const before = mailbox().length;

	await loginAs(page, 'remind-organizer');
	await page.goto(`/c/${id}/rounds/${roundId}`);
	const panel = page.getByTestId('remind-panel');
	await expect(panel).toContainText(`${expected.length} 名专家尚有未提交的评分`);
	await panel.getByRole('button', { name: '提醒未完成的专家' }).click();
	await expect(panel.getByTestId('remind-done')).toHaveText(`已向 ${expected.length} 名专家发送提醒邮件`);
	await expect(panel.getByTestId('reminded')).toContainText(`remind-organizer发给 ${expected.length} 名专家`);

	const got = mailbox().slice(before);
	expect(got.length).toBe(expected.length);
	const mine = got.filter((m) => m.rcpt.includes(email));
	expect(mine.length).toBe(1);
	const m = mine[0];
	expect(m.to).toContain(email);
	expect(m.subject).toContain(`尚有 ${one.unfinished} 份未提交`);
	expect(m.text).toContain(`${one.name}：`);
	expect(m.text).toContain(`${one.total} 份评审材料，尚有 ${one.unfinished} 份未提交`);
	expect(m.text).toContain(`/c/${id}/tasks`);
	expect(m.text).toContain('北京时间 2030-06-30 17:00');
	for (const mail of got)
		for (const n of names) expect(mail.subject + mail.text, `候选人“${n}”出现在提醒邮件中`).not.toContain(n);

	// audited: recipient's username, kind, count — not the body
	const logged = await db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.campaignId, id), eq(auditLog.action, 'mail.send'), eq(auditLog.entityId, one.expertId)));
	expect(logged.map((l) => l.after)).toContainEqual({
		to: 'remind-expert01',
		kind: 'reminder',
		count: one.unfinished,
		round: roundId
	});
	expect(JSON.stringify(logged)).not.toContain('/tasks');
});

test('the chair sends the deadline notice of a round with a deadline', async ({ page }) => {
	const before = mailbox().length;
	await loginAs(page, 'remind-chair');
	await page.goto(`/c/${id}/rounds/${roundId}`);
	const panel = page.getByTestId('remind-panel');
	await panel.getByRole('button', { name: '发送截止提醒' }).click();
	await expect(panel.getByTestId('remind-done')).toContainText('截止提醒邮件');
	const got = mailbox().slice(before);
	expect(got.length).toBeGreaterThan(0);
	for (const m of got) {
		expect(m.subject).toContain('2030-06-30 17:00 截止');
		expect(m.text).toContain(`/c/${id}/tasks`);
	}
});

test('an expert cannot send reminders', async ({ page }) => {
	await loginAs(page, 'remind-expert02');
	const before = mailbox().length;
	const res = await page.request.post(`/c/${id}/rounds/${roundId}?/remind`, {
		form: {},
		headers: { origin: new URL(page.url()).origin }
	});
	expect(res.status()).toBe(403);
	expect(mailbox().length).toBe(before);
});

test('adding an expert mails the one-time invitation link shown on the page', async ({ page }) => {
	const before = mailbox().length;
	await loginAs(page, 'remind-organizer');
	await page.goto(`/c/${id}/experts`);
	await page.locator('body[data-hydrated]').waitFor();
	const add = page.getByRole('region', { name: '添加专家并生成邀请链接' });
	await add.getByLabel('姓名', { exact: true }).fill('邮件测试专家');
	await add.getByLabel('工作单位', { exact: true }).fill('广西大学');
	await add.getByLabel('电子邮箱', { exact: true }).fill('mail.test.expert@example.test');
	await add.getByLabel('前沿', { exact: true }).check();
	await add.getByRole('button', { name: '添加并生成链接' }).click();
	const link = await page.getByTestId('invite-link').inputValue();
	await expect(page.getByTestId('mail-note')).toContainText(
		'已发送邀请邮件：邮件测试专家（mail.test.expert@example.test）'
	);
	const got = mailbox().slice(before);
	expect(got.length).toBe(1);
	expect(got[0].rcpt).toEqual(['mail.test.expert@example.test']);
	expect(got[0].subject).toContain('评审专家账户邀请');
	expect(got[0].text).toContain(link);
	expect(got[0].text).toContain('邮件测试专家');
});

test('a rescore request mails the expert who asked and the review code only', async ({ page }) => {
	const db = await e2eDb();
	const u = (await db.select().from(users).where(eq(users.username, 'remind-expert01')))[0];
	const e = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, id), eq(experts.userId, u.id)))
	)[0];
	const chair = (await db.select().from(users).where(eq(users.username, 'remind-chair')))[0];
	const round = (await getRound(db, id, roundId))!;
	const pair = (await roundPairs(db, round, e.id))[0];
	const cand = (await db.select().from(candidates).where(eq(candidates.id, pair.candidateId)))[0];
	const before = mailbox().length;
	await loginAs(page, 'remind-chair');
	await page.goto(`/c/${id}/rounds/${roundId}?c=${cand.id}&e=${e.id}#focus`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('给专家的说明').fill(`请复核：${cand.name} 的业绩一项`);
	await page.getByRole('button', { name: '请求重评' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已发邮件通知该专家' })).toBeVisible();
	const got = mailbox().slice(before);
	expect(got.length).toBe(1);
	expect(got[0].rcpt).toEqual([e.email]);
	expect(got[0].text).toContain(`评审组长${chair.displayName}`);
	expect(got[0].text).toContain(cand.reviewCode!);
	// the chair's free text (here naming the candidate) stays on the desk, not in the mail
	expect(got[0].subject + got[0].text).not.toContain(cand.name);
});
