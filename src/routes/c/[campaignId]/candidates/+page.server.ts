import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { listCandidateRows, recordOf, reviewField } from '$lib/server/services/candidates';
import { checkCampaign } from '$lib/domain/intake/eligibility';
import { isYouth } from '$lib/domain/intake/age';
import { formatBirth } from '$lib/domain/intake/nomination-format';
import { classLabel } from '$lib/domain/intake/form-context';
import type { CheckIssue } from '$lib/domain/types';
import { parseSort, sortItems } from './sort';
import { pageWindow } from '$lib/shared/paging';

/** Candidates per page: the office's master list, longer than the other lists' 50. */
const CANDIDATE_PAGE_SIZE = 100;

const issueKey = (name: string, channel: string | undefined) => `${name.trim()}|${(channel ?? '').trim()}`;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const db = await getDb();
	const config = configOf(campaign);
	const rows = await listCandidateRows(db, campaign.id);
	const records = rows.map(recordOf);

	// Problems of the eligibility check, by candidate name + 推荐单位 (the check names both);
	// a nomination 不予受理 is not checked (it left the counts).
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

	const all = rows.map((row, i) => {
		const r = records[i];
		const withdrawn = !!row.withdrawnAt;
		const found = (!withdrawn && issues.get(issueKey(r.name, r.channel))) || { errors: [], warnings: [] };
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

	const p = event.url.searchParams;
	const filters = {
		channel: p.get('channel') ?? '',
		field: p.get('field') ?? '',
		youth: p.get('youth') ?? '',
		gender: p.get('gender') ?? '',
		grassroots: p.get('grassroots') ?? '',
		problems: p.get('problems') ?? '',
		q: (p.get('q') ?? '').trim()
	};
	const q = filters.q.replace(/\s+/g, '').toLowerCase();
	const items = all.filter(
		(c) =>
			(!filters.channel || c.channel === filters.channel) &&
			(!filters.field || c.field === filters.field) &&
			(!filters.youth || c.youth === (filters.youth === '是')) &&
			(!filters.gender || c.gender === filters.gender) &&
			(!filters.grassroots || c.grassroots === (filters.grassroots === '是')) &&
			(!filters.problems || c.errors.length + c.warnings.length > 0) &&
			(!q || [c.name, c.unit, c.reviewCode].some((s) => s.replace(/\s+/g, '').toLowerCase().includes(q)))
	);

	const sort = parseSort(p.get('sort'), p.get('dir'));
	sortItems(items, sort);

	const channelOrder = new Map(config.channels.map((c, i) => [c.name, i]));
	const channels = [...new Set(all.map((c) => c.channel))].sort(
		(a, b) => (channelOrder.get(a) ?? 1e6) - (channelOrder.get(b) ?? 1e6) || a.localeCompare(b, 'zh-CN')
	);
	const fields = [...new Set([...config.fields, ...all.map((c) => c.field)])];
	// one page of the filtered, sorted list (?page=…); the counts and the summary cover all of it
	const window = pageWindow(p.get('page'), items.length, CANDIDATE_PAGE_SIZE);
	return {
		filters,
		sort,
		filtered: Object.entries(filters).some(([, v]) => v !== ''),
		items: items.slice(window.offset, window.offset + window.size),
		shown: items.length,
		window,
		total: all.length,
		withdrawn: all.filter((c) => c.withdrawn).length,
		withProblems: all.filter((c) => c.errors.length + c.warnings.length > 0).length,
		summary: {
			youth: items.filter((c) => c.youth).length,
			women: items.filter((c) => c.gender === '女').length,
			grassroots: items.filter((c) => c.grassroots).length
		},
		options: { channels, fields, classLabel: classLabel(config.classification) },
		youthAge: config.youthAge,
		referenceDate: config.referenceDate
	};
};
