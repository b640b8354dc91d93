/** The record of scheduled backups (schema.ts): claiming a slot, its outcome, the list for the panel. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { backupRuns } from './schema.ts';

export type BackupRun = typeof backupRuns.$inferSelect;

/** A run whose process has not shown signs of life for this long was interrupted. */
export const STALE_AFTER_MS = 15 * 60_000;

export const interruptedMessage = 'Przerwana: proces, który ją wykonywał, zakończył się przed jej końcem.';

/**
 * Takes the slot for this process, unless another process took it already or another backup is
 * still running; returns the run's id, or undefined. Runs left behind by a dead process are marked
 * interrupted first.
 */
export async function claimBackupSlot(
  db: Db,
  { slot, host, now }: { slot: string; host: string; now: Date },
): Promise<number | undefined> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  await db
    .update(backupRuns)
    .set({ status: 'failed', finishedAt: now, error: interruptedMessage })
    .where(and(eq(backupRuns.status, 'running'), lt(backupRuns.heartbeatAt, staleBefore)));
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`
    insert into backup_runs (slot, status, started_at, heartbeat_at, host)
    select ${slot}, 'running', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${host}
    where not exists (select 1 from backup_runs where status = 'running')
    on conflict (slot) do nothing
    returning id::text as id`,
  );
  return row ? Number(row.id) : undefined;
}

/** Whether the slot has a run already (taken by any process, whatever its outcome). */
export async function slotTaken(db: Db, { slot }: { slot: string }): Promise<boolean> {
  const rows = await db.select({ id: backupRuns.id }).from(backupRuns).where(eq(backupRuns.slot, slot)).limit(1);
  return rows.length > 0;
}

export async function renewBackupRun(db: Db, { id, now }: { id: number; now: Date }): Promise<void> {
  await db.update(backupRuns).set({ heartbeatAt: now }).where(eq(backupRuns.id, id));
}

export async function finishBackupRun(
  db: Db,
  {
    id,
    now,
    outcome,
  }: {
    id: number;
    now: Date;
    outcome:
      | {
          status: 'ok';
          fileName: string;
          bytes: number;
          tables: number;
          rows: number;
          migration: string;
          seconds: number;
          deletedFiles: number;
        }
      | { status: 'failed'; error: string; seconds: number };
  },
): Promise<void> {
  await db
    .update(backupRuns)
    .set({ ...outcome, finishedAt: now, heartbeatAt: now })
    .where(eq(backupRuns.id, id));
}

/** The latest runs, newest first. */
export async function listBackupRuns(db: Db, { limit }: { limit: number }): Promise<BackupRun[]> {
  return db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt), desc(backupRuns.id)).limit(limit);
}

/** The latest successful run, if any. */
export async function lastSuccessfulBackupRun(db: Db): Promise<BackupRun | undefined> {
  const rows = await db
    .select()
    .from(backupRuns)
    .where(eq(backupRuns.status, 'ok'))
    .orderBy(desc(backupRuns.startedAt))
    .limit(1);
  return rows[0];
}
