import { describe, expect, it } from 'vitest';
import { nextWarsawMidnight } from './warsaw-time.ts';

describe('Warsaw time', () => {
  it('finds the next midnight in Warsaw in summer, in winter and across the clock changes', () => {
    expect(nextWarsawMidnight(new Date('2026-06-10T08:00:00Z')).toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-06-10T22:00:00Z')).toISOString()).toBe('2026-06-11T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-01-31T23:30:00Z')).toISOString()).toBe('2026-02-01T23:00:00.000Z');
    // The nights of 29 March (to summer time) and 25 October 2026 (to winter time).
    expect(nextWarsawMidnight(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(nextWarsawMidnight(new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
