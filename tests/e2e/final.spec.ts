// A whole guangxi-2024 campaign from the import to the 公示: the organizer creates the campaign
// and imports a nomination file in the browser; experts, the round and the scores (other people's
// pages) are seeded through the services; then, in the browser again: the selection with its
// explanations, a relaxed run, the lock, the shortlist CSV and the printable notice.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, PASSWORD } from './helpers';
import { e2eDb } from './fixtures';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { isYouth } from '../../src/lib/domain/intake/age';
import { createExpertWithInvitation } from '../../src/lib/server/services/experts';
import { createRound, openRound, closeRound, getRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { recordOf } from '../../src/lib/server/services/candidates';
import { candidates } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { CandidateRecord, RubricCriterion } from '../../src/lib/domain/types';

const config = presetConfig('guangxi-2024');
const records = generateCandidates(config, 40, 20240506);
const seedActor = { id: null, name: 'e2e-seed' };

/** Logs in once the login form has hydrated (typing earlier can be wiped on a busy machine). */
async function loginAs(page: Page, username: string): Promise<void> {
	await page.context().clearCookies();
	await page.goto('/login');
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await expect(page.getByLabel('用户名')).toHaveValue(username);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Scores where established men off the grassroots score highest, so that the plain score order
 * misses the youth / women / grassroots targets and the rules must lift others in.
 */
function totalFor(rec: CandidateRecord, candidate: number, expert: number): number {
	const favoured = rec.gender === '男' && !rec.grassroots && !isYouth(rec.birth, config.referenceDate, config.youthAge);
	return (favoured ? 85 : 71) + ((candidate * 7 + expert * 3) % 9);
}

function sheetValues(rubric: RubricCriterion[], total: number): Record<string, number> {
	const scale = rubric.reduce((s, c) => s + c.max, 0);
	const values: Record<string, number> = {};
	let left = total;
	rubric.forEach((c, i) => {
		const v = i === rubric.length - 1 ? left : Math.min(c.max, Math.round((total * c.max) / scale));
		values[c.key] = v;
		left -= v;
	});
	return values;
}

/** Five experts, one round scored by all of them, closed. */
async function seedReview(campaignId: string): Promise<void> {
	const db = await e2eDb();
	const units = ['北京大学', '清华大学', '浙江大学', '复旦大学', '武汉大学'];
	for (const [i, unit] of units.entries()) {
		const r = await createExpertWithInvitation(db, seedActor, campaignId, {
			name: ['秦立言', '欧阳舒', '韩素梅', '曹德宏', '雷一鸣'][i],
			unit,
			title: '教授',
			fields: [config.fields[i % config.fields.length], config.fields[(i + 3) % config.fields.length]]
		});
		if (!r.ok) throw new Error(r.message);
	}
	const created = await createRound(db, seedActor, campaignId, {
		name: '初评',
		type: 'score',
		reviewers: 'all',
		aggregation: 'mean'
	});
	if (!created.ok) throw new Error(created.message);
	const opened = await openRound(db, seedActor, campaignId, created.id, {
		excludeUncovered: '测试：本组专家均须回避，无人可评'
	});
	if (!opened.ok) throw new Error(opened.message);
	const round = (await getRound(db, campaignId, created.id))!;
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const index = new Map(rows.map((r, i) => [r.id, { i, rec: recordOf(r) }]));
	const experts = new Map<string, number>();
	for (const p of await roundPairs(db, round)) {
		if (!experts.has(p.expertId)) experts.set(p.expertId, experts.size);
		const c = index.get(p.candidateId)!;
		const values = sheetValues(round.rubric as RubricCriterion[], totalFor(c.rec, c.i, experts.get(p.expertId)!));
		const res = await saveSheet(db, seedActor, { round, ...p, values, baseVersion: 0, submit: true });
		if (!res.ok) throw new Error(res.message);
	}
	const closed = await closeRound(db, seedActor, campaignId, created.id);
	if (!closed.ok) throw new Error(closed.message);
}

test('a guangxi-2024 campaign from the nomination file to the printed 公示', async ({ page }) => {
	test.setTimeout(300_000);
	await loginAs(page, 'organizer');

	// 1. The campaign from the preset, and the nomination file through the import page.
	await page.goto('/campaigns/new');
	await page.locator('input[name="preset"][value="guangxi-2024"]').check();
	const name = `2024年广西“最美科技工作者”全流程 ${Date.now()}`;
	await page.getByLabel(/活动名称/).fill(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const campaignId = new URL(page.url()).pathname.split('/')[2];

	await page.goto(`/c/${campaignId}/import`);
	await page.locator('body[data-hydrated]').waitFor();
	const csv = Buffer.from(toNominationCsv(records), 'utf8');
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: '广西推荐汇总表.csv', mimeType: 'text/csv', buffer: csv });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByTestId('import-preview')).toBeVisible();
	await page.getByRole('button', { name: `确认导入 ${records.length} 名` }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/check\\?`));
	await expect(page.getByTestId('error-count')).toHaveText('0');

	// 2. Experts, a round scored by all of them, closed (the experts' and chair's pages are tested elsewhere).
	await seedReview(campaignId);

	// 3. The selection. The notice sets no target for the final list (its youth, women and grassroots
	//    clauses are about nominating): the office adds its own on the selection page — youth, women,
	//    grassroots, one group the file has and one it has not — and the run says which conflicts.
	const missing = config.fields.filter((g) => !records.some((r) => r.group === g)).slice(0, 1);
	const present = config.fields.find((g) => records.some((r) => r.group === g))!;
	expect(missing.length).toBe(1);
	await page.goto(`/c/${campaignId}/selection`);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('no-targets')).toBeVisible();
	await expect(page.getByTestId('selection-source')).toContainText('最终确定10位2024年广西“最美科技工作者”');
	const targets: [string, string, string?][] = [
		['youth', '2'],
		['woman', '2'],
		['grassroots', '2'],
		['atLeastField', '1', present],
		['atLeastField', '1', missing[0]]
	];
	for (const [i, [kind, value, ref]] of targets.entries()) {
		await page.getByTestId('add-target-kind').selectOption(kind);
		if (ref) await page.getByTestId('add-target-ref').selectOption(ref);
		await page.getByTestId('add-target-value').fill(value);
		await page.getByTestId('add-target').click();
		await expect(page.getByTestId('target-row')).toHaveCount(i + 1);
	}
	await expect(page.getByTestId('target-provenance').first()).toContainText(
		/^活动办公室设定：45岁以下青年科技工作者不少于2名，由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}设定$/
	);
	await page.getByRole('button', { name: '运行遴选', exact: true }).click();
	await expect(page.getByTestId('run-message')).toContainText('目标无法同时满足');
	const infeasible = page.getByTestId('infeasible');
	await expect(infeasible.locator('tbody tr')).toHaveCount(missing.length);
	for (const g of missing) await expect(infeasible).toContainText(`${g}至少1名`);
	await expect(infeasible.locator('tbody tr').first()).toContainText('1 名');
	await expect(page.getByTestId('target-conflict')).toHaveCount(missing.length);
	await expect(page.getByTestId('target-conflict').first()).toContainText('可放宽至 0 名');
	await expect(page.getByText('锁定遴选结果…')).toHaveCount(0);

	// 4. Relaxing for this run only: a stricter number is refused, a looser one runs and is reported.
	const youth = page.getByLabel(/^45岁以下青年科技工作者不少于2名 本次运行/);
	await youth.fill('3');
	await page.getByRole('button', { name: '重新运行遴选' }).click();
	await expect(page.getByTestId('form-error')).toContainText('只能放宽');
	await youth.fill('2');
	for (const g of missing) await page.getByLabel(`${g}至少1名 本次运行（人数）`).fill('0');
	await page.getByRole('button', { name: '重新运行遴选' }).click();
	await expect(page.getByTestId('run-message')).toContainText('已完成遴选');
	await expect(page.getByTestId('infeasible')).toHaveCount(0);
	for (const g of missing) await expect(page.getByTestId('relaxed')).toContainText(`“${g}至少1名”由 1名 放宽为 0名`);
	const tier = page.getByTestId('tier-result');
	await expect(tier.getByTestId('final-list').locator('tbody tr')).toHaveCount(10);
	await expect(tier.getByTestId('plain-order').locator('tbody tr')).toHaveCount(10);
	await expect(tier.getByRole('heading', { name: '最美科技工作者' })).toBeVisible();
	// every lift is explained, and the plain order marks as many displaced
	const lifted = tier.locator('tr.lifted');
	const displaced = tier.locator('tr.displaced');
	expect(await lifted.count()).toBeGreaterThan(0);
	await expect(displaced).toHaveCount(await lifted.count());
	await expect(lifted.first().locator('td.why')).toContainText(/：.+ \([\d.]+\) 入选，替代 .+ \([\d.]+\)/);
	// each lift names the target and who set it
	await expect(lifted.first().locator('td.why')).toContainText(/^活动办公室设定：.+，由.+于.+设定：/);
	await expect(displaced.first()).toContainText('被替代');
	// the names are the organizer's to see
	await expect(tier.getByTestId('final-list').locator('th', { hasText: '姓名' })).toBeVisible();
	const balance = page.getByTestId('balance');
	await expect(balance.locator('tbody tr')).toHaveCount(targets.length);
	await expect(balance).toContainText('最终名单满足全部');
	await expect(balance.getByText('✓ 满足')).toHaveCount(targets.length);
	// the input hash is no longer shown to people (issue 12: no internal codes on screen), only kept
	await expect(page.getByTestId('input-check')).toHaveText('与运行时一致');
	const hash = (await page.getByTestId('input-check').getAttribute('data-hash'))!.trim();
	expect(hash).toMatch(/^[0-9a-f]{12}$/);
	await expect(page.getByTestId('run-state')).toHaveText('草案（未锁定）');
	// the form keeps the relaxed numbers: the same inputs again give the same fingerprint and list
	const finalCodes = await tier.getByTestId('final-list').locator('td.code').allInnerTexts();
	const rerun = page.waitForResponse((r) => r.url().includes('__data.json'));
	await page.getByRole('button', { name: '重新运行遴选' }).click();
	await rerun;
	await expect(page.getByTestId('input-check')).toHaveAttribute('data-hash', hash);
	expect(await tier.getByTestId('final-list').locator('td.code').allInnerTexts()).toEqual(finalCodes);

	// 5. Lock.
	// 锁定 is irreversible: the page asks first, saying what follows
	await page.getByText('锁定遴选结果…').click();
	await page.getByRole('button', { name: '确认锁定遴选结果' }).click();
	await expect(page.getByTestId('lock-message')).toBeVisible();
	await expect(page.getByTestId('run-state')).toHaveText('已锁定');
	await expect(page.getByTestId('locked-by')).toContainText('organizer');
	await expect(page.getByRole('button', { name: '重新运行遴选' })).toBeDisabled();

	// 6. The shortlist CSV: UTF-8 with BOM, the header, ten rows of the tier.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: '导出遴选结果 CSV' }).click();
	const file = await download;
	const text = readFileSync((await file.path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const lines = text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe(
		'名次,称号,评审编号,姓名,性别,出生年月,工作单位及职务职称,推荐单位,推荐领域,得分,入选依据,结果状态'
	);
	expect(lines).toHaveLength(11);
	for (const line of lines.slice(1)) {
		expect(line).toContain(',最美科技工作者,');
		expect(line.endsWith(',已锁定')).toBe(true);
	}
	expect(lines.filter((l) => l.includes('入选，替代'))).toHaveLength(await lifted.count());

	// 7. The 公示: a Friday start; 2024-05-11 is a 调休 working Saturday; saved with its contact line.
	await page.getByRole('link', { name: '公示页面' }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/notice`));
	await page.locator('body[data-hydrated]').waitFor();
	const notice = page.getByTestId('notice');
	await expect(notice.getByRole('heading', { level: 1 })).toHaveText(`关于${name}拟确定人选的公示`);
	await expect(page.getByTestId('notice-basis')).toContainText(
		'根据《自治区党委宣传部 自治区科协等六部门关于开展2024年广西“最美科技工作者”选树宣传活动的通知》有关要求'
	);
	await expect(notice.locator('table tbody tr')).toHaveCount(10);
	await page.getByLabel('公示开始日期').fill('2024-05-10');
	await expect(page.getByTestId('notice-period')).toHaveText('公示期：2024年5月10日至2024年5月15日（5个工作日）。');
	await page.getByLabel(/联系方式/).fill('联系人：广西科协活动办公室　联系电话：0771-2800000');
	await page.getByRole('button', { name: '保存公示' }).click();
	await expect(page.getByTestId('notice-saved')).toBeVisible();
	await expect(page.getByTestId('saved-start')).toContainText('2024年5月10日');
	await expect(page.getByTestId('notice-contact')).toContainText('0771-2800000');
	await expect(page.getByTestId('notice-date')).toHaveText('2024年5月10日');
	await expect(notice).toContainText(config.hosts[0]);
	// a fresh visit keeps the saved start and the saved contact line
	await page.goto(`/c/${campaignId}/notice`);
	await expect(page.getByTestId('notice-period')).toHaveText('公示期：2024年5月10日至2024年5月15日（5个工作日）。');
	await expect(page.getByTestId('notice-contact')).toContainText('0771-2800000');
	if (process.env.SCREENSHOTS) {
		await page.pdf({ format: 'A4', path: 'screenshots/notice.pdf', printBackground: true });
		for (const width of [1280, 768]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({ path: `screenshots/final-notice-${width}.png`, fullPage: true });
		}
	}

	// 8. Unlocking needs a reason; without a lock there is no notice.
	await page.goto(`/c/${campaignId}/selection`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel(/解除锁定的理由/).fill('纪检复核要求核对一名候选人的资格后重新遴选');
	await page.getByRole('button', { name: '解除锁定' }).click();
	await expect(page.getByTestId('run-state')).toHaveText('草案（未锁定）');
	await page.goto(`/c/${campaignId}/notice`);
	await expect(page.getByTestId('notice-unlocked')).toContainText('遴选结果尚未锁定');
	await expect(page.getByTestId('notice-unlocked').getByRole('link', { name: '遴选' })).toHaveAttribute(
		'href',
		`/c/${campaignId}/selection`
	);
});

test('experts cannot open the selection, charts or notice; the chair reads the selection', async ({ page }) => {
	await loginAs(page, 'expert01');
	for (const path of ['selection', 'charts', 'notice']) {
		const res = await page.goto(`/c/${DEMO}/${path}`);
		expect(res?.status(), path).toBe(403);
	}
	await loginAs(page, 'chair');
	expect((await page.goto(`/c/${DEMO}/selection`))?.status()).toBe(200);
	await expect(page.getByRole('button', { name: /运行遴选/ })).toHaveCount(0);
	await expect(page.getByRole('link', { name: '导出遴选结果 CSV' })).toHaveCount(0);
	expect((await page.goto(`/c/${DEMO}/charts`))?.status()).toBe(200);
	expect((await page.goto(`/c/${DEMO}/notice`))?.status()).toBe(403);
	// a POST to the organizer's actions is refused too
	const res = await page.request.post(`/c/${DEMO}/selection?/run`, {
		form: {},
		headers: { origin: new URL(page.url()).origin }
	});
	expect(res.status()).toBe(403);
});
