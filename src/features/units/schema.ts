import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.ts';
import { organizations } from '../organizations/schema.ts';
import { areaToNumeric, parseArea } from './rules/parse.ts';

// The register: who holds which unit, since when. Codes in the database are ASCII; their Polish
// labels live in labels.ts.

export const unitKind = pgEnum('unit_kind', ['mieszkalny', 'uzytkowy', 'garaz', 'inny']);
export const rightKind = pgEnum('right_kind', ['lokatorskie', 'wlasnosciowe', 'odrebna_wlasnosc', 'najem', 'inne']);

/** numeric(10,2) in the database, an integer number of hundredths of m² in code (no floats). */
const areaHundredths = customType<{ data: number; driverData: string }>({
  dataType: () => 'numeric(10, 2)',
  toDriver: (value) => areaToNumeric(value),
  fromDriver: (value) => {
    const parsed = parseArea(String(value));
    if (!parsed.ok) throw new Error(`unexpected area in the database: ${value}`);
    return parsed.value;
  },
});

const organizationId = () =>
  bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id);
const timestamps = () => ({
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const buildings = pgTable(
  'buildings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    /** The building's code in the accounting system; imports match on it. */
    externalKey: text(),
    street: text().notNull(),
    number: text().notNull(),
    postcode: text().notNull(),
    city: text().notNull(),
    estate: text(),
    notes: text(),
    /** foldText(`street number`), maintained by code: prefix search and sorting by address. */
    searchAddress: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('buildings_org_external_key').on(t.organizationId, t.externalKey),
    index('buildings_org_search_address').using('btree', t.organizationId, sql`${t.searchAddress} text_pattern_ops`),
  ],
);

export const units = pgTable(
  'units',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    buildingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => buildings.id),
    /** Number on the door: `12`, `12A`, `G3`, `U1`. */
    number: text().notNull(),
    kind: unitKind().notNull(),
    /** Usable area in hundredths of m² (column `usable_area`, numeric(10,2)). */
    areaHundredths: areaHundredths('usable_area').notNull(),
    floor: integer(),
    rooms: integer(),
    /** The unit's number in the accounting system; imports and the ledger match on it. */
    externalKey: text(),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    unique('units_org_external_key').on(t.organizationId, t.externalKey),
    unique('units_building_number').on(t.buildingId, t.number),
    index('units_org_number').on(t.organizationId, t.number),
    check('units_area_positive', sql`${t.areaHundredths} > 0`),
    check('units_rooms_non_negative', sql`${t.rooms} is null or ${t.rooms} >= 0`),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    /** Optional (foreigners); checked by checkPesel when given. */
    pesel: text(),
    /** Correspondence address, free text over lines. */
    address: text(),
    email: text(),
    phone: text(),
    /** The person's code in the accounting system; imports match on it. */
    externalKey: text(),
    /** foldText(`last first`) and foldText(`first last`): prefix search and sorting by name. */
    searchName: text().notNull(),
    searchNameReversed: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('persons_org_external_key').on(t.organizationId, t.externalKey),
    uniqueIndex('persons_org_pesel').on(t.organizationId, t.pesel).where(sql`${t.pesel} is not null`),
    index('persons_org_search_name').using('btree', t.organizationId, sql`${t.searchName} text_pattern_ops`),
    index('persons_org_search_name_reversed').using(
      'btree',
      t.organizationId,
      sql`${t.searchNameReversed} text_pattern_ops`,
    ),
    index('persons_org_email').using('btree', t.organizationId, sql`lower(${t.email}) text_pattern_ops`),
    // "Last digits of PESEL": a suffix search is a prefix search on the reversed number.
    index('persons_org_pesel_reversed').using('btree', t.organizationId, sql`reverse(${t.pesel}) text_pattern_ops`),
    check('persons_pesel_format', sql`${t.pesel} is null or ${t.pesel} ~ '^[0-9]{11}$'`),
  ],
);

/**
 * Rights (tytuły prawne) of persons to units. A right holds on day D when
 * valid_from ≤ D < valid_to (valid_to is exclusive: the first day it no longer holds; null =
 * open-ended). Ending a right sets valid_to; rights are never deleted.
 */
export const rights = pgTable(
  'rights',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    kind: rightKind().notNull(),
    shareNumerator: integer().notNull().default(1),
    shareDenominator: integer().notNull().default(1),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    /** Why the right ended (sprzedaż, zgon, …), free text. */
    endReason: text(),
    ...timestamps(),
  },
  (t) => [
    // Imports are idempotent on this natural key: one person's right to one unit from one day.
    unique('rights_unit_person_from').on(t.unitId, t.personId, t.validFrom),
    index('rights_org_person_period').on(t.organizationId, t.personId, t.validFrom, t.validTo),
    index('rights_unit_period').on(t.unitId, t.validFrom),
    check(
      'rights_share_fraction',
      sql`${t.shareNumerator} > 0 and ${t.shareDenominator} > 0 and ${t.shareNumerator} <= ${t.shareDenominator}`,
    ),
    check('rights_period', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * Number of persons that per-person fees are calculated on, from a date. Append-only: the
 * count on day D is the row with the latest effective_from ≤ D, the latest recorded (highest id)
 * winning when a date was recorded twice (a correction never overwrites history).
 */
export const occupancy = pgTable(
  'occupancy',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    personsCount: integer().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('occupancy_unit_effective').on(t.unitId, t.effectiveFrom, t.id),
    check('occupancy_persons_count', sql`${t.personsCount} >= 0 and ${t.personsCount} <= 99`),
  ],
);

/**
 * An uploaded register file goes `uploading` → `checking` (a job previews it) → `previewed`
 * (or `rejected`, `unchanged`) → on confirmation `applying` (a job applies it) → `applied` (or
 * `failed`, `unchanged`); a preview not confirmed within a day becomes `expired`.
 */
export type RegisterImportStatus =
  | 'uploading'
  | 'checking'
  | 'previewed'
  | 'rejected'
  | 'applying'
  | 'applied'
  | 'unchanged'
  | 'failed'
  | 'expired';

/** How far a running job has got, for the report page that refreshes itself. */
export interface RegisterImportProgress {
  phase: 'queued' | 'reading' | 'checking' | 'writing';
  /** Bytes of the file read so far. */
  bytesRead: number;
  /** Data rows read so far. */
  rows: number;
  /** Records written so far (while applying). */
  written: number;
}

/**
 * A register file uploaded in /panel and the background jobs that check and apply it. The file
 * itself is in register_import_chunks, so that any process can run the jobs and nothing is kept
 * in memory or on local disk; it is dropped once applied, refused, or a day old. The report stays
 * as a record of what happened.
 */
export const registerImports = pgTable(
  'register_imports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    /** The staff account that uploaded the file. */
    accountId: bigint({ mode: 'number' }).notNull(),
    fileName: text().notNull(),
    status: text().$type<RegisterImportStatus>().notNull(),
    /** Size of the uploaded file in bytes. */
    size: bigint({ mode: 'number' }).notNull().default(0),
    /** The ImportReport of the preview, then of the apply; null until the check has run. */
    report: jsonb(),
    /** Progress of the running job. */
    progress: jsonb().$type<RegisterImportProgress>(),
    /** The staff account that confirmed the file, and where from (for the audit row). */
    confirmedBy: bigint({ mode: 'number' }),
    confirmedFrom: jsonb().$type<{ ip: string | null; userAgent: string | null }>(),
    /** A worker runs the job until then; after it, another worker may take the job over. */
    lockedUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('register_imports_org_created').on(t.organizationId, t.createdAt),
    index('register_imports_jobs').on(t.lockedUntil).where(sql`${t.status} in ('checking', 'applying')`),
  ],
);

/** The bytes of an uploaded register file, in pieces of up to 1 MiB, written as they arrive. */
export const registerImportChunks = pgTable(
  'register_import_chunks',
  {
    importId: bigint({ mode: 'number' })
      .notNull()
      .references(() => registerImports.id, { onDelete: 'cascade' }),
    organizationId: organizationId(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);
