import { describe, it, expect } from 'vitest';
import { ageBand, ageOn, cutoffText, isYouth, parseBirth, youthCutoff, youthStatus } from './age';

describe('parseBirth', () => {
	it('reads the normalized forms', () => {
		expect(parseBirth('1980-05')).toEqual({ year: 1980, month: 5 });
		expect(parseBirth('1980-05-12')).toEqual({ year: 1980, month: 5, day: 12 });
	});
	it('reads the raw 出生年月 spellings too', () => {
		expect(parseBirth('1980.05')).toEqual({ year: 1980, month: 5 });
		expect(parseBirth('1980/5')).toEqual({ year: 1980, month: 5 });
		expect(parseBirth('1980年5月')).toEqual({ year: 1980, month: 5 });
		expect(parseBirth('198005')).toEqual({ year: 1980, month: 5 });
		expect(parseBirth('1980年05月12日')).toEqual({ year: 1980, month: 5, day: 12 });
		expect(parseBirth('19800512')).toEqual({ year: 1980, month: 5, day: 12 });
	});
	it('rejects impossible or empty dates', () => {
		expect(parseBirth('')).toBeNull();
		expect(parseBirth(undefined)).toBeNull();
		expect(parseBirth('1980-13')).toBeNull();
		expect(parseBirth('1981-02-29')).toBeNull();
		expect(parseBirth('八零年')).toBeNull();
		expect(parseBirth('1980-05-12-01')).toBeNull();
	});
	it('accepts 29 February in a leap year', () => {
		expect(parseBirth('1980-02-29')).toEqual({ year: 1980, month: 2, day: 29 });
	});
});

describe('ageOn', () => {
	it('counts completed years', () => {
		expect(ageOn('1980-05-12', '2023-05-11')).toBe(42);
		expect(ageOn('1980-05-12', '2023-05-12')).toBe(43);
		expect(ageOn('1980-05-12', '2023-12-31')).toBe(43);
	});
	it('treats a month without day as the 1st of the month', () => {
		expect(ageOn('1978-04', '2023-03-31')).toBe(44);
		expect(ageOn('1978-04', '2023-04-01')).toBe(45);
		expect(ageOn('1978-04', '2023-04-11')).toBe(45);
	});
	it('makes a 29 February birth a year older on 1 March in common years', () => {
		expect(ageOn('1980-02-29', '2023-02-28')).toBe(42);
		expect(ageOn('1980-02-29', '2023-03-01')).toBe(43);
		expect(ageOn('1980-02-29', '2024-02-29')).toBe(44);
	});
	it('is null for unreadable input', () => {
		expect(ageOn('unknown', '2023-04-11')).toBeNull();
		expect(ageOn('1980-05', 'bad')).toBeNull();
	});
});

describe('isYouth', () => {
	// Jincheng's reference date 2023-04-11: “45岁以下” includes 45 (民法典 第1259条), so the cut-off is
	// “1978年4月11日以后出生”, the day itself included.
	it('is youth on the 45th birthday and the days after the cut-off', () => {
		expect(isYouth('1978-04-11', '2023-04-11')).toBe(true);
		expect(isYouth('1978-04-12', '2023-04-11')).toBe(true);
	});
	it('is not youth born the day before the cut-off', () => {
		expect(isYouth('1978-04-10', '2023-04-11')).toBe(false);
		expect(isYouth('1977-12-31', '2023-04-11')).toBe(false);
	});
	it('judges a month-only birth at the month boundary', () => {
		expect(isYouth('1978-04', '2023-04-11')).toBe(true); // the cut-off month counts
		expect(isYouth('1978-03', '2023-04-11')).toBe(false);
		expect(isYouth('1978-05', '2023-04-11')).toBe(true);
	});
	it('honours another youth age and an office-set cut-off', () => {
		expect(isYouth('1985-01-01', '2024-03-11', 40)).toBe(true);
		expect(isYouth('1984-03-11', '2024-03-11', 40)).toBe(true);
		expect(isYouth('1984-03-10', '2024-03-11', 40)).toBe(false);
		expect(isYouth('1978-04-11', '2023-04-11', 45, '1978-05-01')).toBe(false);
		expect(isYouth('1978-05-01', '2023-04-11', 45, '1978-05-01')).toBe(true);
	});
	it('is false for an unreadable or future birth', () => {
		expect(isYouth('', '2023-04-11')).toBe(false);
		expect(isYouth('2030-01', '2023-04-11')).toBe(false);
	});
});

describe('youthCutoff', () => {
	it('is the reference date minus the youth age, shown in the offices’ words', () => {
		expect(youthCutoff('2023-04-11', 45)).toBe('1978-04-11');
		expect(cutoffText('1978-04-11')).toBe('1978年4月11日以后出生');
		expect(youthCutoff('2024-02-29', 45)).toBe('1979-02-28');
	});
	it('takes the office’s date when set and valid', () => {
		expect(youthCutoff('2023-04-11', 45, '1978-01-01')).toBe('1978-01-01');
		expect(youthCutoff('2023-04-11', 45, 'bad')).toBe('1978-04-11');
		expect(youthCutoff('2023-04-11', 45, '')).toBe('1978-04-11');
	});
	it('marks month-only births of the cut-off month', () => {
		expect(youthStatus('1978-04', '1978-04-11')).toEqual({ youth: true, byMonth: true });
		expect(youthStatus('1978-04', '1978-04-01')).toEqual({ youth: true, byMonth: false });
		expect(youthStatus('1978-04-10', '1978-04-11')).toEqual({ youth: false, byMonth: false });
	});
});

describe('ageBand', () => {
	const ref = '2023-06-12';
	it('puts each boundary in the upper band', () => {
		expect(ageBand('1988-06-13', ref)).toBe('35岁以下'); // 34
		expect(ageBand('1988-06-12', ref)).toBe('35–39岁'); // 35
		expect(ageBand('1983-06-13', ref)).toBe('35–39岁'); // 39
		expect(ageBand('1983-06-12', ref)).toBe('40–44岁'); // 40
		expect(ageBand('1978-06-13', ref)).toBe('40–44岁'); // 44
		expect(ageBand('1978-06-12', ref)).toBe('45–49岁'); // 45
		expect(ageBand('1973-06-12', ref)).toBe('50–54岁'); // 50
		expect(ageBand('1968-06-13', ref)).toBe('50–54岁'); // 54
		expect(ageBand('1968-06-12', ref)).toBe('55岁及以上'); // 55
		expect(ageBand('1950-01', ref)).toBe('55岁及以上');
	});
	it('says 年龄不详 when the birth cannot be read', () => {
		expect(ageBand('', ref)).toBe('年龄不详');
	});
});
