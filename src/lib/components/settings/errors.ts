// Errors of the settings form by input path, and the aria attributes that tie them to inputs.
import { inputId } from '$lib/domain/notice/config-draft';

export type ErrorMap = Record<string, string[]>;

export function toErrorMap(list: { path: string; message: string }[] | null | undefined): ErrorMap {
	const map: ErrorMap = {};
	for (const e of list ?? []) (map[e.path] ??= []).push(e.message);
	return map;
}

/** Messages of a table row: the row itself (`channelQuotas[1]`) and each of its inputs. */
export function rowMessages(map: ErrorMap, row: string): string[] {
	return Object.entries(map)
		.filter(([p]) => p === row || p.startsWith(`${row}.`))
		.flatMap(([, m]) => m);
}

export const errorId = (path: string) => `${inputId(path)}-err`;

/**
 * aria-invalid/-describedby for an input; in a table the message sits in the row's error line.
 * `rowLevel`: whether an error of the whole row (e.g. min > max) concerns this input too.
 */
export function aria(map: ErrorMap, path: string, row?: string, rowLevel = true): Record<string, string> {
	if (!map[path] && !(row && rowLevel && map[row])) return {};
	return { 'aria-invalid': 'true', 'aria-describedby': errorId(row ?? path) };
}

const SECTIONS: [RegExp, string][] = [
	[/^(name|level|region|hosts|document|referenceDate)$/, '基本信息'],
	[/^(classification|fields)/, '推荐领域'],
	[/^channelQuotas/, '推荐渠道名额'],
	[/^channels/, '推荐渠道'],
	[/^youth/, '青年'],
	[/^(excludedCategories|priorTitleBlocks|noSelfNomination|mustWorkInRegion|deadline)/, '排除与限制'],
	[/^textLimits/, '字数上限'],
	[/^tiers/, '称号与名额'],
	[/^targets/, '名单平衡目标'],
	[/^rubric/, '评分标准'],
	[/^publicNoticeWorkdays/, '公示期']
];

export function sectionOf(path: string): string {
	return SECTIONS.find(([re]) => re.test(path))?.[1] ?? '设置';
}

/** Errors in the order of the page: by section, then by row. */
export function inPageOrder<T extends { path: string }>(errors: T[]): T[] {
	const key = (p: string) => {
		const s = SECTIONS.findIndex(([re]) => re.test(p));
		const row = /\[(\d+)\]/.exec(p);
		return [s < 0 ? SECTIONS.length : s, row ? Number(row[1]) : -1];
	};
	return errors
		.map((e, i) => ({ e, i, k: key(e.path) }))
		.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
		.map((x) => x.e);
}
