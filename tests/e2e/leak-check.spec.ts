// The organizer's leak check on the dossier preview: forms the redactor handles are gone from the
// expert's side, and what it misses shows as a warning from the independent detector, which the
// organizer can accept with 保留原文. Works on a campaign of its own.
import { test, expect } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { loginAs } from './helpers';
import { e2eDb, seedReviewCampaign } from './fixtures';
import { candidates } from '../../src/lib/server/db/schema';
import type { CandidateRecord } from '../../src/lib/domain/types';

test('the preview hides forms of address and abbreviations, and warns about a form the redactor does not know', async ({
	page
}) => {
	const campaign = await seedReviewCampaign('leak', 7, 12);
	const db = await e2eDb();
	const row = (await db.select().from(candidates).where(eq(candidates.campaignId, campaign)))[0];
	const rec = row.record as CandidateRecord;
	const surname = rec.name[0];
	// 范导 is a form the redactor knows; 范教头 is not — the detector must show it.
	const extra = `学生们都叫他${surname}导。大家也喊他${surname}教头。`;
	await db
		.update(candidates)
		.set({ record: { ...rec, deeds: `${rec.deeds ?? ''}${extra}` } })
		.where(eq(candidates.id, row.id));

	await loginAs(page, 'leak-organizer');
	await page.goto(`/c/${campaign}/candidates/${row.id}/dossier`);
	const expert = page.getByTestId('expert-side');
	await expect(expert).toContainText('学生们都叫他【候选人】。');
	await expect(expert).not.toContainText(`${surname}导`);
	await expect(expert).toContainText(`${surname}教头`);
	await expect(page.getByTestId('no-leaks')).toBeVisible(); // nothing certain …
	const suspects = page.getByTestId('leak-suspects');
	await expect(suspects).toContainText(`“${surname}教”`); // … but a suspect, with its context
	await expect(suspects).toContainText('称呼');

	// The organizer decides: redact it by hand, and the warning goes.
	await page.getByLabel(/^手工隐去/).fill(`${surname}教头`);
	await page.getByRole('button', { name: '隐去', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: `已设置隐去“${surname}教头”` })).toBeVisible();
	await expect(expert).not.toContainText(`${surname}教头`);
	await expect(page.locator('[data-testid="leak-suspects"]', { hasText: `“${surname}教”` })).toHaveCount(0);
});
