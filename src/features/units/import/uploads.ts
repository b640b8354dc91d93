/**
 * Register files uploaded in /panel. The upload streams into the database piece by piece (no
 * process keeps the file in memory or on local disk); a background job (jobs.ts) checks it and,
 * after the confirmation, another job applies it. Any process may serve any step.
 */
import { and, desc, eq, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { RequestOrigin } from '../../audit/audit.ts';
import {
  type RegisterImportProgress,
  type RegisterImportStatus,
  registerImportChunks,
  registerImports,
} from '../schema.ts';
import type { ImportReport } from './import-register.ts';
import type { ChunkedSource } from './read-file.ts';

export type RegisterImportRow = typeof registerImports.$inferSelect;

export interface RegisterImport {
  id: number;
  fileName: string;
  status: RegisterImportStatus;
  /** Size of the file in bytes. */
  size: number;
  /** Undefined until the check has run. */
  report: ImportReport | undefined;
  /** Of the job while one runs. */
  progress: RegisterImportProgress | undefined;
  createdAt: Date;
  /** Whether the stored file can still be applied. */
  canApply: boolean;
  /** A job is checking or applying the file: the page refreshes itself. */
  running: boolean;
}

/** How long an uploaded file waits for its confirmation. */
const IMPORT_KEEP_MS = 24 * 60 * 60 * 1000;

/** Size of the pieces the file is stored in. */
const CHUNK_BYTES = 1024 * 1024;

/** Statuses in which a job works on the file (or waits for a worker). */
const RUNNING_STATUSES: readonly RegisterImportStatus[] = ['checking', 'applying'];

const QUEUED: RegisterImportProgress = { phase: 'queued', bytesRead: 0, rows: 0, written: 0 };

function toImport(row: RegisterImportRow, now: Date): RegisterImport {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    size: row.size,
    report: (row.report ?? undefined) as ImportReport | undefined,
    progress: row.progress ?? undefined,
    createdAt: row.createdAt,
    canApply: row.status === 'previewed' && now.getTime() - row.createdAt.getTime() < IMPORT_KEEP_MS,
    running: row.status === 'uploading' || RUNNING_STATUSES.includes(row.status),
  };
}

/**
 * Drops the stored files of imports a day old that no job works on: previews never confirmed
 * expire, uploads cut off by a crash fail. Any process may do it, any time.
 */
export async function purgeStaleImports(db: Db, { now }: { now: Date }): Promise<number> {
  const stale = and(
    lt(registerImports.createdAt, new Date(now.getTime() - IMPORT_KEEP_MS)),
    notInArray(registerImports.status, [...RUNNING_STATUSES]),
    or(
      eq(registerImports.status, 'uploading'),
      sql`exists (select 1 from ${registerImportChunks} c where c.import_id = ${registerImports.id})`,
    ),
  );
  const rows = await db
    .update(registerImports)
    .set({
      status: sql`case ${registerImports.status} when 'previewed' then 'expired' when 'uploading' then 'failed'
                  else ${registerImports.status} end`,
      updatedAt: now,
    })
    .where(stale)
    .returning({ id: registerImports.id });
  if (rows.length > 0) await deleteStoredFile(db, { importIds: rows.map((r) => r.id) });
  return rows.length;
}

async function deleteStoredFile(db: Db, { importIds }: { importIds: number[] }): Promise<void> {
  await db.delete(registerImportChunks).where(inArray(registerImportChunks.importId, importIds));
}

export type StagedUpload =
  | { ok: true; item: RegisterImport }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too_large'; size: number };

/**
 * Stores an uploaded file as it arrives, in pieces, and queues its check. A file over `maxBytes`
 * (the parser stops reading one byte over it) or an empty one leaves nothing behind.
 */
export async function stageUpload(
  db: Db,
  {
    organizationId,
    accountId,
    fileName,
    stream,
    truncated,
    maxBytes,
    now,
  }: {
    organizationId: number;
    accountId: number;
    fileName: string;
    stream: AsyncIterable<Buffer>;
    /** Whether the parser cut the file off at its limit; asked once the stream has ended. */
    truncated: () => boolean;
    maxBytes: number;
    now: Date;
  },
): Promise<StagedUpload> {
  const [row] = await db
    .insert(registerImports)
    .values({ organizationId, accountId, fileName: fileName.slice(0, 200), status: 'uploading', createdAt: now })
    .returning({ id: registerImports.id });
  if (!row) throw new Error('insert returned no row');
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await db.insert(registerImportChunks).values({ importId: row.id, organizationId, seq: seq++, data });
  };
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > maxBytes) continue; // read to the end, store nothing more
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    if (size > maxBytes || truncated() || size === 0) {
      await db.delete(registerImports).where(eq(registerImports.id, row.id));
      return size === 0 ? { ok: false, reason: 'empty' } : { ok: false, reason: 'too_large', size };
    }
    await flush();
  } catch (error) {
    // The client went away mid-upload: nothing half-stored stays.
    await db.delete(registerImports).where(eq(registerImports.id, row.id));
    throw error;
  }
  const [queued] = await db
    .update(registerImports)
    .set({ status: 'checking', size, progress: QUEUED, updatedAt: now })
    .where(eq(registerImports.id, row.id))
    .returning();
  return { ok: true, item: toImport(queued as RegisterImportRow, now) };
}

/** The stored file of an import, read back piece by piece (pass a transaction to read inside it). */
export function storedFile(db: Db, row: Pick<RegisterImportRow, 'id' | 'fileName' | 'size'>): ChunkedSource {
  return {
    name: row.fileName,
    size: row.size,
    async *chunks() {
      for (let seq = 0; ; seq++) {
        const [chunk] = await db
          .select({ data: registerImportChunks.data })
          .from(registerImportChunks)
          .where(and(eq(registerImportChunks.importId, row.id), eq(registerImportChunks.seq, seq)));
        if (!chunk) return;
        yield chunk.data;
      }
    },
  };
}

export async function findImport(
  db: Db,
  { organizationId, id, now }: { organizationId: number; id: number; now: Date },
): Promise<RegisterImport | undefined> {
  const rows = await db
    .select()
    .from(registerImports)
    .where(and(eq(registerImports.organizationId, organizationId), eq(registerImports.id, id)));
  return rows[0] ? toImport(rows[0], now) : undefined;
}

export async function listRecentImports(
  db: Db,
  { organizationId, now, limit = 10 }: { organizationId: number; now: Date; limit?: number },
): Promise<RegisterImport[]> {
  const rows = await db
    .select()
    .from(registerImports)
    .where(eq(registerImports.organizationId, organizationId))
    .orderBy(desc(registerImports.createdAt), desc(registerImports.id))
    .limit(limit);
  return rows.map((row) => toImport(row, now));
}

/**
 * Queues a previewed file for applying, once: a second click, or a file whose day has passed,
 * queues nothing (undefined; the import's page says why). Who confirmed it and from where is
 * kept for the audit row the job writes.
 */
export async function requestApply(
  db: Db,
  {
    organizationId,
    id,
    accountId,
    origin,
    now,
  }: { organizationId: number; id: number; accountId: number; origin: RequestOrigin; now: Date },
): Promise<RegisterImport | undefined> {
  const rows = await db
    .update(registerImports)
    .set({
      status: 'applying',
      confirmedBy: accountId,
      confirmedFrom: origin,
      progress: QUEUED,
      lockedUntil: null,
      attempts: 0,
      updatedAt: now,
    })
    .where(
      and(
        eq(registerImports.organizationId, organizationId),
        eq(registerImports.id, id),
        eq(registerImports.status, 'previewed'),
        sql`${registerImports.createdAt} > ${new Date(now.getTime() - IMPORT_KEEP_MS)}`,
      ),
    )
    .returning();
  if (rows[0]) return toImport(rows[0], now);
  if (!(await findImport(db, { organizationId, id, now }))) throw new AppError('not_found', 'Nie ma takiego importu.');
  return undefined;
}

/**
 * Takes the next import a job should run: queued ones, and ones whose worker died (lock passed).
 * SKIP LOCKED lets any number of workers share the queue.
 */
export async function claimImportJob(db: Db, { now, lockMs }: { now: Date; lockMs: number }) {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`update register_imports set locked_until = ${new Date(now.getTime() + lockMs)}, attempts = attempts + 1,
               updated_at = ${now}
        where id = (select id from register_imports
                    where status in ('checking', 'applying') and (locked_until is null or locked_until < ${now})
                    order by id limit 1 for update skip locked)
        returning id`,
  );
  if (!rows[0]) return undefined;
  const [row] = await db
    .select()
    .from(registerImports)
    .where(eq(registerImports.id, Number(rows[0].id)));
  return row;
}

/** Progress of a running job; also extends its lock (a heartbeat while it works). */
export async function saveProgress(
  db: Db,
  {
    id,
    status,
    progress,
    lockedUntil,
  }: { id: number; status: RegisterImportStatus; progress: RegisterImportProgress; lockedUntil: Date },
): Promise<void> {
  await db
    .update(registerImports)
    .set({ progress, lockedUntil })
    .where(and(eq(registerImports.id, id), eq(registerImports.status, status)));
}

/**
 * Records a job's outcome (pass the import's transaction when there is one) and drops the file
 * unless it waits for a confirmation. Only the job's own status is replaced, so a job that was
 * taken over by another worker cannot overwrite what that one recorded.
 */
export async function finishImportJob(
  db: Db,
  {
    id,
    from,
    status,
    report,
    now,
  }: { id: number; from: RegisterImportStatus; status: RegisterImportStatus; report: ImportReport; now: Date },
): Promise<void> {
  const rows = await db
    .update(registerImports)
    .set({ status, report, progress: null, lockedUntil: null, updatedAt: now })
    .where(and(eq(registerImports.id, id), eq(registerImports.status, from)))
    .returning({ id: registerImports.id });
  if (rows.length > 0 && status !== 'previewed') await deleteStoredFile(db, { importIds: [id] });
}

/** A job that failed: try again after `retryAt`. */
export async function releaseImportJob(db: Db, { id, retryAt }: { id: number; retryAt: Date }): Promise<void> {
  await db.update(registerImports).set({ lockedUntil: retryAt }).where(eq(registerImports.id, id));
}
