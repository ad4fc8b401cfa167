import { describe, it, expect } from 'vitest';
import { deadlineMs, formatBeijing } from './time';

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
