import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceState, sumEntries, withRunningBalance } from './balance.ts';

describe('balance', () => {
  it('is the plain sum up to the day, inclusive', () => {
    const entries = [
      { amount: 10_000, valueDate: '2024-01-01' },
      { amount: -4_000, valueDate: '2024-01-10' },
      { amount: 10_000, valueDate: '2024-02-01' },
    ];
    expect(sumEntries(entries, '2024-01-09')).toBe(10_000);
    expect(sumEntries(entries, '2024-01-10')).toBe(6_000);
    expect(sumEntries(entries, '2024-12-31')).toBe(16_000);
    expect(sumEntries(entries, '2024-12-31', '2024-01-10')).toBe(6_000);
    expect(balanceState(1)).toBe('zadluzenie');
    expect(balanceState(-1)).toBe('nadplata');
  });
  it('the running balance ends at the sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (amounts) => {
        const rows = withRunningBalance(amounts.map((amount) => ({ amount })));
        expect(rows.at(-1)?.running ?? 0).toBe(amounts.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
