import { test, expect, type APIRequestContext } from '@playwright/test';
import { and, eq, inArray } from 'drizzle-orm';
import { DEMO, live, loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { signIn } from '../support/api-session';
import {
	assignments,
	candidates,
	conflicts,
	experts,
	panelMembers,
	panels,
	users
} from '../../src/lib/server/db/schema';
import { createRound, listRounds, openRound } from '../../src/lib/server/services/rounds';
import { decideConflict } from '../../src/lib/server/services/conflict-decisions';
import type { CandidateRecord } from '../../src/lib/domain/types';

test('an expert declares ties; the desk says nothing about who was matched', async ({ page }) => {
	await loginAs(page, 'expert05');
	await page.goto(`/c/${DEMO}/tasks`);
	await expect(page.getByRole('note')).toContainText('利益冲突申报');
	await page.getByRole('link', { name: '利益冲突申报' }).first().click();
	await page.getByLabel('新增关联单位（每行一个）').fill('广西大学\n南宁市第一人民医院');
	await page.getByLabel('新增关联人员姓名（每行一个）').fill('张三');
	await page.getByRole('button', { name: /提交申报/ }).click();
	await expect(page.getByRole('status')).toHaveText('申报已提交，将由活动办公室核实。');
	await page.reload();
	await expect(page.getByTestId('declared')).toContainText('广西大学');
	await expect(page.getByTestId('declared')).toContainText('张三');
	// Append-only: an empty submission withdraws nothing, and there is no way to remove an item.
	await page.getByRole('button', { name: '补充申报' }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('declared')).toContainText('南宁市第一人民医院');
	await expect(page.getByRole('button', { name: /删除|撤回|清除/ })).toHaveCount(0);
	await page.goto(`/c/${DEMO}/tasks`);
	await expect(page.getByRole('note')).toHaveCount(0);
});

test('only the campaign office removes a declared item, with a reason; the expert sees it gone', async ({ page }) => {
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/conflicts`);
	const section = page.getByRole('region', { name: '专家申报' });
	const item = section.getByRole('listitem').filter({ hasText: '张三' });
	await item.getByRole('button', { name: '删除' }).click();
	await item.getByRole('button', { name: '确认删除' }).click();
	await expect(section.getByRole('alert')).toHaveText('请填写删除申报的理由');
	await section.getByLabel('删除“张三”的理由').fill('专家来电：误填');
	await section.getByRole('button', { name: '确认删除' }).click();
	await expect(section.getByRole('status')).toHaveText('已删除申报项“张三”。');
	await expect(section.getByRole('listitem').filter({ hasText: '张三' })).toHaveCount(0);
	await expect(section).toContainText('南宁市第一人民医院');
	await page.context().clearCookies();
	await loginAs(page, 'expert05');
	await page.goto(`/c/${DEMO}/declare`);
	await expect(page.getByTestId('declared')).not.toContainText('张三');
	await expect(page.getByTestId('declared')).toContainText('广西大学');
});

test('a declaration of too many items, or of an item over 100 characters, is refused and kept in the form', async ({
	page
}) => {
	await loginAs(page, 'expert05');
	// typing before hydration would be wiped (the declaration went out empty once, in CI)
	await live(page, `/c/${DEMO}/declare`);
	const units = Array.from({ length: 21 }, (_, i) => `测试单位${i + 1}`).join('\n');
	await page.getByLabel('新增关联单位（每行一个）').fill(units);
	await page.getByRole('button', { name: /申报/ }).click();
	await expect(page.getByRole('alert')).toHaveText('每次最多申报 20 项；如需申报更多，请联系活动办公室');
	await expect(page.getByLabel('新增关联单位（每行一个）')).toHaveValue(units);
	await page.getByLabel('新增关联单位（每行一个）').fill('');
	await page.getByLabel('新增关联人员姓名（每行一个）').fill('长'.repeat(101));
	await page.getByRole('button', { name: /申报/ }).click();
	await expect(page.getByRole('alert')).toHaveText(`“${'长'.repeat(20)}…”过长（每项最多 100 字）`);
	await page.reload();
	await expect(page.getByText('测试单位1', { exact: true })).toHaveCount(0);
});

test('an expert cannot open a dossier that is not assigned to them, by any code', async ({ page }) => {
	// Review codes are random (issue 10) and other specs may assign on the demo: take two codes of
	// fields outside expert06's that are not assigned to them, whatever the numbers are this run.
	const db = await e2eDb();
	const [me] = await db
		.select()
		.from(experts)
		.innerJoin(users, eq(users.id, experts.userId))
		.where(and(eq(experts.campaignId, DEMO), eq(users.username, 'expert06')));
	const mine = new Set(
		(
			await db
				.select()
				.from(assignments)
				.where(and(eq(assignments.campaignId, DEMO), eq(assignments.expertId, me.experts.id)))
		).map((a) => a.candidateId)
	);
	const others = (await db.select().from(candidates).where(eq(candidates.campaignId, DEMO)))
		.filter((c) => c.reviewCode && !mine.has(c.id) && !me.experts.fields.includes(c.field ?? ''))
		.map((c) => c.reviewCode!);
	expect(others.length).toBeGreaterThan(1);
	await loginAs(page, 'expert06');
	for (const code of [others[0], others[others.length - 1], 'nonexistent', '..%2F..%2Fetc']) {
		const res = await page.goto(`/c/${DEMO}/dossiers/${code}`);
		expect(res?.status(), code).toBe(404);
	}
	// organizers and chairs are not experts: the expert desk is refused to them
	await page.context().clearCookies();
	await loginAs(page, 'chair');
	expect((await page.goto(`/c/${DEMO}/dossiers/前沿-01`))?.status()).toBe(403);
	expect((await page.goto(`/c/${DEMO}/declare`))?.status()).toBe(403);
});

// ───────────── the declaration oracle: the property, seen from the outside ─────────────

interface Who {
	username: string;
	expertId: string;
	userId: string;
	name: string;
}

test('declaring a real candidate and declaring an invented name look byte-identical to the expert until the office decides', async () => {
	test.setTimeout(180_000);
	const campaignId = await seedReviewCampaign('oracle');
	const db = await e2eDb();
	const office = { id: null, name: 'e2e-office' };
	let round = (await listRounds(db, campaignId)).find((r) => r.state === 'open');
	if (!round) {
		const r = await createRound(db, office, campaignId, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, office, campaignId, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!o.ok) throw new Error(o.message);
		round = (await listRounds(db, campaignId)).find((x) => x.id === r.id)!;
	}
	const panel = (
		await db
			.select()
			.from(panels)
			.where(and(eq(panels.campaignId, campaignId), eq(panels.field, '前沿')))
	)[0];
	const memberIds = (await db.select().from(panelMembers).where(eq(panelMembers.panelId, panel.id))).map(
		(m) => m.expertId
	);
	const rows = await db
		.select({ e: experts, u: users })
		.from(experts)
		.innerJoin(users, eq(users.id, experts.userId))
		.where(inArray(experts.id, memberIds));
	rows.sort((a, b) => (a.u.username < b.u.username ? -1 : 1));
	const [X, Y]: Who[] = rows
		.slice(0, 2)
		.map((r) => ({ username: r.u.username, expertId: r.e.id, userId: r.u.id, name: r.e.name }));
	// Both start from the same dossiers: the office settles the seed's detected ties of the two.
	for (const c of await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, campaignId), inArray(conflicts.expertId, [X.expertId, Y.expertId]))))
		if (c.status === 'pending')
			await decideConflict(db, office, campaignId, c.id, 'dismissed', 'e2e 准备：两位专家同一起点', 'organizer');
	const field = await db
		.select()
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaignId), eq(candidates.field, '前沿')));
	const codes = field.map((c) => c.reviewCode!).sort();
	const target = field.sort((a, b) => (a.reviewCode! < b.reviewCode! ? -1 : 1))[1];
	const rec = target.record as CandidateRecord;
	const targetUnit = rec.unitAndTitle.trim().split(/\s+/)[0];

	const x = await signIn(X.username);
	const y = await signIn(Y.username);
	const base = `/c/${campaignId}`;
	const urls = [
		`${base}/tasks`,
		`${base}/tasks/__data.json`,
		...codes.flatMap((code) => {
			const p = `${base}/dossiers/${encodeURIComponent(code)}`;
			return [`${p}?round=${round!.id}`, `${p}/__data.json?round=${round!.id}`, p];
		})
	];
	/** Everything the expert receives, with their own identity (and per-response nonces) masked. */
	const snapshot = async (ctx: APIRequestContext, me: Who) => {
		const out: string[] = [];
		for (const url of urls) {
			const res = await ctx.get(url, {
				headers: url.includes('__data.json') ? {} : { accept: 'text/html' },
				maxRedirects: 0
			});
			let body = await res.text();
			for (const own of [me.name, me.username, me.expertId, me.userId]) body = body.split(own).join('〔本人〕');
			body = body.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");
			out.push(`${res.status()} ${url}\n${body}`);
		}
		return out;
	};
	// X names the real candidate and unit; Y an invented person and unit. Through the web form.
	const declare = async (ctx: APIRequestContext, units: string, people: string) => {
		const res = await ctx.post(`${base}/declare`, {
			form: { units, people },
			headers: { accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status()).toBe(200);
	};
	// Both have submitted the (empty) first declaration, so the desk's reminder is gone for both.
	await declare(x, '', '');
	await declare(y, '', '');
	const before = await snapshot(x, X);
	expect(before).toEqual(await snapshot(y, Y));
	expect(before.join('\n')).toContain(target.reviewCode!);

	await declare(x, targetUnit, rec.name);
	await declare(y, '虚构精密仪器研究院', '欧阳虚构');
	const pending = (
		await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.expertId, X.expertId), eq(conflicts.candidateId, target.id)))
	).filter((c) => c.source === 'declared');
	expect(pending.length, 'the declaration matched (for the office to decide)').toBeGreaterThan(0);
	expect(pending.every((p) => p.status === 'pending')).toBe(true);

	const xAfter = await snapshot(x, X);
	const yAfter = await snapshot(y, Y);
	expect(xAfter).toEqual(yAfter);
	expect(xAfter).toEqual(before);

	// The expert cannot take a declaration back: the office's action is refused to them.
	const removal = await x.post(`${base}/conflicts?/removeDeclaration`, {
		form: { expertId: X.expertId, what: 'person', text: rec.name, reason: '撤回' },
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(removal.status()).toBe(403);
	expect((await db.select().from(experts).where(eq(experts.id, X.expertId)))[0].declaredPeople).toContain(rec.name);

	// The office confirms: now the dossier is gone for X, and only for X.
	const organizer = await signIn('oracle-organizer');
	const decided = await organizer.post(`${base}/conflicts?/decide`, {
		form: { id: pending[0].id, decision: 'confirmed', reason: '经核实确有关联' },
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(decided.status()).toBe(200);
	expect((await decided.json()).type).toBe('success');
	const tasksX = await (await x.get(`${base}/tasks`, { headers: { accept: 'text/html' } })).text();
	const tasksY = await (await y.get(`${base}/tasks`, { headers: { accept: 'text/html' } })).text();
	expect(tasksX).not.toContain(target.reviewCode!);
	expect(tasksY).toContain(target.reviewCode!);
	expect(
		(
			await x.get(`${base}/dossiers/${encodeURIComponent(target.reviewCode!)}?round=${round.id}`, {
				headers: { accept: 'text/html' }
			})
		).status()
	).toBe(404);
	for (const c of [x, y, organizer]) await c.dispose();
});
