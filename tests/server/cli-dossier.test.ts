// `laurel dossier`: the dossier exactly as an expert sees it, run as a separate process.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { buildDossier, expertDossier } from '../../src/lib/domain/anonymity/anonymize';
import { sortReviewCodes } from '../../src/lib/shared/review-codes';
import { openDatabase } from '../../src/lib/server/db';
import { candidates } from '../../src/lib/server/db/schema';
import { cliSandbox } from '../support/cli';

const { dir, url, laurel } = cliSandbox('cli-dossier');

const config = presetConfig('guangxi-2024');
const records = generateCandidates(config, 12, 7);
let campaign = '';

beforeAll(() => {
	const file = join(dir, 'n.csv');
	writeFileSync(file, toNominationCsv(records));
	const c = laurel('campaign', 'create', '--preset', 'guangxi-2024', '--name', '材料');
	campaign = JSON.parse(c.stdout).campaign;
	const i = laurel('import-candidates', '--campaign', campaign, '--file', file);
	if (i.code !== 0) throw new Error(i.stdout + i.stderr);
}, 120_000);

describe('laurel dossier', { timeout: 120_000 }, () => {
	it('--code prints the expert view built by the expert page function; --all every dossier in code order', async () => {
		const db = await openDatabase(url);
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, campaign));
		const row = rows[0];
		const r = laurel('dossier', '--campaign', campaign, '--code', row.reviewCode!);
		expect(r.code).toBe(0);
		const printed = JSON.parse(r.stdout);
		const expected = expertDossier(
			buildDossier(row.record, { code: row.reviewCode!, referenceDate: config.referenceDate })
		);
		expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(printed.redactions).toBeUndefined();
		expect(r.stdout).not.toContain(row.name);

		const all = laurel('dossier', '--campaign', campaign, '--all');
		expect(all.code).toBe(0);
		const list = JSON.parse(all.stdout) as { code: string }[];
		expect(list.map((d) => d.code)).toEqual(sortReviewCodes(rows.map((x) => x.reviewCode!)));
		for (const x of rows) expect(all.stdout).not.toContain(x.name);
	});

	it('refuses an unknown code, a missing choice and an unknown campaign with exit 2', () => {
		const unknown = laurel('dossier', '--campaign', campaign, '--code', '前沿-999');
		expect(unknown.code).toBe(2);
		expect(JSON.parse(unknown.stdout)).toMatchObject({ error: 'UNKNOWN_CODE' });
		const neither = laurel('dossier', '--campaign', campaign);
		expect(neither.code).toBe(2);
		expect(JSON.parse(neither.stdout).error).toBe('BAD_INPUT');
		const both = laurel('dossier', '--campaign', campaign, '--all', '--code', 'x');
		expect(both.code).toBe(2);
		const noCampaign = laurel('dossier', '--campaign', 'nope', '--all');
		expect(noCampaign.code).toBe(2);
		expect(JSON.parse(noCampaign.stdout).error).toBe('UNKNOWN_CAMPAIGN');
	});
});
