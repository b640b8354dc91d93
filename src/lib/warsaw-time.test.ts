import { describe, expect, it } from 'vitest';
import { nextWarsawMidnight, parseWarsawLocal, warsawDate, warsawLocalInput } from './warsaw-time.ts';

describe('Warsaw time', () => {
  it('finds the next midnight in Warsaw in summer, in winter and across the clock changes', () => {
    expect(nextWarsawMidnight(new Date('2026-06-10T08:00:00Z')).toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-06-10T22:00:00Z')).toISOString()).toBe('2026-06-11T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-01-31T23:30:00Z')).toISOString()).toBe('2026-02-01T23:00:00.000Z');
    // The nights of 29 March (to summer time) and 25 October 2026 (to winter time).
    expect(nextWarsawMidnight(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('reads Warsaw wall-clock time in winter and summer, and refuses dates that do not exist', () => {
    expect(parseWarsawLocal('2026-01-15 08:30')?.toISOString()).toBe('2026-01-15T07:30:00.000Z');
    expect(parseWarsawLocal('2026-07-15T08:30')?.toISOString()).toBe('2026-07-15T06:30:00.000Z');
    expect(parseWarsawLocal('2026-07-15')?.toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(parseWarsawLocal('2026-02-29')).toBeUndefined();
    expect(parseWarsawLocal('2026-13-01')).toBeUndefined();
    expect(parseWarsawLocal('15/07/2026')).toBeUndefined();
  });

  it('writes instants as Warsaw dates and datetime-local values', () => {
    expect(warsawDate(new Date('2026-06-10T22:30:00Z'))).toBe('2026-06-11');
    expect(warsawLocalInput(new Date('2026-06-10T22:30:00Z'))).toBe('2026-06-11T00:30');
    expect(warsawLocalInput(new Date('2026-12-06T11:05:00Z'))).toBe('2026-12-06T12:05');
  });
});

describe('parseWarsawLocal as people write it', () => {
  it('reads DD.MM.RRRR GG:MM the same as the ISO form', () => {
    expect(parseWarsawLocal('01.12.2026 09:00')?.toISOString()).toBe(
      parseWarsawLocal('2026-12-01T09:00')?.toISOString(),
    );
    expect(parseWarsawLocal('1.7.2026 9:05')?.toISOString()).toBe('2026-07-01T07:05:00.000Z');
    expect(parseWarsawLocal('15.06.2026')?.toISOString()).toBe('2026-06-14T22:00:00.000Z');
    expect(parseWarsawLocal('31.02.2026 10:00')).toBeUndefined();
    expect(parseWarsawLocal('01.12.2026 25:00')).toBeUndefined();
  });
});
