// A second .xlsx reader for the tests (not exceljs): fflate and regular expressions over the
// package's XML, as any other spreadsheet program reads it: workbook sheets, shared strings,
// cells, merged ranges, frozen panes, print setup and print titles.
import { strFromU8, unzipSync } from 'fflate';

export interface ReadSheet {
	name: string;
	/** cell text by row (1-based index - 1), columns as A=0 */
	rows: string[][];
	merges: string[];
	frozenRows: number;
	orientation: string | null;
	paperSize: string | null;
	printTitles: string | null;
	hasFormula: boolean;
	borders: boolean;
}

const unescape = (s: string) =>
	s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
		e[0] === '#'
			? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
			: ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]
	);
const texts = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1])).join('');

function colIndex(ref: string): number {
	const letters = /^[A-Z]+/.exec(ref)![0];
	let n = 0;
	for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
	return n - 1;
}

export function readXlsx(bytes: Uint8Array): ReadSheet[] {
	const files = unzipSync(bytes);
	const s = (name: string) => (files[name] ? strFromU8(files[name]) : '');
	const shared = [...s('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
	const rels = new Map(
		[...s('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [
			m[1],
			m[2]
		])
	);
	const wbXml = s('xl/workbook.xml');
	const defined = [
		...wbXml.matchAll(
			/<definedName [^>]*name="_xlnm.Print_Titles"[^>]*localSheetId="(\d+)"[^>]*>([^<]*)<\/definedName>/g
		)
	];
	const hasBorders = /<border>[\s\S]*?style="thin"/.test(s('xl/styles.xml'));
	return [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)].map(([, name, rid], idx) => {
		const target = rels.get(rid)!.replace(/^\/?(xl\/)?/, '');
		const xml = s(`xl/${target}`);
		const rows: string[][] = [];
		for (const row of xml.matchAll(/<row [^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
			const cells: string[] = [];
			for (const c of row[2].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
				const ref = /r="([A-Z]+\d+)"/.exec(c[1])![1];
				const type = /t="([^"]+)"/.exec(c[1])?.[1];
				const inner = c[2] ?? '';
				const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
				cells[colIndex(ref)] =
					type === 's' ? shared[Number(v)] : type === 'inlineStr' ? texts(inner) : unescape(v ?? '');
			}
			rows[Number(row[1]) - 1] = Array.from(cells, (x) => x ?? '');
		}
		return {
			name: unescape(name),
			rows: Array.from(rows, (r) => r ?? []),
			merges: [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]),
			frozenRows: Number(/<pane [^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml)?.[1] ?? 0),
			orientation: /<pageSetup [^>]*orientation="([^"]+)"/.exec(xml)?.[1] ?? null,
			paperSize: /<pageSetup [^>]*paperSize="([^"]+)"/.exec(xml)?.[1] ?? null,
			printTitles: defined.find((d) => Number(d[1]) === idx)?.[2] ?? null,
			hasFormula: /<f[ >]/.test(xml),
			borders: hasBorders
		};
	});
}
