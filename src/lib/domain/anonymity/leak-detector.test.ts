import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../types';
import { detectLeaks } from './leak-detector';
import { redactionTerms, redactText } from './redact';
import { buildDossier, dossierTexts, expertDossier } from './anonymize';

const fan: CandidateRecord = {
	name: '范建松',
	gender: '男',
	birth: '1975-03',
	unitAndTitle: '柳州职业技术学院 教授',
	channel: '柳州市科协',
	grassroots: false,
	priorTitle: false,
	career: [
		{ period: '1993.09-2000.07', unit: '广西大学', role: '学生' },
		{ period: '2000.07-2004.06', unit: '清华大学', role: '博士研究生' }
	]
};
/** The final text as the expert gets it, then the detector on it. */
const check = (text: string, c: CandidateRecord = fan, manual?: { add?: string[]; remove?: string[] }) => {
	const redacted = redactText(text, redactionTerms(c, manual)).text;
	return { redacted, warnings: detectLeaks([redacted], c, manual?.remove ?? []) };
};
const found = (w: ReturnType<typeof detectLeaks>) => w.map((x) => `${x.level}:${x.found}`);

describe('detectLeaks flags what the redactor missed', () => {
	it('an abbreviation the rules do not derive (柳州职技院, 清华)', () => {
		const r = check('在柳州职技院任教，清华毕业', { ...fan, channel: '广西农学会' });
		expect(r.redacted).toContain('柳州职技院'); // the redactor missed it …
		expect(r.redacted).toContain('清华');
		expect(found(r.warnings)).toEqual(expect.arrayContaining(['suspect:柳州职技院', 'suspect:清华'])); // … the detector did not
	});
	it('a form of address outside the redactor’s list (范教头)', () => {
		const r = check('大家都喊他范教头');
		expect(r.redacted).toContain('范教头');
		expect(found(r.warnings)).toContain('suspect:范教');
	});
	it('the name spelled with separators the redactor does not bridge', () => {
		const r = check('范_建_松，Fan-Jiansong');
		expect(r.redacted).toContain('范_建_松');
		expect(r.redacted).toContain('Fan-Jiansong');
		expect(found(r.warnings)).toEqual(expect.arrayContaining(['leak:范_建_松', 'leak:Fan-Jiansong']));
	});
	it('the name kept by the organizer is a leak; a kept ordinary phrase is accepted', () => {
		const kept = check('范建松在广大群众中', fan, { remove: ['范建松'] });
		expect(kept.warnings.some((w) => w.level === 'leak' && w.kind === 'name')).toBe(true);
		const phrase = check('服务广大群众', fan, { remove: ['广大群众'] });
		expect(phrase.warnings).toEqual([]);
	});
	it('a stonemason-like form the redactor keeps on purpose is still shown for review', () => {
		const r = check('石工二话没说，披上外衣', { ...fan, name: '石磊' });
		expect(r.redacted).toContain('石工');
		expect(found(r.warnings)).toContain('suspect:石工');
	});
});

describe('detectLeaks stays quiet on clean dossiers', () => {
	it('reports nothing for a fully redacted text and ordinary words', () => {
		const r = check('范建松在柳州职业技术学院任教，扎根柳州，经柳州科协推荐。广西科学技术进步奖一等奖。全国劳动模范。');
		expect(r.redacted).not.toMatch(/范建松|柳州/);
		expect(r.warnings).toEqual([]);
	});
	it('does not treat the province or generic words as the unit', () => {
		expect(detectLeaks(['广西壮族自治区科技厅表彰；大学生实验技能大赛'], fan)).toEqual([]);
	});
	it('gives context for each warning', () => {
		const [w] = detectLeaks(['后来到清华读博士'], fan);
		expect(w).toMatchObject({ level: 'suspect', kind: 'unit', found: '清华' });
		expect(w.context).toContain('〔清华〕');
		expect(w.source).toContain('清华大学');
	});
});

describe('detectLeaks on a built dossier: the redactor’s own list (listed)', () => {
	const ouyang: CandidateRecord = {
		name: '欧阳明华',
		gender: '女',
		birth: '1984-09',
		unitAndTitle: '广西大学农学院 教授、副院长',
		channel: '南宁市',
		grassroots: true,
		priorTitle: false,
		career: [{ period: '2008.07-2015.06', unit: '广西壮族自治区农业科学院甘蔗研究所', role: '助理研究员' }],
		deeds: '欧阳明华同志扎根广西大学农学院，欧阳教授常说：“明华只是普通人。” 南宁市科协推荐。'
	};
	const opts = { code: '主战场-03', referenceDate: '2024-06-30' };
	const leaksIn = (d: ReturnType<typeof buildDossier>, allow: string[] = []) =>
		detectLeaks(dossierTexts(expertDossier(d)), ouyang, allow).map((w) => `${w.level}:${w.found}`);
	const edited = (more: string) => {
		const d = buildDossier(ouyang, opts);
		return { ...d, deeds: d.deeds + more };
	};

	it('finds nothing in a built dossier, whose organizer-only redaction list holds the originals', () => {
		const d = buildDossier(ouyang, opts);
		expect(d.redactions.map((r) => r.original)).toContain('广西大学农学院');
		expect(leaksIn(d)).toEqual([]);
	});
	it('reports what an override let through; a kept phrase around a listed form is accepted', () => {
		const m = buildDossier(ouyang, { ...opts, manual: { add: [], remove: ['明华'] } });
		expect(leaksIn(m)).toEqual(['leak:明华']);
		expect(leaksIn(edited('地址：广西大学东路'))).toEqual(['leak:广西大学']);
		expect(leaksIn(edited('地址：广西大学东路'), ['广西大学东路'])).toEqual([]);
	});
	it('sees through spaces, punctuation and width in edited text', () => {
		expect(leaksIn(edited(' 欧阳·明华，广西 大学农学院；南 宁 市'))).toEqual([
			'leak:欧阳·明华',
			'leak:明华',
			'leak:广西大学农学院',
			'leak:南宁市',
			'leak:广西大学'
		]);
		expect(leaksIn(edited('在广西，大学农学院'))).toEqual(['leak:广西大学农学院', 'leak:广西大学']);
		expect(leaksIn(edited('ＯＵ，广西大学'))).toEqual(['leak:广西大学']);
	});
	it('reports the written forms the character streams do not reach (province long or short, a unit’s parent)', () => {
		expect(leaksIn(edited('曾在广西农业科学院工作'))).toEqual(['leak:广西农业科学院']);
		expect(leaksIn(edited('曾在广西壮族自治区农业科学院工作'))).toEqual(['leak:广西壮族自治区农业科学院']);
		const [w] = detectLeaks(['后在广西大学任教'], ouyang);
		expect(w).toMatchObject({ kind: 'unit', source: '现工作单位', context: '后在〔广西大学〕任教' });
	});
});
