/**
 * The backup file format (version 1), the same for both engines:
 *
 *   header (46 bytes, plain)  "OSIEDLEB", format version, scrypt parameters, salt, key check
 *   frames                    AES-256-GCM, each ≤ 1 MiB of plaintext (crypto.ts)
 *
 * The frames' plaintext is one gzip stream of records (records.ts): the header record (`H`: app
 * version, last migration, tables and their columns, identity sequences), then per table `T`
 * (its name), `D`… (its rows in PostgreSQL's COPY text format, whole lines) and `E` (rows, bytes,
 * SHA-256 of the data), and last the manifest (`M`: every table's count and checksum).
 *
 * Restore checks all of it: the key (before anything else), every frame's tag (tampering), the
 * final frame (truncation), the migration (a newer version is refused), and per table the rows
 * and checksum against `E` and `M`.
 */
import { z } from 'zod';
import { AppError } from '../../errors.ts';

export const FORMAT_VERSION = 1;

/** A backup that cannot be made or restored, with the reason for the administrator. */
export class BackupError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'BackupError';
  }
}

/** Record types of the decrypted, decompressed stream. */
export const RecordType = {
  header: 0x48, // H
  table: 0x54, // T
  data: 0x44, // D
  tableEnd: 0x45, // E
  manifest: 0x4d, // M
} as const;

const migrationSchema = z.object({
  /** How many migrations the database had applied. */
  count: z.number().int().nonnegative(),
  /** The last one: its file name, journal time stamp and SHA-256 (as drizzle records it). */
  tag: z.string(),
  when: z.number().int(),
  hash: z.string(),
});

export type MigrationStamp = z.infer<typeof migrationSchema>;

export const headerSchema = z.object({
  format: z.number().int(),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  migration: migrationSchema,
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()) })),
  sequences: z.array(z.object({ table: z.string(), column: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
});

export type BackupHeader = z.infer<typeof headerSchema>;

export const tableSummarySchema = z.object({
  name: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
});

export type TableSummary = z.infer<typeof tableSummarySchema>;

export const manifestSchema = z.object({
  tables: z.array(tableSummarySchema),
  rows: z.number().int().nonnegative(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A JSON record's payload, parsed by its schema; anything else is a damaged backup. */
export function parseJsonRecord<T>(schema: z.ZodType<T>, payload: Buffer, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new BackupError(`The backup is damaged: its ${what} is not readable.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupError(`The backup is damaged: its ${what} is not readable.`);
  return parsed.data;
}
