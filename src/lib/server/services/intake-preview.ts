// What an import would do, before it is confirmed: the check report of the campaign as it
// would be afterwards and how many records are new, changed or unchanged. Writes nothing.
import type { DB } from '../db';
import { checkCampaign, channelQuotaFor, type CheckReport } from '../../domain/intake/eligibility';
import { matchRecords, recordChanges } from '../../domain/intake/match';
import { campaignRecords, type ImportPreview } from './intake';
import type { CampaignConfig, CandidateRecord, ChannelType } from '../../domain/types';
import type { ChannelRow, CheckView, SampleRow } from '../../shared/intake-views';

export type { ChannelRow, CheckView, SampleRow };

export interface MergeCounts {
	inserted: number;
	updated: number;
	unchanged: number;
}

/** A stored nomination the import changes, with the fields that differ (shown in the preview). */
export interface RecordChange {
	row?: number;
	name: string;
	channel: string;
	fields: { label: string; before: string; after: string }[];
}

/**
 * The records after an import: existing ones in their order, replaced in place by the imported
 * record that updates them (matchRecords, as insertCandidates matches them), then the new ones in
 * file order. Pure.
 */
function mergeForImport(
	existing: CandidateRecord[],
	incoming: CandidateRecord[],
	rows?: number[]
): { records: CandidateRecord[]; counts: MergeCounts; changes: RecordChange[] } {
	const records = [...existing];
	const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0 };
	const changes: RecordChange[] = [];
	const matched = matchRecords(existing, incoming);
	incoming.forEach((r, j) => {
		const i = matched[j];
		if (i === null) {
			records.push(r);
			counts.inserted++;
		} else {
			if (JSON.stringify(records[i]) === JSON.stringify(r)) counts.unchanged++;
			else {
				counts.updated++;
				const change: RecordChange = { name: r.name, channel: r.channel, fields: recordChanges(existing[i], r) };
				if (rows?.[j] !== undefined) change.row = rows[j];
				changes.push(change);
			}
			records[i] = r;
		}
	});
	return { records, counts, changes };
}

/** The campaign's configuration once the file's new channels (渠道类型) are added. Pure. */
export function configAfterImport(config: CampaignConfig, preview: Pick<ImportPreview, 'newChannels'>): CampaignConfig {
	if (!preview.newChannels.length) return config;
	return { ...config, channels: [...config.channels, ...preview.newChannels] };
}

/** The check report as it would be after importing the parsed rows. Pure. */
export function projectedCheck(
	config: CampaignConfig,
	existing: CandidateRecord[],
	preview: Pick<ImportPreview, 'newChannels' | 'parsed'>
): { report: CheckReport; counts: MergeCounts; records: CandidateRecord[]; changes: RecordChange[] } {
	const { records, counts, changes } = mergeForImport(
		existing,
		preview.parsed.map((p) => p.record),
		preview.parsed.map((p) => p.row)
	);
	return { report: checkCampaign(configAfterImport(config, preview), records), counts, records, changes };
}

/**
 * A report in the shape the pages show. A channel's type comes from the campaign, else from the
 * records' 渠道类型 (channels the check learned from the file, as it does in checkCampaign). Pure.
 */
export function checkView(
	config: CampaignConfig,
	report: CheckReport,
	records: CandidateRecord[],
	newChannels: string[] = []
): CheckView {
	const fresh = new Set(newChannels);
	const recordTypes = new Map<string, ChannelType>();
	for (const r of records) if (r.channelType && !recordTypes.has(r.channel)) recordTypes.set(r.channel, r.channelType);
	return {
		errors: report.errors,
		warnings: report.warnings,
		youthShare: report.youthShare,
		youthShareMin: config.youthShareMin,
		total: records.length,
		youthCutoffText: report.youthCutoffText,
		youthCutoffBasis: config.intake?.youthBornOnOrAfter ? '活动办公室设定' : config.intake?.youthCutoffBasis,
		youthCutoffSetByOffice: Boolean(config.intake?.youthBornOnOrAfter),
		notes: report.notes ?? [],
		checklists: report.checklists,
		channels: report.channels.map((c) => {
			const known = channelQuotaFor(config, c.name);
			const type = known.type ?? recordTypes.get(c.name) ?? null;
			const q = known.type || !type ? known : channelQuotaFor(config, { name: c.name, type });
			const row: ChannelRow = { ...c, type, minYouth: q.minYouth };
			if (fresh.has(c.name)) row.isNew = true;
			return row;
		})
	};
}

export function sampleRows(preview: Pick<ImportPreview, 'parsed'>, limit = 20): SampleRow[] {
	return preview.parsed.slice(0, limit).map((p) => ({
		row: p.row,
		name: p.record.name,
		gender: p.record.gender,
		birth: p.record.birth,
		unit: p.record.unitAndTitle,
		klass: p.record.group || p.record.field || '',
		channel: p.record.channel,
		grassroots: p.record.grassroots,
		isNewChannel: Boolean(p.newChannel)
	}));
}

/** The records a campaign holds now, for projectedCheck. */
export async function currentRecords(db: DB, campaignId: string): Promise<CandidateRecord[]> {
	return campaignRecords(db, campaignId);
}
