// 广西 with its own 推荐表 values (issue 11): a nomination file whose 推荐领域 are the Guangxi cover
// page's own (□科技服务民生 …) beside the 推荐组别 is previewed (a self-nomination and a city
// nominee ticking a discipline are reported, not refused), imported clean, checked (the youth
// cut-off in the offices' words, the materials checklist, a prior title accepted with a reason),
// and carried through review and selection to the printed 公示.
import { test, expect, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { PASSWORD } from './helpers';
import { e2eDb } from './fixtures';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { GUANGXI_FIELDS } from '../../src/lib/domain/notice/presets/guangxi-2024';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { createExpertWithInvitation } from '../../src/lib/server/services/experts';
import { createRound, openRound, closeRound, getRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { saveSheet } from '../../src/lib/server/services/sheets';
import { candidates, auditLog } from '../../src/lib/server/db/schema';
import type { CandidateRecord, RubricCriterion } from '../../src/lib/domain/types';

const config = presetConfig('guangxi-2024');
const DISCIPLINES = ['理科', '工科', '农科', '医科', '综合'];
const typeOf = (r: CandidateRecord) => r.channelType ?? config.channels.find((c) => c.name === r.channel)?.type;

/** The office's file in the Guangxi form's own terms: its 推荐领域 list, and 推荐组别 by 填表说明 5. */
const records: CandidateRecord[] = generateCandidates(config, 40, 20241111).map((r, i) => ({
	...r,
	field: GUANGXI_FIELDS[i % GUANGXI_FIELDS.length]
}));
let k = 0;
for (const r of records) if (typeOf(r) !== '地区') r.group = DISCIPLINES[k++ % DISCIPLINES.length];
records[3] = { ...records[3], priorTitle: true };
const seedActor = { id: null, name: 'e2e-seed' };

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

async function upload(page: Page, campaignId: string, list: CandidateRecord[], filename: string): Promise<void> {
	await page.goto(`/c/${campaignId}/import`);
	await page.locator('body[data-hydrated]').waitFor();
	await page
		.locator('input[name="file"]')
		.setInputFiles({ name: filename, mimeType: 'text/csv', buffer: Buffer.from(toNominationCsv(list), 'utf8') });
	await page.getByRole('button', { name: '上传并检查' }).click();
	await expect(page.getByTestId('import-preview')).toBeVisible();
}

/** Five experts score every dossier in one round, which is closed (their pages are tested elsewhere). */
async function seedReview(campaignId: string): Promise<void> {
	const db = await e2eDb();
	for (const [i, name] of ['秦立言', '欧阳舒', '韩素梅', '曹德宏', '雷一鸣'].entries()) {
		const r = await createExpertWithInvitation(db, seedActor, campaignId, {
			name,
			unit: ['北京大学', '清华大学', '浙江大学', '复旦大学', '武汉大学'][i],
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
	const order = new Map<string, number>();
	for (const p of await roundPairs(db, round)) {
		if (!order.has(p.candidateId)) order.set(p.candidateId, order.size);
		const total = 70 + ((order.get(p.candidateId)! * 7) % 25);
		const rubric = round.rubric as RubricCriterion[];
		const scale = rubric.reduce((s, c) => s + c.max, 0);
		let left = total;
		const values: Record<string, number> = {};
		rubric.forEach((c, i) => {
			values[c.key] = i === rubric.length - 1 ? left : Math.round((total * c.max) / scale);
			left -= values[c.key];
		});
		const res = await saveSheet(db, seedActor, { round, ...p, values, baseVersion: 0, submit: true });
		if (!res.ok) throw new Error(res.message);
	}
	const closed = await closeRound(db, seedActor, campaignId, created.id);
	if (!closed.ok) throw new Error(closed.message);
}

test('广西 with its own 推荐表 values: import, check, review, selection, 公示', async ({ page }) => {
	test.setTimeout(300_000);
	await loginAs(page, 'organizer');
	await page.goto('/campaigns/new');
	await page.locator('input[name="preset"][value="guangxi-2024"]').check();
	const name = `2024年广西“最美科技工作者”推荐表 ${Date.now()}`;
	await page.getByLabel(/活动名称/).fill(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const campaignId = new URL(page.url()).pathname.split('/')[2];

	// 1. A file with a self-nomination and a city nominee ticking 工科: imported in the preview and
	//    reported with the notice's clauses, not refused as an unknown channel; then cancelled.
	const bad = [
		...records,
		{ ...records[0], name: '蓝自荐', channel: '个人申报', channelType: null, group: '工科' },
		{ ...records[1], name: '莫错组', group: '工科' }
	];
	await upload(page, campaignId, bad, '含问题的推荐汇总表.csv');
	await expect(page.getByTestId('import-preview')).toContainText('个人申报');
	const preview = page.locator('section.block', { hasText: '导入后的资格审查' });
	await expect(preview.locator('[data-code="SELF_NOMINATION"]')).toContainText('蓝自荐');
	await expect(preview.locator('[data-code="SELF_NOMINATION"]')).toContainText('不接受个人申请');
	await expect(preview.locator('[data-code="GROUP_MISMATCH"]')).toContainText('推荐组别应为“地市”，实为“工科”');
	await expect(preview.locator('[data-code="UNKNOWN_CHANNEL"]')).toHaveCount(0);
	await page.getByRole('button', { name: '取消' }).click();

	// 2. The clean file in the form's own terms.
	await upload(page, campaignId, records, '广西推荐汇总表.csv');
	await expect(page.getByTestId('row-count')).toHaveText(String(records.length));
	await page.getByRole('button', { name: `确认导入 ${records.length} 名` }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/check\\?`));
	await expect(page.getByTestId('error-count')).toHaveText('0');
	// Filed by 推荐组别 (what the panels use), the cover page's 推荐领域 kept on the record.
	const db = await e2eDb();
	const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	expect(rows).toHaveLength(records.length);
	for (const r of rows) expect(config.fields).toContain(r.field);
	expect(new Set(rows.map((r) => (r.record as CandidateRecord).field))).toEqual(new Set(GUANGXI_FIELDS));

	// 3. The check page: the cut-off in the offices' words, the deadline note, the materials list.
	await expect(page.getByTestId('youth-cutoff')).toHaveText('青年科技工作者：1979年3月11日以后出生');
	await expect(page.getByTestId('check-notes')).toContainText('报送截止日期 2024-03-26');
	const materials = page.getByTestId('materials');
	await expect(materials).toContainText('推荐工作简要情况报告（含公示情况说明）');
	await expect(materials).toContainText('工作照');
	await expect(materials).toContainText('2—3 张');

	// 4. A prior title: a warning naming Guangxi's titles, accepted with a reason (audited).
	const prior = page.locator('[data-code="PRIOR_TITLE"]');
	await expect(prior).toContainText('全国、自治区“最美”系列称号');
	await prior.getByText('接受此提示…').click();
	await prior.getByLabel(/理由/).fill('经自治区活动办公室研究，同意破例推荐');
	await prior.getByRole('button', { name: '接受' }).click();
	await expect(prior.getByTestId('accepted')).toContainText('同意破例推荐');
	const log = await db.select().from(auditLog).where(eq(auditLog.action, 'check.accept'));
	expect(log.some((l) => l.campaignId === campaignId && l.reason === '经自治区活动办公室研究，同意破例推荐')).toBe(
		true
	);
	await expect(page.getByTestId('error-count')).toHaveText('0');

	// 5. Review (seeded), then the selection in the browser, locked.
	await seedReview(campaignId);
	await page.goto(`/c/${campaignId}/selection`);
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByRole('button', { name: '运行遴选', exact: true }).click();
	await expect(page.getByTestId('run-message')).toContainText('已完成遴选');
	const tier = page.getByTestId('tier-result').first();
	await expect(tier.getByTestId('final-list').locator('tbody tr')).toHaveCount(10);
	// 锁定 is irreversible: the page asks first, saying what follows
	await page.getByText('锁定遴选结果…').click();
	await page.getByRole('button', { name: '确认锁定遴选结果' }).click();
	await expect(page.getByTestId('run-state')).toHaveText('已锁定');

	// 6. The 公示 of the ten.
	await page.getByRole('link', { name: '公示页面' }).click();
	await expect(page).toHaveURL(new RegExp(`/c/${campaignId}/notice`));
	await page.locator('body[data-hydrated]').waitFor();
	const notice = page.getByTestId('notice');
	await expect(notice.locator('table tbody tr')).toHaveCount(10);
	await page.getByLabel('公示开始日期').fill('2024-05-10');
	await page.getByRole('button', { name: '保存公示' }).click();
	await expect(page.getByTestId('notice-saved')).toBeVisible();
	await expect(page.getByTestId('saved-start')).toContainText('2024年5月10日');
});
