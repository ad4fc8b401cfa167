// Screenshots of the final list, the charts, the 公示 and the office's frame and printouts, for people to
// look at (the other screens: screens.spec.ts). Runs only when SCREENSHOTS=1; asserts that each page renders.
import { test, expect } from '@playwright/test';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { eq } from 'drizzle-orm';
import { createRound, getRound, listRounds, openRound } from '../../src/lib/server/services/rounds';
import { campaigns, memberships, users } from '../../src/lib/server/db/schema';
import { scoreRound, widths } from './screens-seed';

test.skip(!process.env.SCREENSHOTS, 'screenshots only on demand');

// The final list (selection, also infeasible), the charts and the printable 公示, in a campaign of
// its own: a closed 'panel' round scored over ten days with some lenient and strict experts.
test('selection, charts and notice screens', async ({ page }) => {
	test.setTimeout(300_000);
	const rounds = await import('../../src/lib/server/services/rounds');
	const { saveSheet: save } = await import('../../src/lib/server/services/sheets');
	const sel = await import('../../src/lib/server/services/selection');
	const schema = await import('../../src/lib/server/db/schema');
	const { eq: same } = await import('drizzle-orm');
	const id = await seedReviewCampaign('finalshots', 11);
	const db = await e2eDb();
	const actor = { id: null, name: 'screens' };
	const existing = await sel.latestSelection(db, id);
	if (!existing) {
		const r = await rounds.createRound(db, actor, id, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await rounds.openRound(db, actor, id, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!o.ok) throw new Error(o.message);
		const round = (await rounds.getRound(db, id, r.id))!;
		const rows = await db.select().from(schema.candidates).where(same(schema.candidates.campaignId, id));
		const byId = new Map(rows.map((c, i) => [c.id, { i, c }]));
		const { roundPairs } = await import('../../src/lib/server/services/round-pairs');
		const pairs = await roundPairs(db, round);
		const experts = [...new Set(pairs.map((p) => p.expertId))].sort();
		for (const p of pairs) {
			const { i, c } = byId.get(p.candidateId)!;
			const e = experts.indexOf(p.expertId);
			// established men of 主战场 score highest, so the balance targets must lift others in
			const base = c.field === '主战场' && c.gender === '男' ? 86 : 70;
			const total = Math.min(98, base + ((i * 37) % 11) + [3, 0, -2, 1, -4][e % 5]);
			const merit = Math.min(40, Math.round(total * 0.4));
			const story = Math.min(30, Math.round(total * 0.3));
			const res = await save(db, actor, {
				round,
				...p,
				values: { merit, story, exemplary: Math.min(30, total - merit - story) },
				baseVersion: 0,
				submit: true
			});
			if (!res.ok) throw new Error(res.message);
		}
		// spread the submissions over ten working days, slow at first, as reviews go
		const sheetRows = await db.select().from(schema.sheets).where(same(schema.sheets.roundId, r.id));
		for (const [k, s] of sheetRows.entries()) {
			const day = Math.floor(10 * Math.sqrt(k / sheetRows.length));
			await db
				.update(schema.sheets)
				.set({ submittedAt: Date.UTC(2024, 3, 1 + day + 2 * Math.floor(day / 5), 2 + (k % 9)) })
				.where(same(schema.sheets.id, s.id));
		}
		const closed = await rounds.closeRound(db, actor, id, r.id);
		if (!closed.ok) throw new Error(closed.message);
		// a run whose targets cannot all hold, for the infeasible view
		const config = (await db.select().from(schema.campaigns).where(same(schema.campaigns.id, id)))[0].config as {
			targets: import('../../src/lib/domain/types').BalanceTarget[];
		};
		await sel.runSelection(
			db,
			actor,
			id,
			config.targets.map((t) =>
				t.kind === 'atLeast' && t.group === 'woman' ? { ...t, count: 11, label: '女性科技工作者不少于11名' } : t
			)
		);
	}
	await loginAs(page, 'finalshots-organizer');
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${id}/selection`);
		await expect(page.getByTestId('infeasible')).toBeVisible();
		await page.screenshot({ path: `screenshots/selection-infeasible-${width}.png`, fullPage: true });
	}
	await sel.runSelection(db, actor, id);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${id}/selection`);
		await expect(page.getByTestId('tier-result')).toBeVisible();
		await page.screenshot({ path: `screenshots/selection-${width}.png`, fullPage: true });
	}
	const latest = (await sel.latestSelection(db, id))!;
	const locked = await sel.lockSelection(db, actor, id, latest.id);
	if (!locked.ok) throw new Error(locked.message);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${id}/selection`);
		await expect(page.getByTestId('run-state')).toHaveText('已锁定');
		await page.screenshot({ path: `screenshots/selection-locked-${width}.png`, fullPage: true });
		await page.goto(`/c/${id}/charts`);
		await expect(page.getByTestId('chart-balance')).toBeVisible();
		await page.waitForTimeout(300);
		await page.screenshot({ path: `screenshots/charts-${width}.png`, fullPage: true });
		await page.goto(
			`/c/${id}/notice?start=2024-05-10&contact=${encodeURIComponent('联系人：活动办公室　联系电话：0771-2800000')}`
		);
		// 5 working days from Friday 10 May 2024: Saturday 11 May was a 调休 working day, so the period ends on the 15th.
		await expect(page.getByTestId('notice-period')).toContainText('2024年5月15日');
		await page.screenshot({ path: `screenshots/notice-${width}.png`, fullPage: true });
	}
	await page.emulateMedia({ media: 'print' });
	await page.goto(`/c/${id}/charts`);
	await page.screenshot({ path: 'screenshots/charts-print.png', fullPage: true });
	// back to no emulation: page.pdf prints with print media only when screen is not forced
	await page.emulateMedia({ media: null });
	await page.goto(
		`/c/${id}/notice?start=2024-05-10&contact=${encodeURIComponent('联系人：活动办公室　联系电话：0771-2800000')}`
	);
	await expect(page.getByTestId('notice')).toBeVisible();
	await page.pdf({ format: 'A4', path: 'screenshots/notice.pdf', printBackground: true });
	// the chair's read-only view: codes, no names, no forms
	await page.context().clearCookies();
	await loginAs(page, 'finalshots-chair');
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`/c/${id}/selection`);
	await expect(page.getByTestId('tier-result')).toBeVisible();
	await page.screenshot({ path: 'screenshots/selection-chair-1280.png', fullPage: true });
});

// The frame and the office's records: the campaign switcher open with three long-named campaigns,
// the wrapped navigation, 专家, 分配 in plain words, the round page's reminders (sent to the test
// SMTP receiver), and the printable round results and 评分汇总表.
test('office frame, reminders and print screens', async ({ page }) => {
	test.setTimeout(240_000);
	const actor = { id: null, name: 'screens' };
	const db = await e2eDb();
	const names = [
		'2025年内蒙古自治区“最美科技工作者”学习宣传活动（第二批）',
		'2024年广西壮族自治区“最美科技工作者”推荐遴选',
		'2023年青海省“最美科技工作者”'
	];
	const ids = [
		await seedReviewCampaign('frame1', 21, 60),
		await seedReviewCampaign('frame2', 22, 12),
		await seedReviewCampaign('frame3', 23, 12)
	];
	for (const [i, id] of ids.entries()) await db.update(campaigns).set({ name: names[i] }).where(eq(campaigns.id, id));
	const u = (await db.select().from(users).where(eq(users.username, 'frame1-organizer')))[0];
	await db
		.insert(memberships)
		.values({ campaignId: ids[1], userId: u.id, role: 'organizer', createdAt: Date.now() })
		.onConflictDoNothing();
	await db
		.insert(memberships)
		.values({ campaignId: ids[2], userId: u.id, role: 'chair', createdAt: Date.now() })
		.onConflictDoNothing();
	let round = (await listRounds(db, ids[0]))[0];
	if (!round) {
		const r = await createRound(db, actor, ids[0], {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean',
			deadline: '2030-06-30T17:00+08:00'
		});
		if (
			!r.ok ||
			!(await openRound(db, actor, ids[0], r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok
		)
			throw new Error('round');
		round = (await getRound(db, ids[0], r.id))!;
		await scoreRound(ids[0], round, { outlier: true, leaveOpen: true });
	}
	await loginAs(page, 'frame1-organizer');
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${ids[0]}/overview`);
		await page.locator('body[data-hydrated]').waitFor();
		await page.screenshot({ path: `screenshots/frame-overview-${width}.png` });
		await page.getByTestId('campaign-switcher').locator('summary').click();
		await page.screenshot({ path: `screenshots/frame-switcher-open-${width}.png` });
		await page.goto(`/c/${ids[0]}/experts`);
		await page.screenshot({ path: `screenshots/frame-experts-${width}.png` });
		await page.goto(`/c/${ids[0]}/assignment`);
		await page.screenshot({ path: `screenshots/frame-assignment-${width}.png`, fullPage: true });
		await page.goto(`/c/${ids[0]}/rounds/${round.id}`);
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByRole('button', { name: '提醒未完成的专家' }).click();
		await expect(page.getByTestId('remind-done')).toBeVisible();
		await page.getByTestId('remind-panel').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `screenshots/frame-round-remind-${width}.png` });
		await page.goto(`/c/${ids[0]}/rounds/${round.id}/print`);
		await page.screenshot({ path: `screenshots/print-results-${width}.png` });
		await page.goto(`/c/${ids[0]}/rounds/${round.id}/print?what=summary`);
		await page.screenshot({ path: `screenshots/print-summary-${width}.png`, fullPage: true });
		if (width === widths[0]) {
			await page.emulateMedia({ media: 'print' });
			await page.pdf({ path: 'screenshots/print-summary.pdf', format: 'A4' });
			await page.goto(`/c/${ids[0]}/rounds/${round.id}/print`);
			await page.pdf({ path: 'screenshots/print-results.pdf', format: 'A4' });
			await page.emulateMedia({ media: 'screen' });
		}
	}
});
