// Bulk conflict decisions and a tie added by the candidate's name (issue 12).
import { test, expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { loginAs, logout } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';
import { candidates, conflicts, experts } from '../../src/lib/server/db/schema';

test('the chair confirms many ties at once but may not dismiss 回避-level ones; the office adds a tie by name', async ({
	page
}) => {
	test.setTimeout(120_000);
	const id = await seedReviewCampaign('cfb', 8, 30);
	const db = await e2eDb();
	await refreshDetectedConflicts(db, { id: null, name: 'e2e-seed' }, id);

	await loginAs(page, 'cfb-chair');
	await page.goto(`/c/${id}/conflicts?status=pending`);
	const hard = page
		.getByTestId('conflict-row')
		.filter({ has: page.getByTestId('severity').filter({ hasText: /^回避$/ }) });
	expect(await hard.count()).toBeGreaterThan(1);
	await hard.nth(0).getByRole('checkbox').check();
	await hard.nth(1).getByRole('checkbox').check();
	await expect(page.getByTestId('picked-count')).toHaveText('2');
	// a 回避-level tie is the office's to dismiss: the button is offered to no row the chair picked
	await expect(page.getByRole('button', { name: '批量排除' })).toBeDisabled();
	// forced anyway, the server refuses and changes nothing
	const origin = new URL(page.url()).origin;
	const ids = await Promise.all([0, 1].map((i) => hard.nth(i).getByRole('checkbox').getAttribute('value')));
	const forced = await page.request.post(`/c/${id}/conflicts?/decideMany`, {
		headers: { origin },
		form: { ids: ids[0]!, decision: 'dismissed', reason: '无关' }
	});
	// (an action's fail() answers 200 with the failure inside when JSON is acceptable)
	expect(await forced.text()).toContain('本次未做任何更改');
	expect((await db.select().from(conflicts).where(eq(conflicts.id, ids[0]!)))[0].status).toBe('pending');
	await page.getByPlaceholder('理由（排除时必填，对所选各条相同）').fill('同单位，确认回避');
	await page.getByRole('button', { name: '批量确认回避' }).click();
	await expect(page.getByRole('status')).toContainText('已确认回避 2 条');
	const rows = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.campaignId, id), eq(conflicts.status, 'confirmed')));
	expect(rows.filter((r) => ids.includes(r.id)).map((r) => r.decisionReason)).toEqual([
		'同单位，确认回避',
		'同单位，确认回避'
	]);
	await logout(page);

	await loginAs(page, 'cfb-organizer');
	await page.goto(`/c/${id}/conflicts`);
	const cand = (await db.select().from(candidates).where(eq(candidates.campaignId, id)))[3];
	const expert = (await db.select().from(experts).where(eq(experts.campaignId, id)))[0];
	await page.locator('#add-expert').selectOption(expert.id);
	await page.getByLabel('候选人姓名').fill(cand.name);
	await page.getByLabel('回避理由').fill('举报：师生关系');
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`已添加与候选人 ${cand.name}（${cand.reviewCode}）`);
	const added = await db
		.select()
		.from(conflicts)
		.where(and(eq(conflicts.expertId, expert.id), eq(conflicts.candidateId, cand.id), eq(conflicts.kind, 'organizer')));
	expect(added).toHaveLength(1);
});
