/**
 * The debtors list computes many units in a few statements (debt-inputs.ts): for random ledgers
 * it must give each holder period exactly what one unit's own computation gives, and what an
 * allocation of the whole history gives (the cut at the last month end owing nothing changes
 * nothing but the time taken).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makePerson, makeRight, makeUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { holderDebts, lastMonthDebt, listDebtorsByHolder, type UnitDebt, unitDebt, unitDebts } from './debt.ts';
import type { LastMonth } from './debt-inputs.ts';
import { insertIndication, loadInterestRates } from './debt-queries.ts';
import { dashboardFigures } from './queries.ts';
import type { LedgerSettings } from './settings.ts';

const DAY0 = Date.parse('2019-01-01T00:00:00Z');
const dayOf = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const SPAN = 8 * 365;

const entryArb = fc.record({
  day: fc.integer({ min: 0, max: SPAN }),
  kind: fc.constantFrom('charge' as const, 'charge' as const, 'payment' as const, 'other_receivable' as const),
  amount: fc.integer({ min: 1, max: 120_000 }),
});
const ledgerArb = fc.record({
  entries: fc.array(entryArb, { minLength: 0, maxLength: 60 }),
  /** The day of a sale (a holder change), if any. */
  sale: fc.option(fc.integer({ min: 30, max: SPAN }), { nil: undefined }),
  /** Media settlements (a period and the days after it to the settlement), some straddling the sale. */
  settlements: fc.array(
    fc.record({
      start: fc.integer({ min: 0, max: SPAN }),
      length: fc.integer({ min: 28, max: 366 }),
      lag: fc.integer({ min: 1, max: 60 }),
      amount: fc.integer({ min: -40_000, max: 90_000 }),
    }),
    { maxLength: 4 },
  ),
  /** Whether payers pay roughly what is charged (many cuts) or not at all (none). */
  payer: fc.constantFrom('good', 'bad', 'random', 'short', 'short'),
});

/** A chronic debtor: a monthly charge due on the 10th, paid short on the 20th, and a few receivables. */
const chronicArb = fc.record({
  months: fc.integer({ min: 6, max: 90 }),
  charge: fc.integer({ min: 10_000, max: 80_000 }),
  paidPercent: fc.integer({ min: 40, max: 99 }),
  receivables: fc.array(
    fc.record({ month: fc.integer({ min: 0, max: 89 }), amount: fc.integer({ min: 1, max: 50_000 }) }),
    {
      maxLength: 4,
    },
  ),
  sale: fc.option(fc.integer({ min: 30, max: SPAN }), { nil: undefined }),
});

function chronicEntries(c: {
  months: number;
  charge: number;
  paidPercent: number;
  receivables: { month: number; amount: number }[];
}) {
  const entries: { day: number; kind: 'charge' | 'payment' | 'other_receivable'; amount: number }[] = [];
  for (let m = 0; m < c.months; m++) {
    const first = Math.round(m * 30.44);
    entries.push({ day: first, kind: 'charge', amount: c.charge });
    entries.push({ day: first + 19, kind: 'payment', amount: Math.round((c.charge * c.paidPercent) / 100) });
  }
  for (const r of c.receivables)
    if (r.month < c.months)
      entries.push({ day: Math.round(r.month * 30.44) + 3, kind: 'other_receivable', amount: r.amount });
  return entries;
}

const baseSettings: LedgerSettings = {
  startDate: '2019-01-01',
  dueDay: 10,
  virtualAccountPrefix: undefined,
  taxId: '',
  bankAccounts: [],
  interestEnabled: true,
  interestMinimum: 0,
  settlementSplit: 'days',
};

const figures = (d: UnitDebt) => ({
  overdue: d.overdue,
  oldestOverdue: d.oldestOverdue,
  current: d.current,
  currentDueDate: d.currentDueDate,
  overpayment: d.overpayment,
  balance: d.balance,
  interest: d.interest,
  interestLines: d.interestLines.map((l) => [l.debtId, l.unpaid, l.interest]),
});

describe('set-wise debts equal per-unit debts (property)', () => {
  let database: Database;
  let org: number;
  const units: number[] = [];
  const asOfs = ['2021-06-30', '2023-03-15', '2026-12-31'];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    org = (await makeOrganization(db)).id;
    await updateOrganizationSettings(db, org, { ledgerStartDate: '2019-01-01' });
    const ledgers = [
      ...fc.sample(ledgerArb, { numRuns: 40, seed: 1515 }),
      ...fc.sample(chronicArb, { numRuns: 30, seed: 1516 }).map((c) => ({
        entries: chronicEntries(c),
        sale: c.sale,
        payer: 'exact' as const,
        settlements: [] as { start: number; length: number; lag: number; amount: number }[],
      })),
    ];
    // Settlements straddling the sale for sure, beside the random ones.
    for (const ledger of ledgers) {
      if (ledger.sale === undefined) continue;
      ledger.settlements.push({ start: ledger.sale - 100, length: 181, lag: 1, amount: 54_321 });
      ledger.settlements.push({ start: ledger.sale - 20, length: 20, lag: 10, amount: -7_777 });
    }
    let ref = 0;
    for (const [n, ledger] of ledgers.entries()) {
      const unitId = (await makeUnit(db, org, { number: String(n + 1) })).id;
      units.push(unitId);
      const seller = await makePerson(db, org);
      if (ledger.sale !== undefined) {
        const buyer = await makePerson(db, org);
        await makeRight(db, org, { unitId, personId: seller.id, validFrom: '2010-01-01', validTo: dayOf(ledger.sale) });
        await makeRight(db, org, { unitId, personId: buyer.id, validFrom: dayOf(ledger.sale) });
      } else {
        await makeRight(db, org, { unitId, personId: seller.id, validFrom: '2010-01-01' });
      }
      const rows = ledger.entries.map((e) => {
        const amount =
          e.kind !== 'payment'
            ? e.amount
            : ledger.payer === 'exact'
              ? -e.amount
              : ledger.payer === 'bad'
                ? -Math.ceil(e.amount / 50)
                : ledger.payer === 'good'
                  ? -e.amount * 2
                  : ledger.payer === 'short'
                    ? -Math.round(e.amount * 0.9)
                    : -e.amount;
        const day = dayOf(e.day);
        const due = e.kind === 'payment' ? null : dayOf(e.day + 9);
        ref++;
        return sql`(${org}, ${unitId}, ${day}::date, ${day}::date, ${e.kind}::ledger_entry_kind, ${amount}, 'Losowy wpis', ${due}::date, 'test', ${`p:${ref}`})`;
      });
      if (rows.length)
        await db.execute(
          sql`insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, due_date, source, source_ref)
              values ${sql.join(rows, sql`, `)}`,
        );
      for (const st of ledger.settlements) {
        ref++;
        const from = dayOf(Math.max(0, st.start));
        const to = dayOf(Math.max(0, st.start) + st.length - 1);
        const day = dayOf(Math.max(0, st.start) + st.length - 1 + st.lag);
        await db.execute(
          sql`with e as (
                insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, due_date, source, source_ref)
                values (${org}, ${unitId}, ${day}::date, ${day}::date, 'media_settlement', ${st.amount}, 'Rozliczenie', ${dayOf(Math.max(0, st.start) + st.length + st.lag + 13)}::date, 'settlement', ${`s:${ref}`})
                returning id)
              insert into media_settlements (organization_id, unit_id, medium, period_from, period_to, consumption_thousandths,
                consumption_unit, price, cost, advances, result, ledger_entry_id, source_ref)
              select ${org}, ${unitId}, 'zimna_woda', ${from}::date, ${to}::date, 1000, 'm3', 1, ${Math.max(st.amount, 0)},
                ${Math.max(-st.amount, 0)}, ${st.amount}, e.id, ${`s:${ref}`} from e`,
        );
      }
    }
  });
  afterAll(async () => database.close());

  it.each(['days', 'settlement_date'] as const)(
    'gives every holder period of every unit the same figures as its own computation and as a full allocation (%s)',
    async (settlementSplit) => {
      const db = database.db;
      const settings = { ...baseSettings, settlementSplit };
      for (const asOf of asOfs) {
        const listed = await listDebtorsByHolder(db, {
          organizationId: org,
          asOf,
          threshold: Number.MIN_SAFE_INTEGER,
          settings,
        });
        const byUnit = new Map<number, typeof listed>();
        for (const row of listed) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
        expect(byUnit.size).toBeGreaterThan(20);
        for (const unitId of units) {
          const query = { organizationId: org, unitId, asOf, settings, startDate: settings.startDate };
          const [own, full] = await Promise.all([holderDebts(db, query), holderDebts(db, { ...query, full: true })]);
          // A settlement's shares add up to it: the periods still sum to the unit's balance by date.
          const [sum] = await queryRows<{ total: string }>(
            db,
            sql`select coalesce(sum(amount), 0)::text as total from ledger_entries
              where organization_id = ${org} and unit_id = ${unitId} and value_date <= ${asOf}::date`,
          );
          const total = sum?.total;
          expect(
            own.reduce((sum, h) => sum + h.debt.balance, 0),
            `unit ${unitId} on ${asOf}, total`,
          ).toBe(Number(total));
          const rows = byUnit.get(unitId) ?? [];
          // A unit without any balance is not a candidate; then each of its periods owes nothing.
          if (rows.length === 0) {
            for (const h of own) expect(h.debt.balance, `${unitId} ${asOf}`).toBe(0);
            continue;
          }
          expect(
            rows.map((r) => figures(r.holder.debt)),
            `unit ${unitId} on ${asOf}`,
          ).toEqual(own.map((h) => figures(h.debt)));
          expect(
            own.map((h) => figures(h.debt)),
            `unit ${unitId} on ${asOf}, full`,
          ).toEqual(full.map((h) => figures(h.debt)));
        }
      }
    },
  );

  it.each([0, 5_000])(
    "lists above a threshold (%i) exactly the periods above it, with their own figures and the unit's total",
    async (threshold) => {
      const db = database.db;
      const settings = baseSettings;
      for (const asOf of asOfs) {
        const listed = await listDebtorsByHolder(db, { organizationId: org, asOf, threshold, settings });
        for (const unitId of units) {
          const own = await holderDebts(db, {
            organizationId: org,
            unitId,
            asOf,
            settings,
            startDate: settings.startDate,
          });
          const rows = listed.filter((r) => r.unitId === unitId);
          const above = own.filter((h) => h.debt.balance > threshold);
          expect(
            rows.map((r) => [r.holder.segment.from, figures(r.holder.debt)]),
            `unit ${unitId} on ${asOf}`,
          ).toEqual(above.map((h) => [h.segment.from, figures(h.debt)]));
          // The unit's total counts the periods not allocated too.
          for (const r of rows) expect(r.unitBalance).toBe(own.reduce((sum, h) => sum + h.debt.balance, 0));
        }
      }
    },
  );

  it("gives a unit that owed nothing when the month began its debt from the start page's figures alone", async () => {
    const db = database.db;
    const settings = baseSettings;
    const rates = await loadInterestRates(db, { organizationId: org });
    // Payers' indications on some units (a payment of a month settling that month's debt first).
    for (const [n, unitId] of units.entries()) {
      if (n % 3 !== 0) continue;
      const [pair] = await queryRows<{ payment: string; debt: string }>(
        db,
        sql`select p.id::text as payment, d.id::text as debt from ledger_entries p join ledger_entries d
              on d.unit_id = p.unit_id and d.amount > 0 and date_trunc('month', d.value_date) = date_trunc('month', p.value_date)
            where p.organization_id = ${org} and p.unit_id = ${unitId} and p.amount < 0 order by d.amount desc, p.id limit 1`,
      );
      if (pair)
        await insertIndication(db, {
          organizationId: org,
          unitId,
          paymentEntryId: Number(pair.payment),
          debtEntryId: Number(pair.debt),
        });
    }
    let quick = 0;
    for (const asOf of [
      '2019-03-05',
      '2020-02-09',
      '2021-06-30',
      '2022-11-12',
      '2023-03-15',
      '2024-05-20',
      '2026-12-31',
    ]) {
      for (const unitId of units) {
        const row = await dashboardFigures(db, { organizationId: org, unitId, to: asOf });
        const fast = lastMonthDebt({ balance: row.balance, lastMonth: row.lastMonth as LastMonth }, rates, {
          asOf,
          settings,
        });
        if (!fast) continue;
        quick++;
        const own = await unitDebt(db, { organizationId: org, unitId, asOf, settings, rates });
        expect(figures(fast), `unit ${unitId} on ${asOf}`).toEqual(figures(own));
      }
    }
    expect(quick).toBeGreaterThan(50);
  });

  it('gives several units read together (the start page) what each unit gives on its own', async () => {
    const db = database.db;
    const settings = baseSettings;
    const rates = await loadInterestRates(db, { organizationId: org });
    // Members' windows: the whole history, or from a purchase; the day asked within or after it.
    const windows = units.flatMap((unitId, n) => [
      { unitId, from: undefined, asOf: asOfs[n % asOfs.length] as string },
      { unitId, from: dayOf((n * 97) % SPAN), asOf: '2026-12-31' },
    ]);
    const together = await unitDebts(db, { organizationId: org, settings, rates, units: windows });
    expect(together).toHaveLength(windows.length);
    for (const [i, window] of windows.entries()) {
      const own = await unitDebt(db, { organizationId: org, settings, rates, ...window });
      expect(figures(together[i] as UnitDebt), `unit ${window.unitId} from ${window.from}`).toEqual(figures(own));
    }
  });
});
