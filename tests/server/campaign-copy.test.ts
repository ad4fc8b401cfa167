// A new campaign from last year's (issue 12): settings, channels, rubric, panels, roster come along;
// candidates and scores do not; the year's dates are asked for, never kept.
import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { seedCampaign } from '../../src/lib/server/demo';
import { copyCampaign } from '../../src/lib/server/services/campaign-copy';
import {
	auditLog,
	campaigns,
	candidates,
	conflicts,
	experts,
	memberships,
	panelMembers,
	panels
} from '../../src/lib/server/db/schema';
import type { CampaignConfig } from '../../src/lib/domain/types';
import { refreshDetectedConflicts } from '../../src/lib/server/services/conflicts';

const C = 'old';
const actor = { id: null, name: '办公室' };
let db: DB;
let old: CampaignConfig;

beforeAll(async () => {
	db = await freshDb();
	await seedCampaign(db, { id: C, name: '2025年度活动', prefix: 'cp-', seed: 4, candidates: 12 });
	await refreshDetectedConflicts(db, actor, C);
	old = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0].config;
});

const input = (over: Partial<Parameters<typeof copyCampaign>[3]> = {}) => ({
	name: '2026年度活动',
	referenceDate: '2026-06-30',
	youthBornOnOrAfter: '',
	deadline: old.intake?.deadline ? '2026-05-20' : '',
	...over
});

describe('copy a campaign', () => {
	it('refuses to keep last year’s dates or name', async () => {
		expect(await copyCampaign(db, actor, C, input({ referenceDate: old.referenceDate }))).toMatchObject({
			ok: false,
			message: expect.stringContaining('本年度')
		});
		expect(await copyCampaign(db, actor, C, input({ referenceDate: '' }))).toMatchObject({ ok: false });
		expect(await copyCampaign(db, actor, C, input({ name: '2025年度活动' }))).toMatchObject({ ok: false });
		expect(await copyCampaign(db, actor, C, input({ youthBornOnOrAfter: '2026-02-30' }))).toMatchObject({ ok: false });
		expect(await copyCampaign(db, actor, 'nope', input())).toMatchObject({ ok: false });
	});

	it('copies settings, channels, rubric, panels and roster with the new dates; no candidates, scores or ties', async () => {
		const r = await copyCampaign(db, actor, C, input({ youthBornOnOrAfter: '1981-07-01' }));
		if (!r.ok) throw new Error(r.message);
		const row = (await db.select().from(campaigns).where(eq(campaigns.id, r.id)))[0];
		const config = row.config;
		expect(row.status).toBe('setup');
		expect(config.referenceDate).toBe('2026-06-30');
		expect(config.intake?.youthBornOnOrAfter).toBe('1981-07-01');
		expect(config.channels).toEqual(old.channels);
		expect(config.rubric).toEqual(old.rubric);
		expect(config.tiers).toEqual(old.tiers);
		const oldExperts = await db.select().from(experts).where(eq(experts.campaignId, C));
		const newExperts = await db.select().from(experts).where(eq(experts.campaignId, r.id));
		expect(newExperts.map((e) => e.name).sort()).toEqual(oldExperts.map((e) => e.name).sort());
		expect(newExperts.every((e) => e.declaredAt === null)).toBe(true);
		const newPanels = await db.select().from(panels).where(eq(panels.campaignId, r.id));
		expect(newPanels.length).toBe((await db.select().from(panels).where(eq(panels.campaignId, C))).length);
		const members = await db
			.select()
			.from(panelMembers)
			.innerJoin(panels, eq(panels.id, panelMembers.panelId))
			.where(eq(panels.campaignId, r.id));
		expect(members.length).toBeGreaterThan(0);
		expect(members.every((m) => newExperts.some((e) => e.id === m.panel_members.expertId))).toBe(true);
		// expert accounts are members of the new campaign
		const ms = await db.select().from(memberships).where(eq(memberships.campaignId, r.id));
		expect(ms.filter((m) => m.role === 'expert').length).toBeGreaterThan(0);
		expect(await db.select().from(candidates).where(eq(candidates.campaignId, r.id))).toHaveLength(0);
		expect(await db.select().from(conflicts).where(eq(conflicts.campaignId, r.id))).toHaveLength(0);
		const log = await db.select().from(auditLog).where(eq(auditLog.campaignId, r.id));
		expect(log.map((l) => l.action)).toEqual(['campaign.copy']);
		expect(log[0].before).toMatchObject({ from: C, referenceDate: old.referenceDate });
	});
});
