import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthLabel, summarizeByMonth } from './month-summary.ts';

describe('summarizeByMonth', () => {
  it('gives each month what was charged, what was paid and the balance after it', () => {
    const months = summarizeByMonth([
      { valueDate: '2026-11-01', amount: 50_000, running: 50_000 },
      { valueDate: '2026-11-10', amount: -50_000, running: 0 },
      { valueDate: '2026-12-01', amount: 40_000, running: 40_000 },
      { valueDate: '2026-12-01', amount: 12_000, running: 52_000 },
      { valueDate: '2026-12-15', amount: -60_000, running: -8_000 },
    ]);
    expect(months.map(({ entries, ...m }) => ({ ...m, n: entries.length }))).toEqual([
      { month: '2026-11', charged: 50_000, paid: 50_000, balanceAfter: 0, n: 2 },
      { month: '2026-12', charged: 52_000, paid: 60_000, balanceAfter: -8_000, n: 3 },
    ]);
  });

  it('adds up: opening + charged − paid over all months is the last balance (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -100_000, max: 100_000 })), {
          maxLength: 60,
        }),
        (opening, raw) => {
          let running = opening;
          const entries = raw
            .sort((a, b) => a[0] - b[0])
            .map(([m, amount]) => {
              running += amount;
              const month = String((m % 12) + 1).padStart(2, '0');
              return { valueDate: `${2020 + Math.floor(m / 12)}-${month}-01`, amount, running };
            });
          const months = summarizeByMonth(entries);
          const total = months.reduce((sum, m) => sum + m.charged - m.paid, opening);
          expect(total).toBe(entries.at(-1)?.running ?? opening);
        },
      ),
    );
  });

  it('names months in Polish', () => {
    expect(monthLabel('2026-12')).toBe('grudzień 2026');
    expect(monthLabel('2013-01-01')).toBe('styczeń 2013');
  });
});
