// Screenshots of the main pages at laptop and tablet width, for people to look at.
// Runs only when SCREENSHOTS=1 (npm run screenshots); asserts that each page renders.
import { test, expect } from '@playwright/test';
import { DEMO, loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import {
	advanceCandidates,
	closeRound,
	createRound,
	getRound,
	listRounds,
	openRound
} from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { requestRescore, saveSheet } from '../../src/lib/server/services/sheets';
import { addNote, roundResults } from '../../src/lib/server/services/results';
import { topN } from '../../src/lib/domain/review/advance';
import { scoreRound, widths } from './screens-seed';

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
