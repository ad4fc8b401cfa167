// What an import would do, before it is confirmed: the check report of the campaign as it
// would be afterwards and how many records are new, changed or unchanged. Writes nothing.
import type { DB } from '../db';
import { dedupKey } from './candidates';
import { checkCampaign, channelQuotaFor, type CheckReport } from '../../domain/eligibility';
import { campaignRecords, type ImportPreview } from './intake';
import type { CampaignConfig, CandidateRecord, ChannelType } from '../../domain/types';

export interface MergeCounts {
	inserted: number;
	updated: number;
	unchanged: number;
}

/**
 * The records after an import: existing ones in their order, replaced in place by an imported
 * record with the same key (推荐单位 + 姓名 + 出生年月, as insertCandidates matches them), then
 * the new ones in file order. Pure.
 */
export function mergeForImport(
	existing: CandidateRecord[],
	incoming: CandidateRecord[]
): { records: CandidateRecord[]; counts: MergeCounts } {
	const records = [...existing];
	const at = new Map<string, number>();
	existing.forEach((r, i) => at.set(dedupKey(r), i));
	const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0 };
	for (const r of incoming) {
		const key = dedupKey(r);
		const i = at.get(key);
		if (i === undefined) {
			at.set(key, records.length);
			records.push(r);
			counts.inserted++;
		} else {
			if (JSON.stringify(records[i]) === JSON.stringify(r)) counts.unchanged++;
			else counts.updated++;
			records[i] = r;
		}
	}
	return { records, counts };
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
): { report: CheckReport; counts: MergeCounts; records: CandidateRecord[] } {
	const { records, counts } = mergeForImport(
		existing,
		preview.parsed.map((p) => p.record)
	);
	return { report: checkCampaign(configAfterImport(config, preview), records), counts, records };
}

/** One row of the channel table: the report's summary plus type and per-channel youth minimum. */
export interface ChannelRow {
	name: string;
	type: ChannelType | null;
	count: number;
	min: number;
	max: number;
	youth: number;
	minYouth: number;
	isNew?: boolean;
}

export interface CheckView {
	errors: CheckReport['errors'];
	warnings: CheckReport['warnings'];
	youthShare: number;
	youthShareMin: number;
	/** Candidates in the report (after the import, for a preview). */
	total: number;
	channels: ChannelRow[];
}

/**
 * A report in the shape the pages show. A channel's type comes from the campaign, else from the
 * records' 渠道类型 (channels the check learned from the file, as it does in checkCampaign). Pure.
 */
export function checkView(config: CampaignConfig, report: CheckReport, records: CandidateRecord[], newChannels: string[] = []): CheckView {
	const fresh = new Set(newChannels);
	const recordTypes = new Map<string, ChannelType>();
	for (const r of records) if (r.channelType && !recordTypes.has(r.channel)) recordTypes.set(r.channel, r.channelType);
	return {
		errors: report.errors,
		warnings: report.warnings,
		youthShare: report.youthShare,
		youthShareMin: config.youthShareMin,
		total: records.length,
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

/** A short row of the preview's sample table. */
export interface SampleRow {
	row: number;
	name: string;
	gender: string;
	birth: string;
	unit: string;
	klass: string;
	channel: string;
	grassroots: boolean;
	isNewChannel: boolean;
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
