import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.ts';
import { organizations } from '../organizations/schema.ts';
import { buildings, units } from '../units/schema.ts';

// Meters, readings, media tariffs, settlement runs and persons declarations. Units and buildings
// are the register's: foreign keys point at them, and everything else about them comes through
// the register's doors.

const organizationId = () =>
  bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/** Media a meter measures (codes; Polish labels in labels.ts). */
export const meterMedia = [
  'zimna_woda',
  'ciepla_woda',
  'podzielnik_co',
  'cieplomierz',
  'gaz',
  'energia_wspolna',
] as const;
export type MeterMedium = (typeof meterMedia)[number];

/**
 * A meter of a unit, or a building's main meter (unit_id null). A replacement removes the old
 * meter (removed_on, final_reading) and installs a new one that points at it (replaces_id), so
 * the chain of a place keeps its whole history. Readings are thousandths of the meter's unit.
 */
export const meters = pgTable(
  'meters',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    buildingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => buildings.id),
    unitId: bigint({ mode: 'number' }).references(() => units.id),
    medium: text().$type<MeterMedium>().notNull(),
    serial: text().notNull(),
    place: text().notNull().default(''),
    /** Digits after the decimal point the meter shows (0–3). */
    decimals: integer().notNull().default(3),
    /** The counter's capacity in thousandths (it turns over to zero after it), or null. */
    rolloverAt: bigint({ mode: 'number' }),
    installedOn: date({ mode: 'string' }).notNull(),
    initialReading: bigint({ mode: 'number' }).notNull().default(0),
    removedOn: date({ mode: 'string' }),
    finalReading: bigint({ mode: 'number' }),
    legalisationUntil: date({ mode: 'string' }),
    replacesId: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('meters_org_medium_serial').on(t.organizationId, t.medium, t.serial),
    index('meters_org_unit').on(t.organizationId, t.unitId),
    index('meters_org_building').on(t.organizationId, t.buildingId),
    check(
      'meters_medium',
      sql`${t.medium} in ('zimna_woda','ciepla_woda','podzielnik_co','cieplomierz','gaz','energia_wspolna')`,
    ),
    check('meters_decimals', sql`${t.decimals} between 0 and 3`),
    check('meters_removed', sql`${t.removedOn} is null or ${t.removedOn} >= ${t.installedOn}`),
  ],
);

/** When members may enter readings: days of the month (wrapping past its end) in some months. */
export const mediaSettings = pgTable('media_settings', {
  organizationId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => organizations.id),
  windowStartDay: integer().notNull().default(25),
  windowEndDay: integer().notNull().default(5),
  /** Months (1–12) whose window is open; empty = every month. */
  windowMonths: jsonb().$type<number[]>().notNull().default([]),
  /** How the building's difference (main meter − units) is shared: consumption, persons, area, none. */
  differenceRule: text().notNull().default('none'),
  /** Fee component code whose charges are the cold water advances. */
  waterAdvanceCode: text().notNull().default('WODA'),
  /** Fee component code whose charges are the hot water advances (each medium settles its own). */
  hotWaterAdvanceCode: text().notNull().default('CW'),
  /** Monthly cap per medium in thousandths (a reading above it is flagged). */
  monthlyCaps: jsonb().$type<Partial<Record<MeterMedium, number>>>().notNull().default({}),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reading of a meter on a day. `source` says how it came (e-BOK, paper card, import,
 * replacement); `entered_by` who entered it. `flags` are the plausibility warnings; `review`
 * is `ok` (nothing flagged), `flagged` (waits for staff), `accepted` or `rejected`.
 */
export const readings = pgTable(
  'readings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    meterId: bigint({ mode: 'number' })
      .notNull()
      .references(() => meters.id),
    readOn: date({ mode: 'string' }).notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    source: text().$type<'ebok' | 'karta' | 'import' | 'wymiana'>().notNull(),
    enteredBy: bigint({ mode: 'number' }),
    enteredByLabel: text().notNull(),
    photoFileId: bigint({ mode: 'number' }),
    flags: jsonb().$type<string[]>().notNull().default([]),
    review: text().$type<'ok' | 'flagged' | 'accepted' | 'rejected'>().notNull().default('ok'),
    reviewNote: text(),
    /** An import's row reference: a re-import of the same row is a no-op. */
    importRef: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('readings_meter_day').on(t.meterId, t.readOn, t.id),
    index('readings_org_review').on(t.organizationId, t.review, t.createdAt),
    unique('readings_org_import_ref').on(t.organizationId, t.importRef),
    check('readings_value', sql`${t.value} >= 0`),
  ],
);

/** Where a photo of a reading is kept (resized JPEG without metadata). */
export const readingPhotos = pgTable('reading_photos', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: organizationId(),
  contentType: text().notNull(),
  data: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Column mapping of a remote-reading company's CSV, saved per source. */
export const readingImportMappings = pgTable(
  'reading_import_mappings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    source: text().notNull(),
    serialColumn: text().notNull(),
    dateColumn: text().notNull(),
    valueColumn: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('reading_import_mappings_org_source').on(t.organizationId, t.source)],
);

/** Water and sewage prices per m³ from a date (ten-thousandths of a złoty). */
export const waterTariffs = pgTable(
  'water_tariffs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    water: bigint({ mode: 'number' }).notNull(),
    sewage: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('water_tariffs_org_from').on(t.organizationId, t.effectiveFrom),
    check('water_tariffs_non_negative', sql`${t.water} >= 0 and ${t.sewage} >= 0`),
  ],
);

/** A settlement run of a building, medium and period: previewed, then posted once. */
export const settlementRuns = pgTable(
  'settlement_runs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    buildingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => buildings.id),
    medium: text().$type<'zimna_woda' | 'ciepla_woda' | 'co'>().notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    /** `preview` → `posted`. */
    status: text().$type<'preview' | 'posted'>().notNull().default('preview'),
    /** The computation (lines per unit and holder, building balance) as previewed and posted. */
    report: jsonb().notNull(),
    createdBy: bigint({ mode: 'number' }),
    postedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** An imported run (a heating company's results): the file's digest, so a re-import is a no-op. */
    sourceHash: text(),
    /** Runs previewed together (every building at once) share the id of the batch's first run. */
    batchId: bigint({ mode: 'number' }),
  },
  (t) => [
    index('settlement_runs_org_building').on(t.organizationId, t.buildingId, t.periodTo),
    index('settlement_runs_org_batch').on(t.organizationId, t.batchId),
    unique('settlement_runs_source_hash').on(t.organizationId, t.sourceHash),
  ],
);

/** A PDF the settling company supplied with an imported run: per unit, or one for the building (no unit). */
export const settlementDocuments = pgTable(
  'settlement_documents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    runId: bigint({ mode: 'number' })
      .notNull()
      .references(() => settlementRuns.id),
    unitId: bigint({ mode: 'number' }).references(() => units.id),
    fileName: text().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('settlement_documents_run').on(t.runId, t.unitId)],
);

/** A member's declaration of the persons living in a unit from a date; staff decide it. */
export const personsDeclarations = pgTable(
  'persons_declarations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    accountId: bigint({ mode: 'number' }).notNull(),
    personsCount: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    reason: text().notNull().default(''),
    truthful: boolean().notNull(),
    status: text().$type<'waiting' | 'approved' | 'rejected'>().notNull().default('waiting'),
    decisionReason: text(),
    decidedBy: bigint({ mode: 'number' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('persons_declarations_org_status').on(t.organizationId, t.status, t.createdAt),
    index('persons_declarations_unit').on(t.unitId, t.createdAt),
    check('persons_declarations_count', sql`${t.personsCount} between 0 and 99`),
  ],
);
