import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, encodeGb18030, encodingLabel } from './csv-decode';

const SAMPLE = '姓名,性别,出生年月,推荐单位\r\n王芳,女,1980.05,南宁市\r\n韦桂兰,女,1985年3月,广西医学会\r\n';

describe('decodeText', () => {
	it('reads UTF-8 without BOM', () => {
		const r = decodeText(new TextEncoder().encode(SAMPLE));
		expect(r).toEqual({ text: SAMPLE, encoding: 'utf-8' });
	});

	it('reads UTF-8 with BOM and strips the BOM', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)]);
		const r = decodeText(bytes);
		expect(r.encoding).toBe('utf-8-bom');
		expect(r.text).toBe(SAMPLE);
		expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
	});

	it('reads GBK as Excel on Chinese Windows saves it', () => {
		const bytes = new Uint8Array(iconv.encode(SAMPLE, 'gbk'));
		// Sanity: these bytes are not UTF-8, so the detector cannot pass by luck.
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const r = decodeText(bytes);
		expect(r).toEqual({ text: SAMPLE, encoding: 'gb18030' });
	});

	it('reads GB18030 four-byte characters (rare name characters)', () => {
		const text = '姓名\r\n王䶮\r\n李𠀾\r\n';
		const bytes = encodeGb18030(text);
		expect(bytes).toBeInstanceOf(Uint8Array);
		expect(decodeText(bytes)).toEqual({ text, encoding: 'gb18030' });
	});

	it('reads short GBK text that is only two characters long', () => {
		const r = decodeText(new Uint8Array(iconv.encode('姓名', 'gbk')));
		expect(r).toEqual({ text: '姓名', encoding: 'gb18030' });
	});

	it('treats pure ASCII as UTF-8', () => {
		expect(decodeText(new TextEncoder().encode('a,b\r\n1,2'))).toEqual({ text: 'a,b\r\n1,2', encoding: 'utf-8' });
	});

	it('reads UTF-16LE with BOM (Excel "Unicode 文本")', () => {
		const bytes = new Uint8Array(iconv.encode('姓名\t性别', 'utf-16le', { addBOM: true }));
		expect(decodeText(bytes)).toEqual({ text: '姓名\t性别', encoding: 'utf-16le' });
	});

	it('handles an empty file and a lone BOM', () => {
		expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
		expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8-bom' });
	});

	it('works on a subarray view (byteOffset ≠ 0)', () => {
		const gbk = new Uint8Array(iconv.encode('XX王芳', 'gbk'));
		expect(decodeText(gbk.subarray(2))).toEqual({ text: '王芳', encoding: 'gb18030' });
	});

	it('labels encodings in Chinese', () => {
		expect(encodingLabel('gb18030')).toBe('GB18030/GBK');
		expect(encodingLabel('utf-8-bom')).toContain('BOM');
	});
});
