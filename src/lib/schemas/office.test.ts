// The 公示, 遴选 and record forms: a good form, and each refusal with its Chinese message.
import { describe, expect, it } from 'vitest';
import { parseForm } from './form';
import { isNoticeDate, noticeForm } from './notice';
import { removeTargetForm, unlockForm } from './selection';
import { candidateVersionForm, withdrawalForm } from './records';

const fd = (o: Record<string, string>) => {
	const f = new FormData();
	for (const [k, x] of Object.entries(o)) f.append(k, x);
	return f;
};

describe('the notice form', () => {
	it('reads the start, the contact and the moved days', () => {
		expect(
			parseForm(
				noticeForm,
				fd({ start: '2025-09-29', contact: ' 0771-1234567 ', closed: '2025-10-01\n2025-10-02', open: '2025-09-28' })
			)
		).toEqual({
			ok: true,
			value: {
				start: '2025-09-29',
				contact: '0771-1234567',
				closed: ['2025-10-01', '2025-10-02'],
				open: ['2025-09-28']
			}
		});
	});
	it.each([
		[{ start: '2025-13-01' }, '公示开始日期“2025-13-01”无效，请选择日期'],
		[{ start: '' }, '公示开始日期“”无效，请选择日期'],
		[{ start: '2025-09-29', closed: '10月1日' }, '另行放假的日期“10月1日”无效，应为 YYYY-MM-DD'],
		[{ start: '2025-09-29', open: 'x' }, '另行上班的日期“x”无效，应为 YYYY-MM-DD'],
		[{ start: '2025-09-29', closed: '2025-10-01', open: '2025-10-01' }, '2025-10-01 不能既放假又上班']
	])('refuses %j', (input, message) => {
		expect(parseForm(noticeForm, fd(input))).toMatchObject({ ok: false, message });
	});
	it('a notice date is a real day', () => {
		expect(isNoticeDate('2024-02-29')).toBe(true);
		expect(isNoticeDate('2025-02-30x')).toBe(false);
		expect(isNoticeDate(null)).toBe(false);
	});
});

describe('selection and record forms', () => {
	it('a target to remove is `index|label`', () => {
		expect(parseForm(removeTargetForm, fd({ remove: '2|青年 ≥ 2|x' }))).toEqual({
			ok: true,
			value: { remove: { index: 2, label: '青年 ≥ 2|x' } }
		});
		expect(parseForm(removeTargetForm, fd({ remove: 'abc' }))).toMatchObject({ ok: false, message: '没有找到该目标' });
	});
	it('reasons are cut to their length, versions must be positive whole numbers', () => {
		expect(parseForm(unlockForm, fd({ reason: '长'.repeat(600) }))).toMatchObject({
			value: { reason: '长'.repeat(500) }
		});
		expect(parseForm(withdrawalForm, fd({ reason: '长'.repeat(700) }))).toMatchObject({
			value: { reason: '长'.repeat(600) }
		});
		expect(parseForm(candidateVersionForm, fd({ updatedAt: '1733400000000' }))).toEqual({
			ok: true,
			value: { updatedAt: 1733400000000 }
		});
		for (const bad of ['0', '-5', '1e3', ''])
			expect(parseForm(candidateVersionForm, fd({ updatedAt: bad }))).toEqual({
				ok: true,
				value: { updatedAt: undefined }
			});
	});
});
