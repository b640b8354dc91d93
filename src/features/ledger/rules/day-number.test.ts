import { describe, expect, it } from 'vitest';
import { dayNumber, dayOfNumber } from './day-number.ts';

describe('dayNumber', () => {
  it('agrees with Date on every day from 1999 to 2041 (leap years and centuries included)', () => {
    for (let n = dayNumber('1999-01-01'); n <= dayNumber('2041-12-31'); n++) {
      const day = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(day)).toBe(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
      expect(dayOfNumber(n)).toBe(day);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1);
  });
});
