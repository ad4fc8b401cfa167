import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseNominationCsv } from './nomination-csv';
import { utf8, HEADER, ROW_A, ROW_B, KNOWN, sheet, parse } from '../../../../tests/support/nomination-csv';

describe('parseNominationCsv: reading', () => {
	it('reads a comma-separated file into records', () => {
		const r = parse(sheet([HEADER, ROW_A, ROW_B]));
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([]);
		expect(r.delimiter).toBe(',');
		expect(r.encoding).toBe('utf-8');
		expect(r.rows.map((x) => x.row)).toEqual([2, 3]);
		expect(r.rows[0].record).toEqual({
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
			grassroots: false,
			priorTitle: false,
			career: []
		});
		expect(r.rows[1].record.birth).toBe('1975-11-03');
		expect(r.rows[1].record.field).toBe('主战场');
	});

	it('reads a tab-separated file the same way', () => {
		const comma = parse(sheet([HEADER, ROW_A, ROW_B]));
		const tab = parse(sheet([HEADER, ROW_A, ROW_B], '\t'));
		expect(tab.delimiter).toBe('\t');
		expect(tab.errors).toEqual([]);
		expect(tab.rows).toEqual(comma.rows);
	});

	it('keeps commas inside cells of a tab file', () => {
		const row = [...ROW_A];
		row[6] = '广西大学,机械学院 教授';
		const r = parse(sheet([HEADER, row], '\t'));
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record.unitAndTitle).toBe('广西大学,机械学院 教授');
	});

	it('reads GBK, UTF-8 and UTF-8 with BOM to the same records', () => {
		const text = sheet([HEADER, ROW_A, ROW_B]);
		const gbk = parseNominationCsv(new Uint8Array(iconv.encode(text, 'gbk')), { knownChannels: KNOWN });
		const bom = parseNominationCsv(utf8('\uFEFF' + text), { knownChannels: KNOWN });
		const plain = parse(text);
		expect([gbk.encoding, bom.encoding, plain.encoding]).toEqual(['gb18030', 'utf-8-bom', 'utf-8']);
		expect(gbk.errors).toEqual([]);
		expect(bom.errors).toEqual([]);
		expect(gbk.rows).toEqual(plain.rows);
		expect(bom.rows).toEqual(plain.rows);
	});

	it('accepts columns in any order, padded headers and 政治面貌 for 党派', () => {
		const order = [8, 2, 0, 5, 7, 1, 6, 4, 3];
		const header = order.map((i) => HEADER[i]).map((h) => (h === '姓名' ? ' 姓  名 ' : h === '党派' ? '政治面貌' : h));
		const r = parse(sheet([header, order.map((i) => ROW_A[i]), order.map((i) => ROW_B[i])]));
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => x.record)).toEqual(parse(sheet([HEADER, ROW_A, ROW_B])).rows.map((x) => x.record));
	});

	it('keeps unknown columns as extra text and reads the optional 推荐表 columns', () => {
		const header = [
			...HEADER,
			'研究领域属于理工农医哪科',
			'手机',
			'电子邮箱',
			'籍贯',
			'学历',
			'学位',
			'所学专业',
			'专业技术职务',
			'办公电话',
			'通讯地址',
			'邮编',
			'所获重要奖励',
			'毕业院校',
			'专业专长',
			'人员类别',
			'备注',
			'主要事迹',
			'感人故事'
		];
		const row = [
			...ROW_A,
			'理',
			'13800000000',
			'wf@163.com',
			'广西南宁',
			'博士研究生',
			'博士',
			'物理学',
			'教授',
			'0771-1234567',
			'南宁市大学路100号',
			'530004',
			'2021年广西科学技术进步奖一等奖\n2022年广西青年科技奖',
			'中山大学',
			'凝聚态物理',
			'高校教师',
			'无',
			'事迹',
			'故事'
		];
		const r = parse(sheet([header, row]));
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record).toMatchObject({
			extra: { 研究领域属于理工农医哪科: '理' },
			mobile: '13800000000',
			email: 'wf@163.com',
			nativePlace: '广西南宁',
			education: '博士研究生',
			degree: '博士',
			major: '物理学',
			profTitle: '教授',
			phone: '0771-1234567',
			address: '南宁市大学路100号',
			postcode: '530004',
			awards: ['2021年广西科学技术进步奖一等奖', '2022年广西青年科技奖'],
			school: '中山大学',
			specialty: '凝聚态物理',
			category: '高校教师',
			remarks: '无',
			deeds: '事迹',
			story: '故事'
		});
	});

	it('reads 推荐组别 instead of 推荐领域, and yes/no columns', () => {
		const header = [
			'姓名',
			'性别',
			'出生年月',
			'工作单位及职务职称',
			'推荐组别',
			'推荐单位',
			'基层一线',
			'曾获最美称号'
		];
		const r = parse(
			sheet([
				header,
				['王芳', '女', '1980.05', '广西大学 教授', '理科', '南宁市', '是', 'N'],
				['李四', '男', '1981.05', 'x', '地市', '柳州市', '1', '']
			])
		);
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => [x.record.group, x.record.field, x.record.grassroots, x.record.priorTitle])).toEqual([
			['理科', null, true, false],
			['地市', null, true, false]
		]);
	});

	it('keeps formulas and HTML as text, removing one export quote', () => {
		const header = [...HEADER, '备注', '主要事迹'];
		const r = parse(
			sheet([
				header,
				[...ROW_A, '\'=HYPERLINK("http://evil","x")', '<script>alert(1)</script>'],
				[...ROW_B, '=1+1', "'普通引号"]
			])
		);
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record.remarks).toBe('=HYPERLINK("http://evil","x")');
		expect(r.rows[0].record.deeds).toBe('<script>alert(1)</script>');
		expect(r.rows[1].record.remarks).toBe('=1+1');
		expect(r.rows[1].record.deeds).toBe("'普通引号");
	});

	it('skips blank lines and template rows that only carry a 序号, keeping row numbers', () => {
		const text =
			sheet([HEADER, ROW_A]) +
			'\r\n' +
			sheet([ROW_B]) +
			sheet([['3', '', '', '', '', '', '', '', ''], [',,,']]).replace(/"/g, '');
		const r = parse(text);
		expect(r.errors).toEqual([]);
		expect(r.rows.map((x) => [x.row, x.record.name])).toEqual([
			[2, '王芳'],
			[4, '李建国']
		]);
	});

	it('skips title rows above the header with a warning', () => {
		const text = sheet([['2023年“晋城最美科技工作者”候选人汇总表'], ['推荐单位：城区科协'], HEADER, ROW_A]);
		const r = parse(text, {});
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([{ row: 3, column: '', message: '表头在第3行，前面的标题行已跳过' }]);
		expect(r.rows[0].row).toBe(4);
	});
});

describe('parseNominationCsv: errors', () => {
	it('reports a missing required header once, on row 1, and nothing else', () => {
		const header = HEADER.filter((h) => h !== '出生年月');
		const rows = [ROW_A, ROW_B].map((r) => r.filter((_, i) => HEADER[i] !== '出生年月'));
		const r = parse(sheet([header, ...rows]));
		expect(r.errors).toEqual([{ row: 1, column: '出生年月', message: '缺少必填列“出生年月”' }]);
		expect(r.rows).toEqual([]);
	});

	it('needs 推荐领域 unless 推荐组别 is there', () => {
		const header = HEADER.filter((h) => h !== '推荐领域');
		const r = parse(sheet([header, ROW_A.filter((_, i) => i !== 7)]));
		expect(r.errors).toEqual([{ row: 1, column: '推荐领域', message: '缺少必填列“推荐领域”（或“推荐组别”）' }]);
	});

	it('reports duplicate headers', () => {
		const r = parse(
			sheet([
				[...HEADER, '政治面貌'],
				[...ROW_A, '群众']
			])
		);
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ row: 1, column: '政治面貌' });
		expect(r.errors[0].message).toContain('第5列');
	});

	it('reports every bad cell with its spreadsheet row, shifted by multi-line cells and blank lines', () => {
		const header = [
			'姓名',
			'性别',
			'出生年月',
			'工作单位及职务职称',
			'推荐领域',
			'推荐单位',
			'学习工作经历',
			'基层一线',
			'推荐组别',
			'渠道类型'
		];
		const career = '2005.07-2012.06 广西大学 讲师\n2012.07-至今 广西大学 教授\n2001.09-2005.07 中南大学 本科';
		const text =
			sheet([
				header,
				['王芳', '女', '1980.05', '广西大学 教授', '前沿', '南宁市', career, '是', '', ''], // row 2, three lines in Excel's cell
				['李四', '男士', '1980.13', '', '前沿科技', '南宁市', '', '也许', '文科', ''] // row 3
			]) +
			'\r\n' + // row 4 blank
			sheet([
				['', '女', '', 'x', '', '', '', '', '', '外星'], // row 5
				['赵六', '女', '1982年5月', 'x', '生命健康', '不存在的单位', '', '', '', ''] // row 6
			]);
		const r = parse(text);
		const summary = r.errors.map((e) => [e.row, e.column]);
		expect(summary).toEqual([
			[3, '性别'],
			[3, '出生年月'],
			[3, '工作单位及职务职称'],
			[3, '推荐组别'],
			[3, '推荐领域'],
			[3, '基层一线'],
			[5, '姓名'],
			[5, '出生年月'],
			[5, '推荐领域'],
			[5, '渠道类型'],
			[5, '推荐单位'],
			[6, '推荐单位']
		]);
		const msg = (row: number, column: string) => r.errors.find((e) => e.row === row && e.column === column)!.message;
		expect(msg(3, '出生年月')).toContain('出生年月“1980.13”无法识别');
		expect(msg(3, '出生年月')).toContain('应为 1980.05 或 1980-05-12 等格式');
		expect(msg(3, '性别')).toBe('性别“男士”无法识别，应为 男 或 女');
		expect(msg(3, '推荐领域')).toContain('“前沿科技”');
		expect(msg(3, '基层一线')).toBe('基层一线“也许”无法识别，应为 是 或 否');
		expect(msg(5, '渠道类型')).toContain('“外星”');
		expect(msg(6, '推荐单位')).toContain('UNKNOWN_CHANNEL');
		expect(msg(6, '推荐单位')).toContain('不存在的单位');
		expect(r.rows.map((x) => x.row)).toEqual([2]);
		expect(r.rows[0].record.career).toHaveLength(3);
	});

	it('uses the header text as written in the file for the column', () => {
		const header = HEADER.map((h) => (h === '出生年月' ? '出生日期' : h));
		const row = [...ROW_A];
		row[5] = '1980年';
		const r = parse(sheet([header, row]));
		expect(r.errors).toEqual([
			{ row: 2, column: '出生日期', message: '出生年月“1980年”无法识别，应为 1980.05 或 1980-05-12 等格式' }
		]);
	});

	it('rejects a birth after `today`', () => {
		const row = [...ROW_A];
		row[5] = '2030.01';
		expect(parse(sheet([HEADER, row]), { today: '2024-03-11' }).errors).toHaveLength(1);
		expect(parse(sheet([HEADER, row]), {}).errors).toHaveLength(0);
	});

	it('warns that 1980.1 may have been 1980.10 before Excel touched it', () => {
		const row = [...ROW_A];
		row[5] = '1980.1';
		const r = parse(sheet([HEADER, row]));
		expect(r.errors).toEqual([]);
		expect(r.rows[0].record.birth).toBe('1980-01');
		expect(r.warnings[0]).toMatchObject({ row: 2, column: '出生年月' });
	});

	it('reports a duplicate (推荐单位+姓名+出生年月) on the second row, naming the first', () => {
		const again = [...ROW_A];
		again[0] = '3';
		again[5] = '1980年5月'; // the same month, written differently
		const r = parse(sheet([HEADER, ROW_A, ROW_B, again]));
		expect(r.errors).toHaveLength(1);
		expect(r.errors[0]).toMatchObject({ row: 4, column: '姓名' });
		expect(r.errors[0].message).toContain('与第2行重复');
		expect(r.rows.map((x) => x.row)).toEqual([2, 3]);
	});

	it('only warns when the same person comes from two channels', () => {
		const other = [...ROW_A];
		other[8] = '柳州市';
		const r = parse(sheet([HEADER, ROW_A, other]));
		expect(r.errors).toEqual([]);
		expect(r.warnings).toHaveLength(1);
		expect(r.warnings[0]).toMatchObject({ row: 3, column: '姓名' });
	});

	it('reports a row with more cells than the header (an unquoted comma)', () => {
		const text = sheet([HEADER]) + ROW_A.join(',').replace('广西大学 教授', '广西大学,教授') + '\r\n';
		const r = parse(text);
		expect(r.errors.some((e) => e.row === 2 && e.message.includes('比表头的9列多'))).toBe(true);
	});

	it('reports an unterminated quote', () => {
		const text = sheet([HEADER, ROW_A]) + '3,"张三,男,汉族,群众,1980.05,x,前沿,南宁市\r\n';
		const r = parse(text);
		expect(r.errors.some((e) => e.row === 3 && e.message.includes('引号不配对'))).toBe(true);
	});

	it('reports a closing quote followed by text', () => {
		const text = sheet([HEADER]) + '1,"王芳"x,女,壮族,群众,1980.05,x,前沿,南宁市\r\n';
		const r = parse(text);
		expect(r.errors.some((e) => e.row === 2 && e.message.includes('引号使用不规范'))).toBe(true);
	});

	it('warns about a file with a header and no nominees', () => {
		const r = parse(sheet([HEADER]));
		expect(r.errors).toEqual([]);
		expect(r.warnings).toEqual([{ row: 1, column: '', message: '文件只有表头，没有候选人' }]);
	});

	it('reports an empty file', () => {
		expect(parse('').errors).toEqual([{ row: 1, column: '', message: '文件为空：没有表头行，也没有候选人' }]);
		expect(parse('\r\n\r\n').errors).toHaveLength(1);
	});
});
