// The chair's conflict review and the provably optimal assignment of the demo campaign.
// This is the ONLY spec that runs the demo's assignment, and it leaves it PUBLISHED (k = 3):
// the expert-desk specs that run later rely on that.
import { test, expect, type Page } from '@playwright/test';
import { DEMO, loginAs, logout } from './helpers';

test.describe.configure({ mode: 'serial' });

const EXPERT = 'expert01';
let expertName = '';
let conflictCode = '';
let assignedCode = '';

async function rowsOf(page: Page) {
	return page.getByTestId('conflict-row');
}

test('the chair reviews conflicts, assigns exactly, adjusts by hand and publishes', async ({ page }) => {
	await test.step('learn the expert’s name from their own header', async () => {
		await loginAs(page, EXPERT);
		expertName = (await page.getByTitle('账户设置').textContent())!.trim();
		expect(expertName).not.toBe('');
		await logout(page);
	});

	await loginAs(page, 'chair');

	await test.step('dismiss a same-school warning (a reason is required), and it stays visible', async () => {
		await page.goto(`/c/${DEMO}/conflicts`);
		await expect(page.getByRole('heading', { name: '回避审查' })).toBeVisible();
		await expect(page.getByText('在排除之前即阻止该专家评审该材料')).toBeVisible();
		await page.getByLabel('类型', { exact: true }).selectOption('same_school');
		await expect(page).toHaveURL(/kind=same_school/);
		await page.getByRole('link', { name: /^待确认/ }).click();
		await expect(page).toHaveURL(/status=pending/);
		const row = (await rowsOf(page)).first();
		await expect(row).toContainText('提示');
		const who = (await row.locator('td').nth(1).textContent())!.trim();
		const code = (await row.locator('td').nth(2).textContent())!.trim();
		await row.getByRole('button', { name: '决定' }).click();
		const decide = page.getByTestId('decide-form');
		await expect(decide).toContainText(`${who} — ${code}`);
		await decide.getByRole('button', { name: '排除' }).click();
		await expect(decide.getByRole('alert')).toHaveText('排除回避关系时必须填写理由');
		await decide.getByRole('textbox').fill('毕业年份相差二十余年，经核实互不相识');
		await decide.getByRole('button', { name: '排除' }).click();
		await expect(page.getByRole('status')).toContainText(`已排除：${who} — ${code}`);
		await expect(page.getByTestId('decide-form')).toHaveCount(0);
		await page.getByRole('link', { name: /^已排除/ }).click();
		const kept = (await rowsOf(page)).filter({ hasText: code }).filter({ hasText: who });
		await expect(kept).toContainText('已排除');
		await expect(kept).toContainText('毕业年份相差二十余年，经核实互不相识');
		await expect(kept).toContainText('chair');
	});

	await test.step('confirm one of the expert’s detected conflicts', async () => {
		await page.goto(`/c/${DEMO}/conflicts?status=pending`);
		await page.getByLabel('专家', { exact: true }).selectOption({ label: expertName });
		await expect(page).toHaveURL(/expert=/);
		const row = (await rowsOf(page))
			.filter({ has: page.getByTestId('severity').filter({ hasText: /^回避$/ }) })
			.first();
		conflictCode = (await row.locator('td').nth(2).textContent())!.trim();
		expect(conflictCode).toMatch(/-\d+$/);
		await row.getByRole('button', { name: '决定' }).click();
		const decide = page.getByTestId('decide-form');
		await decide.getByRole('textbox').fill('曾在同一单位共事');
		await decide.getByRole('button', { name: '确认回避' }).click();
		await expect(page.getByRole('status')).toContainText(`已确认回避：${expertName} — ${conflictCode}`);
		// the chair works with review codes: the add form is for the campaign office only
		await expect(page.getByRole('heading', { name: '添加回避关系' })).toHaveCount(0);
	});

	await test.step('an impossible k is explained per dossier, never a bare failure', async () => {
		await page.goto(`/c/${DEMO}/assignment`);
		await expect(page.getByTestId('assignment-state')).toHaveText('尚未分配');
		await page.getByLabel('每份材料评审专家数').fill('50');
		await page.getByRole('button', { name: '生成方案' }).click();
		const notice = page.getByTestId('infeasible');
		await expect(notice).toContainText('需要 50 名');
		await expect(notice).toContainText('降低每份材料评审人数');
		await expect(notice).toContainText(/[^\s、]+-\d+/);
		await expect(page.getByTestId('assignment-state')).toHaveText('尚未分配');
	});

	await test.step('run the distributed assignment with k = 3 and see the loads', async () => {
		await page.getByLabel('分布式').check();
		await page.getByLabel('每份材料评审专家数').fill('3');
		// the demo's panels of three with many ties cannot give three each: borrow across panels
		await page.getByLabel('允许跨组借用专家').check();
		await page.getByRole('button', { name: '生成方案' }).click();
		await expect(page.getByRole('status')).toContainText('已生成分配方案');
		await expect(page.getByTestId('assignment-state')).toHaveText('草案（未发布）');
		await expect(page.getByTestId('optimality')).toContainText('可能的最大值');
		const objective = Number(await page.getByTestId('objective').textContent());
		expect(objective).toBeGreaterThan(0);
		await expect(page.getByTestId('objective-now')).toHaveText(String(objective));
		const loads = page.getByTestId('load-row');
		expect(await loads.count()).toBeGreaterThanOrEqual(15);
		await expect(loads.filter({ hasText: expertName })).toHaveCount(1);
		// every dossier is assigned: one page of 50 shows, the pager counts them all (issue 16)
		const dossiers = page.getByTestId('dossier-row');
		await expect(dossiers).toHaveCount(50);
		const listed = (await page.getByTestId('pager-status').first().textContent())!.match(/共 (\d+) 份材料/)![1];
		expect(Number(listed)).toBeGreaterThanOrEqual(60);
		await expect(dossiers.first()).toContainText('/ 3');
		// the confirmed conflict is respected (its dossier found by code, wherever its page)
		await page.goto(`/c/${DEMO}/assignment?q=${encodeURIComponent(conflictCode)}`);
		const tied = page.locator(`[data-testid=dossier-row][data-code="${conflictCode}"]`);
		await expect(tied).toHaveCount(1);
		await expect(tied).not.toContainText(expertName);
		await page.goto(`/c/${DEMO}/assignment`);
	});

	await test.step('move one dossier by hand from one expert to another', async () => {
		const row = page.getByTestId('dossier-row').first();
		const code = (await row.getAttribute('data-code'))!;
		await row.getByRole('button', { name: `调整 ${code}` }).click();
		await expect(page.getByLabel('调整的材料')).toHaveValue(/.+/);
		const from = page.getByLabel('改派：从');
		const fromName = (await from.locator('option').nth(1).textContent())!.trim();
		await from.selectOption({ index: 1 });
		const to = page.getByLabel('改为');
		const options = await to.locator('option').allTextContents();
		const target = options.findIndex((o, i) => i > 0 && !o.includes('回避'));
		expect(target).toBeGreaterThan(0);
		const toName = options[target].split('　')[0].trim();
		await to.selectOption({ index: target });
		await page.getByLabel('调整理由（可选，记入日志）').fill('平衡工作量');
		await page.getByRole('button', { name: '改派' }).click();
		await expect(page.getByRole('status')).toContainText(`已将材料 ${code} 从专家${fromName}改派给专家${toName}`);
		const moved = page.locator(`[data-testid=dossier-row][data-code="${code}"]`);
		await expect(moved).toContainText(toName);
		await expect(moved).not.toContainText(fromName);
		await expect(moved).toContainText('手动');
	});

	await test.step('adding a conflicted expert is refused with the reason', async () => {
		const row = page.locator(`[data-testid=dossier-row][data-code="${conflictCode}"]`);
		await row.getByRole('button', { name: `调整 ${conflictCode}` }).click();
		const add = page.getByLabel('添加专家');
		const label = (await add.locator('option').allTextContents()).find((o) => o.startsWith(expertName))!;
		expect(label).toContain('回避');
		await add.selectOption({ label });
		await page.getByRole('button', { name: '添加', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText(
			`专家${expertName}与材料 ${conflictCode} 存在回避关系，不能分配`
		);
		await expect(row).not.toContainText(expertName);
	});

	await test.step('publish: the page says 已发布 and offers only per-pair changes', async () => {
		assignedCode = (await page
			.getByTestId('dossier-row')
			.filter({ hasText: expertName })
			.first()
			.getAttribute('data-code'))!;
		expect(assignedCode).toBeTruthy();
		await page.getByText('发布分配方案…').click();
		await page.getByRole('button', { name: '确认发布分配方案' }).click();
		await expect(page.getByRole('status')).toContainText('已发布');
		await expect(page.getByTestId('assignment-state')).toHaveText('已发布');
		await expect(page.getByRole('button', { name: /生成/ })).toHaveCount(0);
		await expect(page.getByRole('heading', { name: '手动调整' })).toBeVisible();
		await page.reload();
		await expect(page.getByTestId('assignment-state')).toHaveText('已发布');
	});
});

test('the campaign office sees candidate names and may add a tie; a chair may not', async ({ page }) => {
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/conflicts`);
	await expect(page.getByRole('heading', { name: '添加回避关系' })).toBeVisible();
	await expect(page.getByRole('link', { name: '导出回避记录 CSV' })).toHaveAttribute(
		'href',
		`/c/${DEMO}/export/conflicts`
	);
	// the office sees who the candidate is under the review code
	await expect((await rowsOf(page)).first().locator('td').nth(2).locator('div')).not.toBeEmpty();
	await logout(page);

	await loginAs(page, 'chair');
	const origin = new URL(page.url()).origin;
	const res = await page.request.post(`/c/${DEMO}/conflicts?/add`, {
		headers: { origin },
		form: { expertId: 'x', reviewCode: conflictCode || '前沿-01', reason: '试图添加' }
	});
	expect(res.status()).toBe(403);
	// the chair sees review codes only, and no export with candidates' names
	await page.goto(`/c/${DEMO}/conflicts`);
	await expect((await rowsOf(page)).first().locator('td').nth(2).locator('div')).toHaveCount(0);
	await expect(page.getByRole('link', { name: '导出评审分配 CSV' })).toHaveAttribute(
		'href',
		`/c/${DEMO}/export/assignments`
	);
	await expect(page.getByRole('link', { name: '导出回避记录 CSV' })).toHaveCount(0);
});

test('an expert cannot open a conflicted dossier, but opens an assigned one', async ({ page }) => {
	expect(conflictCode).not.toBe('');
	await loginAs(page, EXPERT);
	const blocked = await page.goto(`/c/${DEMO}/dossiers/${encodeURIComponent(conflictCode)}`);
	expect(blocked?.status()).toBe(404);
	const own = await page.goto(`/c/${DEMO}/dossiers/${encodeURIComponent(assignedCode)}`);
	expect(own?.status()).toBe(200);
	await expect(page.getByText(assignedCode).first()).toBeVisible();
});
