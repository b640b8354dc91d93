/**
 * A window owing nothing (balance ≤ 0) is not allocated by the debtors list and the start page
 * (`settledDebt`): for random ledgers with payers' indications, corrections, shares of any sign,
 * an opening debt or credit, the allocation must give exactly the same figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtFrom, settledDebt, type UnitDebt } from './debt.ts';
import type { DebtInput } from './debt-queries.ts';
import type { LedgerItem } from './rules/allocation.ts';
import { rowsFromStarts } from './rules/interest.ts';
import { statutoryRateStarts } from './rules/statutory-rates.ts';

const rates = rowsFromStarts(statutoryRateStarts);
const DAY0 = Date.parse('2015-01-01T00:00:00Z');
const dayOf = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const SPAN = 6 * 365;

const itemArb = fc.record({
  day: fc.integer({ min: 0, max: SPAN }),
  dueAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  kind: fc.constantFrom('charge', 'payment', 'other_receivable', 'media_settlement', 'interest', 'correction'),
  amount: fc.integer({ min: -150_000, max: 150_000 }).filter((a) => a !== 0),
  /** A correction's target, as an index into the earlier items. */
  target: fc.nat(),
});
const ledgerArb = fc.record({
  items: fc.array(itemArb, { maxLength: 40 }),
  /** Payers' indications as (payment index, debt index) pairs. */
  indications: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  opening: fc.integer({ min: -200_000, max: 200_000 }),
  openingDay: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  interestSince: fc.option(fc.integer({ min: 0, max: SPAN }), { nil: undefined }),
  /** Days after the last entry to the day asked. */
  after: fc.integer({ min: 0, max: 400 }),
  from: fc.option(fc.integer({ min: 0, max: SPAN }), { nil: undefined }),
});

type Ledger = typeof ledgerArb extends fc.Arbitrary<infer L> ? L : never;

function inputOf(ledger: Ledger) {
  const items: LedgerItem[] = [];
  for (const [i, it] of ledger.items.entries()) {
    // As the ledger books them (ledger.ts bookCorrection): a correction is never corrected.
    const targets = items.filter((i) => i.kind !== 'correction');
    const earlier = targets[it.target % Math.max(1, targets.length)];
    items.push({
      id: i + 1,
      valueDate: dayOf(it.day),
      dueDate: it.dueAfter === null ? null : dayOf(it.day + it.dueAfter),
      amount: it.amount,
      kind: it.kind,
      // Some correct an entry outside the window (before its cut): they count on their own.
      correctsEntryId: it.kind !== 'correction' ? null : earlier && it.target % 5 !== 0 ? earlier.id : 10_000 + i,
      description: `Wpis ${i + 1}`,
    });
  }
  const credits = items.filter((i) => i.amount < 0);
  const debts = items.filter((i) => i.amount > 0);
  const indications =
    credits.length && debts.length
      ? ledger.indications.map(([p, d]) => ({
          paymentId: (credits[p % credits.length] as LedgerItem).id,
          debtId: (debts[d % debts.length] as LedgerItem).id,
        }))
      : [];
  const input: DebtInput = {
    opening: ledger.openingDay === undefined ? 0 : ledger.opening,
    openingDay: ledger.openingDay === undefined ? undefined : dayOf(ledger.openingDay),
    items,
    indications,
    interestSince: ledger.interestSince === undefined ? undefined : dayOf(ledger.interestSince),
  };
  const last = Math.max(0, ledger.openingDay ?? 0, ...ledger.items.map((i) => i.day));
  return { input, asOf: dayOf(last + ledger.after), from: ledger.from === undefined ? undefined : dayOf(ledger.from) };
}

const figures = (d: UnitDebt) => ({ ...d, debts: undefined });

describe('settledDebt', () => {
  it('gives what the allocation gives for every window whose balance is ≤ 0', () => {
    let settled = 0;
    fc.assert(
      fc.property(ledgerArb, fc.constantFrom(0, 500), (ledger, interestMinimum) => {
        const { input, asOf, from } = inputOf(ledger);
        const settings = { interestEnabled: true, interestMinimum };
        const allocated = debtFrom(input, rates, { asOf, settings, from });
        const balance = input.opening + input.items.reduce((sum, i) => sum + i.amount, 0);
        expect(allocated.balance).toBe(balance);
        if (balance > 0) return;
        settled++;
        expect(figures(settledDebt(balance, asOf))).toEqual(figures(allocated));
        expect(allocated.debts.every((d) => d.remaining === 0)).toBe(true);
      }),
      { numRuns: 3000, seed: 20261206 },
    );
    // Enough of the random ledgers owe nothing for the property to say something.
    expect(settled).toBeGreaterThan(500);
  });

  it('refuses a window that owes something', () => {
    expect(() => settledDebt(1, '2026-12-06')).toThrow();
  });
});
