// The forms that were read by hand before (the expert's declaration, the redaction edits, the
// attachment upload, the pool and import files, the check page's acceptance, the invitation's
// password, the relaxed targets of a selection run), read by their schemas: the refusals the pages
// showed before, word for word, and what the services are given.
import { describe, expect, it } from 'vitest';
import { parseForm } from './form';
import { declareForm } from './conflicts';
import { redactionForm } from './redactions';
import { uploadForm, warningAcceptanceForm } from './records';
import { importFilesForm, poolFileForm, rosterFileForm } from './files';
import { invitationForm } from './account';
import { relaxForm } from './selection';

const fd = (entries: [string, string | File][]) => {
	const f = new FormData();
	for (const [k, x] of entries) f.append(k, x);
	return f;
};

describe('the declaration form', () => {
	const form = declareForm(20);

	it('reads one item a line (or ；/;), blanks dropped', () => {
		const r = parseForm(
			form,
			fd([
				['units', ' 广西大学\n\n桂林理工大学；南宁市科协 '],
				['people', '张三;李四']
			])
		);
		expect(r).toEqual({
			ok: true,
			value: { units: ['广西大学', '桂林理工大学', '南宁市科协'], people: ['张三', '李四'] }
		});
		expect(parseForm(form, fd([]))).toEqual({ ok: true, value: { units: [], people: [] } });
	});

	it('refuses more than the limit in one submission', () => {
		const units = Array.from({ length: 15 }, (_, i) => `单位${i}`).join('\n');
		const people = Array.from({ length: 6 }, (_, i) => `人员${i}`).join('\n');
		expect(
			parseForm(
				form,
				fd([
					['units', units],
					['people', people]
				])
			)
		).toMatchObject({
			ok: false,
			message: '每次最多申报 20 项；如需申报更多，请联系活动办公室'
		});
		expect(
			parseForm(
				form,
				fd([
					['units', units],
					['people', people.split('\n').slice(1).join('\n')]
				])
			).ok
		).toBe(true);
	});

	it('refuses an item over 100 characters, naming it and its field', () => {
		const long = '很'.repeat(101);
		const r = parseForm(
			form,
			fd([
				['units', '广西大学'],
				['people', long]
			])
		);
		expect(r).toMatchObject({
			ok: false,
			message: `“${'很'.repeat(20)}…”过长（每项最多 100 字）`,
			fieldErrors: { people: `“${'很'.repeat(20)}…”过长（每项最多 100 字）` }
		});
		expect(parseForm(form, fd([['units', '很'.repeat(100)]])).ok).toBe(true);
	});

	it('refuses a file where text is expected, naming the field', () => {
		const r = parseForm(form, fd([['units', new File(['x'], 'a.txt')]]));
		expect(r).toMatchObject({ ok: false, message: '「新增关联单位」须为文字' });
	});
});

describe('the redaction form', () => {
	it('keeps the text as typed; the list is add unless it says remove', () => {
		expect(parseForm(redactionForm, fd([['text', ' 某研究所 ']]))).toEqual({
			ok: true,
			value: { text: ' 某研究所 ', list: 'add' }
		});
		expect(
			parseForm(
				redactionForm,
				fd([
					['text', 'x'],
					['list', 'remove']
				])
			)
		).toMatchObject({
			value: { list: 'remove' }
		});
		expect(
			parseForm(
				redactionForm,
				fd([
					['text', 'x'],
					['list', 'everything']
				])
			)
		).toMatchObject({
			value: { list: 'add' }
		});
	});

	it('refuses a file as the text, naming the field', () => {
		expect(parseForm(redactionForm, fd([['text', new File(['x'], 'a.txt')]]))).toMatchObject({
			ok: false,
			message: '「隐去内容」须为文字'
		});
	});
});

describe('the attachment upload form', () => {
	const photo = new File([new Uint8Array([1, 2, 3])], 'p.jpg', { type: 'image/jpeg' });
	const empty = new File([], '');

	it('reads the kind and the files picked, dropping empty inputs', () => {
		const r = parseForm(
			uploadForm,
			fd([
				['kind', 'work_photo'],
				['file', photo],
				['file', empty]
			])
		);
		expect(r.ok && r.value.kind).toBe('work_photo');
		expect(r.ok && r.value.file.map((f) => f.name)).toEqual(['p.jpg']);
	});

	it('refuses an unknown kind by its value, before the files', () => {
		expect(parseForm(uploadForm, fd([['kind', 'selfie']]))).toMatchObject({
			ok: false,
			message: '文件类别“selfie”无效'
		});
		expect(parseForm(uploadForm, fd([['file', photo]]))).toMatchObject({ ok: false, message: '文件类别“”无效' });
		expect(
			parseForm(
				uploadForm,
				fd([
					['kind', 'portrait '],
					['file', photo]
				])
			)
		).toMatchObject({
			message: '文件类别“portrait ”无效'
		});
	});

	it('refuses an upload without a file', () => {
		for (const files of [[], [empty]] as File[][])
			expect(
				parseForm(uploadForm, fd([['kind', 'portrait'], ...files.map((f): [string, File] => ['file', f])]))
			).toMatchObject({ ok: false, message: '请先选择要上传的文件' });
	});
});

describe('the invitation form', () => {
	it('wants the password typed twice alike, as typed', () => {
		expect(
			parseForm(
				invitationForm,
				fd([
					['password', ' s3cret-长 '],
					['confirm', ' s3cret-长 ']
				])
			)
		).toEqual({
			ok: true,
			value: { password: ' s3cret-长 ', confirm: ' s3cret-长 ' }
		});
		expect(
			parseForm(
				invitationForm,
				fd([
					['password', 'a'],
					['confirm', 'b']
				])
			)
		).toMatchObject({
			ok: false,
			message: '两次输入的密码不一致',
			fieldErrors: { confirm: '两次输入的密码不一致' }
		});
		expect(parseForm(invitationForm, fd([['password', 'a']]))).toMatchObject({ ok: false });
	});
});

describe('the relax form of a selection run', () => {
	it('reads value.<i> for each target, trimmed; absent is empty (the target kept)', () => {
		expect(
			parseForm(
				relaxForm(3),
				fd([
					['value.0', ' 2 '],
					['value.2', '0'],
					['value.7', '9']
				])
			)
		).toEqual({
			ok: true,
			value: { 'value.0': '2', 'value.1': '', 'value.2': '0' }
		});
		expect(parseForm(relaxForm(0), fd([['value.0', '1']]))).toEqual({ ok: true, value: {} });
	});

	it('refuses a file in place of a number, naming the target', () => {
		expect(parseForm(relaxForm(2), fd([['value.1', new File(['1'], 'n.txt')]]))).toMatchObject({
			ok: false,
			message: '「第 2 项目标」须为文字'
		});
	});
});

describe('the file forms', () => {
	const csv = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'text/csv' });

	it('pool: one CSV file, not empty, at most 5 MB', () => {
		const r = parseForm(poolFileForm, fd([['file', csv('pool.csv', 10)]]));
		expect(r.ok && r.value.file.name).toBe('pool.csv');
		for (const entries of [[], [['file', '']], [['file', csv('', 0)]]] as [string, string | File][][])
			expect(parseForm(poolFileForm, fd(entries))).toMatchObject({ ok: false, message: '请选择专家库 CSV 文件' });
		expect(parseForm(poolFileForm, fd([['file', csv('big.csv', 5 * 1024 * 1024 + 1)]]))).toMatchObject({
			ok: false,
			message: '专家库 CSV 文件“big.csv”有 5.0 MB，超过上限 5 MB，请分批导入'
		});
		expect(parseForm(poolFileForm, fd([['file', csv('空.csv', 0)]]))).toMatchObject({
			ok: false,
			message: '专家库 CSV 文件“空.csv”是空的（0 字节），请检查后重新上传'
		});
	});

	it('roster: one file, chosen, not empty, at most 2 MB, each refusal naming the roster', () => {
		const r = parseForm(rosterFileForm, fd([['file', csv('名单.csv', 10)]]));
		expect(r.ok && r.value.file.name).toBe('名单.csv');
		for (const entries of [[], [['file', '']], [['file', csv('', 0)]]] as [string, string | File][][])
			expect(parseForm(rosterFileForm, fd(entries))).toMatchObject({ ok: false, message: '请选择专家名单文件' });
		expect(parseForm(rosterFileForm, fd([['file', csv('空.csv', 0)]]))).toMatchObject({
			message: '专家名单文件“空.csv”是空的（0 字节），请检查后重新上传'
		});
		expect(parseForm(rosterFileForm, fd([['file', csv('大.csv', 2 * 1024 * 1024)]])).ok).toBe(true);
		expect(parseForm(rosterFileForm, fd([['file', csv('大.csv', 2 * 1024 * 1024 + 1)]]))).toMatchObject({
			message: '专家名单文件“大.csv”有 2.0 MB，超过上限 2 MB，请分批导入'
		});
	});

	it('import: several files, blank inputs dropped, none empty, together under the limit', () => {
		const form = importFilesForm(100);
		const r = parseForm(
			form,
			fd([
				['file', csv('汇总表.csv', 40)],
				['file', csv('', 0)],
				['file', csv('推荐表.docx', 50)]
			])
		);
		expect(r.ok && r.value.file.map((f) => f.name)).toEqual(['汇总表.csv', '推荐表.docx']);
		expect(parseForm(form, fd([['file', csv('', 0)]]))).toMatchObject({
			ok: false,
			message: '请选择要上传的文件（CSV 或 Excel 汇总表、Word 推荐表或其 zip 压缩包）'
		});
		expect(parseForm(form, fd([['file', csv('空.csv', 0)]]))).toMatchObject({
			message: '文件“空.csv”是空的（0 字节），请检查后重新上传'
		});
		expect(parseForm(importFilesForm(1024 * 1024), fd([['file', csv('a.csv', 1024 * 1024 + 1)]]))).toMatchObject({
			message: '所选文件共 1.0 MB，超过上限 1 MB，请分批导入'
		});
	});
});

describe('the warning acceptance form', () => {
	it('passes candidate, code and reason as sent; a file is refused by name', () => {
		expect(
			parseForm(
				warningAcceptanceForm,
				fd([
					['candidateId', 'c1'],
					['code', 'PRIOR_TITLE'],
					['reason', ' 已核实 ']
				])
			)
		).toEqual({
			ok: true,
			value: { candidateId: 'c1', code: 'PRIOR_TITLE', reason: ' 已核实 ' }
		});
		expect(parseForm(warningAcceptanceForm, fd([['reason', new File(['x'], 'r.txt')]]))).toMatchObject({
			ok: false,
			message: '「理由」须为文字'
		});
	});
});
