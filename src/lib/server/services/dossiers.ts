// The anonymized dossier (评审材料) of a candidate, built in one place: the expert's page, the
// organizer's preview and `laurel dossier` all call these, so what the CLI prints is exactly
// what an expert sees.
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { campaigns, candidates } from '../db/schema';
import { buildDossier, expertDossier, type Dossier } from '../../domain/anonymity/anonymize';
import { compareReviewCodes } from '../../shared/review-codes';
import type { CampaignConfig } from '../../domain/types';
import { recordOf, type CandidateRow } from './candidates';
import { manualOf } from './candidate-edit';

export type ExpertDossier = ReturnType<typeof expertDossier>;

/** The dossier with the organizer's redaction list (originals): for the organizer's preview only. */
export function organizerDossier(
	row: CandidateRow,
	config: CampaignConfig,
	code = row.reviewCode ?? '未编号'
): Dossier {
	return buildDossier(recordOf(row), { code, referenceDate: config.referenceDate, manual: manualOf(row) });
}

/** The dossier exactly as an expert receives it. */
export function expertView(
	row: CandidateRow,
	config: CampaignConfig,
	code = row.reviewCode ?? '未编号'
): ExpertDossier {
	return expertDossier(organizerDossier(row, config, code));
}

async function configOfCampaign(db: DB, campaignId: string): Promise<CampaignConfig | null> {
	const c = (await db.select({ config: campaigns.config }).from(campaigns).where(eq(campaigns.id, campaignId)))[0];
	return c ? c.config : null;
}

/** The expert's view of the dossier behind a review code, or null for an unknown code. No access check: office and CLI only. */
export async function expertDossierByCode(db: DB, campaignId: string, code: string): Promise<ExpertDossier | null> {
	const config = await configOfCampaign(db, campaignId);
	if (!config) return null;
	const row = (
		await db
			.select()
			.from(candidates)
			.where(and(eq(candidates.campaignId, campaignId), eq(candidates.reviewCode, code)))
	)[0];
	return row ? expertView(row, config) : null;
}

/** Every coded dossier of the campaign as experts see them, in review-code order. */
export async function expertDossiersOfCampaign(db: DB, campaignId: string): Promise<ExpertDossier[]> {
	const config = await configOfCampaign(db, campaignId);
	if (!config) return [];
	const rows = (await db.select().from(candidates).where(eq(candidates.campaignId, campaignId))).filter(
		(r) => r.reviewCode
	);
	rows.sort((a, b) => compareReviewCodes(a.reviewCode!, b.reviewCode!));
	return rows.map((r) => expertView(r, config));
}
