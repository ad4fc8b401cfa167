// The audit log as the office reads it: a change made on the web appears with names, a Chinese
// action, the changed key and Beijing time; filters and pages; the CSV has the hashes; the chain
// status turns to ✗ naming the entry when a row is edited in the database. The chair is refused the
// page and the file; the observer (纪检监察) reads the page but not the file.
import { test, expect } from '@playwright/test';
import { and, asc, eq } from 'drizzle-orm';
import { loginAs, PASSWORD } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { auditLog, panels } from '../../src/lib/server/db/schema';
import { audit } from '../../src/lib/server/audit';
import { addMember } from '../../src/lib/server/services/members';
import { acceptInvitation } from '../../src/lib/server/services/accounts';

const P = 'aud';
let C = '';

test.beforeAll(async () => {
	C = await seedReviewCampaign(P, 11, 8);
	const db = await e2eDb();
	// The seed gives every panel its chair; take them off (unaudited) so the web appoints one below.
	await db.update(panels).set({ chairUserId: null }).where(eq(panels.campaignId, C));
	// Written by this process while the server writes too: one chain across both.
	for (let i = 0; i < 60; i++)
		await audit(
			db,
			{ id: null, name: '命令行(e2e)' },
			{ campaignId: C, action: 'note.add', after: { note: `备注${i}` } }
		);
	const obs = await addMember(db, { id: null, name: 'e2e' }, C, {
		username: `${P}-observer`,
		role: 'observer',
		name: '纪检组（测试）'
	});
	if (!obs.ok || !obs.token) throw new Error('observer');
	await acceptInvitation(db, obs.token, PASSWORD);
});

test('the office reads the log as a record, filters it, pages it and downloads it with hashes', async ({ page }) => {
	await loginAs(page, `${P}-organizer`);
	// A change through the web: the first panel gets the campaign's chair.
	await page.goto(`/c/${C}/panels`);
	const firstChair = page.locator('form.chair-form select').first();
	await firstChair.selectOption({ label: `评审组长（演示）（${P}-chair）` });
	await page.locator('form.chair-form').first().getByRole('button', { name: '更换' }).click();
	await expect(page.locator('.chair-form select').first()).toHaveValue(/u_/);

	await page.goto(`/c/${C}/audit`);
	await expect(page.getByTestId('chain-status')).toContainText('✓ 链完整');
	const newest = page.locator('tbody tr').filter({ hasText: '更换评审组长' }).first();
	await expect(newest).toContainText('活动办公室（演示）');
	await expect(newest).toContainText('评审组长');
	await expect(newest).toContainText('（空）');
	await expect(newest).toContainText('评审组长（演示）');
	await expect(newest.locator('td').nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	// No codes or ids where people read.
	await page.setViewportSize({ width: 768, height: 1000 });
	await page.screenshot({ path: `test-results/audit-log-${P}-768.png` });
	await page.setViewportSize({ width: 1280, height: 720 });
	const table = await page.locator('table').innerText();
	expect(table).not.toMatch(/u_[A-Za-z0-9_-]{6}|panel\.chair|note\.add|chairUserId/);

	// Filter by action through the form; the address carries it.
	await page.locator('select[name=action]').selectOption({ label: '更换评审组长' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/action=panel\.chair/);
	await expect(page.locator('tbody tr')).toHaveCount(1);
	// By person: the command line's entries only.
	await page.goto(`/c/${C}/audit`);
	await page.locator('select[name=person]').selectOption({ label: '命令行(e2e)' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByText('共 60 条')).toBeVisible();
	// A date range with nothing in it.
	await page.goto(`/c/${C}/audit?from=2099-01-01&to=2099-12-31`);
	await expect(page.getByText('没有符合条件的记录。')).toBeVisible();

	// Pages: 50 a page, newest first; the second page goes on with older ones.
	await page.goto(`/c/${C}/audit`);
	await expect(page.locator('tbody tr')).toHaveCount(50);
	const firstSeq = Number(await page.locator('tbody tr td').first().innerText());
	await page.getByRole('link', { name: '较早 ›' }).click();
	await expect(page).toHaveURL(/page=2/);
	const secondSeq = Number(await page.locator('tbody tr td').first().innerText());
	expect(secondSeq).toBe(firstSeq - 50);
	await page.screenshot({ path: `test-results/audit-log-${P}.png`, fullPage: true });

	// The CSV: one row per entry with both hashes, in Beijing time.
	const res = await page.request.get(`/c/${C}/export/audit`);
	expect(res.status()).toBe(200);
	const csv = await res.text();
	const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
	expect(lines[0]).toContain('前一条哈希');
	expect(lines[0]).toContain('本条哈希');
	expect(lines[0]).toContain('时间（北京时间）');
	const db = await e2eDb();
	const stored = await db.select().from(auditLog).where(eq(auditLog.campaignId, C)).orderBy(asc(auditLog.id));
	for (const s of [stored[0], stored.at(-1)!]) expect(csv).toContain(s.hash!);
});

test('an entry edited in the database turns the status to ✗ naming it', async ({ page }) => {
	const db = await e2eDb();
	const victim = (
		await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, C), eq(auditLog.action, 'note.add')))
			.orderBy(asc(auditLog.id))
	)[10];
	await db.$client.execute({
		sql: `update audit_log set "after" = '{"note":"改过了"}' where id = ?`,
		args: [victim.id]
	});
	try {
		await loginAs(page, `${P}-organizer`);
		await page.goto(`/c/${C}/audit`);
		await expect(page.getByTestId('chain-status')).toContainText(
			`✗ 第 ${victim.seq} 条起被改动（记录编号 ${victim.id}）`
		);
	} finally {
		await db.$client.execute({
			sql: `update audit_log set "after" = ? where id = ?`,
			args: [JSON.stringify(victim.after), victim.id]
		});
	}
	await page.reload();
	await expect(page.getByTestId('chain-status')).toContainText('✓ 链完整');
});

test('the chair is refused the log and its file; the observer reads the log, not the file', async ({ browser }) => {
	for (const who of [`${P}-chair`, `${P}-observer`]) {
		const ctx = await browser.newContext();
		const page = await ctx.newPage();
		await loginAs(page, who);
		if (who.endsWith('observer')) {
			// The observer lands on the campaign's progress page (评审进度).
			await expect(page).toHaveURL(new RegExp(`/c/${C}/progress$`));
			await expect(page.getByText('纪检监察').first()).toBeVisible();
		}
		const r = await page.goto(`/c/${C}/audit`);
		expect(r?.status(), who).toBe(who.endsWith('observer') ? 200 : 403);
		if (who.endsWith('observer')) {
			await expect(page.getByTestId('chain-status')).toContainText('✓ 链完整');
			await expect(page.getByRole('link', { name: '导出 CSV' })).toHaveCount(0);
		}
		expect((await page.request.get(`/c/${C}/export/audit`)).status(), who).toBe(403);
		await ctx.close();
	}
});
