/**
 * Large statement uploads are imported in the background (the register import's pattern): the
 * upload stores the files (in pieces, streamed from the upload's temporary files) and queues a job; a worker in any process takes it (SKIP LOCKED),
 * imports the files one by one with `importStatements` — each file booked whole or not at all —
 * writing its progress to the job's row, then stores the reports and drops the files. A job whose
 * worker died is taken over once its lock has passed; after three failed attempts it is given up.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, queryRows } from '../../db/client.ts';
import { startPolling } from '../../jobs/polling.ts';
import { PRIVATE_FILE, withTempDir } from '../../lib/temp-files.ts';
import type { Actor } from '../audit/audit.ts';
import { findOrganizationById } from '../organizations/queries.ts';
import type { BankEncoding } from './formats/decode.ts';
import { type FileReport, importStatements, type StatementFile } from './import-statements.ts';
import { type BankImportProgress, type BankImportStatus, bankImportFiles, bankImports } from './schema.ts';

/** Uploads larger than this (all files together) are imported in the background. */
export const BACKGROUND_IMPORT_BYTES = 1024 * 1024;

const ATTEMPTS = 3;
const LOCK_MS = 10 * 60_000;
const RETRY_MS = 30_000;

export interface BankImportJob {
  id: number;
  status: BankImportStatus;
  files: { name: string; bytes: number }[];
  progress: BankImportProgress | undefined;
  reports: FileReport[] | undefined;
  createdAt: Date;
  /** Queued or running: the page refreshes itself. */
  running: boolean;
}

function toJob(row: typeof bankImports.$inferSelect): BankImportJob {
  return {
    id: row.id,
    status: row.status,
    files: row.files,
    progress: row.progress ?? undefined,
    reports: (row.reports ?? undefined) as FileReport[] | undefined,
    createdAt: row.createdAt,
    running: row.status === 'queued' || row.status === 'running',
  };
}

/** Stores the files and queues their import; returns the job's id. */
export async function queueStatementImport(
  db: Db,
  {
    actor,
    files,
    encoding,
    now,
  }: { actor: Actor; files: StatementFile[]; encoding: BankEncoding | undefined; now: Date },
): Promise<number> {
  const sizes = await Promise.all(
    files.map(async (f) => ('bytes' in f ? f.bytes.byteLength : (await stat(f.path)).size)),
  );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bankImports)
      .values({
        organizationId: actor.organizationId,
        accountId: actor.actorAccountId ?? 0,
        actorLabel: actor.actorLabel ?? '',
        origin: actor.origin ?? null,
        encoding: encoding ?? null,
        files: files.map((f, i) => ({ name: f.name, bytes: sizes[i] ?? 0 })),
        status: 'queued',
        progress: { filesDone: 0, files: files.length, current: '', entries: 0 },
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: bankImports.id });
    if (!row) throw new Error('insert returned no row');
    for (const [seq, file] of files.entries()) {
      let piece = 0;
      for await (const data of piecesOf(file)) {
        await tx.insert(bankImportFiles).values({ importId: row.id, seq, piece, name: file.name, data });
        piece++;
      }
    }
    return row.id;
  });
}

/** Bytes of a file per stored piece. */
const PIECE_BYTES = 1024 * 1024;

/** A file's bytes in pieces (at least one, maybe empty), read from disk a piece at a time. */
async function* piecesOf(file: StatementFile): AsyncGenerator<Buffer> {
  if ('bytes' in file) {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    for (let i = 0; i === 0 || i < bytes.byteLength; i += PIECE_BYTES) yield bytes.subarray(i, i + PIECE_BYTES);
    return;
  }
  const handle = await open(file.path, 'r');
  try {
    for (let piece = 0; ; piece++) {
      const buffer = Buffer.alloc(PIECE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PIECE_BYTES, null);
      // An empty file is still one (empty) piece: piece 0 names the file.
      if (bytesRead === 0 && piece > 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Writes a job's stored file to a private temporary file in `dir`, a piece at a time; returns its path. */
async function storedFileToDisk(db: Db, { importId, seq, dir }: { importId: number; seq: number; dir: string }) {
  const path = join(dir, String(seq));
  const handle = await open(path, PRIVATE_FILE.flags, PRIVATE_FILE.mode);
  try {
    for (let piece = 0; ; piece++) {
      const [row] = await db
        .select({ data: bankImportFiles.data })
        .from(bankImportFiles)
        .where(
          and(eq(bankImportFiles.importId, importId), eq(bankImportFiles.seq, seq), eq(bankImportFiles.piece, piece)),
        );
      if (!row) break;
      await handle.write(row.data);
    }
  } finally {
    await handle.close();
  }
  return path;
}

export async function findImportJob(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<BankImportJob | undefined> {
  const rows = await db
    .select()
    .from(bankImports)
    .where(and(eq(bankImports.organizationId, organizationId), eq(bankImports.id, id)));
  return rows[0] ? toJob(rows[0]) : undefined;
}

/** The organization's latest background imports, newest first. */
export async function listImportJobs(
  db: Db,
  { organizationId, limit = 5 }: { organizationId: number; limit?: number },
): Promise<BankImportJob[]> {
  const rows = await db
    .select()
    .from(bankImports)
    .where(eq(bankImports.organizationId, organizationId))
    .orderBy(desc(bankImports.createdAt), desc(bankImports.id))
    .limit(limit);
  return rows.map(toJob);
}

async function claimJob(db: Db, { now }: { now: Date }) {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`update bank_imports set status = 'running', locked_until = ${new Date(now.getTime() + LOCK_MS)},
               attempts = attempts + 1, updated_at = ${now}
        where id = (select id from bank_imports
                    where status in ('queued', 'running') and (locked_until is null or locked_until < ${now})
                    order by id limit 1 for update skip locked)
        returning id`,
  );
  if (!rows[0]) return undefined;
  const [row] = await db
    .select()
    .from(bankImports)
    .where(eq(bankImports.id, Number(rows[0].id)));
  return row;
}

async function finishJob(
  db: Db,
  { id, status, reports, now }: { id: number; status: BankImportStatus; reports: FileReport[]; now: Date },
): Promise<void> {
  await db
    .update(bankImports)
    .set({ status, reports, lockedUntil: null, updatedAt: now })
    .where(eq(bankImports.id, id));
  await db.delete(bankImportFiles).where(eq(bankImportFiles.importId, id));
}

export interface BankImportJobOptions {
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  clock?: () => Date;
  signal?: AbortSignal | undefined;
}

/** Runs every queued import, one after another; returns how many ran. */
export async function runBankImportJobs(db: Db, options: BankImportJobOptions): Promise<number> {
  const clock = options.clock ?? (() => new Date());
  let ran = 0;
  for (;;) {
    if (options.signal?.aborted) return ran;
    const row = await claimJob(db, { now: clock() });
    if (!row) return ran;
    ran++;
    try {
      const organization = await findOrganizationById(db, { organizationId: row.organizationId });
      if (!organization) throw new Error(`bank import ${row.id}: no organization`);
      const stored = await db
        .select({ seq: bankImportFiles.seq, name: bankImportFiles.name })
        .from(bankImportFiles)
        .where(and(eq(bankImportFiles.importId, row.id), eq(bankImportFiles.piece, 0)))
        .orderBy(bankImportFiles.seq);
      // The files go back to private temporary files, removed afterwards whatever happened, and
      // are read from there (a large one by its reading thread).
      const reports = await withTempDir(async (dir) => {
        const files: StatementFile[] = [];
        for (const f of stored) {
          files.push({ name: f.name, path: await storedFileToDisk(db, { importId: row.id, seq: f.seq, dir }) });
        }
        return importStatements(db, {
          actor: {
            organizationId: row.organizationId,
            actorAccountId: row.accountId || null,
            actorLabel: row.actorLabel,
            origin: row.origin ?? undefined,
          },
          organization,
          files,
          encoding: (row.encoding ?? undefined) as BankEncoding | undefined,
          // Between files, outside their transactions: the page shows how far the job is.
          onProgress: async (progress) => {
            await db
              .update(bankImports)
              .set({ progress, lockedUntil: new Date(clock().getTime() + LOCK_MS), updatedAt: clock() })
              .where(eq(bankImports.id, row.id));
          },
        });
      }, 'osiedle-bank-');
      await finishJob(db, { id: row.id, status: 'done', reports, now: clock() });
      options.log.info({ bankImportId: row.id }, 'bank statement import job done');
    } catch (error) {
      options.log.error(
        { err: error, bankImportId: row.id, attempts: row.attempts },
        'bank statement import job failed',
      );
      if (row.attempts >= ATTEMPTS) {
        await finishJob(db, {
          id: row.id,
          status: 'failed',
          reports: row.files.map((f) => ({
            file: f.name,
            format: undefined,
            error: `Plik ${f.name}: nie udało się go przetworzyć z powodu błędu serwera. Spróbuj wczytać go ponownie później.`,
            statements: [],
          })),
          now: clock(),
        });
      } else {
        await db
          .update(bankImports)
          .set({ lockedUntil: new Date(clock().getTime() + RETRY_MS) })
          .where(eq(bankImports.id, row.id));
      }
    }
  }
}

/** Polls for queued statement imports until stopped; every process may run one. */
export function startBankImportWorker(
  db: Db,
  options: BankImportJobOptions & { intervalMs?: number },
): { stop(): Promise<void> } {
  return startPolling({
    pass: (signal) => runBankImportJobs(db, { ...options, signal }),
    intervalMs: options.intervalMs ?? 2000,
    log: options.log,
    failureMessage: 'bank import worker pass failed',
  });
}
