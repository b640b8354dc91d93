/**
 * The background jobs of register imports: check an uploaded file (the preview) and apply a
 * confirmed one. The jobs are the rows of register_imports in a running status; every process
 * runs a worker (main.ts) and takes them with SKIP LOCKED, and a job whose worker died is taken
 * over once its lock has passed. Progress is written to the row as the job goes.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { interruptibleDb, isInterruption } from '../../../db/interruptible.ts';
import { isTransientDatabaseError, retryTransient } from '../../../db/transient.ts';
import { startPolling } from '../../../jobs/polling.ts';
import type { RegisterImportProgress, RegisterImportStatus } from '../schema.ts';
import { type ImportReport, importRegister } from './import-register.ts';
import { importFailed } from './report.ts';
import {
  claimImportJob,
  finishImportJob,
  type RegisterImportRow,
  releaseImportJob,
  saveProgress,
  storedFile,
} from './uploads.ts';

/** A job that fails this many times is given up with a message in its report. */
const IMPORT_JOB_ATTEMPTS = 3;
const RETRY_MS = 30_000;
/** How long a claimed job stays a worker's without a sign of life, unless told otherwise. */
const LOCK_MS = 5 * 60_000;

export interface ImportJobOptions {
  /** The configured size limit (IMPORT_MAX_MB). */
  maxBytes: number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  clock?: () => Date;
  /** How long a claimed job stays ours without a sign of life (progress extends it). */
  lockMs?: number;
  /**
   * Shutdown: no job is taken after it aborts, the one under way rolls back and is released, and
   * no more waiting for an unreachable database.
   */
  signal?: AbortSignal | undefined;
}

/** Runs every job due now, one after another; returns how many ran. */
export async function runRegisterImportJobs(db: Db, options: ImportJobOptions): Promise<number> {
  const clock = options.clock ?? (() => new Date());
  let ran = 0;
  for (;;) {
    if (options.signal?.aborted) return ran;
    const row = await claimImportJob(db, { now: clock(), lockMs: options.lockMs ?? LOCK_MS });
    if (!row) return ran;
    await runJob(db, options, row);
    ran++;
  }
}

function outcome(from: RegisterImportStatus, report: ImportReport): RegisterImportStatus {
  const failed = importFailed(report);
  if (from === 'checking') return failed ? 'rejected' : report.unchanged ? 'unchanged' : 'previewed';
  return failed ? 'failed' : report.applied ? 'applied' : 'unchanged';
}

/** The report of a job given up after repeated failures (a server problem, not the file's). */
function givenUpReport(row: RegisterImportRow): ImportReport {
  return {
    file: {
      name: row.fileName,
      bytes: row.size,
      encoding: undefined,
      delimiter: undefined,
      rows: 0,
      ignoredColumns: [],
    },
    fileErrors: ['Nie udało się przetworzyć pliku z powodu błędu serwera. Spróbuj wczytać go ponownie później.'],
    errors: [],
    moreErrors: 0,
    counts: undefined,
    unchanged: false,
    applied: false,
    dryRun: row.status === 'checking',
  };
}

async function runJob(db: Db, options: ImportJobOptions, row: RegisterImportRow): Promise<void> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  const lockMs = options.lockMs ?? LOCK_MS;
  const from = row.status;
  const applying = from === 'applying';
  // The import's own statements stop at shutdown; the job's bookkeeping below always runs.
  const jobDb = options.signal ? interruptibleDb(db, options.signal) : db;

  const progress = progressWriter(db, row, () => new Date(clock().getTime() + lockMs), log);
  let rows = 0;
  let bytesRead = 0;

  let finished = false;
  const finish = async (tx: Db, report: ImportReport) => {
    await finishImportJob(tx, { id: row.id, from, status: outcome(from, report), report, now: clock() });
    finished = true;
  };
  try {
    const report = await importRegister(jobDb, {
      // The clerk who confirmed the file, from where they confirmed it (a check writes no audit row).
      actor: {
        organizationId: row.organizationId,
        actorAccountId: applying ? row.confirmedBy : row.accountId,
        actorLabel: 'import',
        origin: applying ? (row.confirmedFrom ?? undefined) : undefined,
      },
      source: storedFile(jobDb, row),
      dryRun: !applying,
      maxBytes: options.maxBytes,
      onProgress: ({ phase, rows: count, bytes }) => {
        if (phase !== 'writing') rows = count;
        // Text decoded from Windows-1250 is a little longer than the file.
        if (bytes !== undefined) bytesRead = Math.min(bytes, row.size);
        progress.report({ phase, bytesRead, rows, written: phase === 'writing' ? count : 0 });
      },
      onFinish: finish,
    });
    // A file that could not be read at all ends before the import's transaction.
    if (!finished) await finish(db, report);
    log.info({ importId: row.id, status: outcome(from, report) }, 'register import job done');
  } catch (error) {
    if (isInterruption(error)) {
      log.info({ importId: row.id }, 'register import job interrupted by shutdown; released for the next start');
      // A progress write still on its way would extend the lock again after the release.
      await progress.settled();
      await releaseImportJob(db, { id: row.id, retryAt: clock() });
      return;
    }
    const detail = { err: error, importId: row.id, attempts: row.attempts };
    if (isTransientDatabaseError(error)) log.warn(detail, 'register import job interrupted: database unavailable');
    else log.error(detail, 'register import job failed');
    // The job's transaction rolled back; if the database is failing over, hand the job back once it
    // is reachable again, so the retry comes after RETRY_MS rather than when the lock runs out.
    await retryTransient(
      async () => {
        if (row.attempts >= IMPORT_JOB_ATTEMPTS) await finish(db, givenUpReport(row));
        else await releaseImportJob(db, { id: row.id, retryAt: new Date(clock().getTime() + RETRY_MS) });
      },
      { timeoutMs: lockMs / 2, signal: options.signal },
    );
  } finally {
    // Inside the import's transaction (PGlite) a progress write waits for it; never await it there.
    await progress.settled();
  }
}

/**
 * Writes progress without holding the job up: one write at a time, the latest value wins. Each
 * write also extends the job's lock.
 */
function progressWriter(
  db: Db,
  row: RegisterImportRow,
  lockUntil: () => Date,
  log: ImportJobOptions['log'],
): { report(progress: RegisterImportProgress): void; settled(): Promise<void> } {
  let latest: RegisterImportProgress | undefined;
  let writing: Promise<void> | undefined;
  const drain = async () => {
    try {
      while (latest) {
        const progress = latest;
        latest = undefined;
        await saveProgress(db, { id: row.id, status: row.status, progress, lockedUntil: lockUntil() });
      }
    } catch (error) {
      log.warn({ err: error, importId: row.id }, 'could not save register import progress');
    } finally {
      writing = undefined;
    }
  };
  return {
    report(progress) {
      latest = progress;
      writing ??= drain();
    },
    settled: async () => {
      await writing;
    },
  };
}

/** Polls for register import jobs until stopped; every process may run one. */
export function startRegisterImportWorker(
  db: Db,
  options: ImportJobOptions & { intervalMs?: number },
): {
  stop(): Promise<void>;
} {
  return startPolling({
    pass: (signal) => runRegisterImportJobs(db, { ...options, signal }),
    intervalMs: options.intervalMs ?? 2000,
    log: options.log,
    failureMessage: 'register import worker pass failed',
  });
}
