import { describe, expect, it } from 'vitest';
import {
	columnForHeader,
	detectDelimiter,
	fieldShortName,
	formatBirth,
	formatCareer,
	normalizeName,
	parseAwards,
	parseBirthDetailed,
	parseCareer,
	parseChannelType,
	parseGender,
	parseYesNo
} from './nomination-format';

/** The normalized 出生年月 parseBirthDetailed reads, or null. */
const parseBirth = (input: string, today?: string) => {
	const r = parseBirthDetailed(input, today);
	return r.ok ? r.value : null;
};

describe('parseBirth', () => {
	it.each([
		['1980.05', '1980-05'],
		['1980-05', '1980-05'],
		['1980/5', '1980-05'],
		['1980/05', '1980-05'],
		['1980年5月', '1980-05'],
		['1980年05月', '1980-05'],
		['198005', '1980-05'],
		['1980-05-12', '1980-05-12'],
		['1980年05月12日', '1980-05-12'],
		['1980年5月2日', '1980-05-02'],
		['1980.5.12', '1980-05-12'],
		['1980/5/12', '1980-05-12'],
		['19800512', '1980-05-12'],
		[' 1980.05 ', '1980-05'],
		['１９８０．０５', '1980-05'],
		['1980 年 5 月', '1980-05'],
		['2024-02-29', '2024-02-29'],
		['1900.01', '1900-01']
	])('reads %s as %s', (input, expected) => {
		expect(parseBirth(input)).toBe(expected);
	});

	it.each([
		'1980.13',
		'1980.00',
		'1980-02-30',
		'2023-02-29',
		'1980-04-31',
		'1980年13月',
		'1980年5月32日',
		'198013',
		'1899.12',
		'2101.01',
		'1980',
		'80.05',
		'1980.5.5.5',
		'1980-05/12',
		'19801',
		'abc',
		'',
		'1980年5'
	])('rejects %s', (input) => {
		expect(parseBirth(input)).toBeNull();
	});

	it('tells a bad format from an impossible date', () => {
		expect(parseBirthDetailed('1980.13')).toEqual({ ok: false, reason: 'range' });
		expect(parseBirthDetailed('May 1980')).toEqual({ ok: false, reason: 'format' });
	});

	it('rejects dates after `today` when given, else only years after 2100', () => {
		expect(parseBirth('2030.01')).toBe('2030-01');
		expect(parseBirth('2030.01', '2024-03-11')).toBeNull();
		expect(parseBirth('2024-03', '2024-03-11')).toBe('2024-03');
		expect(parseBirth('2024-03-11', '2024-03-11')).toBe('2024-03-11');
		expect(parseBirth('2024-03-12', '2024-03-11')).toBeNull();
		expect(parseBirth('2024-04', '2024-03-11')).toBeNull();
	});

	it('flags 1980.1, which Excel makes of 1980.10', () => {
		expect(parseBirthDetailed('1980.1')).toEqual({ ok: true, value: '1980-01', ambiguousOctober: true });
		expect(parseBirthDetailed('1980.01')).toMatchObject({ ambiguousOctober: false });
		expect(parseBirthDetailed('1980/1')).toMatchObject({ ambiguousOctober: false });
	});

	it('formats for export in a form it reads back', () => {
		for (const b of ['1980-05', '1980-05-12']) expect(parseBirth(formatBirth(b))).toBe(b);
		expect(formatBirth('1980-05')).toBe('1980.05');
	});
});

describe('parseCareer', () => {
	it('reads periods with the dashes and spaces offices use', () => {
		const text = [
			'2005.07-2012.06 某大学 讲师',
			'2012.07—2016.12　广西大学 机械工程学院 副教授',
			'2017.01～至今 广西大学 教授',
			'2001年9月-2005年7月 中南大学 本科生',
			'2000-2001 某公司 技术员',
			'2018.3 至 2019.4 柳州钢铁集团有限公司',
			'１９９９．０７－２０００．０６ 第１研究室 助理'
		].join('\n');
		const { entries, unreadable } = parseCareer(text);
		expect(unreadable).toEqual([]);
		expect(entries).toEqual([
			{ period: '2005.07-2012.06', unit: '某大学', role: '讲师' },
			{ period: '2012.07-2016.12', unit: '广西大学 机械工程学院', role: '副教授' },
			{ period: '2017.01-至今', unit: '广西大学', role: '教授' },
			{ period: '2001.09-2005.07', unit: '中南大学', role: '本科生' },
			{ period: '2000-2001', unit: '某公司', role: '技术员' },
			{ period: '2018.03-2019.04', unit: '柳州钢铁集团有限公司', role: '' },
			{ period: '1999.07-2000.06', unit: '第１研究室', role: '助理' }
		]);
	});

	it('keeps an unreadable line as unit text and reports its line number', () => {
		const { entries, unreadable } = parseCareer('2005.07-2012.06 某大学 讲师\n\n在某地支教两年\n2005.13-2006.01 x y');
		expect(entries[1]).toEqual({ period: '', unit: '在某地支教两年', role: '' });
		expect(unreadable).toEqual([
			{ line: 3, text: '在某地支教两年' },
			{ line: 4, text: '2005.13-2006.01 x y' }
		]);
	});

	it('round-trips through formatCareer', () => {
		const entries = [
			{ period: '2005.07-2012.06', unit: '某大学', role: '讲师' },
			{ period: '2012.07-至今', unit: '广西大学 机械学院', role: '教授' },
			{ period: '', unit: '其他经历', role: '' }
		];
		expect(parseCareer(formatCareer(entries)).entries).toEqual(entries);
	});
});

describe('cell values', () => {
	it('reads 是/否 in the spellings spreadsheets produce', () => {
		for (const v of ['是', 'Y', 'y', 'yes', '1', 'TRUE', '√']) expect(parseYesNo(v)).toBe(true);
		for (const v of ['否', 'N', 'n', 'no', '0', 'false', '', '×']) expect(parseYesNo(v)).toBe(false);
		for (const v of ['是的', '2', '有']) expect(parseYesNo(v)).toBeNull();
	});

	it('reads genders', () => {
		expect(parseGender('男')).toBe('男');
		expect(parseGender('女性')).toBe('女');
		expect(parseGender('未知')).toBeNull();
	});

	it('maps full and short field names to the short one', () => {
		expect(fieldShortName('面向世界科技前沿')).toBe('前沿');
		expect(fieldShortName('面向人民生命健康')).toBe('生命健康');
		expect(fieldShortName('主战场')).toBe('主战场');
		expect(fieldShortName('社会服务')).toBe('社会服务');
		expect(fieldShortName('前沿科技')).toBeNull();
	});

	it('reads channel types and their usual spellings', () => {
		expect(parseChannelType('高校')).toBe('高校');
		expect(parseChannelType('高校科协')).toBe('高校');
		expect(parseChannelType('企业（园区）')).toBe('企业');
		expect(parseChannelType('盟市')).toBe('地区');
		expect(parseChannelType('外星')).toBeNull();
	});

	it('splits awards per line and drops list numbering', () => {
		expect(parseAwards('1. 2021年广西科学技术进步奖二等奖\n2、中国专利优秀奖\n（3）某奖\n\n1.5亿元项目奖')).toEqual([
			'2021年广西科学技术进步奖二等奖',
			'中国专利优秀奖',
			'某奖',
			'1.5亿元项目奖'
		]);
	});

	it('removes padding inside Chinese names only', () => {
		expect(normalizeName('王　芳')).toBe('王芳');
		expect(normalizeName('王  芳')).toBe('王芳');
		expect(normalizeName('买买提·艾力')).toBe('买买提·艾力');
		expect(normalizeName('John  Smith')).toBe('John Smith');
	});

	it('recognizes header spellings', () => {
		expect(columnForHeader('姓  名')?.key).toBe('name');
		expect(columnForHeader('*出生年月')?.key).toBe('birth');
		expect(columnForHeader('党派')?.key).toBe('party');
		expect(columnForHeader('工作单位及职务（职称）')?.key).toBe('unitAndTitle');
		expect(columnForHeader('是否曾获国家级荣誉表彰或中宣部“最美”系列称号')?.key).toBe('priorTitle');
		expect(columnForHeader('研究领域属于理工农医哪科')).toBeUndefined();
	});

	it('detects the delimiter on the header line only', () => {
		expect(detectDelimiter('姓名,性别\r\n"a\tb\tc",d')).toBe(',');
		expect(detectDelimiter('姓名\t性别\r\n"a,b,c"\td')).toBe('\t');
		expect(detectDelimiter('\r\n姓名\t性别')).toBe('\t');
		expect(detectDelimiter('"姓,名"\t性别\t出生年月')).toBe('\t');
	});
});
