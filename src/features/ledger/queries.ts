/**
 * All SQL of the ledger. Functions take the database or a transaction first, then one object.
 * Raw SQL where the shape matters for speed (balances, bulk inserts); dates come back as text,
 * bigints as numbers. What the ledger needs of the register (units, holders) it asks the units
 * feature for (units/unit-facts.ts, units/holder-periods.ts); the debtors list embeds the
 * register's SQL fragments to stay one statement.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { holderNamesOn } from '../units/holder-periods.ts';
import { unitAddresses, unitLabel } from '../units/unit-facts.ts';
import { type LastMonth, lastMonthColumns, lastMonthOf } from './debt-inputs.ts';
import type { Medium } from './labels.ts';
import { addDays, monthStart } from './rules/months.ts';
import { type Span, splitRange } from './rules/range-split.ts';
import { feeComponents, feeRates, type ledgerEntryKind, mediaSettlements } from './schema.ts';

export type EntryKind = (typeof ledgerEntryKind.enumValues)[number];

export interface NewEntry {
  unitId: number;
  bookingDate: string;
  valueDate: string;
  kind: EntryKind;
  componentId: number | null;
  amount: number;
  description: string;
  dueDate: string | null;
  source: string;
  sourceRef: string;
  correctsEntryId: number | null;
}

export interface Entry extends NewEntry {
  id: number;
  componentName: string | null;
}

// Rows per statement: few statements, since each one's trigger updates the monthly and yearly
// totals once per unit it touches; but not so many that preparing one statement's parameters and
// reading its answer keep the server's thread from other requests for long (a 400,000-row import).
const CHUNK = 20_000;

/**
 * Inserts entries, skipping those whose source reference is already booked (a re-import or a
 * second charge run is a no-op). Returns the ids of the rows actually inserted, by reference.
 */
export async function insertEntries(
  db: Db,
  { organizationId, entries }: { organizationId: number; entries: NewEntry[] },
): Promise<Map<string, number>> {
  const inserted = new Map<string, number>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const rows = entries.slice(i, i + CHUNK);
    const result = await queryRows<{ id: string | number; source_ref: string }>(
      db,
      sql`insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, component_id, amount,
            description, due_date, source, source_ref, corrects_entry_id)
          select ${organizationId}, * from unnest(
            ${sql.param(rows.map((r) => String(r.unitId)))}::text[]::bigint[],
            ${sql.param(rows.map((r) => r.bookingDate))}::text[]::date[],
            ${sql.param(rows.map((r) => r.valueDate))}::text[]::date[],
            ${sql.param(rows.map((r) => r.kind))}::text[]::ledger_entry_kind[],
            ${sql.param(rows.map((r) => (r.componentId === null ? null : String(r.componentId))))}::text[]::bigint[],
            ${sql.param(rows.map((r) => String(r.amount)))}::text[]::bigint[],
            ${sql.param(rows.map((r) => r.description))}::text[],
            ${sql.param(rows.map((r) => r.dueDate))}::text[]::date[],
            ${sql.param(rows.map((r) => r.source))}::text[],
            ${sql.param(rows.map((r) => r.sourceRef))}::text[],
            ${sql.param(rows.map((r) => (r.correctsEntryId === null ? null : String(r.correctsEntryId))))}::text[]::bigint[]
          )
          on conflict (organization_id, source_ref) do nothing
          returning id, source_ref`,
    );
    for (const row of result) inserted.set(row.source_ref, Number(row.id));
  }
  return inserted;
}

type RangeQuery = { organizationId: number; unitId: number; from?: string | undefined; to: string };

/**
 * Sum of a unit's entries with value date in [from, to] (from undefined = since the start), as
 * an SQL expression: whole years from ledger_yearly_totals, whole months from
 * ledger_monthly_totals, the days at either end from the entries (rules/range-split), so the
 * cost does not grow with the length of the history.
 */
function sumRangeExpression({ organizationId, unitId, from, to }: RangeQuery): SQL {
  const parts = splitRange(from, to);
  const since = (column: SQL, span: Span) =>
    span.from === undefined ? sql`` : sql`and ${column} >= ${span.from}::date`;
  const terms = [
    ...parts.days.map(
      (span) => sql`(select sum(amount) from ledger_entries
          where unit_id = ${unitId} and organization_id = ${organizationId}
            ${since(sql`value_date`, span)} and value_date < ${span.to}::date)`,
    ),
    ...parts.months.map(
      (span) => sql`(select sum(total) from ledger_monthly_totals
          where unit_id = ${unitId} and organization_id = ${organizationId}
            ${since(sql`month`, span)} and month < ${span.to}::date)`,
    ),
    ...parts.years.map(
      (span) => sql`(select sum(total) from ledger_yearly_totals
          where unit_id = ${unitId} and organization_id = ${organizationId}
            ${since(sql`year`, span)} and year < ${span.to}::date)`,
    ),
  ].map((term) => sql`coalesce(${term}, 0)`);
  return terms.length === 0 ? sql`0` : sql`(${sql.join(terms, sql` + `)})`;
}

/** Sum of a unit's entries with value date in [from, to] (from undefined = since the start). */
export async function sumRange(db: Db, range: RangeQuery): Promise<number> {
  if (range.from !== undefined && range.from > range.to) return 0;
  const rows = await queryRows<{ total: string }>(db, sql`select (${sumRangeExpression(range)})::text as total`);
  return Number(rows[0]?.total ?? 0);
}

export interface EntryFilter {
  organizationId: number;
  unitId: number;
  from?: string | undefined;
  to?: string | undefined;
  kind?: EntryKind | undefined;
  componentId?: number | undefined;
  /** Only these entries. */
  ids?: readonly number[] | undefined;
  limit?: number;
  /** Newest first (dashboard) instead of oldest first. */
  newestFirst?: boolean;
}

function entriesQuery(filter: EntryFilter): SQL {
  return sql`select e.id::text, e.unit_id::text, e.booking_date::text, e.value_date::text, e.kind::text,
               e.component_id::text, c.name as component_name, e.amount::text, e.description,
               e.due_date::text, e.source, e.source_ref, e.corrects_entry_id::text
        from ledger_entries e left join fee_components c on c.id = e.component_id
        where e.organization_id = ${filter.organizationId} and e.unit_id = ${filter.unitId}
          ${filter.from ? sql`and e.value_date >= ${filter.from}::date` : sql``}
          ${filter.to ? sql`and e.value_date <= ${filter.to}::date` : sql``}
          ${filter.kind ? sql`and e.kind = ${filter.kind}::ledger_entry_kind` : sql``}
          ${filter.componentId ? sql`and e.component_id = ${filter.componentId}` : sql``}
          ${filter.ids ? sql`and e.id = any(${sql.param(filter.ids.map(String))}::bigint[])` : sql``}
        order by e.value_date ${filter.newestFirst ? sql`desc` : sql`asc`}, e.id ${filter.newestFirst ? sql`desc` : sql`asc`}
        ${filter.limit ? sql`limit ${filter.limit}` : sql``}`;
}

export async function listEntries(db: Db, filter: EntryFilter): Promise<Entry[]> {
  const rows = await queryRows<Record<string, string | null>>(db, entriesQuery(filter));
  return rows.map(toEntry);
}

function toEntry(row: Record<string, string | null>): Entry {
  return {
    id: Number(row.id),
    unitId: Number(row.unit_id),
    bookingDate: String(row.booking_date),
    valueDate: String(row.value_date),
    kind: row.kind as EntryKind,
    componentId: row.component_id === null ? null : Number(row.component_id),
    componentName: row.component_name ?? null,
    amount: Number(row.amount),
    description: String(row.description),
    dueDate: row.due_date ?? null,
    source: String(row.source),
    sourceRef: String(row.source_ref),
    correctsEntryId: row.corrects_entry_id === null ? null : Number(row.corrects_entry_id),
  };
}

export async function findEntry(
  db: Db,
  { organizationId, entryId }: { organizationId: number; entryId: number },
): Promise<Entry | undefined> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select e.id::text, e.unit_id::text, e.booking_date::text, e.value_date::text, e.kind::text,
               e.component_id::text, c.name as component_name, e.amount::text, e.description,
               e.due_date::text, e.source, e.source_ref, e.corrects_entry_id::text
        from ledger_entries e left join fee_components c on c.id = e.component_id
        where e.organization_id = ${organizationId} and e.id = ${entryId}`,
  );
  return rows[0] ? toEntry(rows[0]) : undefined;
}

/** Whether a reversal of the entry has been booked. */
export async function isReversed(
  db: Db,
  { organizationId, entryId }: { organizationId: number; entryId: number },
): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ledger_entries
        where organization_id = ${organizationId} and corrects_entry_id = ${entryId} and kind = 'correction'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The latest charge due date with value date in [from, to] (the amount due is owed by then). */
function lastDueDateQuery({ organizationId, unitId, from, to }: RangeQuery): SQL {
  return sql`select max(due_date)::text as due from ledger_entries
        where organization_id = ${organizationId} and unit_id = ${unitId} and kind = 'charge'
          and value_date <= ${to}::date ${from ? sql`and value_date >= ${from}::date` : sql``}`;
}

export interface DashboardFigures {
  balance: number;
  /** For a window from the start (no first day): its last month, for the debt (debt.ts `lastMonthDebt`). */
  lastMonth: LastMonth | undefined;
  dueDate: string | undefined;
  recentPayments: Entry[];
  /** Every charge of the latest month charged (they add up to that month's fee). */
  recentCharges: Entry[];
}

/**
 * What the e-BOK dashboard shows of one unit over [from, to], in one statement (one round trip
 * instead of four): the balance, the last due date, the three latest payments and the charges of
 * the latest month charged.
 */
function dashboardFiguresQuery(range: RangeQuery): SQL {
  const recent = (kind: EntryKind) =>
    sql`(select coalesce(json_agg(x order by x.value_date desc, x.id::bigint desc), '[]'::json) from (${entriesQuery({ ...range, kind, newestFirst: true, limit: 3 })}) x)`;
  // Every charge of the latest month charged, so that they add up to the month's fee.
  const latestMonth = sql`(select date_trunc('month', max(value_date)) from ledger_entries
        where organization_id = ${range.organizationId} and unit_id = ${range.unitId} and kind = 'charge'
          and value_date <= ${range.to}::date ${range.from ? sql`and value_date >= ${range.from}::date` : sql``})`;
  const monthCharges = sql`(select coalesce(json_agg(x order by x.value_date desc, x.id::bigint desc), '[]'::json)
      from (${entriesQuery({ ...range, kind: 'charge', newestFirst: true, limit: 100 })}) x
      where date_trunc('month', x.value_date::date) = ${latestMonth})`;
  // A window from the start also reads its last month for the debt, in the same round trip.
  const lastMonth = range.from === undefined ? sql`, ${lastMonthColumns(range)}` : sql``;
  return sql`select (${sumRangeExpression(range)})::text as balance, (${lastDueDateQuery(range)}) as due,
      ${recent('payment')} as payments, ${monthCharges} as charges ${lastMonth}`;
}

export async function dashboardFigures(db: Db, range: RangeQuery): Promise<DashboardFigures> {
  type Row = {
    balance: string;
    due: string | null;
    payments: unknown;
    charges: unknown;
    month_entries?: unknown;
    indications?: unknown;
    interest_since?: string | null;
  };
  const rows = await queryRows<Row>(db, dashboardFiguresQuery(range));
  const row = rows[0] as Row;
  // node-postgres parses json; PGlite as well, but a driver may hand back the text.
  const entries = (value: unknown) =>
    ((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, string | null>[]).map(toEntry);
  return {
    balance: Number(row.balance),
    lastMonth:
      range.from === undefined
        ? lastMonthOf(
            {
              month_entries: row.month_entries,
              indications: row.indications,
              interest_since: row.interest_since ?? null,
            },
            range.to,
          )
        : undefined,
    dueDate: row.due ?? undefined,
    recentPayments: entries(row.payments),
    recentCharges: entries(row.charges),
  };
}

// ── Fee components and rates ─────────────────────────────────────────────────────────────────

export type FeeComponent = typeof feeComponents.$inferSelect;
export type FeeRate = typeof feeRates.$inferSelect;

export async function listFeeComponents(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<FeeComponent[]> {
  return db
    .select()
    .from(feeComponents)
    .where(eq(feeComponents.organizationId, organizationId))
    .orderBy(asc(feeComponents.sortOrder), asc(feeComponents.id));
}

export async function insertFeeComponent(db: Db, values: typeof feeComponents.$inferInsert): Promise<FeeComponent> {
  const [row] = await db.insert(feeComponents).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function listFeeRates(db: Db, { organizationId }: { organizationId: number }): Promise<FeeRate[]> {
  return db
    .select()
    .from(feeRates)
    .where(eq(feeRates.organizationId, organizationId))
    .orderBy(asc(feeRates.effectiveFrom), asc(feeRates.id));
}

export async function insertFeeRate(db: Db, values: typeof feeRates.$inferInsert): Promise<FeeRate> {
  const [row] = await db.insert(feeRates).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

// ── Media settlements ────────────────────────────────────────────────────────────────────────

export type MediaSettlement = typeof mediaSettlements.$inferSelect;

export async function insertMediaSettlement(db: Db, values: typeof mediaSettlements.$inferInsert) {
  const [row] = await db.insert(mediaSettlements).values(values).onConflictDoNothing().returning();
  return row;
}

export interface SettlementRow {
  unitId: number;
  medium: Medium;
  periodFrom: string;
  periodTo: string;
  consumptionThousandths: number;
  consumptionUnit: 'm3' | 'GJ';
  price: number;
  cost: number;
  advances: number;
  ledgerEntryId: number;
  sourceRef: string;
}

/** Many settlements in one statement (demo data); the result is cost − advances. */
export async function insertMediaSettlements(
  db: Db,
  { organizationId, rows }: { organizationId: number; rows: SettlementRow[] },
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    sql`insert into media_settlements (organization_id, unit_id, medium, period_from, period_to, consumption_thousandths,
          consumption_unit, price, cost, advances, result, ledger_entry_id, source_ref)
        select ${organizationId}, u, m::medium, pf, pt, c, cu, p, co, a, co - a, e, r from unnest(
          ${sql.param(rows.map((s) => String(s.unitId)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => s.medium))}::text[],
          ${sql.param(rows.map((s) => s.periodFrom))}::text[]::date[],
          ${sql.param(rows.map((s) => s.periodTo))}::text[]::date[],
          ${sql.param(rows.map((s) => String(s.consumptionThousandths)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => s.consumptionUnit))}::text[],
          ${sql.param(rows.map((s) => String(s.price)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => String(s.cost)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => String(s.advances)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => String(s.ledgerEntryId)))}::text[]::bigint[],
          ${sql.param(rows.map((s) => s.sourceRef))}::text[]
        ) as t(u, m, pf, pt, c, cu, p, co, a, e, r)`,
  );
}

export async function listMediaSettlements(
  db: Db,
  {
    organizationId,
    unitId,
    from,
    to,
    startsBy,
  }: {
    organizationId: number;
    unitId: number;
    /** Periods ending on or after this day. */
    from?: string;
    /** Periods ending before this day. */
    to?: string | null;
    /** Periods starting on or before this day (those overlapping a holder period). */
    startsBy?: string | null;
  },
): Promise<MediaSettlement[]> {
  return db
    .select()
    .from(mediaSettlements)
    .where(
      and(
        eq(mediaSettlements.organizationId, organizationId),
        eq(mediaSettlements.unitId, unitId),
        from ? sql`${mediaSettlements.periodTo} >= ${from}::date` : undefined,
        to ? sql`${mediaSettlements.periodTo} < ${to}::date` : undefined,
        startsBy ? sql`${mediaSettlements.periodFrom} <= ${startsBy}::date` : undefined,
      ),
    )
    .orderBy(asc(mediaSettlements.medium), asc(mediaSettlements.periodFrom));
}

// ── Debtors ──────────────────────────────────────────────────────────────────────────────────

/** Units whose balance on `asOf` exceeds `threshold` grosze, with the holders' names that day. */
export async function listDebtors(
  db: Db,
  { organizationId, asOf, threshold }: { organizationId: number; asOf: string; threshold: number },
) {
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
        )
        select u.unit_id::text, u.street, u.building_number, u.number, u.external_key,
               bal.balance::text, ${holderNamesOn(sql`u.unit_id`, asOf)} as holders
        from balances bal join ${unitAddresses()} u on u.unit_id = bal.unit_id
        where bal.balance > ${threshold}`,
  );
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    label: unitLabel({ street: String(r.street), buildingNumber: String(r.building_number), number: String(r.number) }),
    externalKey: r.external_key ?? null,
    balance: Number(r.balance),
    holders: r.holders ?? '',
  }));
}

/**
 * Charges of one fee component (by code) for some units with value dates in [from, to]: the
 * advances a media settlement subtracts (the media feature's door to the ledger).
 */
export async function listComponentCharges(
  db: Db,
  {
    organizationId,
    unitIds,
    componentCode,
    from,
    to,
  }: { organizationId: number; unitIds: number[]; componentCode: string; from: string; to: string },
): Promise<{ unitId: number; valueDate: string; amount: number }[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<{ unit_id: string; value_date: string; amount: string }>(
    db,
    sql`select e.unit_id::text, e.value_date::text, e.amount::text
        from ledger_entries e join fee_components c on c.id = e.component_id
        where e.organization_id = ${organizationId} and c.organization_id = ${organizationId} and c.code = ${componentCode}
          and e.kind in ('charge', 'correction') and e.unit_id = any(${sql.param(unitIds.map(String))}::text[]::bigint[])
          and e.value_date between ${from}::date and ${to}::date`,
  );
  return rows.map((r) => ({ unitId: Number(r.unit_id), valueDate: r.value_date, amount: Number(r.amount) }));
}

/** Writes several rate rows at once (a fee change's rows); returns them in order. */
export async function insertFeeRates(db: Db, rows: (typeof feeRates.$inferInsert)[]): Promise<FeeRate[]> {
  if (rows.length === 0) return [];
  return db.insert(feeRates).values(rows).returning();
}

/** Ends rate rows on a day (inclusive): a fee change holding a unit's old rate until its lawful month (null: open again). */
export async function endFeeRates(
  db: Db,
  { organizationId, rateIds, effectiveTo }: { organizationId: number; rateIds: number[]; effectiveTo: string | null },
): Promise<void> {
  if (rateIds.length === 0) return;
  await db
    .update(feeRates)
    .set({ effectiveTo })
    .where(and(eq(feeRates.organizationId, organizationId), inArray(feeRates.id, rateIds)));
}

/** Removes rate rows a fee change wrote (a hold no longer needed, a withdrawn change). */
export async function deleteFeeRates(
  db: Db,
  { organizationId, rateIds }: { organizationId: number; rateIds: number[] },
): Promise<void> {
  if (rateIds.length === 0) return;
  await db.delete(feeRates).where(and(eq(feeRates.organizationId, organizationId), inArray(feeRates.id, rateIds)));
}
