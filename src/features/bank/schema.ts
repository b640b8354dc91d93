import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.ts';
import { organizations } from '../organizations/schema.ts';

// Bank statements read from the banks' files, and each of their entries with how it was matched
// to a unit. Payments themselves are the ledger's entries; an entry here points at the payment
// it became.

/**
 * booked: a payment of the matched unit (ledger_entry_id); unmatched / ambiguous: a credit that
 * waits for the accountant; conflict: its reference was booked before with another amount or
 * date; debit: money out, listed for a correction; then the accountant's decisions: assigned
 * (booked to units by hand), returned, not_member (e.g. bank interest), corrected (a debit
 * booked to a unit).
 */
export const bankEntryStatus = pgEnum('bank_entry_status', [
  'booked',
  'unmatched',
  'ambiguous',
  'conflict',
  'debit',
  'assigned',
  'returned',
  'not_member',
  'corrected',
]);
/** How a credit found its unit. */
export const bankMatchMethod = pgEnum('bank_match_method', [
  'virtual_account',
  'unit_reference',
  'payer_account',
  'earlier_import',
  'manual',
]);

const organizationId = () =>
  bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/** A statement is one account's statement number for a period, with the hash of its content. */
export const bankStatements = pgTable(
  'bank_statements',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    fileName: text().notNull(),
    /** mt940, camt.053, camt.054, elixir */
    format: text().notNull(),
    account: text().notNull(),
    number: text().notNull(),
    periodFrom: date({ mode: 'string' }).notNull(),
    periodTo: date({ mode: 'string' }).notNull(),
    contentHash: text().notNull(),
    openingBalance: bigint({ mode: 'number' }),
    closingBalance: bigint({ mode: 'number' }),
    entryCount: integer().notNull(),
    /** Entries not seen on an earlier statement (an overlapping one adds only these). */
    newEntryCount: integer().notNull(),
    importedBy: text().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // What an entry's (organization, statement) foreign key points at.
    unique('bank_statements_org_id').on(t.organizationId, t.id),
    unique('bank_statements_identity').on(
      t.organizationId,
      t.account,
      t.number,
      t.periodFrom,
      t.periodTo,
      t.contentHash,
    ),
  ],
);

export const bankEntries = pgTable(
  'bank_entries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // The statement, unit and ledger entry an entry names are checked set-wise, once per
    // statement of the database, by the triggers of the migration bank_setwise_checks (not
    // by foreign keys, which cost a query per row: four fifths of writing a 100,000-entry
    // statement's entries).
    organizationId: bigint({ mode: 'number' }).notNull(),
    statementId: bigint({ mode: 'number' }).notNull(),
    /**
     * Unique in the organization: the same operation on an overlapping statement is skipped.
     * Compared by bytes (`COLLATE "C"`, migration 0039_bank_entry_key_bytewise; Drizzle has no
     * word for a column's collation).
     */
    entryKey: text().notNull(),
    line: integer().notNull(),
    bookingDate: date({ mode: 'string' }).notNull(),
    valueDate: date({ mode: 'string' }).notNull(),
    /** Grosze: credits +, debits −. */
    amount: bigint({ mode: 'number' }).notNull(),
    reference: text().notNull(),
    title: text().notNull(),
    counterpartyName: text().notNull(),
    counterpartyAccount: text().notNull(),
    creditedAccount: text().notNull(),
    operation: text().notNull(),
    status: bankEntryStatus().notNull(),
    matchMethod: bankMatchMethod(),
    unitId: bigint({ mode: 'number' }),
    ledgerEntryId: bigint({ mode: 'number' }),
    /** Units the matching found (ambiguous) or thought likely, for the accountant. */
    suggestions: jsonb().$type<number[]>().notNull().default([]),
    /** Why it waits or what was decided, in Polish. */
    note: text().notNull().default(''),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('bank_entries_org_key').on(t.organizationId, t.entryKey),
    // Only the entries waiting for the accountant are looked up by status (the queue, its
    // count): booked entries, nearly all of a statement, stay out of this index.
    index('bank_entries_org_waiting')
      .on(t.organizationId, t.bookingDate)
      .where(sql`status in ('unmatched', 'ambiguous', 'conflict', 'debit')`),
    index('bank_entries_statement').on(t.statementId),
    index('bank_entries_org_payer')
      .on(t.organizationId, t.counterpartyAccount)
      .where(sql`unit_id is not null and counterparty_account <> ''`),
    check('bank_entries_amount', sql`${t.amount} <> 0`),
  ],
);

/** queued: waits for a worker; running: a worker imports its files; done: its reports are ready; failed: given up. */
export type BankImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** Where a running import is, for its page. */
export interface BankImportProgress {
  /** Files done so far, of `files`. */
  filesDone: number;
  files: number;
  /** The file being read and booked now ('' before the first). */
  current: string;
  /** Entries of the files done so far. */
  entries: number;
}

/**
 * Statement uploads large enough to be imported in the background (the register import's
 * pattern): the page shows the job's progress, then its reports. Any process's worker takes a
 * queued job (SKIP LOCKED); one whose worker died is taken over once its lock has passed.
 */
export const bankImports = pgTable(
  'bank_imports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    /** Who uploaded the files, and from where (the audit rows of the import name them). */
    accountId: bigint({ mode: 'number' }).notNull(),
    actorLabel: text().notNull(),
    origin: jsonb().$type<{ ip: string | null; userAgent: string | null }>(),
    /** The encoding the accountant chose, or null to detect it. */
    encoding: text(),
    /** The names and sizes of the files, in the order uploaded. */
    files: jsonb().$type<{ name: string; bytes: number }[]>().notNull(),
    status: text().$type<BankImportStatus>().notNull(),
    progress: jsonb().$type<BankImportProgress>(),
    /** The FileReport of each file once done. */
    reports: jsonb(),
    lockedUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bank_imports_org_created').on(t.organizationId, t.createdAt),
    index('bank_imports_jobs').on(t.lockedUntil).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * The bytes of an upload's files until its job has read them (then deleted), in pieces (a file
 * is streamed in from its temporary file and out to one, never held whole in memory).
 */
export const bankImportFiles = pgTable(
  'bank_import_files',
  {
    importId: bigint({ mode: 'number' })
      .notNull()
      .references(() => bankImports.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    /** The piece's place in the file, from 0. */
    piece: integer().notNull().default(0),
    name: text().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq, t.piece] })],
);
