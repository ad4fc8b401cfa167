import { describe, it, expect } from 'vitest';
import {
	beijingDayStart,
	beijingToday,
	clockSeed,
	deadlineInfo,
	deadlineMs,
	formatBeijing,
	formatBeijingOrEmpty,
	isCalendarDate,
	parseBeijingInput
} from './time';

describe('formatBeijing', () => {
	// 2024-06-30T16:30:00Z is 2024-07-01 00:30 in Beijing: the date changes with the zone.
	const t = Date.parse('2024-06-30T16:30:00Z');
	it('formats in Beijing time whatever the process zone', () => {
		expect(formatBeijing(t)).toBe('2024-07-01 00:30');
		expect(formatBeijing(t, 'date')).toBe('2024-07-01');
		expect(formatBeijing(t, 'time')).toBe('00:30');
	});
	it('prints a dash for a missing time', () => {
		expect(formatBeijing(null)).toBe('—');
		expect(formatBeijing(Number.NaN, 'date')).toBe('—');
	});
	it('reads a date-only deadline as the end of that day in China', () => {
		expect(formatBeijing(deadlineMs('2024-06-30'))).toBe('2024-06-30 23:59');
		expect(formatBeijing(deadlineMs('2024-06-30T17:00+08:00'))).toBe('2024-06-30 17:00');
		expect(deadlineMs('soon')).toBeNull();
	});
});

describe('the other formats', () => {
	const t = Date.UTC(2024, 4, 6, 16, 5, 9, 42); // 2024-05-07 00:05:09.042 in Beijing
	it('prints seconds, milliseconds, the clock, input values and Chinese dates in Beijing time', () => {
		expect(formatBeijing(t, 'seconds')).toBe('2024-05-07 00:05:09');
		expect(formatBeijing(Date.UTC(2024, 0, 1, 0, 0, 0), 'seconds')).toBe('2024-01-01 08:00:00');
		expect(formatBeijing(t, 'millis')).toBe('2024-05-07 00:05:09.042');
		expect(formatBeijing(t, 'clock')).toBe('00:05:09');
		expect(formatBeijing(t, 'input')).toBe('2024-05-07T00:05');
		expect(formatBeijing(t, 'cn-date')).toBe('2024年5月7日');
		expect(formatBeijing(t, 'cn-datetime')).toBe('2024年5月7日 00:05');
	});
	it('leaves a missing time empty where a dash would be data', () => {
		expect(formatBeijingOrEmpty(null)).toBe('');
		expect(formatBeijingOrEmpty(Number.NaN, 'input')).toBe('');
		expect(formatBeijingOrEmpty(Date.UTC(2024, 4, 6, 16, 30))).toBe('2024-05-07 00:30');
	});
	it('takes a seed from the clock in Beijing time', () => {
		expect(clockSeed(t)).toBe('2024-05-07 00:05:09.042 北京时间');
	});
	it("gives today's Beijing date, not the UTC one", () => {
		expect(beijingToday(Date.UTC(2024, 4, 6, 16, 30))).toBe('2024-05-07');
		expect(beijingToday(Date.UTC(2024, 4, 6, 15, 59))).toBe('2024-05-06');
	});
});

describe('Beijing days and typed times', () => {
	it('reads a day as its Beijing midnight and refuses non-days', () => {
		expect(beijingDayStart('2024-05-07')).toBe(Date.UTC(2024, 4, 6, 16));
		expect(beijingDayStart('2024-02-30')).toBeNull();
		expect(beijingDayStart('yesterday')).toBeNull();
	});
	it('reads a datetime-local value as Beijing time and round-trips it', () => {
		const at = parseBeijingInput('2024-05-07T00:05');
		expect(at).toBe(Date.UTC(2024, 4, 6, 16, 5));
		expect(formatBeijing(at, 'input')).toBe('2024-05-07T00:05');
		expect(parseBeijingInput('2024-05-07T24:00')).toBeNull();
		expect(parseBeijingInput('2024-02-30T10:00')).toBeNull();
		expect(parseBeijingInput('')).toBeNull();
	});
});

describe('deadlineInfo', () => {
	it('labels a date-only deadline by its day and a timed one by day and hour, past or not', () => {
		const before = Date.UTC(2024, 5, 30, 15, 0); // 2024-06-30 23:00 Beijing
		expect(deadlineInfo('2024-06-30', before)).toEqual({ label: '2024年6月30日', past: false });
		expect(deadlineInfo('2024-06-30', before + 3_600_000)).toEqual({ label: '2024年6月30日', past: true });
		expect(deadlineInfo('2024-06-30T18:00+08:00', before)).toEqual({ label: '2024年6月30日 18:00', past: true });
	});
	it('shows an unreadable deadline as written and none for none', () => {
		expect(deadlineInfo('下周五', 0)).toEqual({ label: '下周五', past: false });
		expect(deadlineInfo(null)).toBeNull();
		expect(deadlineInfo('')).toBeNull();
	});
});

describe('isCalendarDate', () => {
	it('accepts real days written YYYY-MM-DD and nothing else', () => {
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('2023-02-29')).toBe(false);
		expect(isCalendarDate('2024-2-9')).toBe(false);
		expect(isCalendarDate('2024-13-01')).toBe(false);
		expect(isCalendarDate(null)).toBe(false);
	});
});
