import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../types';
import { redactionTerms, redactText } from './redact';

function candidate(p: Partial<CandidateRecord>): CandidateRecord {
	return {
		name: '张伟',
		gender: '男',
		birth: '1980-05',
		unitAndTitle: '广西大学农学院 教授、院长',
		channel: '广西农学会',
		grassroots: false,
		priorTitle: false,
		career: [],
		...p
	};
}
const red = (text: string, p: Partial<CandidateRecord> = {}, manual?: { add?: string[]; remove?: string[] }) =>
	redactText(text, redactionTerms(candidate(p), manual)).text;

/**
 * How the name is split, as the redaction terms show it: the full name (rule name), the surname
 * in 老张 / 老欧阳, the given name's characters in 阿伟 / 阿明, and the parts of a transliterated
 * name (rule given_name).
 */
function splitName(name: string) {
	const terms = redactionTerms(candidate({ name }));
	const formed = (prefix: string) =>
		terms
			.filter((t) => t.rule === 'honorific' && t.guard?.surnameAt === 1 && t.text === prefix + t.guard.surname)
			.map((t) => t.guard!.surname);
	return {
		full: terms.find((t) => t.rule === 'name')?.text,
		surname: formed('老').join(''),
		given: formed('阿').join(''),
		parts: terms.filter((t) => t.rule === 'given_name').map((t) => t.text)
	};
}

describe('the name split (surname / given name)', () => {
	it('splits single and compound surnames', () => {
		expect(splitName('张伟')).toMatchObject({ surname: '张', given: '伟' });
		expect(splitName('欧阳明华')).toMatchObject({ surname: '欧阳', given: '明华' });
		expect(splitName('司马光')).toMatchObject({ surname: '司马', given: '光' });
		expect(splitName('诸葛亮')).toMatchObject({ surname: '诸葛', given: '亮' });
		expect(splitName('欧阳')).toMatchObject({ surname: '欧', given: '阳' }); // two characters: not compound
		expect(splitName(' 张　伟 ')).toMatchObject({ full: '张伟' });
	});
	it('keeps transliterated names as parts, without surname', () => {
		expect(splitName('买买提·依明')).toMatchObject({ surname: '', parts: ['买买提', '依明'] });
	});
});

describe('person mentions', () => {
	it('redacts the full name, also with spaces or full-width spaces inside', () => {
		expect(red('张伟同志，张 伟，张　伟，张\u00a0伟。')).toBe('【候选人】同志，【候选人】，【候选人】，【候选人】。');
	});
	it('bridges at most three gap characters', () => {
		expect(red('张   伟；张    伟')).toBe('【候选人】；张    伟');
	});
	it('does not redact a one-character given name alone', () => {
		expect(red('伟大的事业，雄伟的山。')).toBe('伟大的事业，雄伟的山。');
	});
	it('redacts a given name of two characters or more', () => {
		expect(red('明华常说：“科研要实。”', { name: '欧阳明华' })).toBe('【候选人】常说：“科研要实。”');
		expect(red('依明和买买提', { name: '买买提·依明' })).toBe('【候选人】和【候选人】');
	});
	it('redacts compound-surname honorifics', () => {
		expect(red('欧阳教授带队，司马老师也来了', { name: '欧阳明华' })).toBe('【候选人】带队，司马老师也来了');
		expect(red('司马老师带队', { name: '司马光' })).toBe('【候选人】带队');
		expect(red('诸葛院士', { name: '诸葛亮' })).toBe('【候选人】');
	});
	it('redacts surname + honorific, 老/小 + surname and 某', () => {
		const p = { name: '高建设' };
		expect(red('高教授说，高工说，老高和小高，高某带领，高某某', p)).toBe(
			'【候选人】说，【候选人】说，【候选人】和【候选人】，【候选人】带领，【候选人】'
		);
		expect(red('同事高工说好。', p)).toBe('同事【候选人】说好。');
	});
	it('leaves ordinary words with the surname character alone', () => {
		const p = { name: '高建设' };
		const plain = '高度重视，提高产量，提高工作效率，提高某些指标，提高老师待遇，最高总额，缩小高度差。';
		expect(red(plain, p)).toBe(plain.replace(/建设/g, '【候选人】'));
		expect(red('年龄小于45岁，大于或小于。', { name: '于海洋' })).toBe('年龄小于45岁，大于或小于。');
		expect(red('小于说好', { name: '于海洋' })).toBe('【候选人】说好');
		expect(red('他评上高工。大家叫他高工。', { name: '高建设' })).toBe('他评上高工。大家叫他【候选人】。');
		expect(red('任何老师都可以；何老师例外', { name: '何明' })).toBe('任何老师都可以；【候选人】例外');
		expect(red('担任主任医师', { name: '任重' })).toBe('担任主任医师');
		expect(red('学习历史老师的方法', { name: '史进' })).toBe('学习历史老师的方法');
	});
	it('catches 老X, 小X, X工 and X姐 in narrative text, not only before typical verbs', () => {
		expect(red('跟着老黎干活心里踏实', { name: '黎宏春' })).toBe('跟着【候选人】干活心里踏实');
		expect(red('卢工二话没说，披上外衣就出了门', { name: '卢振' })).toBe('【候选人】二话没说，披上外衣就出了门');
		expect(red('年轻人叫她“农姐”，农姐总是把机会让给别人', { name: '农玉薇' })).toBe(
			'年轻人叫她“【候选人】”，【候选人】总是把机会让给别人'
		);
		expect(red('给老农送来一篮水果', { name: '农平波' })).toBe('给【候选人】送来一篮水果');
		// ordinary words stay: 施工 for 施, 缩小 before 高, 高工 the title
		expect(red('组织施工队伍', { name: '施华' })).toBe('组织施工队伍');
		expect(red('缩小高度差', { name: '高建设' })).toBe('缩小高度差');
	});
	it('does not catch a name inside longer words when it is not there', () => {
		expect(red('中华人民共和国', { name: '李华' })).toBe('中华人民共和国');
	});
	it('redacts a word-like given name everywhere unless the organizer keeps a longer context', () => {
		expect(red('中国华侨大学', { name: '王国华' })).toBe('中【候选人】侨大学');
		expect(red('中国华侨大学的王国华', { name: '王国华' }, { remove: ['中国华侨'] })).toBe('中国华侨大学的【候选人】');
	});
});

describe('units, channel and markers', () => {
	it('redacts the unit, its shortened forms, longest first', () => {
		expect(red('在广西大学农学院任教，广西大学是母校')).toBe('在【单位】任教，【单位】是母校');
	});
	it('redacts former units with province written long or short', () => {
		const p = {
			career: [{ period: '2005.07-2012.06', unit: '广西壮族自治区农业科学院甘蔗研究所', role: '助理研究员' }]
		};
		expect(red('曾在广西农业科学院和广西壮族自治区农业科学院甘蔗研究所工作', p)).toBe('曾在【单位】和【单位】工作');
	});
	it('redacts the channel in the story, and a region channel with its 科协', () => {
		expect(red('经广西农学会推荐')).toBe('经【单位】推荐');
		expect(red('南宁市科协推荐，南宁市科学技术协会盖章', { channel: '南宁市' })).toBe('【单位】推荐，【单位】盖章');
	});
	it('matches Latin letters in either width', () => {
		expect(red('在ＡＢＣ科技工作', { unitAndTitle: 'ABC科技有限公司 总经理' })).toBe('在【单位】工作');
	});
	it('keeps HTML as text', () => {
		expect(red('<p>张伟在<b>广西大学</b></p><script>alert("张伟")</script>')).toBe(
			'<p>【候选人】在<b>【单位】</b></p><script>alert("【候选人】")</script>'
		);
	});
	it('redacts the romanised name; other English stays (manual.add covers the rest)', () => {
		expect(red('Prof. 张伟 (Zhang Wei) of 广西大学')).toBe('Prof. 【候选人】 (【候选人】) of 【单位】');
		expect(red('Guangxi University', {}, { add: ['Guangxi University'] })).toBe('【已隐去】');
	});
	it('never replaces inside markers, so redacting twice changes nothing', () => {
		const terms = redactionTerms(candidate({}), { add: ['候选人', '单位'], remove: [] });
		const once = redactText('张伟在广西大学，候选人须知', terms).text;
		expect(once).toBe('【候选人】在【单位】，【已隐去】须知');
		expect(redactText(once, terms).text).toBe(once);
	});
	it('manual.remove drops an automatic term', () => {
		expect(red('广西大学和广西大学农学院', {}, { remove: ['广西大学'] })).toBe('广西大学和【单位】');
	});
});

describe('redaction report', () => {
	it('counts each original by rule', () => {
		const r = redactText('张伟、张 伟、张伟在广西大学。张教授。', redactionTerms(candidate({})));
		expect(r.redactions).toEqual([
			{ original: '张伟', replacement: '【候选人】', count: 2, rule: 'name' },
			{ original: '张 伟', replacement: '【候选人】', count: 1, rule: 'name' },
			{ original: '广西大学', replacement: '【单位】', count: 1, rule: 'unit' },
			{ original: '张教授', replacement: '【候选人】', count: 1, rule: 'honorific' }
		]);
	});
	it('returns empty text unchanged', () => {
		expect(redactText('', redactionTerms(candidate({})))).toEqual({ text: '', redactions: [] });
	});
});
