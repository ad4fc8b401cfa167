// Fixtures of the nomination CSV unit tests (src/lib/domain/intake/nomination-csv*.test.ts): the
// notice's header, two rows, the known channels, and a parse with them.
import Papa from 'papaparse';
import { parseNominationCsv, type ParseNominationOptions } from '../../src/lib/domain/intake/nomination-csv';
import type { ChannelType } from '../../src/lib/domain/types';

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const HEADER = [
	'序号',
	'姓名',
	'性别',
	'民族',
	'党派',
	'出生年月',
	'工作单位及职务职称',
	'推荐领域',
	'推荐单位'
];
export const ROW_A = ['1', '王芳', '女', '壮族', '中共党员', '1980.05', '广西大学 教授', '面向世界科技前沿', '南宁市'];
export const ROW_B = [
	'2',
	'李建国',
	'男',
	'汉族',
	'群众',
	'1975-11-03',
	'柳州钢铁集团有限公司 高级工程师',
	'主战场',
	'柳州市'
];
export const KNOWN = new Map<string, ChannelType>([
	['南宁市', '地区'],
	['柳州市', '地区'],
	['广西医学会', '学会']
]);

/** A file as Excel writes it: quoted where needed, CRLF between records. */
export function sheet(rows: string[][], delimiter = ','): string {
	return Papa.unparse(rows, { delimiter, newline: '\r\n' }) + '\r\n';
}
export function parse(text: string, opts: ParseNominationOptions = { knownChannels: KNOWN }) {
	return parseNominationCsv(utf8(text), opts);
}
