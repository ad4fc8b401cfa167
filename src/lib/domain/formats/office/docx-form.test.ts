import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { LAYOUTS, makeForm, makeScannedForm, samplePerson } from '../../../../../tests/support/office-forms';
import { labelKey, readDocxForm, tickedOption } from './docx-form';
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

describe('labels and ticked boxes', () => {
	it('folds spacing and width in labels', () => {
		expect(labelKey('姓\u3000名：')).toBe('姓名');
		expect(labelKey('学\n习\n工\n作\n经\n历')).toBe('学习工作经历');
		expect(labelKey('电子邮箱（Ｅｍａｉｌ）')).toBe('电子邮箱(Email)');
	});

	it('takes the ticked option by glyph, Wingdings symbol or highlight; none when nothing is ticked', () => {
		expect(tickedOption('□面向世界科技前沿 ■面向经济主战场 □社会服务', [])).toBe('面向经济主战场');
		expect(tickedOption('☐理科  √工科  ☐农科', [])).toBe('工科');
		expect(tickedOption('理科  工科  农科', ['农科'])).toBe('农科');
		expect(tickedOption('□前沿 □主战场', [])).toBeNull();
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
