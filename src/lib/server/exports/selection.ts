// The shortlist and the 汇总表 of the winners, from the locked selection (or the latest run).
import { eq } from 'drizzle-orm';
import { campaigns } from '../db/schema';
import type { ExportOptions } from './';
import { latestSelection, lockedSelection, selectionRows } from '../services/selection';
import { recordOf } from '../services/candidates';
import { toCsv } from '../../domain/formats/csv-safe';
import {
	NATIONAL_SHEET,
	SUMMARY_HEADERS,
	sheetsToCsv,
	summarySheets,
	type SheetPerson
} from '../../domain/notice/summary-sheet';
import type { CampaignConfig, CandidateRecord, SummarySheetSpec } from '../../domain/types';
import { formatBirth } from '../../domain/intake/nomination-format';
import type { DB } from '../db';

async function winners(db: DB, campaignId: string) {
	const sel = (await lockedSelection(db, campaignId)) ?? (await latestSelection(db, campaignId));
	if (!sel) return null;
	const outcome = sel.result;
	if (!outcome.ok) return null;
	const input = sel.input;
	// a locked run carries its lock-time snapshot of the records (selection.ts `selectionRows`)
	const byId = await selectionRows(db, campaignId, sel);
	const scoreOf = new Map(input.pool.map((c) => [c.id, c.score]));
	return { sel, outcome, byId, scoreOf };
}

export async function shortlistCsv(db: DB, campaignId: string): Promise<string> {
	const w = await winners(db, campaignId);
	const headers = [
		'名次',
		'称号',
		'评审编号',
		'姓名',
		'性别',
		'出生年月',
		'工作单位及职务职称',
		'推荐单位',
		'推荐领域',
		'得分',
		'入选依据',
		'结果状态'
	];
	if (!w) return toCsv(headers, []);
	const out: (string | number)[][] = [];
	for (const tier of w.outcome.tiers) {
		const why = new Map(tier.explanation.map((e) => [e.candidate, e.text]));
		tier.selected.forEach((id, i) => {
			const row = w.byId.get(id);
			if (!row) return;
			const rec = recordOf(row);
			out.push([
				i + 1,
				tier.name,
				row.reviewCode ?? '',
				rec.name,
				rec.gender,
				formatBirth(rec.birth),
				rec.unitAndTitle,
				rec.channel,
				row.field ?? '',
				w.scoreOf.get(id) ?? '',
				why.get(id) ?? '按得分排序入选',
				w.sel.state === 'locked' ? '已锁定' : '草案'
			]);
		});
	}
	return toCsv(headers, out);
}

/** The office that compiles and sends a sheet: the host that is a 科协 (the 活动办公室 sits there). */
const sender = (config: CampaignConfig) => config.hosts.find((h) => h.includes('科协')) ?? config.hosts[0] ?? '';

const sheetOf = (config: CampaignConfig, name: string): SummarySheetSpec =>
	config.summarySheet ?? { ...NATIONAL_SHEET, title: `${name}${NATIONAL_SHEET.title}` };

// The 汇总表 of the final list: each person once (a tier drawn from another tier's winners is the
// `upper` export, not a second copy here); 备注 names the tier where the notice's sheet has 备注.
export async function summaryCsv(
	db: DB,
	campaignId: string,
	config: CampaignConfig,
	options: ExportOptions
): Promise<string> {
	const spec = sheetOf(config, await campaignName(db, campaignId));
	const headers = spec.columns.map((c) => SUMMARY_HEADERS[c]);
	const w = await winners(db, campaignId);
	if (!w) return sheetsToCsv([], headers);
	const input = w.sel.input;
	const main = new Set(input.tiers.filter((t) => !t.subsetOf).map((t) => t.name));
	const people: SheetPerson[] = [];
	for (const tier of w.outcome.tiers) {
		if (!main.has(tier.name)) continue;
		for (const id of tier.selected) {
			const row = w.byId.get(id);
			if (row)
				people.push({
					record: recordOf(row),
					remarks: main.size > 1 || spec.columns.includes('remarks') ? tier.name : undefined
				});
		}
	}
	return sheetsToCsv(summarySheets(spec, people, options.by ?? 'all', sender(config)), headers);
}

// Those recommended to the upper round, as the sheet the office sends up (推荐单位: the office).
/** The candidates recommended to the upper round (tiers that are a subset), in tier then selection order. */
export async function upperRecords(
	db: DB,
	campaignId: string,
	config: CampaignConfig
): Promise<CandidateRecord[] | null> {
	const upper = config.tiers.filter((t) => t.subsetOf);
	// a campaign that sends nobody up (广西) has nobody to list: the page offers no link for it
	if (!upper.length) return [];
	const w = await winners(db, campaignId);
	if (!w) return null;
	const names = new Set(upper.map((t) => t.name));
	const seen = new Set<string>();
	const people: CandidateRecord[] = [];
	for (const tier of w.outcome.tiers) {
		if (!names.has(tier.name)) continue;
		for (const id of tier.selected) {
			const row = w.byId.get(id);
			if (!row || seen.has(id)) continue;
			seen.add(id);
			people.push(recordOf(row));
		}
	}
	return people;
}

export async function upperCsv(
	db: DB,
	campaignId: string,
	config: CampaignConfig,
	options: ExportOptions
): Promise<string> {
	const upper = config.tiers.filter((t) => t.subsetOf);
	const records = await upperRecords(db, campaignId, config);
	const spec = sheetOf(config, await campaignName(db, campaignId));
	const headers = spec.columns.map((c) => SUMMARY_HEADERS[c]);
	if (!records || !upper.length) return sheetsToCsv([], headers);
	const people: SheetPerson[] = records.map((record) => ({ record, remarks: '' }));
	const title = spec.upperTitle ?? `${upper[0].name}人选汇总表`;
	return sheetsToCsv(summarySheets(spec, people, options.by ?? 'all', sender(config), title), headers);
}

async function campaignName(db: DB, campaignId: string): Promise<string> {
	return (await db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, campaignId)))[0]?.name ?? '';
}
