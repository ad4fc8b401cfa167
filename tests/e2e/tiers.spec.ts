// 晋城 picks 10 最美 and 10 优秀 under the same targets (晋市科协发〔2023〕9号 三、活动安排 2), chosen
// jointly: only two nominees work 面向世界科技前沿 and they score highest, so taking both for 最美
// (one tier after the other) would leave 优秀 without its 前沿 seat. The organizer adds the target
// on the selection page, runs, locks, and downloads the 汇总表 and the list sent up to the province.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PASSWORD } from './helpers';
import { e2eDb } from './fixtures';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { importCandidates } from '../../src/lib/server/services/intake';
import { createExpertWithInvitation } from '../../src/lib/server/services/experts';
import { createRound, openRound, closeRound, getRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { recordOf } from '../../src/lib/server/services/candidates';
import { candidates } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { CandidateRecord } from '../../src/lib/domain/types';

const config = presetConfig('jincheng-2023');
const seedActor = { id: null, name: 'e2e-seed' };

/** 36 nominees, none of them 前沿 but two; nobody excluded or previously titled. */
function nominees(): CandidateRecord[] {
	const records = generateCandidates(config, 36, 20230411).map((r) => ({
		...r,
		field: '主战场',
		priorTitle: false,
		category: undefined
	}));
	records[0].field = '前沿';
	records[1].field = '前沿';
	return records;
}

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

/** Three experts score everyone; the two 前沿 nominees score highest. */
async function seedReview(campaignId: string): Promise<void> {
	const db = await e2eDb();
	for (const [i, name] of ['晋一鸣', '晋二言', '晋三思'].entries()) {
		const r = await createExpertWithInvitation(db, seedActor, campaignId, {
			name,
			unit: ['太原理工大学', '山西大学', '中北大学'][i],
			title: '教授',
			fields: [...config.fields]
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
	for (const p of await roundPairs(db, round)) {
		const c = index.get(p.candidateId)!;
		const total = c.rec.field === '前沿' ? 95 : 60 + ((c.i * 7) % 30);
		const values = {
			merit: Math.round(total * 0.4),
			story: Math.round(total * 0.3),
			exemplary: total - Math.round(total * 0.4) - Math.round(total * 0.3)
		};
		const res = await saveSheet(db, seedActor, { round, ...p, values, baseVersion: 0, submit: true });
		if (!res.ok) throw new Error(res.message);
	}
	const closed = await closeRound(db, seedActor, campaignId, created.id);
	if (!closed.ok) throw new Error(closed.message);
}

async function download(page: Page, link: string): Promise<string[]> {
	const dl = page.waitForEvent('download');
	await page.getByRole('link', { name: link, exact: true }).click();
	const text = readFileSync((await (await dl).path())!, 'utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	return text.slice(1).split('\r\n');
}

test('晋城: 最美 and 优秀 chosen together under the office’s target, to the 汇总表, the upper list and the 公示', async ({
	page
}) => {
	test.setTimeout(300_000);
	await loginAs(page, 'organizer');
	await page.goto('/campaigns/new');
	await page.locator('input[name="preset"][value="jincheng-2023"]').check();
	const name = `2023年“晋城最美科技工作者”两档 ${Date.now()}`;
	await page.getByLabel(/活动名称/).fill(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const campaignId = new URL(page.url()).pathname.split('/')[2];
	const db = await e2eDb();
	const imported = await importCandidates(
		db,
		seedActor,
		campaignId,
		new TextEncoder().encode(toNominationCsv(nominees()))
	);
	if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
	await seedReview(campaignId);

	// The notice sets no target for the final list: the page says so, and quotes the notice.
	await page.goto(`/c/${campaignId}/selection`);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('no-targets')).toBeVisible();
	await expect(page.getByTestId('selection-source')).toContainText(
		'拟选出10名“晋城最美科技工作者”，10名“晋城市优秀科技工作者”建议人选'
	);

	// The office adds “前沿至少1名”; the target says who set it.
	await page.getByTestId('add-target-kind').selectOption('atLeastField');
	await page.getByTestId('add-target-ref').selectOption('前沿');
	await page.getByTestId('add-target-value').fill('1');
	await page.getByTestId('add-target').click();
	await expect(page.getByTestId('target-row')).toHaveCount(1);
	await expect(page.getByTestId('target-provenance')).toContainText(
		/^活动办公室设定：前沿至少1名，由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}设定$/
	);
	// the same target twice is refused
	await page.getByTestId('add-target-kind').selectOption('atLeastField');
	await page.getByTestId('add-target-ref').selectOption('前沿');
	await page.getByTestId('add-target-value').fill('2');
	await page.getByTestId('add-target').click();
	await expect(page.getByTestId('form-error')).toContainText('已有同一对象的目标');
	await expect(page.getByTestId('target-row')).toHaveCount(1);

	// Run: both tiers hold, each with one 前沿; 最美 names the 优秀 rule that kept the second.
	await page.getByRole('button', { name: '运行遴选', exact: true }).click();
	await expect(page.getByTestId('run-message')).toContainText('已完成遴选');
	const tiers = page.getByTestId('tier-result');
	await expect(tiers).toHaveCount(3);
	const best = tiers.nth(0);
	const good = tiers.nth(1);
	await expect(best.getByRole('heading', { name: '最美科技工作者' })).toBeVisible();
	await expect(good.getByRole('heading', { name: '优秀科技工作者' })).toBeVisible();
	for (const t of [best, good]) {
		await expect(t.getByTestId('final-list').locator('tbody tr')).toHaveCount(10);
		await expect(t.getByTestId('final-list').locator('td.field', { hasText: '前沿' })).toHaveCount(1);
	}
	await expect(best.locator('tr.lifted td.why').first()).toContainText(
		'为满足“优秀科技工作者”的活动办公室设定：前沿至少1名'
	);
	const bestCodes = await best.getByTestId('final-list').locator('td.code').allInnerTexts();
	const goodCodes = await good.getByTestId('final-list').locator('td.code').allInnerTexts();
	expect(bestCodes.filter((c) => goodCodes.includes(c))).toEqual([]);
	// the upper tier is the 最美 ten
	expect((await tiers.nth(2).getByTestId('final-list').locator('td.code').allInnerTexts()).sort()).toEqual(
		[...bestCodes].sort()
	);

	// 锁定 is irreversible: the page asks first, saying what follows
	await page.getByText('锁定遴选结果…').click();
	await page.getByRole('button', { name: '确认锁定遴选结果' }).click();
	await expect(page.getByTestId('run-state')).toHaveText('已锁定');

	// The 汇总表: the notice's title line and 推荐单位 line, twenty people once each, 备注 the tier.
	const summary = await download(page, '导出汇总表');
	expect(summary[0]).toBe('2023年“晋城最美科技工作者”候选人汇总表');
	expect(summary[1]).toBe('推荐单位：晋城市科协');
	expect(summary[2]).toBe('序号,姓名,性别,民族,党派,出生年月,工作单位及职务职称,专业专长,备注');
	const people = summary.slice(3).filter(Boolean);
	expect(people).toHaveLength(20);
	expect(people.filter((l) => l.endsWith(',最美科技工作者'))).toHaveLength(10);
	expect(people.filter((l) => l.endsWith(',优秀科技工作者'))).toHaveLength(10);
	// per 推荐单位: one title block per unit, the same twenty people
	const perUnit = await download(page, '汇总表（按推荐单位分表）');
	expect(perUnit.filter((l) => l.startsWith('推荐单位：')).length).toBeGreaterThan(1);
	expect(perUnit.filter((l) => /^\d+,/.test(l))).toHaveLength(20);
	// the list sent up: the ten 最美, under the province's title
	const upper = await download(page, '导出上报名单（推荐参加上级评选）');
	expect(upper[0]).toBe('2023年山西“最美科技工作者”晋城市推荐人选汇总表');
	expect(upper.slice(3).filter(Boolean)).toHaveLength(10);

	// The 公示 in the notice's words: 建议人选, 《标题》（文号）, 劳动节 and 调休 counted.
	await page.goto(`/c/${campaignId}/notice`);
	await page.locator('body[data-hydrated]').waitFor();
	await expect(page.getByTestId('notice-title')).toHaveText(`关于${name}建议人选的公示`);
	await expect(page.getByTestId('notice-basis')).toContainText(
		'根据《关于开展2023年“晋城最美科技工作者”学习宣传活动的通知》（晋市科协发〔2023〕9号）有关要求'
	);
	await page.getByLabel('公示开始日期').fill('2024-04-29');
	await expect(page.getByTestId('notice-period')).toHaveText('公示期：2024年4月29日至2024年5月8日（5个工作日）。');
	await page.getByTestId('notice-closed').fill('2024-05-07');
	await expect(page.getByTestId('notice-period')).toHaveText('公示期：2024年4月29日至2024年5月9日（5个工作日）。');
	await page.getByLabel(/联系方式/).fill('联系人：市科协调宣部　联系电话：0356-2000000');
	await page.getByRole('button', { name: '保存公示' }).click();
	await expect(page.getByTestId('notice-saved')).toBeVisible();
	await page.goto(`/c/${campaignId}/notice`);
	await expect(page.getByTestId('notice-contact')).toContainText('0356-2000000');
	await expect(page.getByTestId('notice-period')).toHaveText('公示期：2024年4月29日至2024年5月9日（5个工作日）。');
});
