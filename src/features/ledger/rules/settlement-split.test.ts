import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settlementShare } from './settlement-split.ts';

const H1 = { from: '2020-01-01', to: '2020-06-30' };

describe('settlementShare', () => {
  it('shares a January–June 2020 settlement by days at a sale on 15.06.2020 (leap year: 182 days)', () => {
    const seller = settlementShare(18_200, H1, { until: '2020-06-14' });
    const buyer = settlementShare(18_200, H1, { from: '2020-06-15' });
    expect(seller).toEqual({ amount: 16_600, days: 166, of: 182 });
    expect(buyer).toEqual({ amount: 1_600, days: 16, of: 182 });
  });

  it('counts 29 February: the same half-year has 181 days in 2021', () => {
    expect(settlementShare(100, { from: '2021-01-01', to: '2021-06-30' }, { from: '2021-06-15' }).of).toBe(181);
    expect(settlementShare(100, { from: '2020-02-01', to: '2020-02-29' }, { from: '2020-02-29' })).toEqual({
      amount: 3,
      days: 1,
      of: 29,
    });
  });

  it('rounds each part within a grosz and the parts sum exactly (cumulative rounding)', () => {
    // 100 gr over 3 days sold after day 1 and day 2: 33 + 34 + 33.
    const p = { from: '2021-03-01', to: '2021-03-03' };
    const parts = [
      settlementShare(100, p, { until: '2021-03-01' }).amount,
      settlementShare(100, p, { from: '2021-03-02', until: '2021-03-02' }).amount,
      settlementShare(100, p, { from: '2021-03-03' }).amount,
    ];
    expect(parts).toEqual([33, 34, 33]);
    // A refund rounds the same way.
    expect(parts.map((part) => -part)).toEqual([
      settlementShare(-100, p, { until: '2021-03-01' }).amount,
      settlementShare(-100, p, { from: '2021-03-02', until: '2021-03-02' }).amount,
      settlementShare(-100, p, { from: '2021-03-03' }).amount,
    ]);
  });

  it('gives a change on the first day of the period wholly to the buyer, on the day after the last wholly to the seller', () => {
    expect(settlementShare(5_000, H1, { until: '2019-12-31' })).toEqual({ amount: 0, days: 0, of: 182 });
    expect(settlementShare(5_000, H1, { from: '2020-01-01' })).toEqual({ amount: 5_000, days: 182, of: 182 });
    // A change on the period's last day: the buyer holds one day of it.
    expect(settlementShare(18_200, H1, { from: '2020-06-30' })).toEqual({ amount: 100, days: 1, of: 182 });
    expect(settlementShare(18_200, H1, { until: '2020-06-29' }).amount).toBe(18_100);
    expect(settlementShare(5_000, H1, { from: '2020-07-01' })).toEqual({ amount: 0, days: 0, of: 182 });
  });

  it('splits any amount into parts that sum to it, each within a grosz of its exact share (property)', () => {
    const day0 = Date.parse('2019-01-01T00:00:00Z');
    const dayOf = (n: number) => new Date(day0 + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 400 }),
        fc.uniqueArray(fc.integer({ min: -20, max: 420 }), { maxLength: 5 }),
        (amount, start, length, offsets) => {
          const period = { from: dayOf(start), to: dayOf(start + length - 1) };
          const changes = [...offsets].sort((a, b) => a - b).map((o) => start + o);
          const bounds = [undefined, ...changes];
          let sum = 0;
          bounds.forEach((from, i) => {
            const next = changes[i];
            const share = settlementShare(amount, period, {
              from: from === undefined ? undefined : dayOf(from),
              until: next === undefined ? undefined : dayOf(next - 1),
            });
            expect(Math.abs(share.amount - (amount * share.days) / length)).toBeLessThanOrEqual(1);
            sum += share.amount;
          });
          expect(sum).toBe(amount);
        },
      ),
    );
  });
});
