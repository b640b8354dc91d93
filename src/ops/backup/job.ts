/**
 * Scheduled backups inside the application (BACKUP_DIR, BACKUP_SCHEDULE, BACKUP_KEEP): every
 * process checks once a minute whether the current slot of the schedule has its backup; the one
 * that claims the slot (runs.ts) writes it into BACKUP_DIR, deletes the oldest beyond
 * BACKUP_KEEP and records the outcome, which administrators read in /panel/kopie-zapasowe.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.ts';
import { startPolling } from '../../jobs/polling.ts';
import type { ScryptParams } from './crypto.ts';
import { claimBackupSlot, finishBackupRun, renewBackupRun, slotTaken } from './runs.ts';
import { type BackupSchedule, currentSlot } from './schedule.ts';
import { writeBackup } from './write.ts';

/** Names of scheduled backups: `osiedle-20261206-013000Z.osbk` (UTC), sorted by name = by age. */
const scheduledName = /^osiedle-\d{8}-\d{6}Z\.osbk$/;

export function scheduledFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `osiedle-${stamp}Z.osbk`;
}

export interface BackupJobOptions {
  database: Database;
  dir: string;
  key: string;
  schedule: BackupSchedule;
  keep: number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  clock?: () => Date;
  /** How often processes look at the schedule (a minute). */
  checkEveryMs?: number;
  /** Tests may make the key derivation cheaper. */
  scrypt?: ScryptParams;
}

export const stoppedMessage = 'Przerwana: aplikacja została zatrzymana w trakcie kopii.';

/** The reason of a failure in words an administrator can act on. */
function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'Brak miejsca na dysku w katalogu kopii (BACKUP_DIR).';
  if (code === 'EACCES' || code === 'EPERM') return 'Brak uprawnień do zapisu w katalogu kopii (BACKUP_DIR).';
  if (code === 'ENOENT') return 'Katalog kopii (BACKUP_DIR) nie istnieje i nie dało się go utworzyć.';
  return error instanceof Error ? error.message : String(error);
}

/** Deletes the oldest scheduled backups beyond `keep`; returns how many. Other files are never touched. */
export async function pruneBackups(dir: string, keep: number): Promise<number> {
  const names = (await readdir(dir)).filter((name) => scheduledName.test(name)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await unlink(join(dir, name));
  return old.length;
}

/** The scheduled backups in the directory, newest first. */
export async function listBackupFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => scheduledName.test(name))
    .sort()
    .reverse();
}

/** One look at the schedule: backs up if the current slot is free. */
export async function runScheduledBackup(
  options: BackupJobOptions,
  signal?: AbortSignal,
): Promise<'skipped' | 'ok' | 'failed'> {
  const { database, log } = options;
  const clock = options.clock ?? (() => new Date());
  const db = database.db;
  const now = clock();
  const { slot } = currentSlot(options.schedule, now);
  if (await slotTaken(db, { slot })) return 'skipped';
  const id = await claimBackupSlot(db, { slot, host: `${hostname()}:${process.pid}`, now });
  if (id === undefined) return 'skipped';
  const started = performance.now();
  const fileName = scheduledFileName(now);
  // Signs of life for other processes (PGlite is one process, and busy with the backup meanwhile).
  const heartbeat = database.pool
    ? setInterval(() => void renewBackupRun(db, { id, now: clock() }).catch(() => {}), 60_000)
    : undefined;
  heartbeat?.unref();
  try {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const result = await writeBackup(database, {
      key: options.key,
      file: join(options.dir, fileName),
      signal,
      ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    });
    const deletedFiles = await pruneBackups(options.dir, options.keep);
    await finishBackupRun(db, {
      id,
      now: clock(),
      outcome: {
        status: 'ok',
        fileName,
        bytes: result.bytes,
        tables: result.manifest.tables.length,
        rows: result.manifest.rows,
        migration: result.header.migration.tag,
        seconds: result.seconds,
        deletedFiles,
      },
    });
    log.info({ file: fileName, bytes: result.bytes, seconds: result.seconds, deletedFiles }, 'backup written');
    return 'ok';
  } catch (error) {
    const stopped = signal?.aborted === true;
    const seconds = (performance.now() - started) / 1000;
    await finishBackupRun(db, {
      id,
      now: clock(),
      outcome: { status: 'failed', error: stopped ? stoppedMessage : describeFailure(error), seconds },
    }).catch(() => {});
    if (stopped) log.warn({ file: fileName }, 'backup stopped by the shutdown');
    else log.error({ err: error, file: fileName }, 'scheduled backup failed');
    return 'failed';
  } finally {
    clearInterval(heartbeat);
  }
}

/** Looks at the schedule now and every minute; `stop` aborts a backup under way and waits for it. */
export function startBackupScheduler(options: BackupJobOptions): { stop(): Promise<void> } {
  const controller = new AbortController();
  const polling = startPolling({
    pass: (signal) => runScheduledBackup(options, AbortSignal.any([signal, controller.signal])),
    intervalMs: options.checkEveryMs ?? 60_000,
    log: options.log,
    failureMessage: 'backup scheduler pass failed',
  });
  return {
    async stop() {
      controller.abort();
      await polling.stop();
    },
  };
}
