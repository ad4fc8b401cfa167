import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../types';
import { detectLeaks } from './leak-detector';
import { redactionTerms, redactText } from './redact';

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
