import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, debtPosition, type LedgerItem } from './allocation.ts';
import { interestAsOf, interestUnits, rateTableProblem, rowsFromStarts } from './interest.ts';
import { statutoryRateStarts } from './statutory-rates.ts';

const rates = rowsFromStarts(statutoryRateStarts);
let nextId = 1;
const charge = (valueDate: string, dueDate: string, amount: number): LedgerItem => ({
  id: nextId++,
  valueDate,
  dueDate,
  amount,
  kind: 'charge',
  correctsEntryId: null,
});
const payment = (valueDate: string, amount: number): LedgerItem => ({
  id: nextId++,
  valueDate,
  dueDate: null,
  amount: -amount,
  kind: 'payment',
  correctsEntryId: null,
});
const interestOf = (items: LedgerItem[], asOf: string) =>
  interestAsOf(allocate(items).debts, { asOf, rates }).reduce((sum, d) => sum + d.interest, 0);

describe('statutory interest, hand-computed', () => {
  it('splits at a rate change inside the period (9 % → 10 % on 7.04.2022)', () => {
    // 1 000 zł × 9 % × 29/365 = 7,1507 + 1 000 zł × 10 % × 4/365 = 1,0959 → 8,25 zł.
    expect(interestOf([charge('2022-03-01', '2022-03-08', 100_000)], '2022-04-10')).toBe(825);
  });
  it('counts actual days / 365 in a leap year (29.02.2024 included)', () => {
    // 11.01–31.12.2024 = 356 days × 11,25 % × 1 000 zł / 365 = 109,726 → 109,73 zł.
    expect(interestOf([charge('2024-01-01', '2024-01-10', 100_000)], '2024-12-31')).toBe(10_973);
  });
  it('starts after a due date moved past a holiday and a weekend (1.11.2025 → 3.11)', () => {
    // 4–5.11 at 10 %, 6–10.11 at 9,75 %: 0,5479 + 1,3356 = 1,8836 → 1,88 zł.
    expect(interestOf([charge('2025-10-01', '2025-11-01', 100_000)], '2025-11-10')).toBe(188);
  });
  it('counts a paid part to its payment day and the rest to the day asked', () => {
    // 400 zł paid 31.01.2023: 21 days; 600 zł unpaid to 1.03.2023: 50 days; at 12,25 %.
    // 2,8192 + 10,0685 = 12,8877 → 12,89 zł.
    const items = [charge('2023-01-01', '2023-01-10', 100_000), payment('2023-01-31', 40_000)];
    expect(interestOf(items, '2023-03-01')).toBe(1289);
  });
  it('bears nothing when paid on the due date; one day when paid the day after', () => {
    expect(interestOf([charge('2023-01-01', '2023-01-10', 100_000)], '2023-01-10')).toBe(0);
    expect(interestOf([charge('2023-01-01', '2023-01-10', 365_000)], '2023-01-11')).toBe(123); // 3 650 zł × 12,25 % / 365
  });
  it('ships a table with no gap or overlap, 13 % until 22.12.2014', () => {
    expect(rateTableProblem(rates)).toBeUndefined();
    expect(rates[0]).toEqual({ from: '2008-12-15', to: '2014-12-22', basisPoints: 1300 });
  });
  it('refuses gaps and overlaps', () => {
    const gap = [
      { from: '2020-01-01', to: '2020-01-31', basisPoints: 700 },
      { from: '2020-02-02', to: null, basisPoints: 650 },
    ];
    expect(rateTableProblem(gap)).toMatch(/Luka/);
    const overlap = [
      { from: '2020-01-01', to: '2020-02-05', basisPoints: 700 },
      { from: '2020-02-01', to: null, basisPoints: 650 },
    ];
    expect(rateTableProblem(overlap)).toMatch(/nakładają/);
  });
});

describe('art. 451 KC allocation', () => {
  const jan = charge('2026-01-01', '2026-01-12', 10_000);
  const feb = charge('2026-02-01', '2026-02-10', 10_000);
  const pay = payment('2026-02-15', 10_000);
  it('settles the oldest due debt first', () => {
    const allocation = allocate([jan, feb, pay]);
    expect(allocation.debts.find((d) => d.id === jan.id)?.remaining).toBe(0);
    expect(debtPosition(allocation, '2026-02-15')).toMatchObject({
      overdue: 10_000,
      oldestOverdue: '2026-02-01',
      current: 0,
      balance: 10_000,
    });
  });
  it("follows the payer's indication recorded by the accountant", () => {
    const allocation = allocate([jan, feb, pay], { indications: [{ paymentId: pay.id, debtId: feb.id }] });
    expect(debtPosition(allocation, '2026-02-15').oldestOverdue).toBe('2026-01-01');
  });
  it('keeps an advance payment as overpayment until the next charge, then settles it', () => {
    const early = payment('2025-12-20', 15_000);
    expect(debtPosition(allocate([early]), '2025-12-31')).toMatchObject({ overpayment: 15_000, balance: -15_000 });
    const allocation = allocate([early, jan, feb]);
    expect(debtPosition(allocation, '2026-02-05')).toMatchObject({
      overdue: 0,
      current: 5_000,
      currentDueDate: '2026-02-10',
      overpayment: 0,
    });
  });
  it('nets a reversed charge instead of letting it absorb a payment', () => {
    const reversal: LedgerItem = { ...payment('2026-01-20', 10_000), kind: 'correction', correctsEntryId: jan.id };
    const allocation = allocate([jan, feb, reversal, payment('2026-02-05', 10_000)]);
    expect(debtPosition(allocation, '2026-02-20')).toMatchObject({
      overdue: 0,
      current: 0,
      overpayment: 0,
      balance: 0,
    });
  });
});

describe('properties', () => {
  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((n) => new Date(Date.UTC(2017, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const item = fc.record({
    valueDate: day,
    dueIn: fc.integer({ min: 0, max: 40 }),
    amount: fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0),
  });
  const toItems = (rows: { valueDate: string; dueIn: number; amount: number }[]) =>
    rows.map((r, i) => ({
      id: i + 1,
      valueDate: r.valueDate,
      dueDate:
        r.amount > 0
          ? new Date(Date.parse(`${r.valueDate}T00:00:00Z`) + r.dueIn * 86_400_000).toISOString().slice(0, 10)
          : null,
      amount: r.amount,
      kind: r.amount > 0 ? 'charge' : 'payment',
      correctsEntryId: null,
    }));

  it('balance after allocation = the plain sum of the entries', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), day, (rows, asOf) => {
        const items = toItems(rows).filter((i) => i.valueDate <= asOf);
        const position = debtPosition(allocate(items), asOf);
        expect(position.balance).toBe(items.reduce((sum, i) => sum + i.amount, 0));
        expect(position.overdue).toBeGreaterThanOrEqual(0);
        expect(position.current).toBeGreaterThanOrEqual(0);
        expect(position.overpayment).toBeGreaterThanOrEqual(0);
        // Never both owed and overpaid.
        expect(position.overpayment === 0 || position.overdue + position.current === 0).toBe(true);
      }),
    );
  });

  it('interest of a sum = sum of the interests (exact, before the one rounding)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        day,
        day,
        (a, b, x, y) => {
          const [first, last] = x <= y ? [x, y] : [y, x];
          expect(interestUnits(a + b, first, last, rates)).toBe(
            interestUnits(a, first, last, rates) + interestUnits(b, first, last, rates),
          );
        },
      ),
    );
  });

  it("a unit's interest = the sum of its debts' interest, and splitting the period changes nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        day,
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 900 }),
        (a, first, k, m) => {
          const add = (d: string, n: number) =>
            new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
          const mid = add(first, k);
          const last = add(mid, m + 1);
          expect(interestUnits(a, first, last, rates)).toBe(
            interestUnits(a, first, mid, rates) + interestUnits(a, add(mid, 1), last, rates),
          );
        },
      ),
    );
  });
});
