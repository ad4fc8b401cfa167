import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS, addWorkdays, formatChineseDate, noticePeriod, parseDateList } from './workdays';

describe('addWorkdays', () => {
	it('counts the start day when it is a workday', () => {
		expect(addWorkdays('2024-05-06', 5)).toEqual({
			start: '2024-05-06',
			end: '2024-05-10',
			days: ['2024-05-06', '2024-05-07', '2024-05-08', '2024-05-09', '2024-05-10']
		});
	});
	it('skips a weekend inside the period', () => {
		const p = addWorkdays('2024-05-09', 5); // Thursday
		expect(p.days).toEqual(['2024-05-09', '2024-05-10', '2024-05-13', '2024-05-14', '2024-05-15']);
	});
	it('starts on the next workday when the chosen date is a Saturday', () => {
		const p = addWorkdays('2024-05-11', 5);
		expect(p.start).toBe('2024-05-13');
		expect(p.end).toBe('2024-05-17');
		expect(addWorkdays('2024-05-12', 1).days).toEqual(['2024-05-13']); // Sunday
	});
	it('skips listed holidays, also at the start', () => {
		const labourDay = ['2024-05-01', '2024-05-02', '2024-05-03'];
		expect(addWorkdays('2024-04-30', 5, labourDay).days).toEqual([
			'2024-04-30',
			'2024-05-06',
			'2024-05-07',
			'2024-05-08',
			'2024-05-09'
		]);
		expect(addWorkdays('2024-05-01', 2, labourDay).days).toEqual(['2024-05-06', '2024-05-07']);
	});
	it('counts 调休 makeup weekend days as workdays; a holiday listed twice stays a holiday', () => {
		expect(addWorkdays('2024-05-11', 3, [], ['2024-05-11']).days).toEqual(['2024-05-11', '2024-05-13', '2024-05-14']);
		expect(addWorkdays('2024-05-11', 1, ['2024-05-11'], ['2024-05-11']).start).toBe('2024-05-13');
		expect(addWorkdays('2024-04-28', 1, [], ['2024-04-28']).start).toBe('2024-04-28');
		expect(addWorkdays('2024-04-28', 1).start).toBe('2024-04-29');
	});
	it('crosses month, leap-day and year boundaries in UTC', () => {
		expect(addWorkdays('2024-02-28', 3).days).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
		expect(addWorkdays('2024-12-30', 5, ['2025-01-01']).days).toEqual([
			'2024-12-30',
			'2024-12-31',
			'2025-01-02',
			'2025-01-03',
			'2025-01-06'
		]);
	});
	it('rejects malformed dates and counts', () => {
		expect(() => addWorkdays('2024-02-30', 5)).toThrow(/YYYY-MM-DD/);
		expect(() => addWorkdays('2024/05/06', 5)).toThrow(/YYYY-MM-DD/);
		expect(() => addWorkdays('2024-05-06', 5, ['5月1日'])).toThrow(/YYYY-MM-DD/);
		expect(() => addWorkdays('2024-05-06', 0)).toThrow(/正整数/);
		expect(() => addWorkdays('2024-05-06', 2.5)).toThrow(/正整数/);
	});
});

describe('formatChineseDate', () => {
	it('prints without leading zeros', () => {
		expect(formatChineseDate('2024-05-06')).toBe('2024年5月6日');
		expect(formatChineseDate('2023-12-31')).toBe('2023年12月31日');
		expect(() => formatChineseDate('2023-13-01')).toThrow();
	});
});

describe('noticePeriod (official calendar from chinese-days plus the office’s dates)', () => {
	it('2024-04-29 + 5 working days ends 2024-05-08 (劳动节, 调休)', () => {
		const p = noticePeriod('2024-04-29', 5);
		expect(p.days).toEqual(['2024-04-29', '2024-04-30', '2024-05-06', '2024-05-07', '2024-05-08']);
		expect(p.end).toBe('2024-05-08');
		expect(p.beyondCalendar).toBe(false);
	});
	it('counts a 调休 Saturday as a working day and skips 国庆', () => {
		expect(noticePeriod('2024-10-08', 5).days).toEqual([
			'2024-10-08',
			'2024-10-09',
			'2024-10-10',
			'2024-10-11',
			'2024-10-12'
		]);
		expect(noticePeriod('2024-09-30', 2).days).toEqual(['2024-09-30', '2024-10-08']);
	});
	it('adds the office’s closed and open days', () => {
		expect(noticePeriod('2024-04-29', 5, { closed: ['2024-05-07'] }).end).toBe('2024-05-09');
		expect(noticePeriod('2024-04-29', 3, { open: ['2024-05-01'] }).days).toEqual([
			'2024-04-29',
			'2024-04-30',
			'2024-05-01'
		]);
		expect(() => noticePeriod('2024-04-29', 5, { closed: ['5月7日'] })).toThrow(/YYYY-MM-DD/);
	});
	it('says when the period runs past the years the calendar covers', () => {
		expect(noticePeriod(`${OFFICIAL_YEARS.to + 1}-03-02`, 5).beyondCalendar).toBe(true);
		expect(OFFICIAL_YEARS.to).toBeGreaterThanOrEqual(2026);
	});
	it('parses the office’s date list', () => {
		expect(parseDateList('2024-05-07, 2024-05-06\n2024-05-07')).toEqual({ dates: ['2024-05-06', '2024-05-07'] });
		expect(parseDateList('2024-05-07 5月8日')).toEqual({ error: '5月8日' });
		expect(parseDateList('')).toEqual({ dates: [] });
	});
});
