import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { configOf } from '$lib/server/services/campaigns';
import { candidateList } from '$lib/server/services/candidate-list';
import { classLabel } from '$lib/domain/intake/form-context';
import { parseSort, sortItems } from './sort';
import { pageWindow } from '$lib/shared/paging';

/** Candidates per page: the office's master list, longer than the other lists' 50. */
const CANDIDATE_PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const config = configOf(campaign);
	// every nomination with its check problems, kept while nothing the check reads changes
	const list = await candidateList(await getDb(), campaign);
	const all = list.items;

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
		withdrawn: list.withdrawn,
		withProblems: list.withProblems,
		summary: {
			youth: items.filter((c) => c.youth).length,
			women: items.filter((c) => c.gender === '女').length,
			grassroots: items.filter((c) => c.grassroots).length
		},
		options: { channels: list.channels, fields: list.fields, classLabel: classLabel(config.classification) },
		youthAge: config.youthAge,
		referenceDate: config.referenceDate
	};
};
