import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../types';
import { buildDossier, expertDossier } from './anonymize';
import { assignReviewCodes } from './review-codes';

/** The code a field's new candidate gets when the highest number given so far is next − 1. */
const reviewCode = (field: string, next: number) =>
	assignReviewCodes(
		[{ id: 'new', field, key: '1' }],
		next > 1 ? new Map([['old', `${field}-${next - 1}`]]) : undefined
	).get('new');

describe('review code format', () => {
	it('pads to two digits, three from 100', () => {
		expect(reviewCode('前沿', 7)).toBe('前沿-07');
		expect(reviewCode('生命健康', 42)).toBe('生命健康-42');
		expect(reviewCode('农科', 100)).toBe('农科-100');
		expect(reviewCode('农科', 5)).toBe('农科-05');
	});
});

describe('assignReviewCodes', () => {
	const list = [
		{ id: 'c', field: '前沿', key: '0003' },
		{ id: 'a', field: '前沿', key: '0001' },
		{ id: 'x', field: '主战场', key: '0002' },
		{ id: 'b', field: '前沿', key: '0002' }
	];
	it('numbers each field by key, whatever the input order', () => {
		const codes = assignReviewCodes(list);
		expect(Object.fromEntries(codes)).toEqual({ a: '前沿-01', b: '前沿-02', c: '前沿-03', x: '主战场-01' });
		expect(assignReviewCodes([...list].reverse())).toEqual(codes);
	});
	it('keeps existing codes and never reuses a number, even of a withdrawn candidate', () => {
		const first = assignReviewCodes(list);
		// b withdrawn, d and e added (d sorts before everyone): existing codes stay.
		const later = [
			{ id: 'a', field: '前沿', key: '0001' },
			{ id: 'c', field: '前沿', key: '0003' },
			{ id: 'e', field: '前沿', key: '0009' },
			{ id: 'd', field: '前沿', key: '0000' },
			{ id: 'y', field: '社会服务', key: '0001' }
		];
		const firstWithoutB = new Map([...first].filter(([id]) => id !== 'b'));
		const next = assignReviewCodes(later, firstWithoutB);
		expect(next.get('a')).toBe('前沿-01');
		expect(next.get('c')).toBe('前沿-03');
		expect(next.get('d')).toBe('前沿-04');
		expect(next.get('e')).toBe('前沿-05');
		expect(next.get('y')).toBe('社会服务-01');
		// b's number 02 is not handed out again while b's code is still on record.
		const withB = assignReviewCodes([{ id: 'z', field: '前沿', key: '0000' }], first);
		expect(withB.get('z')).toBe('前沿-04');
	});
});

const record: CandidateRecord = {
	name: '欧阳明华',
	gender: '女',
	ethnicity: '壮族',
	party: '中共党员',
	birth: '1984-09',
	nativePlace: '广西宾阳',
	education: '研究生',
	degree: '博士',
	school: '浙江大学',
	major: '作物遗传育种',
	unitAndTitle: '广西大学农学院 教授、副院长',
	profTitle: '教授',
	specialty: '甘蔗育种',
	field: '主战场',
	group: null,
	channel: '南宁市',
	grassroots: true,
	priorTitle: false,
	career: [
		{
			period: '2008.07-2015.06',
			unit: '广西壮族自治区农业科学院甘蔗研究所',
			role: '助理研究员，在广西农业科学院从事育种'
		},
		{ period: '2015.07-至今', unit: '广西大学农学院', role: '教授、副院长' }
	],
	deeds: '欧阳明华同志扎根广西大学农学院，欧阳教授常说：“明华只是普通人。” 南宁市科协推荐。<b>欧阳 明华</b>',
	story: '2019年在甘蔗地里，小欧……欧阳老师带学生下地，提高了产量。',
	awards: ['2021年广西科学技术进步奖一等奖（广西大学）'],
	phone: '0771-1234567',
	mobile: '13800001111',
	email: 'ouyang@gxu.edu.cn',
	address: '广西南宁市大学东路100号'
};
const opts = { code: '主战场-03', referenceDate: '2024-06-30' };

describe('buildDossier', () => {
	const d = buildDossier(record, opts);
	const json = JSON.stringify(expertDossier(d));
	it('keeps what the expert needs and drops identity fields', () => {
		expect(d).toMatchObject({
			code: '主战场-03',
			field: '主战场',
			gender: '女',
			ageBand: '35–39岁',
			ethnicity: '壮族',
			degree: '博士',
			profTitle: '教授',
			specialty: '甘蔗育种',
			grassroots: true
		});
		for (const s of [
			'欧阳明华',
			'13800001111',
			'0771',
			'gxu.edu',
			'浙江大学',
			'宾阳',
			'中共党员',
			'1984',
			'南宁市',
			'广西大学',
			'农业科学院'
		]) {
			expect(json).not.toContain(s);
		}
		expect(json).not.toContain('school');
		expect(json).not.toContain('redactions');
	});
	it('redacts free text and career rows', () => {
		expect(d.deeds).toBe(
			'【候选人】同志扎根【单位】，【候选人】常说：“【候选人】只是普通人。” 【单位】推荐。<b>【候选人】</b>'
		);
		expect(d.story).toBe('2019年在甘蔗地里，小欧……【候选人】带学生下地，提高了产量。');
		expect(d.career).toEqual([
			{ period: '2008.07-2015.06', role: '助理研究员，在【单位】从事育种', unit: '【单位】' },
			{ period: '2015.07-至今', role: '教授、副院长', unit: '【单位】' }
		]);
		expect(d.awards).toEqual(['2021年广西科学技术进步奖一等奖（【单位】）']);
	});
	it('reports the redactions for the organizer preview', () => {
		const byOriginal = Object.fromEntries(d.redactions.map((r) => [r.original, r]));
		expect(byOriginal['欧阳明华']).toMatchObject({ rule: 'name', count: 1 });
		expect(byOriginal['欧阳 明华']).toMatchObject({ rule: 'name', count: 1 });
		expect(byOriginal['明华']).toMatchObject({ rule: 'given_name', replacement: '【候选人】' });
		expect(byOriginal['广西大学']).toMatchObject({ rule: 'unit', count: 1 });
		expect(byOriginal['南宁市科协']).toMatchObject({ rule: 'channel' });
		expect(byOriginal['广西农业科学院']).toMatchObject({ rule: 'former_unit' });
	});
	it('applies manual additions and removals', () => {
		const m = buildDossier(record, { ...opts, manual: { add: ['甘蔗地'], remove: ['明华'] } });
		expect(m.story).toContain('【已隐去】');
		expect(m.deeds).toContain('“明华只是普通人。”');
		expect(m.redactions.find((r) => r.rule === 'manual')).toMatchObject({
			original: '甘蔗地',
			replacement: '【已隐去】'
		});
	});
});
