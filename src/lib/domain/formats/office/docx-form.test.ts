import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { LAYOUTS, makeForm, makeScannedForm, samplePerson } from '../../../../../tests/support/office-forms';
import { readDocxForm } from './docx-form';
import { parseDocumentXml } from './docx-xml';

describe('a 推荐表 read by label in each notice layout', () => {
	for (const layout of LAYOUTS)
		it(`reads every field of the ${layout} form`, async () => {
			const p = samplePerson(3);
			const r = readDocxForm(await makeForm(p, layout));
			expect(r.unreadable).toBeUndefined();
			expect(r.values).toMatchObject({
				name: p.name,
				gender: p.gender,
				birth: p.birth,
				party: '中共党员',
				school: '广西大学',
				unitAndTitle: p.unitAndTitle,
				profTitle: '研究员',
				mobile: '13800138000',
				channel: '南宁市',
				career: '2005.07-2012.06 广西大学 讲师\n2012.07-至今 某农业科学院 研究员',
				deeds: p.deeds,
				story: p.story,
				awards: p.awards
			});
			if (layout === 'guangxi-2024') expect(r.values.group).toBe(p.group);
			else expect(r.values.field).toBe(p.field);
			expect(r.values.statement).toContain(`候选人签名：${p.name}`);
			expect(r.photo?.bytes.length).toBeGreaterThan(50);
			expect(r.missing).toEqual(['nativePlace', 'phone', 'email']);
		});

	it('reports an empty field as missing, and a required field absent', async () => {
		const r = readDocxForm(await makeForm(samplePerson(1, { birth: '', story: '', field: 'none' }), 'jincheng-2023'));
		expect(r.values.birth).toBeUndefined();
		expect(r.missing).toEqual(expect.arrayContaining(['birth', 'story', 'field']));
		expect(r.values.name).toBe('黄丽');
	});

	it('reports a scanned form (a picture, no text) as unreadable', async () => {
		const r = readDocxForm(await makeScannedForm(), '“扫描件.docx”');
		expect(r.unreadable).toMatch(/“扫描件\.docx”只有图片、没有文字.*扫描件/);
	});

	it('refuses files that are not Word documents by content', async () => {
		expect(readDocxForm(strToU8('姓名,性别')).unreadable).toContain('不是 Word 文档');
		expect(
			readDocxForm(
				zipSync({
					'word/document.xml': strToU8(
						'<w:document><w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p></w:body></w:document>'
					)
				})
			).unreadable
		).toContain('不像是推荐表');
	});
});

/** A cell's XML: a paragraph a line; [text] runs in `marked` are highlighted (an option marked by colour). */
const cellXml = (lines: string, marked: string[] = []) =>
	`<w:tc>${lines
		.split('\n')
		.map((line) => {
			const runs = marked.length ? line.split(new RegExp(`(${marked.join('|')})`)).filter(Boolean) : [line];
			const run = (t: string) =>
				`<w:r>${marked.includes(t) ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
			return `<w:p>${runs.map(run).join('')}</w:p>`;
		})
		.join('')}</w:tc>`;
/** A 推荐表 of one table, a row a label cell and a value cell, read back. */
const formOf = (rows: [label: string, value: string, marked?: string[]][]) =>
	readDocxForm(
		zipSync({
			'word/document.xml': strToU8(
				`<w:document><w:body><w:tbl>${rows
					.map(([label, value, marked]) => `<w:tr>${cellXml(label)}${cellXml(value, marked)}</w:tr>`)
					.join('')}</w:tbl></w:body></w:document>`
			)
		})
	).values;

describe('labels and ticked boxes', () => {
	it('folds spacing and width in labels', () => {
		expect(formOf([['姓\u3000名：', '张三']]).name).toBe('张三');
		expect(formOf([['学\n习\n工\n作\n经\n历', '2005.07-2012.06 广西大学 讲师']]).career).toBe(
			'2005.07-2012.06 广西大学 讲师'
		);
		// NFKC: a Kangxi radical from a PDF conversion (⼯ U+2F2F) and full-width brackets and digits
		expect(formOf([['⼯作单位', '广西大学 教授']]).unitAndTitle).toBe('广西大学 教授');
		expect(formOf([['主要事迹（限１５００字）', '扎根基层']]).deeds).toBe('扎根基层');
	});

	it('takes the ticked option by glyph, Wingdings symbol or highlight; none when nothing is ticked', () => {
		const field = (text: string, marked?: string[]) =>
			formOf([
				['姓名', '张三'],
				['推荐领域', text, marked]
			]).field;
		expect(field('□面向世界科技前沿 ■面向经济主战场 □社会服务')).toBe('面向经济主战场');
		expect(field('☐理科  √工科  ☐农科')).toBe('工科');
		expect(field('理科  工科  农科', ['农科'])).toBe('农科');
		expect(field('□前沿 □主战场')).toBeUndefined();
		const xml = `<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>推荐领域</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/><w:t>前沿 </w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t>社会服务</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`;
		const body = parseDocumentXml(xml);
		expect(body.tables[0].rows[0][1].lines[0]).toBe('☐前沿 ☑社会服务');
	});

	it('never resolves entities or DTDs in the XML', () => {
		const body = parseDocumentXml(
			'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:p><w:r><w:t>&e;&amp;&#x59D3;</w:t></w:r></w:p>'
		);
		expect(body.paragraphs).toEqual(['&e;&姓']);
	});
});
