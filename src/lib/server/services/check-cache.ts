// What the check page and the candidate lists compute from all of a campaign's nominations (the
// eligibility report: ~0.5 s at 5,000 nominations), kept between views (issue 16) and never stale.
//
// “No state lives in process memory” (two server processes may share one database): an entry is
// kept here only under the campaign's intake version, a counter that triggers move in the same
// transaction as every change to what the check reads — candidates, their attachments, accepted
// warnings (migration 0015_intake_versions) — whichever process or client writes it, plus the
// campaign's own settings. The version is read on every view; a change anywhere gives a new key.
//
// Why an entry never holds older data than its key: the version is read BEFORE the data. Data read
// after version v is at least as new as v; if it is newer, the counter has moved past v, and v is
// never asked for again. (Versions only grow: a rolled-back change takes its count back with it.)
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { intakeVersions } from '../db/schema';
import type { CampaignConfig } from '../../domain/types';
import { memoByVersion } from '../db/versioned-memo';

/** The campaign as every page has it (authz's row): its id, settings and creation time. */
export interface CampaignKey {
	id: string;
	config: CampaignConfig;
	createdAt: number;
}

/** The campaign's intake version (0 before its first nomination). */
export async function intakeVersion(db: DB, campaignId: string): Promise<number> {
	const [row] = await db
		.select({ version: intakeVersions.version })
		.from(intakeVersions)
		.where(eq(intakeVersions.campaignId, campaignId));
	return row?.version ?? 0;
}

/**
 * `compute()` once per state of the campaign's nominations and settings (db/versioned-memo.ts);
 * what it hands out is frozen (copy before sorting or slicing).
 */
export async function memoByIntake<T>(
	db: DB,
	campaign: CampaignKey,
	kind: 'check' | 'list' | 'channels',
	compute: () => Promise<T>
): Promise<T> {
	const version = await intakeVersion(db, campaign.id);
	const settings = createHash('sha256').update(JSON.stringify(campaign.config)).digest('base64url');
	return memoByVersion(db, `intake|${kind}|${campaign.id}`, `${version}|${campaign.createdAt}|${settings}`, compute);
}
