// Issue 14 on a temporary database: an .xlsx 汇总表 with title and 推荐单位 line plus a folder of
// .docx 推荐表 in each of the five notices' layouts, joined by 姓名 and 推荐单位; refusals write nothing.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDb } from '../support/db';
import { LAYOUTS, makeForm, makeScannedForm, samplePerson } from '../support/office-forms';
import { attachments, campaigns, candidates } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { importCandidates, previewUpload } from '../../src/lib/server/services/intake';
import { bundleFiles, spreadsheetAsCsv } from '../../src/lib/server/services/intake-files';
import { importExperts } from '../../src/lib/server/services/experts';
import { currentRecords } from '../../src/lib/server/services/intake-preview';

const ACTOR: Actor = { id: null, name: '测试' };
// the forms' photos are stored as attachments: on disk in a temporary folder
process.env.LAUREL_FILES = mkdtempSync(join(tmpdir(), 'laurel-files-'));

async function setup(presetId: string) {
	const db = await freshDb();
	const r = await createCampaign(db, ACTOR, { presetId, name: `测试 ${presetId}` });
	if (!r.ok) throw new Error(r.message);
	const config = (await db.select().from(campaigns).where(eq(campaigns.id, r.id)))[0].config;
	return { db, id: r.id, config, unit: config.channels[0].name };
}

/** The notice's 汇总表 (序号 姓名 性别 民族 党派 出生年月 工作单位及职务职称 专业专长 备注) under a title and unit line. */
async function summaryXlsx(
	unit: string,
	people: { name: string; gender: string; birth: string; unit: string }[]
): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Sheet1');
	ws.mergeCells('A1:I1');
	ws.getCell('A1').value = '2023年“最美科技工作者”候选人汇总表';
	ws.mergeCells('A2:I2');
	ws.getCell('A2').value = `推荐单位：${unit}（盖章）`;
	ws.getRow(4).values = ['序号', '姓名', '性别', '民族', '党派', '出生年月', '工作单位及职务职称', '专业专长', '备注'];
	people.forEach(
		(p, i) => (ws.getRow(5 + i).values = [i + 1, p.name, p.gender, '汉族', '中共党员', p.birth, p.unit, '', ''])
	);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('an .xlsx 汇总表 and a folder of .docx 推荐表, in each notice layout', () => {
	for (const [i, layout] of LAYOUTS.entries())
		it(`imports ${layout}`, async () => {
			const { db, id, config, unit } = await setup(layout);
			const people = [0, 1, 2].map((k) =>
				samplePerson(k + i * 3, { channel: unit, field: '面向世界科技前沿', group: '地市' })
			);
			const xlsx = await summaryXlsx(
				unit,
				people.map((p) => ({ name: p.name, gender: p.gender, birth: p.birth, unit: p.unitAndTitle }))
			);
			// the third form has no row in the 汇总表; the 汇总表's last row no form
			const extra = samplePerson(40 + i, { channel: unit, field: '面向世界科技前沿', group: '地市' });
			const forms = await Promise.all([people[0], people[1], extra].map((p) => makeForm(p, layout)));
			const files = [
				{ name: '汇总表.xlsx', bytes: xlsx },
				...forms.map((b, k) => ({ name: `推荐表${k + 1}.docx`, bytes: b }))
			];
			const preview = await previewUpload(config, files);
			// the row without a form lacks what only the form gives (推荐领域/推荐组别): refused, by its row
			expect(preview.ok).toBe(false);
			expect(preview.errors).toEqual([
				expect.objectContaining({ row: 7, message: expect.stringContaining('推荐领域为空') })
			]);
			expect(preview.source?.forms.map((f) => [f.file, f.name, f.joined, f.row])).toEqual([
				['推荐表1.docx', people[0].name, true, 5],
				['推荐表2.docx', people[1].name, true, 6],
				['推荐表3.docx', extra.name, false, 8]
			]);
			expect(preview.warnings.map((w) => w.message)).toEqual(
				expect.arrayContaining([
					expect.stringContaining(`（${people[2].name}）没有对应的推荐表`),
					expect.stringContaining(`（${extra.name}）在汇总表中没有对应的行`)
				])
			);
			// with the missing form too, all files at once as a zip (the CLI bundles several --file the same way)
			const zip = bundleFiles([...files, { name: '推荐表4.docx', bytes: await makeForm(people[2], layout) }]);
			const r = await importCandidates(db, ACTOR, id, zip.bytes, { filename: zip.name });
			expect(r).toMatchObject({ ok: true, inserted: 4 });
			const recs = await currentRecords(db, id);
			const first = recs.find((c) => c.name === people[0].name)!;
			expect(first.channel).toBe(unit);
			expect(first.career?.length).toBe(2);
			expect(first.deeds).toContain('扎根基层二十年');
			expect(first.story).toBe('暴雨夜守护试验田。');
			expect(recs.find((c) => c.name === extra.name)?.channel).toBe(unit);
			// each form's photo became its candidate's 证件照
			const photos = await db.select().from(attachments);
			expect(photos.map((a) => a.kind)).toEqual(['portrait', 'portrait', 'portrait', 'portrait']);
			expect(photos.map((a) => a.filename)).toContain(`${people[0].name}-推荐表照片.png`);
		});
});

describe('bad uploads are refused whole', () => {
	it('a scanned form among good ones: nothing written, the file named', async () => {
		const { db, id, unit } = await setup('jincheng-2023');
		const good = await makeForm(samplePerson(0, { channel: unit, field: '面向世界科技前沿' }), 'jincheng-2023');
		const zip = zipSync({ '甲.docx': good, '扫描件.docx': await makeScannedForm() });
		const r = await importCandidates(db, ACTOR, id, zip);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.errors).toEqual([
				expect.objectContaining({ column: '扫描件.docx', message: expect.stringContaining('只有图片') })
			]);
		expect(await db.select().from(candidates)).toHaveLength(0);
	});

	it('a form with an empty required field fails the same check as a CSV row', async () => {
		const { db, id, unit } = await setup('jincheng-2023');
		const r = await importCandidates(
			db,
			ACTOR,
			id,
			await makeForm(samplePerson(0, { channel: unit, gender: '', field: '面向世界科技前沿' }), 'jincheng-2023'),
			{ filename: '韦明.docx' }
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0]).toMatchObject({ column: '性别' });
		expect(await db.select().from(candidates)).toHaveLength(0);
	});

	it('two 汇总表 in one upload are refused', async () => {
		const { config, unit } = await setup('jincheng-2023');
		const x = await summaryXlsx(unit, []);
		const p = await previewUpload(config, [
			{ name: 'a.xlsx', bytes: x },
			{ name: 'b.xlsx', bytes: x }
		]);
		expect(p.ok).toBe(false);
		expect(p.errors[0].message).toContain('一次只能上传一个汇总表');
	});
});

describe('an expert roster as .xlsx', () => {
	it('reads the first sheet below a title, phone numbers as typed; refuses .xls by content', async () => {
		const { db, id } = await setup('jincheng-2023');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('专家');
		ws.getCell('A1').value = '评审专家名单';
		ws.getRow(3).values = ['姓名', '工作单位', '评审领域', '手机', '电子邮箱'];
		ws.getRow(4).values = ['周建国', '太原理工大学', '前沿', 13912345678, 'zhou@example.cn'];
		const sheet = await spreadsheetAsCsv(new Uint8Array(await wb.xlsx.writeBuffer()), '“专家.xlsx”');
		if ('error' in sheet) throw new Error(sheet.error);
		const r = await importExperts(db, ACTOR, id, sheet.bytes, { filename: '专家.xlsx' });
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.experts.map((e) => [e.name, e.row])).toEqual([['周建国', 4]]);
		const xls = new Uint8Array(512);
		xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(await spreadsheetAsCsv(xls, '“专家.xlsx”')).toMatchObject({ error: expect.stringContaining('另存为') });
	});
});
