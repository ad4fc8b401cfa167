import { describe, expect, it } from 'vitest';
import { sheetsToCsv, summarySheets } from './summary-sheet';
import { presetConfig } from './presets';
import type { CandidateRecord } from '../types';

const rec = (name: string, channel: string, more: Partial<CandidateRecord> = {}): CandidateRecord => ({
	name,
	gender: '女',
	birth: '1980-05',
	unitAndTitle: `${channel}某单位 研究员`,
	channel,
	grassroots: false,
	priorTitle: false,
	career: [],
	...more
});

describe('汇总表 per notice', () => {
	const people = [{ record: rec('甲', '城区') }, { record: rec('乙', '泽州县') }, { record: rec('丙', '城区') }];
	it('prints the 晋城 title line, 推荐单位 line and columns, one sheet per unit or all together', () => {
		const spec = presetConfig('jincheng-2023').summarySheet!;
		const perUnit = summarySheets(spec, people, 'unit', '晋城市科协');
		expect(perUnit.map((s) => [s.name, s.unitLine, s.rows.map((r) => r[0] + String(r[1]))])).toEqual([
			['城区', '推荐单位：城区', ['1甲', '2丙']],
			['泽州县', '推荐单位：泽州县', ['1乙']]
		]);
		const all = summarySheets(spec, people, 'all', '晋城市科协');
		expect(all).toHaveLength(1);
		const csv = sheetsToCsv(all, []);
		expect(
			csv.startsWith(
				'\uFEFF2023年“晋城最美科技工作者”候选人汇总表\r\n推荐单位：晋城市科协\r\n序号,姓名,性别,民族,党派,出生年月,工作单位及职务职称,专业专长,备注\r\n1,甲,女,,,1980.05,'
			)
		).toBe(true);
		expect(csv.match(/\uFEFF/g)).toHaveLength(1);
		expect(sheetsToCsv(perUnit, []).split('\r\n\r\n')).toHaveLength(2);
	});
	it('gives 内蒙古 its two extra columns and no 备注', () => {
		const spec = presetConfig('neimenggu-2023').summarySheet!;
		const [s] = summarySheets(
			spec,
			[
				{
					record: rec('丁', '呼和浩特市', { priorTitle: true, extra: { 研究领域属于理工农医哪科: '工科' } }),
					remarks: '最美科技工作者'
				}
			],
			'all',
			'内蒙古自治区科协'
		);
		expect(s.headers.slice(-2)).toEqual(['是否曾获国家级荣誉表彰或中宣部“最美”系列称号', '研究领域属于理工农医哪科']);
		expect(s.headers).not.toContain('备注');
		expect(s.rows[0].slice(-2)).toEqual(['是', '工科']);
		expect(s.unitLine).toBe('推荐单位（盖章）：内蒙古自治区科协');
	});
	it('neutralizes formula cells in the title and rows', () => {
		const spec = presetConfig('guangxi-2024').summarySheet!;
		const csv = sheetsToCsv(summarySheets(spec, [{ record: rec('=HYPERLINK("x")', '南宁市') }], 'unit', ''), []);
		expect(csv).toContain("'=HYPERLINK");
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
	});
});
