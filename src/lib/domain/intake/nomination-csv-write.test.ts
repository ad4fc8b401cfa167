// The nomination CSV, part 2 (part 1: nomination-csv.test.ts): channels and fields, the issue 11
// columns, and writing (toNominationCsv).
import { describe, expect, it } from 'vitest';
import { parseNominationCsv } from './nomination-csv';
import { toNominationCsv } from './nomination-csv-write';
import { encodeGb18030 } from '../formats/csv-decode';
import type { CandidateRecord, ChannelType } from '../types';
import { utf8, HEADER, ROW_A, ROW_B, KNOWN, sheet, parse } from '../../../../tests/support/nomination-csv';

describe('parseNominationCsv: channels and fields', () => {
	const header = [...HEADER, '渠道类型'];

	it('turns an unknown 推荐单位 with 渠道类型 into a new channel', () => {
		const r = parse(
			sheet([
				header,
				[...ROW_A.slice(0, 8), '广西计算机学会', '学会'],
				[...ROW_B.slice(0, 8), '广西计算机学会', '学会']
			])
		);
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => x.newChannel)).toEqual([
			{ name: '广西计算机学会', type: '学会' },
			{ name: '广西计算机学会', type: '学会' }
		]);
		expect(r.rows[0].record.channelType).toBe('学会');
	});

	it('rejects one new channel given two different types', () => {
		const r = parse(
			sheet([header, [...ROW_A.slice(0, 8), '新单位', '学会'], [...ROW_B.slice(0, 8), '新单位', '企业']])
		);
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ row: 3, column: '渠道类型' });
	});

	it('matches known channels despite spacing and bracket width, and keeps their type', () => {
		const known = new Map<string, ChannelType>([['广西化学化工学会（协会）', '学会']]);
		const r = parse(sheet([header, [...ROW_A.slice(0, 8), '广西化学化工学会 (协会)', '企业']]), {
			knownChannels: known
		});
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record.channel).toBe('广西化学化工学会（协会）');
		expect(r.rows[0].record.channelType).toBe('学会');
		expect(r.rows[0].newChannel).toBeUndefined();
		expect(r.warnings[0].column).toBe('渠道类型');
	});

	it('reads a channel written as its office (南宁市科协, 晋城市城区科协) with a warning', () => {
		const known = new Map<string, ChannelType>([
			['南宁市', '地区'],
			['城区', '地区'],
			['桃城区', '地区']
		]);
		const rows = [
			[...ROW_A.slice(0, 8), '南宁市科协'],
			[...ROW_B.slice(0, 8), '晋城市城区科协'],
			['3', '赵六', '女', '汉族', '群众', '1982.05', 'x', '前沿', '衡水市桃城区']
		];
		const r = parse(sheet([HEADER, ...rows]), { knownChannels: known });
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => x.record.channel)).toEqual(['南宁市', '城区', '桃城区']);
		expect(r.warnings.map((w) => [w.row, w.column])).toEqual([
			[2, '推荐单位'],
			[3, '推荐单位'],
			[4, '推荐单位']
		]);
		// With another 渠道类型 stated, a loose match is a new channel instead.
		const society = parse(
			sheet([
				[...HEADER, '渠道类型'],
				[...ROW_A.slice(0, 8), '南宁市科协', '学会']
			]),
			{ knownChannels: known }
		);
		expect(society.rows[0].newChannel).toEqual({ name: '南宁市科协', type: '学会' });
		// A name that only shares a tail with a channel is not taken for it.
		const other = parse(sheet([HEADER, [...ROW_A.slice(0, 8), '某市郊区']]), { knownChannels: known });
		expect(other.errors[0].message).toContain('UNKNOWN_CHANNEL');
	});

	it('does not check channels without knownChannels', () => {
		const r = parse(sheet([HEADER, [...ROW_A.slice(0, 8), '随便什么单位']]), {});
		expect(r.errors).toEqual([]);
		expect(r.rows[0].newChannel).toBeUndefined();
	});

	it('restricts fields to the campaign’s own when given', () => {
		const r = parse(sheet([HEADER, ROW_A, ROW_B]), { knownChannels: KNOWN, fields: ['前沿', '生命健康'] });
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ row: 3, column: '推荐领域' });
		expect(r.errors[0].message).toContain('前沿、生命健康');
	});

	it('reads a 推荐组别 written in the 推荐领域 column, with a warning', () => {
		const row = [...ROW_A];
		row[7] = '医科';
		const r = parse(sheet([HEADER, row]));
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record).toMatchObject({ field: null, group: '医科' });
		expect(r.warnings).toHaveLength(1);
	});
});

describe('parseNominationCsv: issue 11', () => {
	const GX = ['解决重大科学问题，突破关键核心技术', '科技服务民生'];
	const H = ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐领域', '推荐组别', '推荐单位'];
	const opts = {
		knownChannels: KNOWN,
		localFields: GX,
		classification: 'group' as const,
		fields: ['理科', '工科', '农科', '医科', '综合', '地市']
	};
	it('accepts the notice’s own 推荐领域 beside a 推荐组别', () => {
		const r = parseNominationCsv(
			utf8(sheet([H, ['韦明', '男', '1980.05', '广西大学 教授', '科技服务民生', '地市', '南宁市']])),
			opts
		);
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record).toMatchObject({ field: '科技服务民生', group: '地市' });
		const other = parseNominationCsv(
			utf8(sheet([H, ['韦明', '男', '1980.05', '广西大学 教授', '科技服务民生', '地市', '南宁市']])),
			{ knownChannels: KNOWN }
		);
		expect(other.errors[0].message).toContain('推荐领域“科技服务民生”无法识别');
	});
	it('needs 推荐组别 in a group campaign even with a 推荐领域', () => {
		const r = parseNominationCsv(
			utf8(sheet([H, ['韦明', '男', '1980.05', '广西大学 教授', '前沿', '', '南宁市']])),
			opts
		);
		expect(r.errors).toEqual([
			expect.objectContaining({
				row: 2,
				column: '推荐组别',
				message: expect.stringContaining('本活动按推荐组别分组评审')
			})
		]);
	});
	it('imports a self-nomination with a warning instead of refusing an unknown channel', () => {
		const r = parseNominationCsv(
			utf8(
				sheet([
					H,
					['韦明', '男', '1980.05', '广西大学 教授', '', '工科', '个人申报'],
					['黄丽', '女', '1985.01', '广西大学 教授', '', '工科', '黄丽']
				])
			),
			opts
		);
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => [x.record.channel, x.newChannel])).toEqual([
			['个人申报', undefined],
			['黄丽', undefined]
		]);
		expect(r.warnings.map((w) => w.message)).toEqual([
			'推荐单位“个人申报”为个人申报；已导入，资格审查将按通知报告“不接受个人申报”',
			'推荐单位“黄丽”为个人申报；已导入，资格审查将按通知报告“不接受个人申报”'
		]);
	});
	it('keeps two rows whose births differ only by day, naming both', () => {
		const r = parse(
			sheet([
				HEADER,
				['1', '王芳', '女', '壮族', '', '1980-05-12', '广西大学 教授', '前沿', '南宁市'],
				['2', '王芳', '女', '壮族', '', '1980-05-20', '广西大学 教授', '前沿', '南宁市']
			])
		);
		expect(r.errors).toEqual([]);
		expect(r.rows).toHaveLength(2);
		expect(r.warnings).toEqual([
			expect.objectContaining({
				row: 3,
				message: expect.stringContaining('与第2行推荐单位、姓名相同，出生年月仅日期不同（1980-05-12 / 1980-05-20）')
			})
		]);
	});
});

describe('toNominationCsv', () => {
	const base: CandidateRecord = {
		seq: '1',
		name: '王芳',
		gender: '女',
		ethnicity: '壮族',
		party: '中共党员',
		birth: '1980-05',
		unitAndTitle: '广西大学 教授',
		field: '前沿',
		group: null,
		channel: '南宁市',
		channelType: '地区',
		grassroots: true,
		priorTitle: false,
		career: [
			{ period: '2005.07-2012.06', unit: '广西大学', role: '讲师' },
			{ period: '2012.07-至今', unit: '广西大学 机械工程学院', role: '教授' }
		],
		deeds: '第一段，含逗号、"引号"和\n换行。\n<b>HTML</b>',
		story: '=1+1 开头的故事',
		awards: ['2021年广西科学技术进步奖一等奖', '-奇怪的奖'],
		remarks: "'=已带引号",
		mobile: '+8613800000000',
		email: '@handle',
		extra: { 研究领域属于理工农医哪科: '理', 附注: '@x' }
	};

	it('writes BOM, CRLF and the contract headers', () => {
		const csv = toNominationCsv([base]);
		expect(
			csv.startsWith(
				'\uFEFF序号,姓名,性别,民族,政治面貌,出生年月,工作单位及职务职称,专业专长,推荐领域,推荐组别,推荐单位,渠道类型,基层一线,曾获最美称号,人员类别,毕业院校,学习工作经历,主要事迹,感人故事,备注'
			)
		).toBe(true);
		expect(csv.split('\r\n')).toHaveLength(3);
		expect(csv).toContain("'=1+1 开头的故事");
		expect(csv).toContain('面向世界科技前沿');
		expect(csv).toContain('1980.05');
	});

	it('round-trips every field, including formula-looking text', () => {
		const second: CandidateRecord = {
			...base,
			seq: '2',
			name: '李建国',
			gender: '男',
			birth: '1975-11-03',
			field: null,
			group: '理科',
			channel: '广西计算机学会',
			channelType: '学会',
			grassroots: false,
			priorTitle: true,
			category: '现役军人',
			career: [],
			awards: undefined,
			extra: undefined,
			deeds: undefined,
			story: undefined,
			remarks: undefined,
			mobile: undefined,
			email: undefined
		};
		for (const key of Object.keys(second) as (keyof CandidateRecord)[])
			if (second[key] === undefined) delete second[key];
		const records = [base, second];
		const csv = toNominationCsv(records);
		const r = parseNominationCsv(utf8(csv), { knownChannels: KNOWN });
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => x.record)).toEqual(records);
		expect(r.rows[1].newChannel).toEqual({ name: '广西计算机学会', type: '学会' });
	});

	it('round-trips through GB18030 as well', () => {
		const csv = toNominationCsv([base]).slice(1);
		const r = parseNominationCsv(encodeGb18030(csv), { knownChannels: KNOWN });
		expect(r.encoding).toBe('gb18030');
		expect(r.rows[0].record).toEqual(base);
	});

	it('takes 渠道类型 from the campaign map when given', () => {
		const csv = toNominationCsv([{ ...base, channelType: null }], new Map([['南宁市', '地区']]));
		expect(csv.split('\r\n')[1]).toContain(',南宁市,地区,');
	});
});
