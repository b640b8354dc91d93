/**
 * The debt's SQL: the entries a unit's allocation needs (from the last month end at which the unit
 * owed nothing, so a long history costs no more than a short one), the payers' indications, the
 * rate table and the day interest was last booked.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { currentHoldersSinceOn } from '../units/holder-periods.ts';
import { unitAddresses, unitLabel } from '../units/unit-facts.ts';
import type { Indication, LedgerItem } from './rules/allocation.ts';
import type { RateRow } from './rules/interest.ts';
import { rowsFromStarts } from './rules/interest.ts';
import { addDays, monthStart, nextMonthStart } from './rules/months.ts';
import { statutoryRateStarts } from './rules/statutory-rates.ts';

export interface DebtInput {
  /** Balance carried in before `items` (< 0 a credit); its day is `openingDay`. */
  opening: number;
  openingDay: string | undefined;
  items: LedgerItem[];
  indications: Indication[];
  /** The day after the last booking of interest, if any. */
  interestSince: string | undefined;
}

/**
 * What one unit's allocation on `asOf` needs, over the window [from, asOf] (from undefined = the
 * whole history). The monthly totals find the last month end before `asOf`'s month at which the
 * window's balance was ≤ 0: every debt up to then was paid, so only later entries are read, with
 * that balance carried in as a credit.
 */
export async function loadDebtInput(
  db: Db,
  {
    organizationId,
    unitId,
    from,
    asOf,
    full = false,
  }: { organizationId: number; unitId: number; from?: string | undefined; asOf: string; full?: boolean },
): Promise<DebtInput> {
  const fromMonth = from === undefined ? undefined : `${from.slice(0, 7)}-01`;
  const cutRows = full
    ? []
    : await queryRows<{ month: string | null; cum: string | null }>(
        db,
        sql`with adjust as (
          select coalesce(sum(amount), 0) as amount from ledger_entries
          where organization_id = ${organizationId} and unit_id = ${unitId}
            ${from === undefined ? sql`and false` : sql`and value_date >= ${fromMonth}::date and value_date < ${from}::date`}
        ), months as (
          select month, sum(total) over (order by month) - (select amount from adjust) as cum
          from ledger_monthly_totals
          where organization_id = ${organizationId} and unit_id = ${unitId}
            and month < ${`${asOf.slice(0, 7)}-01`}::date
            ${fromMonth === undefined ? sql`` : sql`and month >= ${fromMonth}::date`}
        )
        select month::text, cum::text from months where cum <= 0 order by month desc limit 1`,
      );
  // `full`: the unit's history shows every entry's allocation, so nothing is skipped.
  const cut = cutRows[0]?.month ? nextMonthStart(cutRows[0].month) : undefined;
  const opening = cut ? Number(cutRows[0]?.cum ?? 0) : 0;
  const start = cut ?? from;
  const [items, indications, booked] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      sql`select id::text, value_date::text, due_date::text, amount::text, kind::text, corrects_entry_id::text, description
          from ledger_entries
          where organization_id = ${organizationId} and unit_id = ${unitId}
            ${start === undefined ? sql`` : sql`and value_date >= ${start}::date`} and value_date <= ${asOf}::date
          order by value_date, id`,
    ),
    queryRows<{ payment_entry_id: string; debt_entry_id: string }>(
      db,
      sql`select payment_entry_id::text, debt_entry_id::text from payment_indications
          where organization_id = ${organizationId} and unit_id = ${unitId} order by id`,
    ),
    queryRows<{ day: string | null }>(
      db,
      sql`select (max(value_date) + 1)::text as day from ledger_entries
          where organization_id = ${organizationId} and unit_id = ${unitId} and kind = 'interest'
            and source = 'interest_booking' and value_date <= ${asOf}::date`,
    ),
  ]);
  return {
    opening,
    openingDay: cut,
    items: items.map((r) => ({
      id: Number(r.id),
      valueDate: String(r.value_date),
      dueDate: r.due_date ?? null,
      amount: Number(r.amount),
      kind: String(r.kind),
      correctsEntryId: r.corrects_entry_id === null ? null : Number(r.corrects_entry_id),
      description: String(r.description),
    })),
    indications: indications.map((r) => ({ paymentId: Number(r.payment_entry_id), debtId: Number(r.debt_entry_id) })),
    interestSince: booked[0]?.day ?? undefined,
  };
}

/** The organization's statutory interest table; the shipped history when it has none yet. */
export async function loadInterestRates(db: Db, { organizationId }: { organizationId: number }): Promise<RateRow[]> {
  const rows = await queryRows<{ from: string; to: string | null; bp: number }>(
    db,
    sql`select effective_from::text as "from", effective_to::text as "to", basis_points as bp
        from interest_rates where organization_id = ${organizationId} order by effective_from`,
  );
  if (rows.length === 0) return rowsFromStarts(statutoryRateStarts);
  return rows.map((r) => ({ from: r.from, to: r.to, basisPoints: Number(r.bp) }));
}

/** Replaces the organization's rate table (the caller checked it and audits the change). */
export async function replaceInterestRates(
  db: Db,
  { organizationId, rows }: { organizationId: number; rows: readonly RateRow[] },
): Promise<void> {
  await db.execute(sql`delete from interest_rates where organization_id = ${organizationId}`);
  const values: SQL[] = rows.map((r) => sql`(${organizationId}, ${r.from}::date, ${r.to}::date, ${r.basisPoints})`);
  await db.execute(
    sql`insert into interest_rates (organization_id, effective_from, effective_to, basis_points) values ${sql.join(values, sql`, `)}`,
  );
}

/** Records the payer's indication (idempotent). */
export async function insertIndication(
  db: Db,
  values: { organizationId: number; unitId: number; paymentEntryId: number; debtEntryId: number },
): Promise<void> {
  await db.execute(
    sql`insert into payment_indications (organization_id, unit_id, payment_entry_id, debt_entry_id)
        values (${values.organizationId}, ${values.unitId}, ${values.paymentEntryId}, ${values.debtEntryId})
        on conflict do nothing`,
  );
}

/**
 * Units whose balance on `asOf` exceeds the threshold, for the whole unit, for the current
 * holders' period, or for the period before it (a previous holder's debt), in one statement:
 * monthly totals for whole months, entries for the days at either end.
 */
export async function listDebtorCandidates(
  db: Db,
  { organizationId, asOf, threshold }: { organizationId: number; asOf: string; threshold: number },
): Promise<{ unitId: number; label: string; externalKey: string | null; balance: number }[]> {
  const fullTo = monthStart(addDays(asOf, 1));
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`with balances as (
          select unit_id, sum(total) as balance from (
            select unit_id, total from ledger_monthly_totals
              where organization_id = ${organizationId} and month < ${fullTo}::date
            union all
            select unit_id, amount from ledger_entries
              where organization_id = ${organizationId} and value_date >= ${fullTo}::date and value_date <= ${asOf}::date
          ) t group by unit_id
        ), starts as (
          select bal.unit_id, bal.balance, ${currentHoldersSinceOn(sql`bal.unit_id`, asOf)} as since from balances bal
        ), split as (
          select s.unit_id, s.balance,
            case when s.since is null then 0 else
              coalesce((select sum(total) from ledger_monthly_totals m
                where m.organization_id = ${organizationId} and m.unit_id = s.unit_id
                  and m.month < date_trunc('month', s.since)::date), 0)
              + coalesce((select sum(amount) from ledger_entries e
                where e.organization_id = ${organizationId} and e.unit_id = s.unit_id
                  and e.value_date >= date_trunc('month', s.since)::date and e.value_date < s.since), 0)
            end as before
          from starts s
        )
        select u.unit_id::text, u.street, u.building_number, u.number, u.external_key, sp.balance::text
        from split sp join ${unitAddresses()} u on u.unit_id = sp.unit_id
        where sp.balance > ${threshold} or sp.before > ${threshold} or sp.balance - sp.before > ${threshold}`,
  );
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    label: unitLabel({ street: String(r.street), buildingNumber: String(r.building_number), number: String(r.number) }),
    externalKey: r.external_key ?? null,
    balance: Number(r.balance),
  }));
}

/** The latest day interest was booked for the unit, if ever. */
export async function lastInterestBooking(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<string | undefined> {
  const rows = await queryRows<{ day: string | null }>(
    db,
    sql`select max(value_date)::text as day from ledger_entries
        where organization_id = ${organizationId} and unit_id = ${unitId} and kind = 'interest' and source = 'interest_booking'`,
  );
  return rows[0]?.day ?? undefined;
}
