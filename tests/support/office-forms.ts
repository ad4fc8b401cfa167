// 推荐表 .docx files generated with the `docx` package in the layouts of the five notices' 附件1
// (docs/seeds): label cells then value cells, spacing and order as each notice prints them.
import {
	AlignmentType,
	Document,
	HighlightColor,
	ImageRun,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	VerticalMergeType,
	WidthType
} from 'docx';

export interface FormPerson {
	name: string;
	gender: string;
	ethnicity?: string;
	birth: string;
	party?: string;
	education?: string;
	degree?: string;
	school?: string;
	major?: string;
	unitAndTitle: string;
	profTitle?: string;
	mobile?: string;
	email?: string;
	field?: string;
	group?: string;
	channel?: string;
	career?: [string, string][];
	deeds?: string;
	story?: string;
	awards?: string;
	statement?: boolean;
}

export type FormLayout = 'jincheng-2023' | 'qinghai-2023' | 'hengshui-2022' | 'neimenggu-2023' | 'guangxi-2024';
export const LAYOUTS: FormLayout[] = [
	'jincheng-2023',
	'qinghai-2023',
	'hengshui-2022',
	'neimenggu-2023',
	'guangxi-2024'
];

const FIELDS = ['面向世界科技前沿', '面向经济主战场', '面向国家重大需求', '面向人民生命健康', '社会服务'];
const GROUPS = ['理科', '工科', '农科', '医科', '综合', '地市'];
/** A 1×1 PNG: the photo. */
export const PHOTO = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	)
);

type Cell =
	| string
	| { lines: string[] }
	| { runs: TextRun[] }
	| { merge: 'restart' | 'continue'; text?: string }
	| { photo: true };

function tc(c: Cell, span = 1): TableCell {
	if (typeof c === 'string') return new TableCell({ columnSpan: span, children: [new Paragraph(c)] });
	if ('lines' in c) return new TableCell({ columnSpan: span, children: c.lines.map((l) => new Paragraph(l)) });
	if ('runs' in c) return new TableCell({ columnSpan: span, children: [new Paragraph({ children: c.runs })] });
	if ('photo' in c)
		return new TableCell({
			children: [
				new Paragraph({
					children: [new ImageRun({ type: 'png', data: PHOTO, transformation: { width: 90, height: 120 } })]
				})
			]
		});
	return new TableCell({
		columnSpan: span,
		verticalMerge: c.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE,
		children: [new Paragraph(c.text ?? '')]
	});
}

/** Options with the chosen one ticked: by glyph (☑ / ■ / √ in front) or by highlight. */
function options(all: string[], chosen: string | undefined, style: 'box' | 'square' | 'check' | 'highlight'): Cell {
	const runs: TextRun[] = [];
	for (const o of all) {
		const on = o === chosen;
		if (style === 'highlight')
			runs.push(new TextRun({ text: o, highlight: on ? HighlightColor.YELLOW : undefined }), new TextRun('  '));
		else {
			const mark = on ? (style === 'box' ? '☑' : style === 'square' ? '■' : '√') : '□';
			runs.push(new TextRun(`${mark}${o}  `));
		}
	}
	return { runs };
}

const sp = (s: string, spaced: boolean) => (spaced && s.length === 2 ? `${s[0]}  ${s[1]}` : s);

function personRows(p: FormPerson, layout: FormLayout): TableRow[] {
	const spaced = layout === 'jincheng-2023' || layout === 'guangxi-2024';
	const row = (...cells: Cell[]) => new TableRow({ children: cells.map((c) => tc(c)) });
	const careerRows = (label: Cell) => {
		const lines = typeof label === 'string' ? [label] : (label as { lines: string[] }).lines;
		const head = new TableCell({
			verticalMerge: VerticalMergeType.RESTART,
			children: lines.map((l) => new Paragraph(l))
		});
		const out = [new TableRow({ children: [head, tc('起止年月'), tc('在何单位从事何工作')] })];
		for (const [period, what] of p.career ?? []) out.push(row({ merge: 'continue' }, period, what));
		return out;
	};
	const ticked = (all: string[], v: string | undefined): Cell =>
		options(
			all,
			v,
			layout === 'jincheng-2023'
				? 'box'
				: layout === 'qinghai-2023'
					? 'square'
					: layout === 'hengshui-2022'
						? 'check'
						: layout === 'guangxi-2024'
							? 'highlight'
							: 'box'
		);
	const classRow =
		layout === 'guangxi-2024'
			? row('推荐组别', ticked(GROUPS, p.group))
			: row(layout === 'jincheng-2023' ? '推 荐 领 域' : '推荐领域', ticked(FIELDS, p.field));
	const top = [
		row(sp('姓名', spaced), p.name, sp('性别', spaced), p.gender, { photo: true }),
		row(sp('民族', spaced), p.ethnicity ?? '', '出生年月', p.birth),
		row('籍贯', '', '政治面貌', p.party ?? ''),
		row(sp('学历', spaced), p.education ?? '', sp('学位', spaced), p.degree ?? ''),
		row('毕业院校', p.school ?? '', '所学专业', p.major ?? '')
	];
	const work = [
		row('工作单位及职务', p.unitAndTitle),
		row('专业技术职务', p.profTitle ?? '（填写具体职务）'),
		row('办公电话', '', sp('手机', spaced), p.mobile ?? '', '电子邮箱', p.email ?? '')
	];
	const careerLabel: Cell =
		layout === 'guangxi-2024'
			? { lines: ['学', '习', '工', '作', '经', '历'] }
			: layout === 'neimenggu-2023'
				? '学习工作经历'
				: '学 习 工 作 经 历';
	const texts: TableRow[] = [];
	if (layout === 'neimenggu-2023' || layout === 'qinghai-2023') {
		// label and text in one cell, the text below the label's hint
		texts.push(row({ lines: ['主要事迹（1500字左右）', ...(p.deeds ? [p.deeds] : [])] }));
		texts.push(row({ lines: ['感人故事（1—2个，1000字以内）', ...(p.story ? [p.story] : [])] }));
	} else {
		// the label on its own row, the text in the row below
		texts.push(row('主要事迹（1500 字左右，要有大标题和内文小标题）'), row(p.deeds ?? ''));
		texts.push(row('感人故事（1—2 个，1000 字以内）'), row(p.story ?? ''));
	}
	if (p.awards !== undefined) texts.push(row('所获重要奖励', p.awards));
	texts.push(
		row('个人声明', {
			lines: [
				'本人接受推荐，承诺推荐材料中所有信息真实可靠，若有失实和造假行为，本人愿承担一切责任。',
				p.statement ? `候选人签名：${p.name}` : '候选人签名：',
				'年  月  日'
			]
		})
	);
	texts.push(row('所在单位意见', '（盖章） 年 月 日'));
	// the notices differ in order: 广西 puts 推荐组别 before 工作单位; others after 通讯地址
	if (layout === 'guangxi-2024') return [...top, classRow, ...work, ...careerRows(careerLabel), ...texts];
	if (layout === 'hengshui-2022') return [...top, ...work, ...careerRows(careerLabel), classRow, ...texts];
	return [...top, ...work, classRow, ...careerRows(careerLabel), ...texts];
}

export async function makeForm(p: FormPerson, layout: FormLayout): Promise<Uint8Array> {
	const cover = [
		new Paragraph({
			alignment: AlignmentType.CENTER,
			children: [new TextRun({ text: '“最美科技工作者”推 荐 表', bold: true })]
		}),
		new Paragraph(`候选人姓名：${p.name}`),
		new Paragraph(`推荐单位：${p.channel ?? ''}（盖章）`)
	];
	const table = new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: personRows(p, layout) });
	const doc = new Document({ sections: [{ children: [...cover, table] }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}

/** A "scanned" form: the photo of a page and no text. */
export async function makeScannedForm(): Promise<Uint8Array> {
	const doc = new Document({
		sections: [
			{
				children: [
					new Paragraph({
						children: [new ImageRun({ type: 'png', data: PHOTO, transformation: { width: 600, height: 800 } })]
					})
				]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

export function samplePerson(i: number, over: Partial<FormPerson> = {}): FormPerson {
	return {
		name: ['韦明', '黄丽', '李强', '张伟', '王芳'][i % 5] + (i >= 5 ? String.fromCharCode(0x4e00 + i) : ''),
		gender: i % 2 ? '女' : '男',
		ethnicity: '汉族',
		birth: `198${i % 10}.0${(i % 9) + 1}`,
		party: '中共党员',
		education: '研究生',
		degree: '博士',
		school: '广西大学',
		major: '农学',
		unitAndTitle: `某农业科学院 研究员${i}`,
		profTitle: '研究员',
		mobile: '13800138000',
		field: FIELDS[i % 5],
		group: GROUPS[i % 6],
		channel: '南宁市',
		career: [
			['2005.07-2012.06', '广西大学 讲师'],
			['2012.07-至今', '某农业科学院 研究员']
		],
		deeds: `扎根基层二十年，培育新品种${i}个。\n第二段事迹。`,
		story: '暴雨夜守护试验田。',
		awards: '2021年 省科技进步奖一等奖',
		statement: true,
		...over
	};
}
