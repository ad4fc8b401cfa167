// A small walk over WordprocessingML (word/document.xml): the body's tables as rows of cells, each
// cell as its paragraphs' text, plus the text outside tables. Only what a 推荐表 needs is kept:
// w:t text, tabs and breaks, ticked boxes (Unicode glyphs, Wingdings symbols, legacy and content-
// control check boxes, normalized to ☑/☐) and highlighted or shaded runs (an option marked by colour).
// No external entities or DTDs are resolved: the XML is scanned with regular expressions only.

export interface DocxCell {
	/** paragraphs of the cell, each a line */
	lines: string[];
	/** text of highlighted or shaded runs (an option ticked by colour) */
	marked: string[];
	/** a cell continuing a vertical merge (its text belongs to the cell above) */
	continued: boolean;
}

export interface DocxTable {
	rows: DocxCell[][];
}

export interface DocxBody {
	tables: DocxTable[];
	/** paragraphs outside tables (cover page: 候选人姓名：…, 推荐单位：…) */
	paragraphs: string[];
	/** whether the body holds a picture (w:drawing / w:pict) */
	hasPicture: boolean;
}

export const TICKED = '☑';
export const UNTICKED = '☐';
/** Glyphs offices use for a ticked box, and for an empty one. */
const TICKED_GLYPHS = /[☑☒■√✓✔▣🗹🗷]/gu;
const UNTICKED_GLYPHS = /[□☐▢○◻]/g;
/** Wingdings / Wingdings 2 code points of ticked and empty boxes (w:sym w:char). */
const SYM_TICKED = new Set(['F0FE', 'F052', 'F053', 'F054', 'F0FD', 'F0FC', 'F050', '00FE', '0052', 'F0A4']);
const SYM_UNTICKED = new Set(['F0A8', 'F0A3', 'F0A1', 'F06F', 'F030', '00A8', '00A3', 'F071']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
	return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
		e[0] === '#'
			? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
			: ENTITIES[e]
	);
}

function attr(attrs: string, name: string): string | null {
	const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
	return m ? m[1] : null;
}

const TAG =
	/<(\/?)(w:tbl|w:tr|w:tc|w:p|w:r|w:t|w:tab|w:br|w:cr|w:sym|w:highlight|w:shd|w:vMerge|w:drawing|w:pict|w:checkBox|w:checked|w:default|w14:checked|w:rPr|w:tcPr|w:pPr|w:instrText)\b([^>]*?)(\/?)>/g;

/** Parses document.xml into tables and loose paragraphs. Nested tables are flattened into their cell. */
export function parseDocumentXml(xml: string): DocxBody {
	const body: DocxBody = { tables: [], paragraphs: [], hasPicture: false };
	const tableStack: DocxTable[] = [];
	let row: DocxCell[] | null = null;
	let cell: DocxCell | null = null;
	let para: string[] = [];
	let paraMarked = '';
	const markedRuns: string[] = [];
	let runMarked = false;
	let inRPr = false;
	let inTcPr = false;
	let inText = false;
	let textStart = 0;
	let checkBox = false;
	let checkBoxOn = false;
	TAG.lastIndex = 0;
	for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
		const [, close, name, attrs, selfClose] = m;
		if (inText) {
			if (name === 'w:t' && close) {
				const text = unescapeXml(xml.slice(textStart, m.index));
				para.push(text);
				if (runMarked) paraMarked += text;
				inText = false;
			}
			continue;
		}
		switch (name) {
			case 'w:tbl':
				if (!close) tableStack.push({ rows: [] });
				else {
					const t = tableStack.pop();
					if (t && tableStack.length === 0) body.tables.push(t);
				}
				break;
			case 'w:tr':
				if (tableStack.length === 1) {
					if (!close) row = [];
					else if (row) {
						tableStack[0].rows.push(row);
						row = null;
					}
				}
				break;
			case 'w:tc':
				if (tableStack.length === 1) {
					if (!close) cell = { lines: [], marked: [], continued: false };
					else if (cell && row) {
						row.push(cell);
						cell = null;
					}
				}
				break;
			case 'w:tcPr':
				inTcPr = !close && !selfClose;
				break;
			case 'w:vMerge':
				// <w:vMerge/> or w:val="continue" continues the cell above; w:val="restart" starts one
				if (inTcPr && cell && attr(attrs, 'w:val') !== 'restart') cell.continued = true;
				break;
			case 'w:p':
				if (!close && !selfClose) {
					para = [];
					paraMarked = '';
				} else {
					const line = para.join('');
					if (paraMarked.trim()) markedRuns.push(paraMarked.trim());
					if (cell) {
						cell.lines.push(line);
						if (paraMarked.trim()) cell.marked.push(paraMarked.trim());
					} else if (tableStack.length === 0) body.paragraphs.push(line);
					para = [];
					paraMarked = '';
				}
				break;
			case 'w:r':
				if (!close) runMarked = false;
				break;
			case 'w:rPr':
				inRPr = !close && !selfClose;
				break;
			case 'w:highlight':
				if (inRPr && (attr(attrs, 'w:val') ?? 'none') !== 'none') runMarked = true;
				break;
			case 'w:shd': {
				const fill = (attr(attrs, 'w:fill') ?? 'auto').toUpperCase();
				if (inRPr && fill !== 'AUTO' && fill !== 'FFFFFF') runMarked = true;
				break;
			}
			case 'w:t':
				if (!close && !selfClose) {
					inText = true;
					textStart = m.index + m[0].length;
				}
				break;
			case 'w:tab':
				if (!close) para.push(' ');
				break;
			case 'w:br':
			case 'w:cr':
				if (!close) para.push('\n');
				break;
			case 'w:sym': {
				const ch = (attr(attrs, 'w:char') ?? '').toUpperCase();
				if (SYM_TICKED.has(ch)) para.push(TICKED);
				else if (SYM_UNTICKED.has(ch)) para.push(UNTICKED);
				break;
			}
			case 'w:checkBox':
				if (!close) {
					checkBox = true;
					checkBoxOn = false;
				}
				if (close || selfClose) {
					// a legacy form-field check box: its state is w:checked, else w:default
					para.push(checkBoxOn ? TICKED : UNTICKED);
					checkBox = false;
				}
				break;
			case 'w:checked':
			case 'w:default':
				if (checkBox) {
					const v = attr(attrs, 'w:val');
					if (name === 'w:checked' || !checkBoxOn) checkBoxOn = v === null || v === '1' || v === 'true' || v === 'on';
				}
				break;
			case 'w:drawing':
			case 'w:pict':
				body.hasPicture = true;
				break;
		}
	}
	void markedRuns;
	return body;
}

/** A line with every box glyph normalized to ☑ (ticked) or ☐ (empty). */
export function normalizeBoxes(s: string): string {
	return s.replace(TICKED_GLYPHS, TICKED).replace(UNTICKED_GLYPHS, UNTICKED);
}
