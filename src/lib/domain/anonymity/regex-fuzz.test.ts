// Fuzz over every function in the domain whose regular expressions see user text (units,
// redaction and its abbreviations, romanised names, the leak detector, nomination and expert
// CSV parsing, conflicts, ages, eligibility): 2,000 random and adversarial strings of up to 200
// characters through each. A regex that backtracks catastrophically takes seconds on one such
// string (isRegionName took 17 s on 省市区县×11+院), so the elapsed-time assertion below is a guard
// against exponential blowup, not a benchmark — the one place where a test asserts time. It
// measures the CPU time this process spent (process.cpuUsage), not wall time: the test machines
// share two cores between several runs, and a blowup costs CPU however loaded the machine is.
import { describe, expect, it } from 'vitest';
import { cleanText, isRegionName, normalizeUnit, unitAncestors, unitsMatch, unitVariants } from '../intake/work-units';
import { splitUnitAndTitle } from '../intake/work-unit-titles';
import { redactionTerms, redactText } from './redact';
import { cityOf, contextAllows, nominatorForms, unitAbbreviations } from './unit-abbreviations';
import { romanizedName } from './romanize';
import { detectLeaks } from './leak-detector';
import {
	channelKey,
	cleanCell,
	detectDelimiter,
	fieldShortName,
	halfWidth,
	normalizeHeader,
	normalizeName,
	parseAwards,
	parseBirthDetailed,
	parseCareer,
	parseChannelType,
	parseGender,
	parseYesNo
} from '../intake/nomination-format';
import { parseNominationCsv } from '../intake/nomination-csv';
import { expertKey, parseExpertCsv, readExpert } from '../intake/expert-csv';
import { detectConflicts } from '../conflicts';
import { ageBand, parseBirth } from '../intake/age';
import { textLength } from '../intake/eligibility';
import { matchExcludedCategory } from '../intake/eligibility/rules';
import { toCsv, unquoteCell } from '../formats/csv-safe';
import { compareReviewCodes } from '../../shared/review-codes';
import { presetConfig } from '../notice/presets';
import type { CandidateRecord } from '../types';

/** Seeded, so a failure can be replayed. */
function lcg(seed: number) {
	let x = seed >>> 0;
	return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const PIECES = [
	'省',
	'市',
	'区',
	'县',
	'自治区',
	'自治州',
	'盟',
	'旗',
	'地区',
	'广西',
	'壮族',
	'南宁市',
	'柳州',
	'大学',
	'学院',
	'研究所',
	'有限公司',
	'集团',
	'科协',
	'科学技术协会',
	'职业技术学院',
	'（',
	'）',
	'(',
	')',
	'·',
	'・',
	'.',
	'-',
	'—',
	'–',
	'~',
	'至今',
	'，',
	'。',
	'、',
	'；',
	':',
	'：',
	'“',
	'”',
	'"',
	"'",
	' ',
	'　',
	'\u200b',
	'\t',
	'\n',
	'\r\n',
	'*',
	'＊',
	'=',
	'+',
	'@',
	'1990',
	'.07',
	'年',
	'月',
	'日',
	'0',
	'9',
	'１',
	'Fan',
	'Jian',
	'-song',
	'Prof.',
	'Dr',
	'a',
	'Z',
	'é',
	'ǎ',
	'ü',
	'【候选人】',
	'【单位】',
	'范',
	'建',
	'松',
	'老',
	'小',
	'阿',
	'工',
	'导',
	'哥',
	'教授',
	'老师',
	'张',
	'伟',
	'欧阳',
	'西大',
	'广大',
	'南大',
	'门',
	'的',
	'在',
	'\\',
	'[',
	']',
	'{',
	'}',
	'|',
	'?',
	'^',
	'$',
	'😀',
	'\ud800',
	'﻿'
];
const RUNS = ['省市区县', '市', '(', '·', ' ', 'a', '1', '-', '大', '—', '【', '，', '省', 'Fan ', '自治区', '*'];

function fuzzStrings(n: number, seed: number): string[] {
	const rand = lcg(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const len = 1 + Math.floor(rand() * 200);
		let s = '';
		const mode = i % 4;
		if (mode === 0) {
			// long run of one piece, then one odd character at the end (the classic blowup shape)
			const run = pick(RUNS);
			while (s.length < len) s += run;
			s = s.slice(0, len - 1) + pick(['院', 'x', '。', '1', '']);
		} else if (mode === 1) {
			while (s.length < len) s += pick(PIECES);
		} else if (mode === 2) {
			while (s.length < len) s += String.fromCharCode(0x20 + Math.floor(rand() * 0x7f00));
		} else {
			const a = pick(RUNS);
			const b = pick(PIECES);
			while (s.length < len) s += rand() < 0.8 ? a : b;
		}
		out.push(s.slice(0, 200));
	}
	return out;
}

const config = presetConfig('guangxi-2024');
const base: CandidateRecord = {
	name: '范建松',
	gender: '男',
	birth: '1975-03',
	unitAndTitle: '柳州职业技术学院 教授',
	channel: '柳州市科协',
	grassroots: false,
	priorTitle: false,
	career: [{ period: '2000.07-2004.06', unit: '南京大学', role: '博士' }]
};
const HEADER = '序号,推荐单位,姓名,性别,出生年月,工作单位及职务职称,学习工作经历,主要事迹';

describe('regex fuzz', () => {
	it(
		'2,000 random and adversarial strings of up to 200 characters through every user-text function: no string makes any of them backtrack (the slowest string under 1.5 s)',
		{ timeout: 120_000 },
		() => {
			const strings = fuzzStrings(2000, 20261205);
			expect(strings.some((s) => s.length === 200)).toBe(true);
			const baseTerms = redactionTerms(base);
			const enc = new TextEncoder();
			const run = (s: string) => {
				// units
				cleanText(s);
				isRegionName(s);
				normalizeUnit(s);
				unitVariants(s);
				unitAncestors(s);
				unitsMatch(s, '广西大学');
				splitUnitAndTitle(s);
				// redaction: the string as text, and as the candidate's name, unit, channel and manual keep
				redactText(s, baseTerms);
				redactionTerms({ ...base, name: s });
				unitAbbreviations(s);
				nominatorForms(s);
				cityOf(s);
				contextAllows(s, 0, Math.min(2, s.length), 'strict');
				romanizedName(s.slice(0, 4), 1);
				detectLeaks([s], base);
				// nomination and expert parsing
				normalizeHeader(s);
				halfWidth(s);
				parseBirthDetailed(s);
				parseCareer(s);
				parseAwards(s);
				cleanCell(s);
				normalizeName(s);
				parseGender(s);
				parseYesNo(s);
				fieldShortName(s);
				parseChannelType(s);
				channelKey(s);
				detectDelimiter(s);
				expertKey(s, s);
				// splits 评审领域 and 曾工作单位, and resolves each field token (fieldShortName above sees s whole)
				readExpert({ name: s, unit: s, phone: s, email: s, username: s, fields: s, formerUnits: s, maxLoad: s }, [
					'前沿',
					'主战场'
				]);
				parseBirth(s);
				ageBand(s, '2024-06-30');
				matchExcludedCategory(config, s);
				textLength(s);
				toCsv([s], [[s]]); // the formula-injection quote on every cell
				unquoteCell(s);
				compareReviewCodes(s, '前沿-100');
			};
			// Warm-up on other strings, so that compiling the functions is not counted.
			for (const s of fuzzStrings(100, 7)) run(s);
			const started = performance.now();
			const cpu = process.cpuUsage();
			// The guard is against catastrophic backtracking: one string of ≤ 200 characters taking
			// seconds. So the slowest single string is checked, with a wide margin (a string takes
			// well under 1 ms), not the total: process CPU counts the other test workers' threads too,
			// and a total under a budget is a benchmark, which belongs in `npm run bench`.
			let slowest = { ms: 0, s: '' };
			const timed = (s: string, f: () => void) => {
				const t = performance.now();
				f();
				const ms = performance.now() - t;
				if (ms > slowest.ms) slowest = { ms, s };
			};
			for (const s of strings) timed(s, () => run(s));
			// Whole pipelines on a sample (they call the functions above many times per string).
			for (const s of strings.filter((_, i) => i % 40 === 0)) timed(s, () => pipelines(s));
			function pipelines(s: string) {
				const c = {
					...base,
					name: s.slice(0, 6),
					unitAndTitle: s,
					channel: s.slice(0, 30),
					career: [{ period: '', unit: s, role: '' }]
				};
				redactText(s, redactionTerms(c, { add: [s.slice(0, 20)], remove: [s.slice(5, 25)] }));
				detectLeaks([s], c, [s.slice(0, 10)]);
				detectConflicts(
					[
						{
							id: 'e',
							unit: s,
							formerUnits: [s.slice(0, 50)],
							school: s,
							declaredUnits: [s],
							declaredPeople: [s.slice(0, 8)]
						}
					],
					[{ id: 'c', name: s.slice(0, 8), unitAndTitle: s, careerUnits: [s], school: s, channel: s }]
				);
				const cell = `"${s.replace(/"/g, '""')}"`;
				parseNominationCsv(enc.encode(`${HEADER}\n1,${cell},${cell},男,${cell},${cell},${cell},${cell}\n`));
				parseExpertCsv(enc.encode(`姓名,工作单位,评审领域\n${cell},${cell},${cell}\n`), { fields: ['前沿'] });
			}
			const used = process.cpuUsage(cpu);
			const cpuMs = (used.user + used.system) / 1000;
			const wallMs = performance.now() - started;
			console.log(
				`regex fuzz: ${Math.round(cpuMs)} ms CPU, ${Math.round(wallMs)} ms wall, slowest string ${slowest.ms.toFixed(1)} ms`
			);
			expect(slowest.ms, `one string took ${Math.round(slowest.ms)} ms: ${JSON.stringify(slowest.s)}`).toBeLessThan(
				1500
			);
		}
	);
});
