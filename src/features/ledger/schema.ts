import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';
import { buildings, units } from '../units/schema.ts';
import type { CostKind } from './rules/fees.ts';

// The ledger (DESIGN §5): money is bigint grosze, dates are calendar dates. Entries are
// append-only (a trigger refuses UPDATE/DELETE, migration ledger_append_only); corrections are
// new entries linked to the one they correct.

export const ledgerEntryKind = pgEnum('ledger_entry_kind', [
  'opening_balance',
  'charge',
  'payment',
  'media_settlement',
  'other_receivable',
  'interest',
  'correction',
]);
export const feeBasis = pgEnum('fee_basis', ['per_m2', 'per_person', 'per_unit', 'fixed']);
export const medium = pgEnum('medium', ['zimna_woda', 'ciepla_woda', 'co']);

const organizationId = () =>
  bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id);
const grosze = () => bigint({ mode: 'number' });

/** Fee components (składniki opłat) as data: eksploatacja, fundusz remontowy, woda, c.o., … */
export const feeComponents = pgTable(
  'fee_components',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    /** Short code used by imports: `EKSPL`, `REMONT`, `CO`. */
    code: text().notNull(),
    name: text().notNull(),
    basis: feeBasis().notNull(),
    /**
     * `own`: the cooperative's own costs (art. 4 ust. 7 u.s.m.: changed with 3 months' notice);
     * `independent`: charges independent of it — energy, heat, gas, water, sewage, waste
     * (art. 4 ust. 7¹: 14 days before the payment deadline). The fee change's deadlines follow it.
     */
    costKind: text().$type<CostKind>().notNull().default('own'),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('fee_components_org_code').on(t.organizationId, t.code),
    check('fee_components_cost_kind', sql`${t.costKind} in ('own', 'independent')`),
  ],
);

/**
 * Rates of a component from a date, for the whole organization (no building, no unit), a
 * building or one unit; the most specific level wins, and within it the latest effective_from.
 * Rows are never changed: a new rate is a new row. A row may end (`effective_to`, inclusive): a
 * fee change holds a late-notified unit at its old rate until its first lawful month that way.
 */
export const feeRates = pgTable(
  'fee_rates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    componentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feeComponents.id),
    buildingId: bigint({ mode: 'number' }).references(() => buildings.id),
    unitId: bigint({ mode: 'number' }).references(() => units.id),
    /** Ten-thousandths of a złoty per basis unit (rules/money.ts RATE_SCALE). */
    rate: bigint({ mode: 'number' }).notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** The last day the rate applies; null: until a later rate replaces it. */
    effectiveTo: date({ mode: 'string' }),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fee_rates_org_component').on(t.organizationId, t.componentId, t.effectiveFrom),
    check('fee_rates_rate', sql`${t.rate} >= 0`),
    check('fee_rates_scope', sql`${t.buildingId} is null or ${t.unitId} is null`),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    bookingDate: date({ mode: 'string' }).notNull(),
    /** The day that counts for balances. */
    valueDate: date({ mode: 'string' }).notNull(),
    kind: ledgerEntryKind().notNull(),
    componentId: bigint({ mode: 'number' }).references(() => feeComponents.id),
    /** Signed grosze: charges and receivables +, payments −. */
    amount: grosze().notNull(),
    description: text().notNull(),
    dueDate: date({ mode: 'string' }),
    /** Where it came from: `charge_run`, `manual`, `import`, `settlement`, `demo`. */
    source: text().notNull(),
    /** Unique within the organization: a second import or charge run of the same item is a no-op. */
    sourceRef: text().notNull(),
    correctsEntryId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_entries_org_source_ref').on(t.organizationId, t.sourceRef),
    index('ledger_entries_unit_value_date').on(t.unitId, t.valueDate, t.id),
    index('ledger_entries_org_kind_value_date').on(t.organizationId, t.kind, t.valueDate),
    // The dashboard's latest payments and charges, and the last due date: a few index entries
    // read per unit whatever the length of its history.
    index('ledger_entries_unit_kind_value_date').on(t.unitId, t.kind, t.valueDate, t.id),
    index('ledger_entries_unit_charge_due_date').on(t.unitId, t.dueDate).where(sql`kind = 'charge'`),
    foreignKey({ columns: [t.correctsEntryId], foreignColumns: [t.id], name: 'ledger_entries_corrects_fk' }),
  ],
);

/**
 * Sum of a unit's entries per calendar month of value date, maintained by a statement-level
 * trigger on ledger_entries in the same transaction as every insert (migration
 * ledger_append_only). A balance as of a day then reads one row per month plus the entries of
 * the last month: O(months), not O(entries). The debts' sum and due dates per month let the
 * debt's allocation start at the month from which the debts cover the balance (debt-inputs.ts)
 * without reading the entries before it.
 */
export const ledgerMonthlyTotals = pgTable(
  'ledger_monthly_totals',
  {
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    /** First day of the month. */
    month: date({ mode: 'string' }).notNull(),
    total: grosze().notNull(),
    /** Sum of the month's debts (entries > 0): what payments of later months may have to settle. */
    debits: grosze().notNull().default(0),
    /** Earliest and latest due date (or value date when none) of the month's debts. */
    firstDue: date({ mode: 'string' }),
    lastDue: date({ mode: 'string' }),
    /** Whether a correction was booked in the month (it changes an earlier entry). */
    hasCorrections: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ name: 'ledger_monthly_totals_pk', columns: [t.unitId, t.month] })],
);

/**
 * The same per calendar year, maintained by the same trigger (migration ledger_yearly_totals):
 * a balance reads at most one span of years, two of months and two of days (rules/range-split).
 */
export const ledgerYearlyTotals = pgTable(
  'ledger_yearly_totals',
  {
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    /** 1 January of the year. */
    year: date({ mode: 'string' }).notNull(),
    total: grosze().notNull(),
    /** As in the monthly totals: the year's debts, their earliest and latest due date, corrections. */
    debits: grosze().notNull().default(0),
    firstDue: date({ mode: 'string' }),
    lastDue: date({ mode: 'string' }),
    hasCorrections: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ name: 'ledger_yearly_totals_pk', columns: [t.unitId, t.year] })],
);

/** Settlement of a medium for a unit and period; its result is posted to the ledger. */
export const mediaSettlements = pgTable(
  'media_settlements',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    medium: medium().notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    /** Inclusive last day of the period. */
    periodTo: date({ mode: 'string' }).notNull(),
    /** Thousandths of the unit (m³ or GJ). */
    consumptionThousandths: bigint({ mode: 'number' }).notNull(),
    consumptionUnit: text().notNull(),
    /** Ten-thousandths of a złoty per unit of consumption. */
    price: bigint({ mode: 'number' }).notNull(),
    cost: grosze().notNull(),
    advances: grosze().notNull(),
    /** cost − advances: > 0 dopłata, < 0 zwrot. */
    result: grosze().notNull(),
    ledgerEntryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => ledgerEntries.id),
    sourceRef: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('media_settlements_org_source_ref').on(t.organizationId, t.sourceRef),
    index('media_settlements_unit').on(t.unitId, t.periodTo),
    check('media_settlements_result', sql`${t.result} = ${t.cost} - ${t.advances}`),
    check('media_settlements_unit_name', sql`${t.consumptionUnit} in ('m3', 'GJ')`),
  ],
);

// ── Debt (issue 15): statutory interest rates, payers' indications, certificates ────────────

/**
 * Statutory interest for delay (art. 481 § 2 KC) by period, per organization: the migration seeds
 * the history since 2008, the administrator keeps it current. Periods neither overlap nor leave a
 * gap (checked at save, rules/interest.ts); only the last one is open.
 */
export const interestRates = pgTable(
  'interest_rates',
  {
    organizationId: organizationId(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** Inclusive; null for the rate in force now. */
    effectiveTo: date({ mode: 'string' }),
    /** Hundredths of a percent a year: 925 = 9,25 %. */
    basisPoints: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'interest_rates_pk', columns: [t.organizationId, t.effectiveFrom] }),
    check('interest_rates_bp', sql`${t.basisPoints} between 0 and 10000`),
  ],
);

/**
 * The payer's own indication (art. 451 § 1 KC), recorded by the accountant: this payment settles
 * that debt first. Append-only like the ledger; allocation reads them with the entries.
 */
export const paymentIndications = pgTable(
  'payment_indications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    paymentEntryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => ledgerEntries.id),
    debtEntryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => ledgerEntries.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('payment_indications_pair').on(t.organizationId, t.paymentEntryId, t.debtEntryId),
    index('payment_indications_unit').on(t.unitId),
  ],
);

export const certificateStatus = pgEnum('arrears_certificate_status', ['requested', 'issued', 'declined']);

/**
 * Certificates of no arrears (zaświadczenie o niezaleganiu w opłatach): a member's request, issued
 * at once when nothing is overdue, otherwise waiting in the accountant's queue; staff may issue at
 * the desk. An issued one has a number (`12/2026`) and a verification code for the public check.
 */
export const arrearsCertificates = pgTable(
  'arrears_certificates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    /** The person it is about (the member who asked, or the holder staff named). */
    personId: bigint({ mode: 'number' }),
    holderName: text().notNull(),
    status: certificateStatus().notNull(),
    /** The day the figures are checked on. */
    asOf: date({ mode: 'string' }).notNull(),
    year: integer(),
    sequence: integer(),
    verificationCode: text().unique(),
    issuedOn: date({ mode: 'string' }),
    /** Why the accountant declined, shown to the member. */
    reason: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('arrears_certificates_number').on(t.organizationId, t.year, t.sequence),
    index('arrears_certificates_queue').on(t.organizationId, t.status, t.requestedAt),
    index('arrears_certificates_unit').on(t.unitId),
  ],
);

/**
 * Payments of an import under way (import-payments.ts), written in short statements while the
 * file is read, then booked into the ledger by one short final transaction and deleted: on PGlite
 * (one connection) the other pages answer between the pieces instead of waiting for the whole
 * file. Nothing here is booked: rows of an import that failed are deleted at once, rows of one
 * cut off by a crash when the next import starts. No foreign keys: the final insert into the
 * ledger checks the unit again, and each key checked here too would slow the staging.
 */
export const ledgerPaymentImportRows = pgTable(
  'ledger_payment_import_rows',
  {
    importId: text().notNull(),
    organizationId: bigint({ mode: 'number' }).notNull(),
    /** The piece of the file it came in: the final booking inserts one piece per statement. */
    piece: integer().notNull(),
    /** The file's line where the row starts (for the report). */
    line: integer().notNull(),
    unitId: bigint({ mode: 'number' }).notNull(),
    valueDate: date({ mode: 'string' }).notNull(),
    /** Grosze paid (> 0). */
    amount: grosze().notNull(),
    description: text().notNull(),
    reference: text().notNull(),
    stagedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_payment_import_rows_piece').on(t.importId, t.piece)],
);
