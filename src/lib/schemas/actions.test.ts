// The schemas of the route actions: a good form, and each refusal with its Chinese message.
import { describe, expect, it } from 'vitest';
import { parseForm, parseValue } from './form';
import { loginForm, newCampaignForm, passwordForm } from './account';
import { drawForm, proposeForm, proposeRandomForm } from './assignment';
import { addConflictForm, decideForm, decideManyForm } from './conflicts';
import { advanceForm, newDeadline, rescoreForm, roundForm } from './rounds';
import { addMemberForm } from './members';

const fd = (o: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, x] of Object.entries(o)) for (const y of Array.isArray(x) ? x : [x]) f.append(k, y);
	return f;
};
const refusal = (r: { ok: boolean; message?: string }) => (r.ok ? null : r.message);

describe('account and campaign forms', () => {
	it('login needs both fields', () => {
		expect(parseForm(loginForm, fd({ username: ' zhang ', password: ' pw ' }))).toEqual({
			ok: true,
			value: { username: 'zhang', password: ' pw ' }
		});
		expect(refusal(parseForm(loginForm, fd({ username: 'zhang' })))).toBe('请输入用户名和密码');
	});
	it('the new password typed twice must agree', () => {
		expect(parseForm(passwordForm, fd({ current: 'a', next: 'b', confirm: 'b' })).ok).toBe(true);
		const r = parseForm(passwordForm, fd({ current: 'a', next: 'b', confirm: 'c' }));
		expect(r).toMatchObject({
			ok: false,
			message: '两次输入的新密码不一致',
			fieldErrors: { confirm: '两次输入的新密码不一致' }
		});
	});
	it('a campaign needs a preset', () => {
		expect(refusal(parseForm(newCampaignForm, fd({ name: 'x' })))).toBe('请选择一个活动预设');
		expect(parseForm(newCampaignForm, fd({ preset: 'gx', name: ' 2025 ' }))).toMatchObject({ value: { name: '2025' } });
	});
	it('a member keeps the panels ticked', () => {
		const r = parseForm(addMemberForm, fd({ username: 'u', role: 'chair', panel: ['p1', 'p2'] }));
		expect(r).toMatchObject({ ok: true, value: { username: 'u', role: 'chair', panel: ['p1', 'p2'], unit: '' } });
	});
});

describe('assignment forms', () => {
	it('propose: an unknown mode is the distributed one', () => {
		expect(parseForm(proposeForm, fd({ mode: 'x', k: '5', borrow: '1' }))).toEqual({
			ok: true,
			value: { mode: 'distributed', k: '5', borrow: true }
		});
	});
	it('randomized: k and q are refused in words naming them', () => {
		expect(parseForm(proposeRandomForm, fd({ k: '5', q: '0.5', seed: ' s ' }))).toEqual({
			ok: true,
			value: { k: 5, q: 0.5, seed: 's' }
		});
		expect(refusal(parseForm(proposeRandomForm, fd({ k: '0', q: '0.5' })))).toBe(
			'每份材料的评审人数“0”应为 1–50 的整数'
		);
		for (const q of ['0', '1.5', '0.1234', '-0.5', 'NaN', ''])
			expect(refusal(parseForm(proposeRandomForm, fd({ k: '5', q })))).toBe(
				`概率上限“${q}”应为 0 到 1 之间、最多三位小数的数，如 0.5`
			);
	});
	it('panel draw: sizes in range, empty cap is no cap', () => {
		expect(parseForm(drawForm, fd({ field: '工科', size: '5', alternates: '', maxPerUnit: '' }))).toEqual({
			ok: true,
			value: { field: '工科', size: 5, alternates: 0, maxPerUnit: null, seed: '' }
		});
		expect(refusal(parseForm(drawForm, fd({ field: '工科', size: '51' })))).toBe('抽取人数应为 1–50 的整数');
		expect(refusal(parseForm(drawForm, fd({ field: '工科', size: '5', alternates: '-1' })))).toBe(
			'备选人数应为 0–50 的整数'
		);
		expect(refusal(parseForm(drawForm, fd({ field: '工科', size: '5', maxPerUnit: '0' })))).toBe(
			'同一单位最多人数应为 1–50 的整数'
		);
	});
});

describe('conflict and round forms', () => {
	it('a decision is one of two', () => {
		expect(parseForm(decideForm, fd({ id: 'c1', decision: 'confirmed' })).ok).toBe(true);
		expect(refusal(parseForm(decideForm, fd({ id: 'c1', decision: 'maybe' })))).toBe('请选择“确认回避”或“排除”');
		expect(refusal(parseForm(decideManyForm, fd({ ids: ['a'] })))).toBe('请选择“确认回避”或“排除”');
	});
	it('an office conflict needs expert, candidate and a reason of at most 500 characters', () => {
		const good = { expertId: 'e1', candidate: '覃志刚', reason: '同一课题组' };
		expect(parseForm(addConflictForm, fd(good)).ok).toBe(true);
		expect(refusal(parseForm(addConflictForm, fd({ ...good, expertId: '' })))).toBe('请选择专家');
		expect(refusal(parseForm(addConflictForm, fd({ ...good, candidate: ' ' })))).toBe(
			'请填写候选人的姓名（或评审编号）'
		);
		expect(refusal(parseForm(addConflictForm, fd({ ...good, reason: '' })))).toBe('请填写回避理由');
		expect(refusal(parseForm(addConflictForm, fd({ ...good, reason: '长'.repeat(501) })))).toBe(
			'理由过长（最多 500 字）'
		);
	});
	it('rescore names the expert; advance reads the ids and N', () => {
		expect(refusal(parseForm(rescoreForm, fd({ candidate: 'c1' })))).toBe('请选择要重评的专家');
		expect(parseForm(advanceForm, fd({ to: 'r2', ids: ['a', 'b', 'a'], n: '10', per: 'overall' }))).toEqual({
			ok: true,
			value: { to: 'r2', ids: ['a', 'b'], reason: '', n: 10, per: 'overall' }
		});
		expect(parseForm(advanceForm, fd({ n: '1e3', per: 'x' }))).toMatchObject({ value: { n: 0, per: 'field' } });
	});
});

describe('the round form', () => {
	const base = { name: '初评', type: 'score', reviewers: 'assigned', aggregation: 'mean' };
	const parse = (o: Record<string, string>) => parseValue(roundForm, o);
	it('a score round and a vote round', () => {
		expect(parse({ ...base, requiredSheets: '5', deadline: '2025-06-30T17:00' })).toEqual({
			ok: true,
			value: {
				name: '初评',
				type: 'score',
				reviewers: 'assigned',
				aggregation: 'mean',
				requiredSheets: 5,
				deadline: '2025-06-30T17:00+08:00'
			}
		});
		expect(parse({ name: '表决', type: 'vote', reviewers: 'all', num: '2', den: '3', maxYes: '' })).toMatchObject({
			ok: true,
			value: { type: 'vote', threshold: { num: 2, den: 3 }, maxYes: undefined, deadline: undefined }
		});
	});
	it.each([
		[{ ...base, name: ' ' }, '请填写轮次名称，例如“初评”'],
		[{ ...base, type: 'x' }, '请选择轮次类型（评分或投票）'],
		[{ ...base, reviewers: '' }, '请选择评审范围'],
		[{ ...base, aggregation: 'max' }, '请选择计分方式'],
		[{ ...base, requiredSheets: '-1' }, '每份材料应有的评分份数应为正整数'],
		[{ ...base, deadline: '明天' }, '截止时间“明天”无效'],
		[{ ...base, deadline: '2025-02-30T17:00' }, '截止时间“2025-02-30T17:00”无效'],
		[{ ...base, deadline: '2025-06-30T24:00' }, '截止时间“2025-06-30T24:00”无效'],
		[{ ...base, type: 'vote', num: '2', den: 'x' }, '通过比例应为两个正整数，例如 2/3'],
		[{ ...base, type: 'vote', num: '2', den: '3', maxYes: '0' }, '每位专家最多赞成票数应为正整数（不限额请留空）']
	])('refuses %j', (input, message) => {
		expect(parse(input)).toMatchObject({ ok: false, message });
	});
	it('a new deadline is a Beijing minute', () => {
		expect(parseValue(newDeadline, '2025-07-01T09:30')).toEqual({ ok: true, value: '2025-07-01T09:30' });
		expect(parseValue(newDeadline, '2025-07-01')).toMatchObject({ ok: false, message: '请填写新的截止时间' });
		// a day or hour that does not exist is refused, not rolled over to 03-01 or the next day
		expect(parseValue(newDeadline, '2025-02-29T09:30')).toMatchObject({ ok: false, message: '请填写新的截止时间' });
		expect(parseValue(newDeadline, '2025-07-01T24:00')).toMatchObject({ ok: false, message: '请填写新的截止时间' });
	});
});
