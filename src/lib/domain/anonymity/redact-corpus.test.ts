// Redaction corpus (issue 10): sentences as nominations write them → what the expert reads.
// One candidate with the forms an attacker showed were left readable, then near-misses and
// common words that must stay.
import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../types';
import { redactionTerms, redactText } from './redact';

const fan: CandidateRecord = {
	name: '范建松',
	gender: '男',
	birth: '1975-03',
	unitAndTitle: '柳州职业技术学院 机电工程学院 教授',
	channel: '柳州市科协',
	grassroots: false,
	priorTitle: false,
	career: [
		{ period: '1993.09-2000.07', unit: '广西大学', role: '学生' },
		{ period: '2000.07-2004.06', unit: '南京大学', role: '博士研究生' },
		{ period: '2004.07-至今', unit: '柳州职业技术学院', role: '教授' }
	]
};
const terms = redactionTerms(fan);
const red = (s: string) => redactText(s, terms).text;

const P = '【候选人】';
const U = '【单位】';
const R = '【地区】';

const corpus: [string, string][] = [
	// forms of address
	['学生们都叫他范导。', `学生们都叫他${P}。`],
	['范导带着我们下车间', `${P}带着我们下车间`],
	['孩子们喊他范叔，老人们叫他范爷爷。', `孩子们喊他${P}，老人们叫他${P}。`],
	['范博回国后', `${P}回国后`],
	['范所、范队、范校都是他当年的称呼', `${P}、${P}、${P}都是他当年的称呼`],
	['范工说：“再试一次。”', `${P}说：“再试一次。”`],
	['范老师和范总一起', `${P}和${P}一起`],
	['同事们叫他松哥，松哥从不推辞', `同事们叫他${P}，${P}从不推辞`],
	['阿松又来了', `${P}又来了`],
	['范建松同志、建松、范 建 松', `${P}同志、${P}、${P}`],
	// romanised names
	['Fan Jiansong, Liuzhou', `${P}, Liuzhou`],
	['by FAN Jian-song et al.', `by ${P} et al.`],
	['Jiansong Fan and Prof. Fan and Dr. Fan', `${P} and ${P} and ${P}`],
	['Fàn Jiànsōng（范建松）', `${P}（${P}）`],
	['fan jian song; FanJiansong; Jian-Song FAN', `${P}; ${P}; ${P}`],
	['J.-S. Fan, J.S. Fan', `${P}, ${P}`],
	// units and their abbreviations
	['在柳州职业技术学院任教', `在${U}任教`],
	['柳职院的学生和柳州职院的老师', `${U}的学生和${U}的老师`],
	['他从柳职毕业的学生', `他从${U}毕业的学生`],
	['1993年考入西大，后在南大读博', `1993年考入${U}，后在${U}读博`],
	['在广大任教期间', `在${U}任教期间`],
	['广西大学毕业后到南京大学深造', `${U}毕业后到${U}深造`],
	['西大的同学', `${U}的同学`],
	// nominating body and city
	['经柳州科协推荐', `经${U}推荐`],
	['柳州市科协、柳州市科学技术协会联合推荐', `${U}、${U}联合推荐`],
	['扎根柳州三十年', `扎根${R}三十年`],
	['为柳州的汽车产业', `为${R}的汽车产业`],
	// stays: common words and near-misses
	['服务广大群众，深入广大农村，带动广大教师', '服务广大群众，深入广大农村，带动广大教师'],
	['东南大学、湖南大学、江西大学、山西大同的专家', '东南大学、湖南大学、江西大学、山西大同的专家'],
	['在学校南大门口集合，沿西大街走', '在学校南大门口集合，沿西大街走'],
	['示范导向作用，规范所有流程，师范校区', '示范导向作用，规范所有流程，师范校区'],
	['放松心情，a fan of robotics, Jian Province', '放松心情，a fan of robotics, Jian Province'],
	['他组织的团队在高校和研究所之间', '他组织的团队在高校和研究所之间'],
	['广西壮族自治区科技厅', '广西壮族自治区科技厅'],
	['中国农科院的专家', '中国农科院的专家'],
	['全市科协系统', '全市科协系统']
];

describe('redaction corpus', () => {
	for (const [input, expected] of corpus) it(input, () => expect(red(input)).toBe(expected));
	it('is idempotent on the whole corpus', () => {
		for (const [input] of corpus) expect(red(red(input))).toBe(red(input));
	});
});

describe('redaction corpus: other candidates', () => {
	const other = (p: Partial<CandidateRecord>) => (s: string) =>
		redactText(s, redactionTerms({ ...fan, career: [], channel: '广西农学会', ...p })).text;
	it('compound surnames in pinyin', () => {
		const r = other({ name: '欧阳明华', unitAndTitle: '广西农业科学院 研究员' });
		expect(r('Ouyang Minghua; OU-YANG Ming-hua; Minghua Ouyang; Prof. Ouyang')).toBe(`${P}; ${P}; ${P}; ${P}`);
		expect(r('在广西农科院、农科院工作；中国农科院不是')).toBe(`在${U}、${U}工作；中国农科院不是`);
	});
	it('companies and cities that are common words', () => {
		const r = other({ name: '韦强', unitAndTitle: '柳州钢铁集团有限公司 高级工程师', channel: '大同市' });
		expect(r('在柳钢工作二十年，柳钢的炉子')).toBe(`在${U}工作二十年，${U}的炉子`);
		expect(r('大同小异；扎根大同；到大同的工厂')).toBe(`大同小异；扎根大同；到${R}的工厂`);
		expect(r('经大同市科协推荐，大同科协')).toBe(`经${U}推荐，${U}`);
	});
	it('a province is not the candidate’s city', () => {
		const r = other({ name: '韦强', unitAndTitle: '广西大学 教授', channel: '广西科协' });
		expect(r('扎根广西，服务八桂')).toBe('扎根广西，服务八桂');
	});
});
