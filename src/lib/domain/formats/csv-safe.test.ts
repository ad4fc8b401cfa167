import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv, unquoteCell, type CsvValue } from './csv-safe';

/** One value as it comes back out of an exported CSV (every cell goes through the same rule). */
function safeCell(value: CsvValue): string {
	const rows = Papa.parse<string[]>(toCsv(['值', '后'], [[value, 'x']]).slice(1), { delimiter: ',' }).data;
	expect(rows[1][1]).toBe('x');
	return rows[1][0];
}

describe('the formula-injection quote on each exported cell', () => {
	it('neutralizes cells that a spreadsheet would run as formulas', () => {
		expect(safeCell('=HYPERLINK("http://x","点我")')).toBe(`'=HYPERLINK("http://x","点我")`);
		expect(safeCell('+86 771 1234567')).toBe("'+86 771 1234567");
		expect(safeCell('-2+3')).toBe("'-2+3");
		expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(safeCell('\t=1')).toBe("'\t=1");
	});

	it('leaves ordinary text, numbers and plain negative numbers alone', () => {
		expect(safeCell('王芳')).toBe('王芳');
		expect(safeCell('a=b')).toBe('a=b');
		expect(safeCell('-3.5')).toBe('-3.5');
		expect(safeCell(-3.5)).toBe('-3.5');
		expect(safeCell(42)).toBe('42');
		expect(safeCell(null)).toBe('');
		expect(safeCell(undefined)).toBe('');
		expect(safeCell(Number.NaN)).toBe('');
		expect(safeCell(true)).toBe('是');
		expect(safeCell("'quoted")).toBe("'quoted");
	});

	it('is reversible by unquoteCell for every value, including ones that start with quotes', () => {
		const values = ['=1+1', "'=1+1", "''=1", "'abc", "'", '', '-5', "'-5", '@', '+', 'x', '<b>html</b>', "''"];
		for (const v of values) expect(unquoteCell(safeCell(v))).toBe(v);
	});

	it('unquoteCell strips exactly one quote and only before a trigger', () => {
		expect(unquoteCell("'=A1")).toBe('=A1');
		expect(unquoteCell("''=A1")).toBe("'=A1");
		expect(unquoteCell("'abc")).toBe("'abc");
		expect(safeCell('=')).toBe("'=");
		expect(safeCell('abc')).toBe('abc');
	});
});

describe('toCsv', () => {
	it('writes BOM, CRLF and RFC 4180 quoting, every cell neutralized', () => {
		const csv = toCsv(
			['姓名', '备注'],
			[
				['王芳', '=1+1'],
				['李四', 'a,"b"\nc'],
				['张三', null]
			]
		);
		expect(csv.startsWith('\uFEFF姓名,备注\r\n')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv).toContain("王芳,'=1+1\r\n");
		expect(csv).toContain('李四,"a,""b""\nc"\r\n');
		const back = Papa.parse<string[]>(csv.slice(1).trimEnd(), { delimiter: ',' }).data;
		expect(back).toEqual([
			['姓名', '备注'],
			['王芳', "'=1+1"],
			['李四', 'a,"b"\nc'],
			['张三', '']
		]);
	});

	it('fills short rows and writes only the header for no rows', () => {
		expect(toCsv(['a', 'b'], [['1']])).toBe('\uFEFFa,b\r\n1,\r\n');
		expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
	});

	it('turns CRLF inside cells into LF', () => {
		expect(toCsv(['a'], [['x\r\ny']])).toBe('\uFEFFa\r\n"x\ny"\r\n');
	});
});
