// Server-side sort of the candidates list by any column (issue 12): ?sort=<column>&dir=asc|desc.
import { compareReviewCodes } from '$lib/shared/review-codes';

const SORT_COLUMNS = [
	'seq',
	'reviewCode',
	'name',
	'gender',
	'birth',
	'channel',
	'field',
	'grassroots',
	'problems',
	'status'
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface Sort {
	column: SortColumn;
	dir: 'asc' | 'desc';
}

export function parseSort(column: string | null, dir: string | null): Sort {
	const c = (SORT_COLUMNS as readonly string[]).includes(column ?? '') ? (column as SortColumn) : 'seq';
	return { column: c, dir: dir === 'desc' ? 'desc' : 'asc' };
}

interface Sortable {
	seq: number;
	reviewCode: string;
	name: string;
	gender: string;
	birth: string;
	channel: string;
	field: string;
	grassroots: boolean;
	errors: string[];
	warnings: string[];
	withdrawn: boolean;
}

const zh = new Intl.Collator('zh-CN');

function compare(a: Sortable, b: Sortable, column: SortColumn): number {
	switch (column) {
		case 'seq':
			return a.seq - b.seq;
		case 'reviewCode':
			return compareReviewCodes(a.reviewCode, b.reviewCode);
		case 'grassroots':
			return Number(a.grassroots) - Number(b.grassroots);
		// errors weigh more than warnings
		case 'problems':
			return a.errors.length * 1000 + a.warnings.length - (b.errors.length * 1000 + b.warnings.length);
		case 'status':
			return Number(a.withdrawn) - Number(b.withdrawn);
		case 'birth':
			return a.birth < b.birth ? -1 : a.birth > b.birth ? 1 : 0;
		default:
			return zh.compare(a[column], b[column]);
	}
}

/** Sorts in place; ties keep the 序号 order so that the list never shuffles. */
export function sortItems<T extends Sortable>(items: T[], sort: Sort): T[] {
	const sign = sort.dir === 'desc' ? -1 : 1;
	return items.sort((a, b) => sign * compare(a, b, sort.column) || a.seq - b.seq);
}
