// The 推荐表 filled from a nomination record, for the candidates sent up to the next level: the
// national form (附件1 of the notices: 姓名 … 推荐领域 with its boxes, 学习工作经历 rows, 主要事迹,
// 感人故事, 个人声明 and the two 意见 cells left for signatures and seals). One .docx per candidate.
import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	VerticalMergeType,
	WidthType
} from 'docx';
import { zipSync } from 'fflate';
import { fieldFullName, formatBirth } from '../../intake/nomination-format';
import type { CandidateRecord } from '../../types';

const FIELD_OPTIONS = ['面向世界科技前沿', '面向经济主战场', '面向国家重大需求', '面向人民生命健康', '社会服务'];
const GROUP_OPTIONS = ['理科', '工科', '农科', '医科', '综合', '地市'];
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
	new Paragraph({
		alignment: opts.center ? AlignmentType.CENTER : undefined,
		children: [new TextRun({ text, bold: opts.bold, font: '仿宋' })]
	});
function cell(
	text: string | string[],
	opts: { span?: number; label?: boolean; merge?: 'restart' | 'continue' } = {}
): TableCell {
	const lines = Array.isArray(text) ? text : text.split('\n');
	return new TableCell({
		borders,
		columnSpan: opts.span,
		verticalMerge:
			opts.merge === 'restart'
				? VerticalMergeType.RESTART
				: opts.merge === 'continue'
					? VerticalMergeType.CONTINUE
					: undefined,
		children: lines.map((l) => p(l, { bold: opts.label, center: opts.label }))
	});
}
const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const L = (t: string, span?: number) => cell(t, { label: true, span });
const V = (t: string | string[] | undefined, span?: number) => cell(t ?? '', { span });

/** The options with the record's one ticked (☑) and the others empty (☐). */
function ticks(options: string[], chosen: string | null | undefined): string {
	return options.map((o) => `${o === chosen ? '☑' : '☐'}${o}`).join('  ');
}

async function filledForm(
	r: CandidateRecord,
	opts: { title: string; classification: 'field' | 'group' }
): Promise<Uint8Array> {
	const classRow =
		opts.classification === 'group'
			? row(L('推荐组别'), V(ticks(GROUP_OPTIONS, r.group), 5))
			: row(L('推荐领域'), V(ticks(FIELD_OPTIONS, r.field ? fieldFullName(r.field) : null), 5));
	const career = r.career.length ? r.career : [{ period: '', unit: '', role: '' }];
	const rows = [
		row(L('姓名'), V(r.name), L('性别'), V(r.gender), L('出生年月'), V(formatBirth(r.birth))),
		row(L('民族'), V(r.ethnicity), L('籍贯'), V(r.nativePlace), L('政治面貌'), V(r.party)),
		row(L('学历'), V(r.education), L('学位'), V(r.degree), L('所学专业'), V(r.major)),
		row(L('毕业院校'), V(r.school, 5)),
		row(L('工作单位及职务'), V(r.unitAndTitle, 5)),
		row(L('专业技术职务'), V(r.profTitle, 5)),
		row(L('办公电话'), V(r.phone), L('手机'), V(r.mobile), L('电子邮箱'), V(r.email)),
		row(L('通讯地址'), V(r.address, 3), L('邮编'), V(r.postcode)),
		classRow,
		row(cell('学习工作经历', { label: true, merge: 'restart' }), L('起止年月', 2), L('在何单位从事何工作', 3)),
		...career.map((c) =>
			row(cell('', { merge: 'continue' }), V(c.period, 2), V([c.unit, c.role].filter(Boolean).join(' '), 3))
		),
		row(L('推荐单位'), V(r.channel, 5)),
		row(L('主要事迹', 6)),
		row(V(r.deeds, 6)),
		row(L('感人故事', 6)),
		row(V(r.story, 6)),
		row(L('所获重要奖励'), V((r.awards ?? []).join('\n'), 5)),
		row(
			L('个人声明'),
			V(
				[
					'本人接受推荐，承诺推荐材料中所有信息真实可靠，不存在违背诚信要求的行为，若有失实和造假行为，本人愿承担一切责任。',
					'候选人签名：',
					'年  月  日'
				],
				5
			)
		),
		row(L('所在单位意见'), V(['', '（盖章）', '年  月  日'], 5)),
		row(L('推荐单位意见'), V(['', '（盖章）', '年  月  日'], 5))
	];
	const doc = new Document({
		creator: 'Laurel',
		title: opts.title,
		sections: [
			{
				children: [
					new Paragraph({
						alignment: AlignmentType.CENTER,
						children: [new TextRun({ text: opts.title, bold: true, size: 36, font: '方正小标宋简体' })]
					}),
					p(''),
					new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })
				]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

/** One form per record in a .zip, named 序号-姓名-推荐单位.docx (names made safe for every file system). */
export async function formsZip(
	records: CandidateRecord[],
	opts: { title: string; classification: 'field' | 'group' }
): Promise<Uint8Array> {
	const files: Record<string, Uint8Array> = {};
	// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
	const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
	for (const [i, r] of records.entries())
		files[`${String(i + 1).padStart(3, '0')}-${safe(r.name)}-${safe(r.channel)}.docx`] = await filledForm(r, opts);
	return zipSync(files, { level: 6 });
}
