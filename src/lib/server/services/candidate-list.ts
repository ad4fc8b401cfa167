// The office's candidate pages at national scale (issue 16): the list of all nominations with the
// eligibility check's problems of each, the problems of one nomination, and the 推荐单位 the form
// offers. The list is computed once per state of the nominations (check-cache.ts); one nomination's
// problems come from the few records that can share them, not from a check of all 5,000.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates } from '../db/schema';
import { memoByIntake, type CampaignKey } from './check-cache';
import { listCandidateRows, recordOf, reviewField, type CandidateRow } from './candidates';
import { checkCampaign } from '../../domain/intake/eligibility';
import { isYouth } from '../../domain/intake/age';
import { formatBirth } from '../../domain/intake/nomination-format';
import { personKey } from '../../domain/intake/match';
import type { CheckIssue, ChannelType } from '../../domain/types';

export interface CandidateListItem {
	id: string;
	seq: number;
	reviewCode: string;
	name: string;
	gender: string;
	birth: string;
	youth: boolean;
	channel: string;
	unit: string;
	field: string;
	grassroots: boolean;
	errors: string[];
	warnings: string[];
	withdrawn: boolean;
	withdrawnReason: string;
}

export interface CandidateList {
	/** every nomination in 序号 order; shared between views: read only */
	items: readonly CandidateListItem[];
	/** the 推荐单位 and fields found, for the filters */
	channels: string[];
	fields: string[];
	withdrawn: number;
	withProblems: number;
}

const issueKey = (name: string, channel: string | undefined) => `${name.trim()}|${(channel ?? '').trim()}`;

/**
 * Every nomination with the problems the eligibility check finds for it, by candidate name + 推荐单位
 * (the check names both); a nomination 不予受理 is not checked (it left the counts).
 */
export function candidateList(db: DB, campaign: CampaignKey): Promise<CandidateList> {
	return memoByIntake(db, campaign, 'list', async () => {
		const config = campaign.config;
		const rows = await listCandidateRows(db, campaign.id);
		const records = rows.map(recordOf);
		const report = checkCampaign(
			config,
			records.filter((_, i) => !rows[i].withdrawnAt)
		);
		const issues = new Map<string, { errors: string[]; warnings: string[] }>();
		const file = (list: CheckIssue[], kind: 'errors' | 'warnings') => {
			for (const i of list) {
				if (!i.candidate) continue;
				const key = issueKey(i.candidate, i.channel);
				const entry = issues.get(key) ?? { errors: [], warnings: [] };
				entry[kind].push(i.message);
				issues.set(key, entry);
			}
		};
		file(report.errors, 'errors');
		file(report.warnings, 'warnings');
		const none = { errors: [], warnings: [] };
		const items: CandidateListItem[] = rows.map((row, i) => {
			const r = records[i];
			const withdrawn = !!row.withdrawnAt;
			const found = (!withdrawn && issues.get(issueKey(r.name, r.channel))) || none;
			return {
				id: row.id,
				seq: row.seq,
				reviewCode: row.reviewCode ?? '',
				name: r.name,
				gender: r.gender,
				birth: formatBirth(r.birth ?? ''),
				youth: isYouth(r.birth, config.referenceDate, config.youthAge, config.intake?.youthBornOnOrAfter),
				channel: r.channel,
				unit: r.unitAndTitle ?? '',
				field: reviewField(r),
				grassroots: !!r.grassroots,
				errors: found.errors,
				warnings: found.warnings,
				withdrawn,
				withdrawnReason: row.withdrawnReason ?? ''
			};
		});
		const channelOrder = new Map(config.channels.map((c, i) => [c.name, i]));
		const channels = [...new Set(items.map((c) => c.channel))].sort(
			(a, b) => (channelOrder.get(a) ?? 1e6) - (channelOrder.get(b) ?? 1e6) || a.localeCompare(b, 'zh-CN')
		);
		return {
			items,
			channels,
			fields: [...new Set([...config.fields, ...items.map((c) => c.field)])],
			withdrawn: items.filter((c) => c.withdrawn).length,
			withProblems: items.filter((c) => c.errors.length + c.warnings.length > 0).length
		};
	});
}

/**
 * The problems the candidates list shows for one nomination, without checking all of them. The
 * list files a problem under the candidate name + 推荐单位 it names; a problem that names one comes
 * from a record of that name (its own fields) or from a duplicate group (the same person, match.ts
 * personKey) whose first row has that name. So the check of the records of that name and of every
 * person key among them, whole groups and in 序号 order, names this nomination exactly as the check
 * of all does; quotas and shares name no candidate. A nomination 不予受理 is not checked.
 */
export async function candidateIssues(
	db: DB,
	campaign: CampaignKey,
	row: Pick<CandidateRow, 'record' | 'withdrawnAt'>
): Promise<{ errors: string[]; warnings: string[] }> {
	const record = recordOf(row);
	if (row.withdrawnAt) return { errors: [], warnings: [] };
	// the columns hold the record's 姓名 and 出生年月 (every writer sets both from it)
	const standing = await db
		.select({ id: candidates.id, name: candidates.name, birth: candidates.birth })
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaign.id), isNull(candidates.withdrawnAt)));
	const name = record.name.trim();
	const sameName = standing.filter((c) => c.name.trim() === name);
	const persons = new Set(sameName.map(personKey).filter((k) => k !== null));
	const ids = standing.filter((c) => c.name.trim() === name || persons.has(personKey(c) ?? '')).map((c) => c.id);
	if (!ids.length) return { errors: [], warnings: [] };
	const subset = await db
		.select({ record: candidates.record })
		.from(candidates)
		.where(and(eq(candidates.campaignId, campaign.id), inArray(candidates.id, ids)))
		.orderBy(asc(candidates.seq));
	const report = checkCampaign(campaign.config, subset.map(recordOf));
	const mine = (i: CheckIssue) => i.candidate === name && (i.channel ?? '') === record.channel.trim();
	return {
		errors: report.errors.filter(mine).map((i) => i.message),
		warnings: report.warnings.filter(mine).map((i) => i.message)
	};
}

/** A 推荐单位 an import brought in with its 渠道类型 (counted as a channel of that type by the check). */
export interface ImportedChannel {
	name: string;
	type: ChannelType;
}

/**
 * The 推荐单位 imports brought in with a 渠道类型, first type given (in 序号 order) for each: two
 * fields of each record, taken out by SQLite instead of parsing every record here.
 */
export function importedChannels(db: DB, campaign: CampaignKey): Promise<ImportedChannel[]> {
	return memoByIntake(db, campaign, 'channels', async () => {
		const rows = await db.all<{ channel: unknown; type: unknown }>(sql`
			SELECT record ->> '$.channel' AS channel, record ->> '$.channelType' AS type FROM candidates
			WHERE campaign_id = ${campaign.id} AND coalesce(record ->> '$.channelType', '') <> ''
			ORDER BY seq`);
		const out = new Map<string, ChannelType>();
		for (const r of rows) {
			const name = typeof r.channel === 'string' ? r.channel.trim() : '';
			if (name && !out.has(name) && r.type) out.set(name, r.type as ChannelType);
		}
		return [...out].map(([name, type]) => ({ name, type }));
	});
}
