import { bigint, index, integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

export type BackupRunStatus = 'running' | 'ok' | 'failed';

/**
 * Scheduled backups of this installation and how each went (job.ts). One row per slot of the
 * schedule: the process that inserts it makes the backup, the others see it taken. Never part of
 * a backup itself (its files belong to this machine).
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The schedule's slot, e.g. `2026-12-06T01:30:00.000Z`: unique, so two processes never both take it. */
    slot: text().notNull().unique(),
    status: text().$type<BackupRunStatus>().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    /** Renewed while the backup runs: a run whose process died is seen as interrupted. */
    heartbeatAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    /** Host name and process id that made it. */
    host: text().notNull(),
    fileName: text(),
    bytes: bigint({ mode: 'number' }),
    tables: integer(),
    rows: bigint({ mode: 'number' }),
    migration: text(),
    seconds: real(),
    /** Older backups deleted afterwards (BACKUP_KEEP). */
    deletedFiles: integer(),
    error: text(),
  },
  (t) => [index('backup_runs_started').on(t.startedAt.desc())],
);
