import { describe, expect, it } from 'vitest';
import type { FeeRate, NewEntry } from '../features/ledger/queries.ts';
import { monthsBetween } from '../features/ledger/rules/months.ts';
import {
  DEMO_LEDGER_START,
  type DemoLedgerInput,
  demoChangesFrom,
  demoComponents,
  demoLedgerDifference,
  demoLedgerPlan,
  demoYearlyRates,
  paymentHabit,
} from './demo-ledger-plan.ts';

const units = Array.from({ length: 40 }, (_, i) => ({
  unitId: 1000 + i * 7,
  buildingId: 1 + Math.floor(i / 10),
  areaHundredths: 3_500 + (i % 10) * 450,
}));
const occupancy = units.flatMap((u, i) => [
  { unitId: u.unitId, effectiveFrom: '2000-01-01', personsCount: 1 + (i % 4) },
  { unitId: u.unitId, effectiveFrom: '2019-03-01', personsCount: 2 + (i % 3) },
]);
const components = demoComponents.map((c, i) => ({ id: i + 1, code: c.code, name: c.name, basis: c.basis }));
let rateId = 1;
const rates: FeeRate[] = components.flatMap((component, i) =>
  [...demoYearlyRates(demoComponents[i] as (typeof demoComponents)[number], 2028)].map(([year, rate]) => ({
    id: rateId++,
    organizationId: 1,
    componentId: component.id,
    unitId: null,
    buildingId: null,
    rate,
    effectiveFrom: `${year}-01-01`,
    effectiveTo: null,
    note: null,
    createdAt: new Date('2013-01-01T00:00:00Z'),
  })),
);
const debtorUnit = units[3]?.unitId as number;
const soldUnit = units[5]?.unitId as number;
const input = (today: string, from?: string): DemoLedgerInput => ({
  today,
  from,
  units,
  occupancy,
  components,
  rates,
  stories: { debtorUnit, soldUnit, punctualUnits: [units[0]?.unitId as number] },
});
const byRef = (entries: NewEntry[]) => new Map(entries.map((e) => [e.sourceRef, e]));

describe('the demo ledger plan', () => {
  const today = '2026-12-06';
  const plan = demoLedgerPlan(input(today));

  it('charges every unit every fee component in every month since the ledger starts, due on a working day', () => {
    const months = monthsBetween(DEMO_LEDGER_START, today);
    for (const unit of units) {
      const charges = plan.entries.filter((e) => e.unitId === unit.unitId && e.kind === 'charge');
      expect(charges).toHaveLength(months.length * components.length);
      expect(new Set(charges.map((e) => e.valueDate.slice(0, 7)))).toEqual(new Set(months));
    }
    // 2026-01-10 is a Saturday: due on Monday the 12th.
    expect(plan.entries.find((e) => e.sourceRef === `charge:2026-01:${units[0]?.unitId}:EKSPL`)?.dueDate).toBe(
      '2026-01-12',
    );
    const kinds = new Set(plan.entries.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['opening_balance', 'charge', 'payment', 'media_settlement', 'other_receivable']));
    // Every unit has its water and heat settlements, each with its ledger entry.
    for (const unit of units) {
      expect(plan.settlements.filter((s) => s.unitId === unit.unitId)).toHaveLength(13 * 2 + 1 + 13); // water to June 2026, heat to 2025
    }
    const refs = byRef(plan.entries);
    expect(plan.settlements.every((s) => refs.get(`settlement:${s.ref}`)?.amount === s.cost - s.advances)).toBe(true);
    expect(refs.size).toBe(plan.entries.length); // references are unique
    expect(plan.entries.every((e) => e.valueDate <= today)).toBe(true);
  });

  it('is the same plan every time it is made for the same day', () => {
    expect(demoLedgerPlan(input(today))).toEqual(plan);
  });

  it('never takes back or changes what an earlier day booked, and differs only from demoChangesFrom', () => {
    for (const [earlier, later] of [
      ['2026-12-06', '2026-12-07'],
      ['2026-06-15', '2026-12-06'],
      ['2025-12-31', '2026-01-01'],
      ['2026-12-06', '2027-03-02'],
    ] as const) {
      const before = demoLedgerPlan(input(earlier));
      const after = byRef(demoLedgerPlan(input(later)).entries);
      for (const entry of before.entries) expect(after.get(entry.sourceRef)).toEqual(entry);
      const added = demoLedgerDifference(demoLedgerPlan(input(later)), before);
      const from = demoChangesFrom(earlier);
      expect(added.entries.every((e) => e.valueDate >= from)).toBe(true);
      // What a start makes (only from that day on) is exactly the difference.
      const quick = demoLedgerDifference(demoLedgerPlan(input(later, from)), demoLedgerPlan(input(earlier, from)));
      expect(quick).toEqual(added);
    }
  });

  it('has a few percent of chronic late payers and some occasional ones among 300 units', () => {
    const habits = Array.from({ length: 300 }, (_, i) => paymentHabit(i + 1, {}));
    const share = (habit: string) => habits.filter((h) => h === habit).length / habits.length;
    expect(share('chronic')).toBeGreaterThanOrEqual(0.02);
    expect(share('chronic')).toBeLessThanOrEqual(0.08);
    expect(share('occasional')).toBeGreaterThanOrEqual(0.1);
    expect(share('occasional')).toBeLessThanOrEqual(0.3);
    // In the plan: most months are paid by the due date; some are paid late.
    const payments = plan.entries.filter(
      (e) => e.kind === 'payment' && /^payment:DEMO-\d+-\d{4}-\d\d$/.test(e.sourceRef),
    );
    const late = payments.filter((e) => e.valueDate.slice(8) > '12').length / payments.length;
    expect(late).toBeGreaterThan(0.005);
    expect(late).toBeLessThan(0.15);
  });

  it('keeps the stories: the debtor stopped paying five months ago; the sold flat’s previous holder left months unpaid', () => {
    const paidMonths = (unitId: number) =>
      new Set(
        plan.entries
          .filter((e) => e.unitId === unitId && e.sourceRef.startsWith(`payment:DEMO-${unitId}-20`))
          .map((e) => e.sourceRef.slice(-7)),
      );
    const debtor = paidMonths(debtorUnit);
    for (const month of ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']) expect(debtor.has(month)).toBe(false);
    expect(debtor.has('2026-07')).toBe(true);
    const sold = paidMonths(soldUnit);
    for (const month of ['2020-02', '2020-03', '2020-04', '2020-05', '2020-06']) expect(sold.has(month)).toBe(false);
    expect(sold.has('2020-01')).toBe(true);
    expect(sold.has('2020-07')).toBe(true);
  });
});
