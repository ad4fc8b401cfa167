// Review codes as the import gives them: a seeded random permutation per field, seed audited.
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import { auditLog, candidates } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { insertCandidates } from '../../src/lib/server/services/candidates';
import { presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { assignReviewCodes } from '../../src/lib/domain/anonymity/review-codes';
import { sortReviewCodes } from '../../src/lib/shared/review-codes';

const ACTOR: Actor = { id: null, name: '测试' };

describe('review codes on import', () => {
	it('are not in file order, and the audited seed replays them exactly', async () => {
		const db = await freshDb();
		const r = await createCampaign(db, ACTOR, { presetId: 'guangxi-2024', name: '编号' });
		if (!r.ok) throw new Error(r.message);
		const config = presetConfig('guangxi-2024');
		const records = generateCandidates(config, 60, 11);
		await db.transaction((tx) => insertCandidates(tx, ACTOR, r.id, config, records));
		const rows = await db.select().from(candidates).where(eq(candidates.campaignId, r.id)).orderBy(asc(candidates.seq));
		const byField = new Map<string, string[]>();
		for (const row of rows) byField.set(row.field!, [...(byField.get(row.field!) ?? []), row.reviewCode!]);
		const biggest = [...byField.values()].sort((a, b) => b.length - a.length)[0];
		expect(biggest.length).toBeGreaterThanOrEqual(6);
		// In file order the codes of a field are not 01, 02, 03 …
		expect(biggest).not.toEqual(sortReviewCodes(biggest));

		const entries = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.campaignId, r.id), eq(auditLog.action, 'candidate.codes_assigned')));
		expect(entries).toHaveLength(1);
		const after = entries[0].after as { seed: string; codes: { id: string; code: string }[] };
		expect(after.seed).toMatch(/^[0-9a-f]{32}$/);
		const replay = assignReviewCodes(
			rows.map((x) => ({ id: x.id, field: x.field!, key: String(x.seq).padStart(8, '0') })),
			undefined,
			after.seed
		);
		for (const row of rows) expect(replay.get(row.id)).toBe(row.reviewCode);
		expect(Object.fromEntries(after.codes.map((c) => [c.id, c.code]))).toEqual(
			Object.fromEntries(rows.map((x) => [x.id, x.reviewCode]))
		);
	});
});
