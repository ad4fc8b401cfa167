// Screenshots of the main pages at laptop and tablet width, for people to look at.
// Runs only when SCREENSHOTS=1 (npm run screenshots); asserts that each page renders.
import { test, expect } from '@playwright/test';
import { DEMO, loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { eq } from 'drizzle-orm';
import {
	advanceCandidates,
	closeRound,
	createRound,
	getRound,
	listRounds,
	openRound,
	roundPairs,
	type RoundRow
} from '../../src/lib/server/services/rounds';
import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';
import { addNote, roundResults } from '../../src/lib/server/services/results';
import { campaigns, candidates, memberships, users } from '../../src/lib/server/db/schema';
import { topN } from '../../src/lib/domain/review/advance';

const widths = [1280, 768];
test.skip(!process.env.SCREENSHOTS, 'screenshots only on demand');

for (const width of widths) {
	test(`screens at ${width}px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/login');
		await page.screenshot({ path: `screenshots/login-${width}.png`, fullPage: true });
		const shots: [string, string, string][] = [
			['organizer', `/c/${DEMO}/overview`, 'organizer-overview'],
			['organizer', `/c/${DEMO}/experts`, 'organizer-experts'],
			['organizer', `/c/${DEMO}/candidates`, 'organizer-candidates'],
			['organizer', `/c/${DEMO}/candidates/1`, 'organizer-candidate-edit'],
			['organizer', `/c/${DEMO}/candidates/1/dossier`, 'organizer-candidate-dossier'],
			['organizer', `/c/${DEMO}/experts/expert01`, 'organizer-expert-edit'],
			['organizer', `/c/${DEMO}/panels`, 'organizer-panels'],
			['organizer', `/c/${DEMO}/import`, 'organizer-import'],
			['organizer', `/c/${DEMO}/check`, 'organizer-check'],
			['organizer', `/c/${DEMO}/settings`, 'settings'],
			['organizer', '/campaigns/new', 'campaign-new'],
			['chair', `/c/${DEMO}/panel`, 'chair-panel'],
			['chair', `/c/${DEMO}/conflicts`, 'chair-conflicts'],
			['chair', `/c/${DEMO}/assignment`, 'chair-assignment'],
			['expert03', `/c/${DEMO}/tasks`, 'expert-tasks']
		];
		let who = '';
		for (const [user, path, name] of shots) {
			if (user !== who) {
				await page.context().clearCookies();
				await loginAs(page, user);
				who = user;
			}
			const res = await page.goto(path);
			expect(res?.status()).toBe(200);
			// A fresh server has no assignment yet: propose a draft (k = 3) so the page shows one.
			if (name === 'chair-assignment' && (await page.getByRole('button', { name: '生成方案' }).count())) {
				await page.getByLabel('每份材料评审专家数').fill('3');
				await page.getByLabel('允许跨组借用专家').check();
				await page.getByRole('button', { name: '生成方案' }).click();
				await expect(page.getByTestId('assignment-state')).toHaveText('草案（未发布）');
			}
			await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
		}
	});
}

// The expert's desk in a campaign of its own with an open 'panel' round: the task list with some
// progress, and a dossier with a partly filled score sheet.
test('expert desk screens', async ({ page }) => {
	const id = await seedReviewCampaign('desk');
	const db = await e2eDb();
	const round = (await listRounds(db, id)).find((r) => r.state === 'open');
	if (!round) {
		const r = await createRound(db, { id: null, name: 'screens' }, id, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, { id: null, name: 'screens' }, id, r.id, {
			excludeUncovered: '测试：本组专家均须回避，无人可评'
		});
		if (!o.ok) throw new Error(o.message);
	}
	await loginAs(page, 'desk-expert01');
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`/c/${id}/tasks`);
		const links = page.locator('td.code a');
		if (width === widths[0]) {
			// one dossier scored in full and submitted, one left as a draft
			await links.nth(0).click();
			await page.locator('body[data-hydrated]').waitFor();
			for (const [label, v] of [
				['业绩突出', '36'],
				['事迹感人', '26'],
				['示范引领', '25']
			])
				await page.getByLabel(label, { exact: true }).fill(v);
			await expect(page.getByTestId('save-status')).toContainText('已保存');
			await page.getByRole('button', { name: '提交评分' }).click();
			await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
			await expect(page.getByTestId('submitted-badge')).toBeVisible();
			await page.goto(`/c/${id}/tasks`);
			await links.nth(1).click();
			await page.locator('body[data-hydrated]').waitFor();
			await page.getByLabel('业绩突出', { exact: true }).fill('32');
			await expect(page.getByTestId('save-status')).toContainText('已保存');
			await page.goto(`/c/${id}/tasks`);
		}
		await page.screenshot({ path: `screenshots/expert-desk-tasks-${width}.png`, fullPage: true });
		await links.nth(2).click();
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('业绩突出', { exact: true }).fill(width === widths[0] ? '34.5' : '31');
		await page.getByLabel('事迹感人', { exact: true }).fill('24');
		await page.getByLabel('评语').fill('长期扎根一线，成果转化成效明显。');
		await expect(page.getByTestId('save-status')).toContainText('已保存');
		await page.screenshot({ path: `screenshots/expert-desk-dossier-${width}.png` });
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: `screenshots/expert-desk-dossier-top-${width}.png` });
		await page.screenshot({ path: `screenshots/expert-desk-dossier-full-${width}.png`, fullPage: true });
	}
});

// The chair's rounds: the panel page with its rounds, a score round under way (an outlier, a rescore
// pending, drafts, a note), the calibrated matrix with a dossier opened, a closed round ready to
// advance, and a vote tally. Seeded through the services in campaigns of their own.
async function scoreRound(id: string, round: RoundRow, opts: { outlier: boolean; leaveOpen: boolean }) {
	const db = await e2eDb();
	const actor = { id: null, name: 'screens' };
	const rubric = (round.rubric ?? []) as { key: string; max: number }[];
	const split = (total: number) => {
		const v: Record<string, number> = {};
		let left = total;
		rubric.forEach((c, i) => {
			const x = i === rubric.length - 1 ? left : Math.round((total * c.max) / 100);
			v[c.key] = Math.max(0, Math.min(c.max, x));
			left -= v[c.key];
		});
		return v;
	};
	const codes = new Map(
		(await db.select().from(candidates).where(eq(candidates.campaignId, id))).map((c) => [c.id, c.reviewCode!])
	);
	const order = [...codes.keys()].sort((a, b) => (codes.get(a)! < codes.get(b)! ? -1 : 1));
	const byCandidate = new Map<string, string[]>();
	const pairs = await roundPairs(db, round);
	for (const p of pairs) byCandidate.set(p.candidateId, [...(byCandidate.get(p.candidateId) ?? []), p.expertId].sort());
	// each expert a little lenient or strict, the same on every dossier
	const expertIndex = new Map([...new Set(pairs.map((p) => p.expertId))].sort().map((e, i) => [e, i]));
	for (const [ci, c] of order.entries()) {
		const es = byCandidate.get(c) ?? [];
		const quality = 62 + ((ci * 37) % 29);
		for (const [ei, e] of es.entries()) {
			// the last expert of some dossiers has a draft, or has not started
			const late = opts.leaveOpen && ei === es.length - 1 && ci % 10 >= 8;
			if (late && ci % 10 === 9) continue;
			let total = Math.min(99, quality + [2, -1, -3, 1, 0][expertIndex.get(e)! % 5] + ((ci * 7 + ei * 13) % 9) - 4);
			if (opts.outlier && ci % 13 === 1 && ei === 2) total = Math.max(20, total - 32);
			const r = await saveSheet(db, actor, {
				round,
				expertId: e,
				candidateId: c,
				values: split(total),
				baseVersion: 0,
				submit: !late
			});
			if (!r.ok) throw new Error(r.message);
		}
	}
}

test('round screens', async ({ page }) => {
	test.setTimeout(240_000);
	const actor = { id: null, name: 'screens' };
	const db = await e2eDb();
	// 1. an open score round
	const id = await seedReviewCampaign('shots');
	if (!(await listRounds(db, id)).length) {
		const r = await createRound(db, actor, id, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			aggregation: 'mean',
			deadline: '2030-06-30T17:00+08:00'
		});
		if (!r.ok || !(await openRound(db, actor, id, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok)
			throw new Error('round');
		const round = (await getRound(db, id, r.id))!;
		await scoreRound(id, round, { outlier: true, leaveOpen: true });
		const res = await roundResults(db, round);
		const withOutlier = res.aggregates.filter((a) => a.outliers.length);
		const target = withOutlier[withOutlier.length - 1];
		const expertId = res.experts.find((e) => e.name === target.outliers[0].expert)!.id;
		await requestRescore(db, actor, round, expertId, target.id, '请复核“业绩突出”一项');
		await addNote(db, actor, round, res.aggregates[0].id, '组内讨论：成果转化数据已核实。');
		await createRound(db, actor, id, { name: '终评', type: 'vote', reviewers: 'panel', threshold: { num: 2, den: 3 } });
	}
	const first = (await listRounds(db, id))[0];
	const res = await roundResults(db, first);
	const flagged = res.aggregates.find((a) => a.outliers.length)!;
	const flaggedExpert = res.experts.find((e) => e.name === flagged.outliers[0].expert)!.id;

	// 2. a closed score round ready to advance, then a vote round
	const id2 = await seedReviewCampaign('shots2');
	if (!(await listRounds(db, id2)).length) {
		// every expert scores every dossier: a wide matrix that scrolls beside its sticky first column
		const r = await createRound(db, actor, id2, {
			name: '初评',
			type: 'score',
			reviewers: 'all',
			aggregation: 'trimmedMean'
		});
		if (!r.ok || !(await openRound(db, actor, id2, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' })).ok)
			throw new Error('round');
		await scoreRound(id2, (await getRound(db, id2, r.id))!, { outlier: false, leaveOpen: false });
		await closeRound(db, actor, id2, r.id);
		await createRound(db, actor, id2, { name: '终评', type: 'vote', reviewers: 'panel' });
	}
	const [score2, vote2] = await listRounds(db, id2);

	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.context().clearCookies();
		await loginAs(page, 'shots-chair');
		expect((await page.goto(`/c/${id}/panel`))?.status()).toBe(200);
		await page.screenshot({ path: `screenshots/chair-rounds-${width}.png`, fullPage: true });
		expect((await page.goto(`/c/${id}/rounds/${first.id}`))?.status()).toBe(200);
		await page.screenshot({ path: `screenshots/chair-round-top-${width}.png` });
		await page.screenshot({ path: `screenshots/chair-round-${width}.png`, fullPage: true });
		await page.goto(`/c/${id}/rounds/${first.id}?view=calibrated&c=${flagged.id}&e=${flaggedExpert}#focus`);
		await page.screenshot({ path: `screenshots/chair-round-focus-${width}.png` });
		await page.locator('#matrix-h').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `screenshots/chair-round-matrix-${width}.png` });
		await page.context().clearCookies();
		await loginAs(page, 'shots2-chair');
		await page.goto(`/c/${id2}/rounds/${score2.id}`);
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: `screenshots/chair-round-all-top-${width}.png` });
		const wide = page.locator('.matrix').first();
		await wide.scrollIntoViewIfNeeded();
		await wide.evaluate((el) => (el.scrollLeft = 400));
		await page.screenshot({ path: `screenshots/chair-round-all-matrix-${width}.png` });
		await page.locator('section.advance').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `screenshots/chair-round-advance-${width}.png` });
	}

	// the vote round: advance the top 2 per field, open, vote
	if ((await getRound(db, id2, vote2.id))!.state === 'draft') {
		const r2 = await roundResults(db, score2);
		const top = topN(
			r2.aggregates.map((a) => ({ candidate: a.id, field: a.field, score: a.value, code: a.candidate })),
			2,
			'field'
		);
		await advanceCandidates(db, actor, id2, vote2.id, top.selected, 'top', '每个领域前 2 名');
		await openRound(db, actor, id2, vote2.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		const vr = (await getRound(db, id2, vote2.id))!;
		const pairs = await roundPairs(db, vr);
		for (const [i, p] of pairs.entries()) {
			const choice = (['yes', 'yes', 'no', 'yes', 'abstain'] as const)[i % 5];
			await saveSheet(db, actor, {
				round: vr,
				expertId: p.expertId,
				candidateId: p.candidateId,
				values: {},
				choice,
				baseVersion: 0,
				submit: true
			});
		}
	}
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		expect((await page.goto(`/c/${id2}/rounds/${vote2.id}`))?.status()).toBe(200);
		await page.screenshot({ path: `screenshots/chair-vote-${width}.png`, fullPage: true });
	}
});

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
		const pairs = await rounds.roundPairs(db, round);
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
		await expect(page.getByTestId('notice-period')).toContainText('2024年5月16日');
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
