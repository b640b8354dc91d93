import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney } from './format.ts';
import { warsawDate } from './warsaw-time.ts';

const nbsp = '\u00a0';

describe('formatMoney', () => {
  it('groups thousands with a non-breaking space also below 10 000', () => {
    expect(formatMoney(123456)).toBe(`1${nbsp}234,56${nbsp}zł`);
    expect(formatMoney(123456789)).toBe(`1${nbsp}234${nbsp}567,89${nbsp}zł`);
  });

  it('keeps grosze with two digits and signs negatives', () => {
    expect(formatMoney(5)).toBe(`0,05${nbsp}zł`);
    expect(formatMoney(0)).toBe(`0,00${nbsp}zł`);
    expect(formatMoney(-100000)).toBe(`−1${nbsp}000,00${nbsp}zł`);
  });

  it('refuses fractions of a grosz', () => {
    expect(() => formatMoney(1.5)).toThrow();
  });
});

describe('dates', () => {
  it('shows instants in Warsaw time, across the date line', () => {
    // 23:30 UTC on 31 December is already New Year in Warsaw.
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(formatDate(instant)).toBe('01.01.2026');
    expect(warsawDate(instant)).toBe('2026-01-01');
    expect(formatDateTime(new Date('2026-07-01T10:05:00Z'))).toBe('01.07.2026, 12:05');
  });

  it('formats calendar dates without a time zone', () => {
    expect(formatCalendarDate('2013-01-01')).toBe('01.01.2013');
    expect(() => formatCalendarDate('1.1.2013')).toThrow();
  });
});
