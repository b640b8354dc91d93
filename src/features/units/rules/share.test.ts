import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstOverfullDay, holdsOn, overlaps, type Period } from './periods.ts';
import { compareRational, formatRational, parseShare, rational, sumShares } from './share.ts';

describe('shares', () => {
  it('parses fractions and reduces them', () => {
    expect(parseShare('1/2')).toEqual({ ok: true, value: { numerator: 1, denominator: 2 } });
    expect(parseShare(' 2 / 4 ')).toEqual({ ok: true, value: { numerator: 1, denominator: 2 } });
    expect(parseShare('1')).toEqual({ ok: true, value: { numerator: 1, denominator: 1 } });
  });

  it('rejects zero, more than a whole and decimals in Polish', () => {
    expect(parseShare('0/3')).toEqual({ ok: false, message: 'udział musi być większy od zera' });
    expect(parseShare('3/2')).toEqual({ ok: false, message: 'udział nie może być większy niż 1' });
    expect(parseShare('1/0')).toEqual({ ok: false, message: 'mianownik udziału nie może być zerem' });
    expect(parseShare('0,5').ok).toBe(false);
  });

  it('adds exactly: n shares of 1/n make exactly one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        const sum = sumShares(Array.from({ length: n }, () => ({ numerator: 1, denominator: n })));
        expect(formatRational(sum)).toBe('1');
      }),
    );
  });

  it('sums in any order to the same value (property)', () => {
    const share = fc
      .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
      .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(share, { maxLength: 30 }), (shares) => {
        const forward = sumShares(shares);
        const backward = sumShares([...shares].reverse());
        expect(compareRational(forward, backward)).toBe(0);
      }),
    );
  });

  it('compares 1/3 + 1/3 + 1/3 with one exactly, where floats would not', () => {
    const third = { numerator: 1, denominator: 3 };
    expect(compareRational(sumShares([third, third, third]), rational({ numerator: 1, denominator: 1 }))).toBe(0);
  });
});

describe('periods of rights (validTo exclusive, null = open-ended)', () => {
  const p = (validFrom: string, validTo: string | null): Period => ({ validFrom, validTo });

  it('holds from the first day up to the day before validTo', () => {
    const right = p('2020-06-15', '2021-01-01');
    expect(holdsOn(right, '2020-06-14')).toBe(false);
    expect(holdsOn(right, '2020-06-15')).toBe(true);
    expect(holdsOn(right, '2020-12-31')).toBe(true);
    expect(holdsOn(right, '2021-01-01')).toBe(false);
    expect(holdsOn(p('2020-06-15', null), '2099-01-01')).toBe(true);
  });

  it('a sale on one day does not overlap: seller ends and buyer starts on the same date', () => {
    expect(overlaps(p('2013-01-01', '2020-06-15'), p('2020-06-15', null))).toBe(false);
    expect(overlaps(p('2013-01-01', '2020-06-16'), p('2020-06-15', null))).toBe(true);
    expect(overlaps(p('2013-01-01', null), p('2020-06-15', null))).toBe(true);
  });

  const day = fc
    .integer({ min: 0, max: 3650 })
    .map((n) => new Date(Date.UTC(2013, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const period = fc
    .tuple(day, fc.option(day, { nil: null }))
    .filter(([from, to]) => to === null || to > from)
    .map(([from, to]) => p(from, to));

  it('overlap is symmetric and means a shared day (property)', () => {
    fc.assert(
      fc.property(period, period, day, (a, b, d) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        if (holdsOn(a, d) && holdsOn(b, d)) expect(overlaps(a, b)).toBe(true);
        // Both start on a day the other holds, if they overlap: the later start is shared.
        if (overlaps(a, b)) {
          const later = [a.validFrom, b.validFrom].sort()[1] ?? a.validFrom;
          expect(holdsOn(a, later) && holdsOn(b, later)).toBe(true);
        }
      }),
    );
  });

  it('finds the first day on which overlapping shares exceed a whole', () => {
    const half = { numerator: 1, denominator: 2 };
    const rights = [
      { ...p('2013-01-01', '2020-06-15'), ...half },
      { ...p('2013-01-01', '2020-06-15'), ...half },
      { ...p('2020-06-15', null), numerator: 1, denominator: 1 },
    ];
    expect(firstOverfullDay(rights)).toBeUndefined();
    const overfull = firstOverfullDay([...rights, { ...p('2019-01-01', null), ...half }]);
    expect(overfull?.day).toBe('2019-01-01');
    expect(formatRational(overfull?.sum ?? rational(half))).toBe('3/2');
  });

  it('agrees with a day-by-day check (property)', () => {
    const share = fc.integer({ min: 1, max: 4 }).map((n) => ({ numerator: 1, denominator: n }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(period, share), { maxLength: 6 }),
        fc.array(day, { maxLength: 20 }),
        (list, days) => {
          const rights = list.map(([per, s]) => ({ ...per, ...s }));
          const found = firstOverfullDay(rights);
          for (const d of days) {
            const sum = sumShares(rights.filter((r) => holdsOn(r, d)));
            if (compareRational(sum, rational({ numerator: 1, denominator: 1 })) > 0) {
              expect(found).toBeDefined();
              if (found) expect(found.day <= d).toBe(true);
            }
          }
        },
      ),
    );
  });
});
