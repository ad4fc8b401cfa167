// The notice's 汇总表 (its attachment): a title line, a 推荐单位 line, the columns the notice prints,
// then one row per person. Built as sheets (title, unit line, headers, rows) so that the CSV here and a
// later xlsx writer serialize the same structure; CSV puts the sheets one after another.
import { toCsv, type CsvValue } from '../formats/csv-safe';
import { formatBirth } from '../intake/nomination-format';
import type { CandidateRecord, SummaryColumn, SummarySheetSpec } from '../types';

export const SUMMARY_HEADERS: Record<SummaryColumn, string> = {
	seq: '序号',
	name: '姓名',
	gender: '性别',
	ethnicity: '民族',
	party: '党派',
	birth: '出生年月',
	unitAndTitle: '工作单位及职务职称',
	specialty: '专业专长',
	remarks: '备注',
	nationalHonour: '是否曾获国家级荣誉表彰或中宣部“最美”系列称号',
	discipline: '研究领域属于理工农医哪科'
};

/** The national 汇总表 (SPEC: 序号 … 专业专长, 备注) for a campaign whose notice prints none. */
export const NATIONAL_SHEET: SummarySheetSpec = {
	title: '候选人汇总表',
	unitLabel: '推荐单位：',
	columns: ['seq', 'name', 'gender', 'ethnicity', 'party', 'birth', 'unitAndTitle', 'specialty', 'remarks']
};

export interface SheetPerson {
	record: CandidateRecord;
	/** 备注 (e.g. the tier), where the sheet has that column */
	remarks?: string;
}

export interface Sheet {
	/** the sheet's name in a workbook: the 推荐单位, or 汇总 */
	name: string;
	title: string;
	unitLine: string;
	headers: string[];
	rows: CsvValue[][];
}

/** 理工农医: the Guangxi-style 推荐组别 when the nomination has one, else what the form said. */
function discipline(r: CandidateRecord): string {
	const given = r.extra?.['研究领域属于理工农医哪科'];
	if (given) return given;
	return r.group && ['理科', '工科', '农科', '医科'].includes(r.group) ? r.group : '';
}

function cell(col: SummaryColumn, p: SheetPerson, seq: number): CsvValue {
	const r = p.record;
	switch (col) {
		case 'seq':
			return seq;
		case 'name':
			return r.name;
		case 'gender':
			return r.gender;
		case 'ethnicity':
			return r.ethnicity ?? '';
		case 'party':
			return r.party ?? '';
		case 'birth':
			return formatBirth(r.birth);
		case 'unitAndTitle':
			return r.unitAndTitle;
		case 'specialty':
			return r.specialty ?? '';
		case 'remarks':
			return p.remarks ?? r.remarks ?? '';
		case 'nationalHonour':
			return r.extra?.['是否曾获国家级荣誉表彰或中宣部“最美”系列称号'] || (r.priorTitle ? '是' : '否');
		case 'discipline':
			return discipline(r);
	}
}

/**
 * The sheets: one per 推荐单位 (`by: 'unit'`, units in first-appearance order, each numbered from 1)
 * or all together under `sender` (the office that compiles and sends the sheet).
 */
export function summarySheets(
	spec: SummarySheetSpec,
	people: SheetPerson[],
	by: 'unit' | 'all',
	sender: string,
	title = spec.title
): Sheet[] {
	const headers = spec.columns.map((c) => SUMMARY_HEADERS[c]);
	const sheet = (name: string, unit: string, list: SheetPerson[]): Sheet => ({
		name,
		title,
		unitLine: `${spec.unitLabel}${unit}`,
		headers,
		rows: list.map((p, i) => spec.columns.map((c) => cell(c, p, i + 1)))
	});
	if (by === 'all') return [sheet('汇总', sender, people)];
	const units = new Map<string, SheetPerson[]>();
	for (const p of people) {
		const list = units.get(p.record.channel) ?? [];
		list.push(p);
		units.set(p.record.channel, list);
	}
	return [...units].map(([unit, list]) => sheet(unit, unit, list));
}

/** Sheets as one CSV (UTF-8 with BOM): title line, unit line, header, rows; a blank line between sheets. */
export function sheetsToCsv(sheets: Sheet[], emptyHeaders: string[]): string {
	if (!sheets.length) return toCsv(emptyHeaders, []);
	return (
		'\uFEFF' +
		sheets
			.map((s) => {
				const body = toCsv(s.headers, s.rows).slice(1);
				return toCsv([s.title], [[s.unitLine]]).slice(1) + body;
			})
			.join('\r\n')
	);
}
