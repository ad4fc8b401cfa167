// The campaign settings page. Each test edits a campaign of its own (created from the 晋城 preset)
// so that the demo campaign the other specs use stays as it is.
import { test, expect, type Page } from '@playwright/test';
import { DEMO, PASSWORD } from './helpers';

/** loginAs, but after the login page has hydrated: hydration resets a user name typed too early. */
async function loginAs(page: Page, username: string): Promise<void> {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

async function newCampaign(page: Page, name: string): Promise<string> {
	await loginAs(page, 'organizer');
	await page.goto('/campaigns/new');
	await page.locator('label.preset', { hasText: '晋城' }).click();
	await page.getByLabel('活动名称（留空则使用预设名称）').fill(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/c\/[^/]+\/overview$/);
	const id = new URL(page.url()).pathname.split('/')[2];
	await page.goto(`/c/${id}/settings`);
	await expect(page.getByRole('heading', { name: '活动设置' })).toBeVisible();
	return id;
}

const save = (page: Page) => page.getByRole('button', { name: '保存设置' }).click();

test('a changed channel-type quota is saved, kept after reload and marked against the notice', async ({ page }) => {
	await newCampaign(page, `设置测试 名额 ${Date.now()}`);
	const max = page.getByLabel('地区 最多', { exact: true });
	await expect(max).toHaveValue('10');
	await max.fill('12');
	await expect(page.getByRole('status')).toHaveText('有未保存的修改');
	await save(page);
	await expect(page.getByRole('status')).toHaveText('设置已保存');
	await page.reload();
	await expect(page.getByLabel('地区 最多', { exact: true })).toHaveValue('12');
	const row = page.locator('#f-channelQuotas-0');
	await expect(row).toContainText('每个县（市、区）科协联合党委宣传部、科技局推荐候选人不超过10名');
	await expect(row).toContainText('已根据活动办公室设置修改');
	// Back to the notice's number: the note goes again.
	await page.getByLabel('地区 最多', { exact: true }).fill('10');
	await save(page);
	await expect(page.getByRole('status')).toHaveText('设置已保存');
	await expect(row).not.toContainText('已根据活动办公室设置修改');
});

test('the office sets the youth cut-off and the deadline; the check page says them in its words', async ({ page }) => {
	const id = await newCampaign(page, `设置测试 青年 ${Date.now()}`);
	const cutoff = page.getByLabel(/青年出生日期界限/);
	await expect(cutoff).toHaveValue('');
	await expect(cutoff).toHaveAttribute('placeholder', '1978-04-11');
	await page.goto(`/c/${id}/check`);
	await expect(page.getByTestId('youth-cutoff')).toHaveText('青年科技工作者：1978年4月11日以后出生');
	await expect(page.locator('p.basis')).toContainText('自通知落款日期2023年4月11日起算');
	await page.goto(`/c/${id}/settings`);
	await page.getByLabel(/青年出生日期界限/).fill('1978-02-30');
	await save(page);
	await expect(page.getByLabel(/青年出生日期界限/)).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel(/青年出生日期界限/).fill('1978年5月1日');
	await expect(page.getByLabel(/报送截止日期/)).toHaveValue('2023-04-20');
	await page.getByLabel(/报送截止日期/).fill('2027-04-20');
	await save(page);
	await expect(page.getByRole('status')).toHaveText('设置已保存');
	await page.reload();
	await expect(page.getByLabel(/青年出生日期界限/)).toHaveValue('1978-05-01');
	await expect(page.locator('#s-exclusions')).toContainText('已根据活动办公室设置修改');
	await page.goto(`/c/${id}/check`);
	await expect(page.getByTestId('youth-cutoff')).toHaveText('青年科技工作者：1978年5月1日以后出生');
	await expect(page.locator('p.basis')).toContainText('活动办公室设定');
	await expect(page.getByTestId('check-notes')).toHaveCount(0); // the new deadline is ahead: no note
});

test('min > max is shown beside the field and in the summary, and nothing is saved', async ({ page }) => {
	await newCampaign(page, `设置测试 校验 ${Date.now()}`);
	await page.getByLabel('学会 最少', { exact: true }).fill('3');
	await page.getByLabel('公示工作日数').fill('7');
	await save(page);
	const message = '学会的最少名额 3 大于最多名额 2';
	// Beside the inputs: the error line of the 学会 row, which the inputs point to.
	const min = page.getByLabel('学会 最少', { exact: true });
	await expect(min).toHaveAttribute('aria-invalid', 'true');
	const described = await min.getAttribute('aria-describedby');
	await expect(page.locator(`#${described}`)).toHaveText(message);
	await expect(page.locator('#f-channelQuotas-1 + tr.row-err')).toHaveText(message);
	// And in the summary at the top, which links to the row.
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('有 1 处需要修改');
	await expect(summary.getByRole('link', { name: new RegExp(message) })).toHaveAttribute('href', '#f-channelQuotas-1');
	await expect(page.getByRole('status')).toHaveText('有 1 处需要修改，设置尚未保存');
	// Nothing was saved, not even the valid change.
	await page.reload();
	await expect(page.getByLabel('学会 最少', { exact: true })).toHaveValue('0');
	await expect(page.getByLabel('公示工作日数')).toHaveValue('5');
});

test('a channel is added with its own quota and removed again', async ({ page }) => {
	await newCampaign(page, `设置测试 渠道 ${Date.now()}`);
	await expect(page.getByLabel('第 8 个渠道 名称')).toHaveCount(0);
	await page.getByRole('button', { name: '添加推荐渠道' }).click();
	const name = page.getByLabel('第 8 个渠道 名称');
	await expect(name).toBeFocused();
	await name.fill('晋城市医学会');
	await page.getByLabel('第 8 个渠道 类型').selectOption('学会');
	await page.getByLabel('第 8 个渠道 最多名额').fill('3');
	await save(page);
	await expect(page.getByRole('status')).toHaveText('设置已保存');
	await page.reload();
	await expect(page.getByLabel('第 8 个渠道 名称')).toHaveValue('晋城市医学会');
	await expect(page.getByLabel('第 8 个渠道 类型')).toHaveValue('学会');
	await expect(page.getByLabel('第 8 个渠道 最多名额')).toHaveValue('3');

	await page.getByRole('button', { name: '删除第 8 个渠道 晋城市医学会' }).click();
	await save(page);
	await expect(page.getByRole('status')).toHaveText('设置已保存');
	await page.reload();
	await expect(page.getByLabel('第 8 个渠道 名称')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('spare rows add a channel and errors come back with the posted values', async ({ page }) => {
		await newCampaign(page, `设置测试 无脚本 ${Date.now()}`);
		await page.getByLabel('第 8 个渠道 名称').fill('晋城市农学会');
		await page.getByLabel('第 8 个渠道 类型').selectOption('学会');
		await page.getByLabel('地区 最多', { exact: true }).fill('abc');
		await save(page);
		await expect(page.getByRole('alert')).toContainText('地区的最多名额“abc”应为非负整数');
		await expect(page.getByLabel('第 8 个渠道 名称')).toHaveValue('晋城市农学会');
		await page.getByLabel('地区 最多', { exact: true }).fill('10');
		await save(page);
		await expect(page.getByRole('status')).toHaveText('设置已保存');
		await expect(page.getByLabel('第 8 个渠道 名称')).toHaveValue('晋城市农学会');
	});
});

test('an expert gets 403 on the settings page and on a POST to it', async ({ page }) => {
	await loginAs(page, 'expert01');
	const res = await page.goto(`/c/${DEMO}/settings`);
	expect(res?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: '没有权限' })).toBeVisible();
	const origin = new URL(page.url()).origin;
	const post = await page.request.post(`/c/${DEMO}/settings`, {
		headers: { origin },
		form: {
			name: '改名',
			'channelQuotas[0].type': '地区',
			'channelQuotas[0].enabled': 'on',
			'channelQuotas[0].max': '99'
		}
	});
	expect(post.status()).toBe(403);
	// The same POST as an enhanced form submission.
	const json = await page.request.post(`/c/${DEMO}/settings`, {
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		form: { name: '改名' }
	});
	expect(json.status()).toBe(403);
	// The organizer still sees the demo campaign as it was.
	await page.context().clearCookies();
	await loginAs(page, 'organizer');
	await page.goto(`/c/${DEMO}/settings`);
	await expect(page.getByLabel('活动名称')).toHaveValue('2024年广西“最美科技工作者”（演示）');
	await expect(page.getByLabel('地区 最多', { exact: true })).toHaveValue('3');
});
