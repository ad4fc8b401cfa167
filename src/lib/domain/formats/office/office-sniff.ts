// What an uploaded file really is, judged by its bytes and never by its name: a CSV text, an
// .xlsx workbook, a .docx document, a zip of several files, or something we refuse with a clear
// message (old .xls/.doc, macro files, encrypted files, zip bombs). The zip's central directory
// is read by fflate with a filter that declines every entry, so nothing is inflated here.
import { unzipSync } from 'fflate';

/** A 汇总表 of 10,000 rows is about 3 MB of sheet XML; a 推荐表 with photos a few MB. */
export const ZIP_LIMITS = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 } as const;

export type OfficeKind = 'csv' | 'xlsx' | 'docx' | 'zip';

export interface ZipEntry {
	name: string;
	/** compressed size */
	size: number;
	/** uncompressed size as the central directory declares it */
	originalSize: number;
}

export type Sniffed = { kind: OfficeKind; entries?: ZipEntry[] } | { kind: 'refused'; message: string };

const SAVE_XLSX = '请在 Excel 或 WPS 中打开，选择“另存为”→“Excel 工作簿（*.xlsx）”后再上传';
const SAVE_DOCX = '请在 Word 或 WPS 中打开，选择“另存为”→“Word 文档（*.docx）”后再上传';

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isEmptyZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x05 && b[3] === 0x06;
const isOle = (b: Uint8Array) =>
	b.length >= 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((x, i) => b[i] === x);

/** Whether a UTF-16LE stream name (as OLE directory entries store them) occurs in the bytes. */
function hasUtf16(bytes: Uint8Array, name: string): boolean {
	const pat = new Uint8Array(name.length * 2);
	for (let i = 0; i < name.length; i++) pat[i * 2] = name.charCodeAt(i);
	outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
		if (bytes[i] !== pat[0]) continue;
		for (let j = 1; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
		return true;
	}
	return false;
}

/** Why an OLE2 compound file (D0 CF 11 E0 …) is refused: encrypted OOXML, old .doc or old .xls. */
function oleProblem(bytes: Uint8Array, label = '文件'): string {
	// Office wraps a password-protected .xlsx/.docx in an OLE container with an EncryptedPackage stream.
	if (hasUtf16(bytes, 'EncryptedPackage'))
		return `${label}设置了打开密码（已加密），无法读取，未导入。请在 Excel/Word 中打开后取消密码（文件→信息→保护→用密码进行加密，清空密码），另存为 .xlsx 或 .docx 后再上传`;
	if (hasUtf16(bytes, 'WordDocument')) return `${label}是旧版 Word 文档（.doc），无法读取，未导入。${SAVE_DOCX}`;
	return `${label}是旧版 Excel 工作簿（.xls）或其他旧版 Office 文件，无法读取，未导入。${SAVE_XLSX}`;
}

/** The zip's entries from its central directory, or a message when it is damaged or a zip bomb. */
function zipEntries(bytes: Uint8Array, label = '文件'): ZipEntry[] | string {
	const entries: ZipEntry[] = [];
	try {
		unzipSync(bytes, {
			filter: (f) => {
				entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
				return false;
			}
		});
	} catch {
		return `${label}按内容判断是 Excel 工作簿（.xlsx）、Word 文档或压缩包，但内容已损坏，无法读取，未导入`;
	}
	if (entries.length > ZIP_LIMITS.maxEntries)
		return `${label}内含 ${entries.length} 个部件，超过上限 ${ZIP_LIMITS.maxEntries} 个，疑似异常压缩包，未导入`;
	const total = entries.reduce((s, e) => s + e.originalSize, 0);
	if (total > ZIP_LIMITS.maxTotalBytes)
		return `${label}解压后共 ${(total / 1048576).toFixed(0)} MB，超过上限 ${ZIP_LIMITS.maxTotalBytes / 1048576} MB，疑似“压缩炸弹”，未导入`;
	const packed = entries.reduce((s, e) => s + e.size, 0);
	if (total > 10 * 1048576 && total > packed * ZIP_LIMITS.maxRatio)
		return `${label}的压缩比异常（${(total / Math.max(1, packed)).toFixed(0)} 倍），疑似“压缩炸弹”，未导入`;
	return entries;
}

/** Classifies the bytes. Text that is not a zip or OLE file is handed to the CSV reader as before. */
export function sniffOffice(bytes: Uint8Array, label = '文件'): Sniffed {
	if (isOle(bytes)) return { kind: 'refused', message: oleProblem(bytes, label) };
	if (isEmptyZip(bytes)) return { kind: 'refused', message: `${label}是空的压缩包，未导入` };
	if (!isZip(bytes)) return { kind: 'csv' };
	const entries = zipEntries(bytes, label);
	if (typeof entries === 'string') return { kind: 'refused', message: entries };
	const names = new Set(entries.map((e) => e.name));
	const macro = entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name));
	if (names.has('xl/workbook.xml')) {
		if (macro)
			return {
				kind: 'refused',
				message: `${label}是含宏的 Excel 工作簿（.xlsm），为安全起见不读取，未导入。${SAVE_XLSX}`
			};
		return { kind: 'xlsx', entries };
	}
	if (names.has('word/document.xml')) {
		if (macro)
			return {
				kind: 'refused',
				message: `${label}是含宏的 Word 文档（.docm），为安全起见不读取，未导入。${SAVE_DOCX}`
			};
		return { kind: 'docx', entries };
	}
	if (names.has('[Content_Types].xml'))
		return {
			kind: 'refused',
			message: `${label}是 Office 文件，但不是 Excel 工作簿（.xlsx）或 Word 文档（.docx），未导入`
		};
	return { kind: 'zip', entries };
}
