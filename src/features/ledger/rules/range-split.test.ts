import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './months.ts';
import { type Span, splitRange } from './range-split.ts';

const BEGINNING = '2010-01-01';
const inSpan = (day: string, span: Span) => (span.from === undefined || day >= span.from) && day < span.to;

describe('splitting a range of days for summing', () => {
  it('reads 20 years as one span of years, two of months and two of days', () => {
    expect(splitRange('2006-03-15', '2026-11-20')).toEqual({
      days: [
        { from: '2006-03-15', to: '2006-04-01' },
        { from: '2026-11-01', to: '2026-11-21' },
      ],
      months: [
        { from: '2006-04-01', to: '2007-01-01' },
        { from: '2026-01-01', to: '2026-11-01' },
      ],
      years: [{ from: '2007-01-01', to: '2026-01-01' }],
    });
    expect(splitRange(undefined, '2026-12-31')).toEqual({
      days: [],
      months: [],
      years: [{ from: undefined, to: '2027-01-01' }],
    });
    expect(splitRange('2026-05-02', '2026-05-20')).toEqual({
      days: [{ from: '2026-05-02', to: '2026-05-21' }],
      months: [],
      years: [],
    });
    expect(splitRange('2026-05-21', '2026-05-20')).toEqual({ days: [], months: [], years: [] });
  });

  it('covers every day of the range exactly once, with whole months and years (property)', () => {
    const day = fc.integer({ min: 0, max: 6 * 366 }).map((n) => addDays(BEGINNING, n));
    fc.assert(
      fc.property(fc.option(day, { nil: undefined }), day, (from, to) => {
        const parts = splitRange(from, to);
        const spans = [...parts.days, ...parts.months, ...parts.years];
        expect(parts.days.length).toBeLessThanOrEqual(2);
        expect(parts.months.length).toBeLessThanOrEqual(2);
        expect(parts.years.length).toBeLessThanOrEqual(1);
        for (const span of parts.months)
          expect([span.from ?? '-01', span.to].every((d) => d.endsWith('-01'))).toBe(true);
        for (const span of parts.years)
          expect([span.from ?? '-01-01', span.to].every((d) => d.endsWith('-01-01'))).toBe(true);
        for (let d = addDays(BEGINNING, -400); d <= addDays(to, 400); d = addDays(d, 1)) {
          const inRange = (from === undefined || d >= from) && d <= to;
          expect(spans.filter((span) => inSpan(d, span)).length).toBe(inRange ? 1 : 0);
        }
      }),
      { numRuns: 60 },
    );
  });
});
