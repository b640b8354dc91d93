/**
 * The debt's SQL: the rate table, the payers' indications, the debtors' candidates and the day
 * interest was last booked. What the allocation reads (the entries from the last month end at
 * which the window owed nothing) is in debt-inputs.ts, for one window or many.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { currentHoldersSince } from '../units/holder-periods.ts';
import { unitAddresses, unitLabel } from '../units/unit-facts.ts';
import type { Indication, LedgerItem } from './rules/allocation.ts';
import type { RateRow } from './rules/interest.ts';
import { rowsFromStarts } from './rules/interest.ts';
import { addDays, monthStart } from './rules/months.ts';
import { statutoryRateStarts } from './rules/statutory-rates.ts';

export interface DebtInput {
  /** Balance carried in before `items` (< 0 a credit); its day is `openingDay`. */
  opening: number;
  openingDay: string | undefined;
  items: LedgerItem[];
  indications: Indication[];
  /** The day after the last booking of interest, if any. */
  interestSince: string | undefined;
  /** Set when only the window's balance was read (at or below the caller's `above`): no items. */
  balanceOnly?: number | undefined;
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
 * monthly totals for whole months, entries for the days at either end; the current holders'
 * start is joined once for all units (not a subquery per unit), so the statement costs about
 * what the plain debtors list does.
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
        ), split as (
          select bal.unit_id, bal.balance, h.since,
            case when h.since is null then 0 else
              coalesce((select sum(total) from ledger_monthly_totals m
                where m.organization_id = ${organizationId} and m.unit_id = bal.unit_id
                  and m.month < date_trunc('month', h.since)::date), 0)
              + coalesce((select sum(amount) from ledger_entries e
                where e.organization_id = ${organizationId} and e.unit_id = bal.unit_id
                  and e.value_date >= date_trunc('month', h.since)::date and e.value_date < h.since), 0)
            end as before
          from balances bal left join ${currentHoldersSince(organizationId, asOf)} h on h.unit_id = bal.unit_id
        )
        select u.unit_id::text, u.street, u.building_number, u.number, u.external_key, sp.balance::text
        from split sp join ${unitAddresses()} u on u.unit_id = sp.unit_id
        where sp.balance > ${threshold} or sp.before > ${threshold} or sp.balance - sp.before > ${threshold}
          -- A settlement for a period before the current holders' start may be shared by days.
          or (sp.since is not null and exists (select 1 from media_settlements ms
            join ledger_entries le on le.organization_id = ${organizationId} and le.id = ms.ledger_entry_id
            where ms.organization_id = ${organizationId} and ms.unit_id = sp.unit_id and ms.period_from < sp.since
              and (ms.period_to >= sp.since or le.value_date >= sp.since) and le.value_date <= ${asOf}::date))`,
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
