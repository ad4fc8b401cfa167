// Decoding of uploaded spreadsheet text. Offices send Excel-saved CSV in GBK as often as in
// UTF-8, and never say which, so the encoding is detected from the bytes.
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
	text: string;
	encoding: TextEncodingName;
}

/**
 * Detects and decodes:
 * - UTF-8 with BOM (EF BB BF) → 'utf-8-bom';
 * - UTF-16 with BOM → 'utf-16le' / 'utf-16be' (Excel's "Unicode 文本" export; a bonus, the
 *   contract only promises UTF-8 and GB18030);
 * - bytes that are strictly valid UTF-8 → 'utf-8' (pure ASCII lands here too);
 * - anything else → GB18030 (a superset of GBK and GB2312).
 * GBK text of any real length is practically never valid UTF-8 (its lead bytes 0x81–0xFE are
 * followed by bytes UTF-8 forbids as continuations), which is why strict validation suffices.
 * The returned text never starts with a BOM.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: stripBom(utf8Strict(bytes.subarray(3)) ?? utf8Lenient(bytes.subarray(3))), encoding: 'utf-8-bom' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: stripBom(new TextDecoder('utf-16le').decode(bytes.subarray(2))), encoding: 'utf-16le' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: stripBom(new TextDecoder('utf-16be').decode(bytes.subarray(2))), encoding: 'utf-16be' };
	}
	const utf8 = utf8Strict(bytes);
	if (utf8 !== null) return { text: stripBom(utf8), encoding: 'utf-8' };
	return { text: stripBom(iconv.decode(toBuffer(bytes), 'gb18030')), encoding: 'gb18030' };
}

/** Signatures of files that are often uploaded instead of a CSV (checked on the first bytes). */
const BINARY_SIGNATURES: { sig: number[]; what: string }[] = [
	{ sig: [0x50, 0x4b, 0x03, 0x04], what: 'Excel 工作簿（.xlsx）、Word 文档或压缩包' },
	{ sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: '旧版 Excel 工作簿（.xls）或 Word 文档' },
	{ sig: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'PNG 图片' },
	{ sig: [0xff, 0xd8, 0xff], what: 'JPG 图片' },
	{ sig: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'PDF 文档' },
	{ sig: [0x47, 0x49, 0x46, 0x38], what: 'GIF 图片' },
	{ sig: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
	{ sig: [0x1f, 0x8b], what: 'gzip 压缩包' }
];

const SAVE_AS_CSV = '请在 Excel 或 WPS 中打开表格，选择“另存为”→“CSV（逗号分隔）”或“CSV UTF-8”后再上传';

/**
 * Why the bytes cannot be a CSV text file, in Chinese, or null when they may be one: a known
 * binary signature, or control bytes that no UTF-8/GBK text has (NUL in particular; UTF-16
 * without BOM has one in every ASCII character). Files with a UTF-16 BOM are text.
 */
export function binaryFileProblem(bytes: Uint8Array): string | null {
	if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
		return null;
	const hit = BINARY_SIGNATURES.find((s) => bytes.length >= s.sig.length && s.sig.every((b, i) => bytes[i] === b));
	if (hit) return `文件不是 CSV 文本文件（按文件内容判断是${hit.what}），未导入。${SAVE_AS_CSV}`;
	const n = Math.min(bytes.length, 65536);
	let nul = 0;
	let nulEven = 0;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i];
		if (b === 0) {
			nul++;
			if (i % 2 === 0) nulEven++;
		} else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
	}
	// UTF-16 puts the NUL of every ASCII character (commas, line ends) on the same side of the pair.
	if (nul >= 4 && (nulEven >= nul * 0.9 || nulEven <= nul * 0.1)) {
		return `文件看起来是不带 BOM 的 UTF-16 编码文本，无法可靠识别，未导入。${SAVE_AS_CSV}`;
	}
	if (nul + control > Math.max(1, n / 100)) {
		return `文件含有二进制内容，不是 CSV 文本文件（可能是图片、压缩包、其他格式的文件或文件已损坏），未导入。${SAVE_AS_CSV}`;
	}
	return null;
}

/** GB18030 bytes of a string (for fixtures and tests that imitate an Excel GBK save). */
export function encodeGb18030(text: string): Uint8Array {
	return new Uint8Array(iconv.encode(text, 'gb18030'));
}

/** Human label of an encoding, for import summaries. */
export function encodingLabel(encoding: TextEncodingName): string {
	switch (encoding) {
		case 'utf-8':
			return 'UTF-8';
		case 'utf-8-bom':
			return 'UTF-8（带BOM）';
		case 'gb18030':
			return 'GB18030/GBK';
		case 'utf-16le':
			return 'UTF-16LE';
		case 'utf-16be':
			return 'UTF-16BE';
	}
}

function utf8Strict(bytes: Uint8Array): string | null {
	try {
		// ignoreBOM keeps a stray BOM in the text so stripBom sees it; fatal rejects GBK.
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}

function utf8Lenient(bytes: Uint8Array): string {
	// A BOM promises UTF-8; if a few bytes are broken anyway, keep the rest readable.
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
