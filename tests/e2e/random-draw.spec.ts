// Issue 15: the office imports an expert pool, draws a panel with a seed typed in the meeting,
// prints and replays the 抽取记录, and runs a randomized assignment beside the exact one.
import { test, expect } from '@playwright/test';
import { loginAs } from './helpers';
import { seedReviewCampaign } from './fixtures';

test.describe.configure({ mode: 'serial' });

let campaignId = '';
const SEED = '2024-05-06 纪检 37 12 88';

test.beforeAll(async () => {
	campaignId = await seedReviewCampaign('rnd');
});

test('draw a panel from the pool with a typed seed, replay it, and run a randomized assignment', async ({ page }) => {
	await loginAs(page, 'rnd-organizer');
	const base = `/c/${campaignId}`;
	await page.goto(`${base}/panels`);
	await expect(page.getByRole('heading', { name: '随机抽取专家' })).toBeVisible();
	const fields = await page
		.locator('#draw-field option')
		.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
	expect(fields.length).toBeGreaterThan(0);

	await test.step('import the pool (roster headers + 地区)', async () => {
		const units = [
			'云杉研究所',
			'白桦研究院',
			'红松实验室',
			'青冈技术中心',
			'银杏研究所',
			'紫檀研究院',
			'樟木研究所',
			'楠竹实验室'
		];
		const rows = ['姓名,工作单位,曾工作单位,职称,评审领域,地区'];
		fields.forEach((f, fi) =>
			units.forEach((u, i) => rows.push(`库${fi}专家${i},${u},,教授,${f},${i % 2 ? '桂林市' : '南宁市'}`))
		);
		await page.goto(`${base}/pool`);
		await page
			.getByLabel('专家库 CSV 文件')
			.setInputFiles({ name: 'pool.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
		await page.getByRole('button', { name: '导入' }).click();
		await expect(page.getByRole('status')).toContainText('已导入专家库');
		await expect(page.getByTestId('pool-table')).toContainText('库0专家3');
		await expect(page.getByTestId('pool-table')).toContainText('桂林市');
	});

	let members: string[] = [];
	await test.step('draw with a typed seed: members, alternates, record with seed and pool hash', async () => {
		await page.goto(`${base}/panels`);
		await page.locator('body[data-hydrated]').waitFor();
		await page.locator('#draw-field').selectOption(fields[0]);
		await page.getByLabel('抽取人数').fill('3');
		await page.getByLabel('备选人数').fill('2');
		await page.getByLabel('同一单位最多').fill('1');
		await page.getByLabel('随机种子（公开）').fill(SEED);
		await page.getByRole('button', { name: '随机抽取' }).click();
		await expect(page).toHaveURL(/\/panels\/draws\//);
		await expect(page.getByTestId('draw-seed')).toHaveText(SEED);
		await expect(page.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
		await expect(page.getByTestId('draw-members').locator('tbody tr')).toHaveCount(3);
		await expect(page.getByTestId('draw-alternates').locator('tbody tr')).toHaveCount(2);
		await expect(page.getByText('纪检监察人员（签字）')).toBeVisible();
		members = await page.getByTestId('draw-members').locator('tbody tr td:nth-child(2)').allTextContents();
	});

	await test.step('replay: recomputed from the snapshot and the seed, 复核一致', async () => {
		await page.getByRole('button', { name: '复核（按记录重算）' }).click();
		await expect(page.getByTestId('replay-verdict')).toContainText('复核一致');
		// The same seed again gives the same panel (a fresh draw, byte for byte the same result).
		await page.goto(`${base}/panels`);
		await page.locator('body[data-hydrated]').waitFor();
		await page.locator('#draw-field').selectOption(fields[0]);
		await page.getByLabel('抽取人数').fill('3');
		await page.getByLabel('备选人数').fill('2');
		await page.getByLabel('同一单位最多').fill('1');
		await page.getByLabel('随机种子（公开）').fill(SEED);
		await page.getByRole('button', { name: '随机抽取' }).click();
		await expect(page).toHaveURL(/\/panels\/draws\//);
		expect(await page.getByTestId('draw-members').locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(
			members
		);
	});

	await test.step('the draw is in the audit log', async () => {
		await page.goto(`${base}/audit`);
		await expect(page.getByRole('cell', { name: '随机抽取专家', exact: true }).first()).toBeVisible();
		await expect(page.getByRole('cell', { name: /2024-05-06 纪检 37 12 88/ }).first()).toBeVisible();
	});

	await test.step('randomized assignment with q = 0.5 and a typed seed', async () => {
		await page.goto(`${base}/assignment`);
		await page.locator('body[data-hydrated]').waitFor();
		await expect(page.getByRole('heading', { name: '随机分配' })).toBeVisible();
		await page.getByLabel('评审人数（每份材料）').fill('2');
		await page.getByLabel('概率上限 q').fill('0.5');
		await page.locator('#rseed').fill(SEED);
		await page.getByRole('button', { name: /^随机分配/ }).click();
		await expect(page.getByTestId('random-proposed')).toContainText(`种子“${SEED}”`);
		await expect(page.getByTestId('assignment-state')).toHaveText('草案（未发布）');
		await expect(page.getByTestId('randomized')).toContainText('概率不超过 0.5');
		await expect(page.getByTestId('random-seed')).toHaveText(SEED);
	});
});
