import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { encodeGb18030 } from '../formats/csv-decode';
import { expertKey, expertTemplate, parseExpertCsv, readExpert } from './expert-csv';
import { FIELDS } from '../types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const FIVE = [...FIELDS];
const HEADER = [
	'姓名',
	'工作单位',
	'曾工作单位',
	'毕业院校',
	'职称',
	'评审领域',
	'手机',
	'电子邮箱',
	'最大评审量',
	'用户名'
];
const ROW_A = [
	'韦丽华',
	'广西大学',
	'广西农业科学院\n南宁市农业局',
	'中国农业大学',
	'教授',
	'面向世界科技前沿、主战场',
	'13807710001',
	'wei@gxu.edu.cn',
	'15',
	'weilihua'
];
const ROW_B = ['黄志强', '广西医科大学', '', '中山大学', '主任医师', '生命健康', '', '', '', ''];

function sheet(rows: string[][], delimiter = ','): string {
	return Papa.unparse(rows, { delimiter, newline: '\r\n' }) + '\r\n';
}
const parse = (text: string, fields: string[] = FIVE) => parseExpertCsv(utf8(text), { fields });

describe('parseExpertCsv', () => {
	it('reads a UTF-8 comma file into experts with spreadsheet row numbers', () => {
		const r = parse(sheet([HEADER, ROW_A, ROW_B]));
		expect(r.errors).toEqual([]);
		expect(r.encoding).toBe('utf-8');
		expect(r.delimiter).toBe(',');
		expect(r.rows.map((x) => x.row)).toEqual([2, 3]);
		expect(r.rows[0].expert).toEqual({
			name: '韦丽华',
			unit: '广西大学',
			formerUnits: ['广西农业科学院', '南宁市农业局'],
			school: '中国农业大学',
			title: '教授',
			fields: ['前沿', '主战场'],
			phone: '13807710001',
			email: 'wei@gxu.edu.cn',
			maxLoad: 15,
			username: 'weilihua'
		});
		expect(r.rows[1].expert).toMatchObject({
			name: '黄志强',
			formerUnits: [],
			fields: ['生命健康'],
			maxLoad: null,
			username: undefined
		});
	});

	it('reads GBK with tabs and a BOM-UTF-8 file the same way', () => {
		const plain = parse(sheet([HEADER, ROW_A, ROW_B]));
		const gbk = parseExpertCsv(encodeGb18030(sheet([HEADER, ROW_A, ROW_B], '\t')), { fields: FIVE });
		expect(gbk.encoding).toBe('gb18030');
		expect(gbk.delimiter).toBe('\t');
		expect(gbk.errors).toEqual([]);
		expect(gbk.rows).toEqual(plain.rows);
		const bom = parseExpertCsv(utf8('\uFEFF' + sheet([HEADER, ROW_A, ROW_B])), { fields: FIVE });
		expect(bom.encoding).toBe('utf-8-bom');
		expect(bom.rows).toEqual(plain.rows);
	});

	it('accepts headers in any order and leaves optional columns out', () => {
		const r = parse(
			sheet([
				['评审领域', '工作单位', '姓名'],
				['社会服务 前沿', '广西科技馆', '王 芳']
			])
		);
		expect(r.errors).toEqual([]);
		expect(r.columns.sort()).toEqual(['fields', 'name', 'unit']);
		expect(r.rows[0]).toEqual({
			row: 2,
			expert: expect.objectContaining({ name: '王芳', unit: '广西科技馆', fields: ['社会服务', '前沿'] })
		});
	});

	it('reports an unknown field by row and column, naming the value', () => {
		const bad = [...ROW_B];
		bad[5] = '生命健康，天文';
		const r = parse(sheet([HEADER, ROW_A, bad]));
		expect(r.errors).toEqual([
			{ row: 3, column: '评审领域', message: expect.stringContaining('评审领域“天文”不是本活动设置的领域') }
		]);
		expect(r.rows.map((x) => x.row)).toEqual([2]);
	});

	it('checks the campaign fields: groups for a group campaign', () => {
		const r = parse(
			sheet([
				['姓名', '工作单位', '评审领域'],
				['甲', '单位甲', '理科、医科'],
				['乙', '单位乙', '前沿']
			]),
			['理科', '工科', '医科']
		);
		expect(r.rows[0].expert.fields).toEqual(['理科', '医科']);
		expect(r.errors).toEqual([{ row: 3, column: '评审领域', message: expect.stringContaining('“前沿”') }]);
	});

	it('validates e-mail, phone, 最大评审量 and 用户名', () => {
		const row = (col: number, value: string) => {
			const r = [...ROW_B];
			r[col] = value;
			return r;
		};
		const r = parse(
			sheet(
				[
					HEADER,
					row(7, 'huang.at.gxmu'),
					row(6, '1.38077E+10'),
					row(8, '0'),
					row(8, '十'),
					row(9, 'ab'),
					row(7, 'huang@gxmu.edu.cn')
				].map((x, i) => (i > 1 ? [`${x[0]}${i}`, ...x.slice(1)] : x))
			)
		);
		expect(r.errors.map((e) => [e.row, e.column])).toEqual([
			[2, '电子邮箱'],
			[3, '手机'],
			[4, '最大评审量'],
			[5, '最大评审量'],
			[6, '用户名']
		]);
		expect(r.errors[0].message).toContain('电子邮箱“huang.at.gxmu”格式不正确');
		expect(r.errors[1].message).toContain('科学计数法');
		expect(r.rows.map((x) => x.row)).toEqual([7]);
	});

	it('refuses a file without a required header', () => {
		const r = parse(
			sheet([
				['姓名', '工作单位', '职称'],
				['甲', '单位', '教授']
			])
		);
		expect(r.errors).toEqual([{ row: 1, column: '评审领域', message: '缺少必填列“评审领域”' }]);
		expect(r.rows).toEqual([]);
	});

	it('reports required cells that are empty', () => {
		const r = parse(
			sheet([
				HEADER,
				['', '广西大学', '', '', '', '前沿', '', '', '', ''],
				['李明', '', '', '', '', '', '', '', '', '']
			])
		);
		expect(r.errors.map((e) => [e.row, e.column, e.message.slice(0, 6)])).toEqual([
			[2, '姓名', '姓名为空'],
			[3, '工作单位', '工作单位为空'],
			[3, '评审领域', '评审领域为空'.slice(0, 6)]
		]);
	});

	it('marks a duplicate (same 姓名 + 工作单位) on the second row', () => {
		const again = [...ROW_A];
		again[1] = '广西 大学';
		again[9] = '';
		const r = parse(sheet([HEADER, ROW_A, ROW_B, [], again]));
		expect(r.errors).toEqual([{ row: 5, column: '姓名', message: expect.stringContaining('与第2行重复') }]);
	});

	it('keeps spreadsheet row numbers with multi-line cells, blank lines and a title row', () => {
		const text = sheet([['2024年评审专家名单'], HEADER, ROW_A, [], ROW_B.map((c, i) => (i === 5 ? '医学' : c))]);
		const r = parse(text);
		expect(r.warnings[0]).toMatchObject({ row: 2 });
		expect(r.errors).toEqual([{ row: 5, column: '评审领域', message: expect.any(String) }]);
	});

	it('refuses the template example row, an empty file and a header-only file', () => {
		const t = expertTemplate(FIVE);
		const r = parse(sheet([t.headers, t.example]));
		expect(r.errors).toEqual([{ row: 2, column: '备注', message: '这是模板中的示例行，请删除后再导入' }]);
		expect(parse('').errors[0]).toMatchObject({ row: 1 });
		expect(parse(sheet([HEADER])).errors[0].message).toContain('没有专家');
	});

	it('ignores unknown columns with a warning and refuses duplicate headers', () => {
		expect(
			parse(
				sheet([
					[...HEADER, '性别'],
					[...ROW_B, '男']
				])
			).warnings
		).toEqual([{ row: 1, column: '性别', message: '不认识的列“性别”，已忽略' }]);
		expect(
			parse(
				sheet([
					[...HEADER, '邮箱'],
					[...ROW_B, '']
				])
			).errors[0]
		).toMatchObject({ row: 1, column: '邮箱' });
	});
});

describe('expert helpers', () => {
	it('splits former units and fields on the usual separators', () => {
		const allowed = ['前沿', '主战场', '重大需求', '生命健康', '社会服务'];
		const read = (cells: { formerUnits?: string; fields?: string }) =>
			readExpert({ name: '王芳', unit: '广西大学', fields: '前沿', ...cells }, allowed);
		expect(read({ formerUnits: '甲单位\n乙单位；丙单位;丁单位、甲单位' }).expert.formerUnits).toEqual([
			'甲单位',
			'乙单位',
			'丙单位',
			'丁单位'
		]);
		const fields = read({ fields: '前沿、主战场，重大需求,生命健康; 社会服务' });
		expect(fields.problems).toEqual([]);
		expect(fields.expert.fields).toEqual(['前沿', '主战场', '重大需求', '生命健康', '社会服务']);
	});

	it('identifies an expert by name and unit regardless of spacing and bracket width', () => {
		expect(expertKey('王  芳', '广西大学（西校区）')).toBe(expertKey('王芳', '广西大学(西校区)'));
		expect(expertKey('王芳', '广西大学')).not.toBe(expertKey('王芳', '广西医科大学'));
	});

	it('reads a form the same way as a row', () => {
		const { expert, problems } = readExpert(
			{ name: '韦丽华', unit: '广西大学', fields: '面向人民生命健康', maxLoad: '１２' },
			FIVE
		);
		expect(problems).toEqual([]);
		expect(expert.fields).toEqual(['生命健康']);
		expect(expert.maxLoad).toBe(12);
	});
});
