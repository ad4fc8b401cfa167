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
