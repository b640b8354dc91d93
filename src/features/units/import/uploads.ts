/**
 * Register imports uploaded in /panel: the preview stores the file and its report in the
 * database; the confirmation (perhaps served by another process) reads the file back and applies
 * it in one transaction. Nothing is kept in memory or on local disk between the two steps.
 */
import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { Actor, AuditWriter } from '../audit.ts';
import { type RegisterImportStatus, registerImports } from '../schema.ts';
import { type ImportReport, importRegister } from './import-register.ts';

export interface RegisterImport {
  id: number;
  fileName: string;
  status: RegisterImportStatus;
  report: ImportReport;
  createdAt: Date;
  /** Whether the stored file can still be applied. */
  canApply: boolean;
}

/** How long an uploaded file waits for its confirmation. */
export const IMPORT_KEEP_MS = 24 * 60 * 60 * 1000;

const failed = (report: ImportReport) => report.fileErrors.length > 0 || report.errors.length > 0;

function toImport(row: typeof registerImports.$inferSelect, now: Date): RegisterImport {
  const report = row.report as ImportReport;
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    report,
    createdAt: row.createdAt,
    canApply: row.status === 'previewed' && now.getTime() - row.createdAt.getTime() < IMPORT_KEEP_MS,
  };
}

/** Drops the bytes of files left unconfirmed for a day (any process may do it, any time). */
export async function purgeStaleImports(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(registerImports)
    .set({
      bytes: null,
      status: sql`case when ${registerImports.status} = 'previewed' then 'expired' else ${registerImports.status} end`,
      updatedAt: now,
    })
    .where(
      and(isNotNull(registerImports.bytes), lt(registerImports.createdAt, new Date(now.getTime() - IMPORT_KEEP_MS))),
    )
    .returning({ id: registerImports.id });
  return rows.length;
}

/**
 * Checks an uploaded file against the register without writing to it, and stores the file and
 * its report. The file is kept only when it could be applied (no errors, something to change).
 */
export async function previewUpload({
  db,
  organizationId,
  accountId,
  actor,
  fileName,
  bytes,
  maxBytes,
  now,
}: {
  db: Db;
  organizationId: number;
  accountId: number;
  actor: Actor;
  fileName: string;
  bytes: Buffer;
  maxBytes: number;
  now: Date;
}): Promise<RegisterImport> {
  await purgeStaleImports(db, now);
  const report = await importRegister({
    db,
    organizationId,
    actor,
    audit: async () => {},
    source: { bytes, name: fileName },
    dryRun: true,
    maxBytes,
  });
  const status: RegisterImportStatus = failed(report) ? 'rejected' : report.unchanged ? 'unchanged' : 'previewed';
  const rows = await db
    .insert(registerImports)
    .values({
      organizationId,
      accountId,
      fileName: fileName.slice(0, 200),
      status,
      bytes: status === 'previewed' ? bytes : null,
      report,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toImport(rows[0] as typeof registerImports.$inferSelect, now);
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
 * Applies a previewed file: claims it (so a double click applies it once), imports it whole or
 * not at all, records the outcome and drops the bytes, all in one transaction.
 */
export async function confirmImport({
  db,
  organizationId,
  id,
  actor,
  audit,
  maxBytes,
  now,
}: {
  db: Db;
  organizationId: number;
  id: number;
  actor: Actor;
  audit: AuditWriter;
  maxBytes: number;
  now: Date;
}): Promise<RegisterImport> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(registerImports)
      .set({ status: 'failed', updatedAt: now })
      .where(
        and(
          eq(registerImports.organizationId, organizationId),
          eq(registerImports.id, id),
          eq(registerImports.status, 'previewed'),
          isNotNull(registerImports.bytes),
          sql`${registerImports.createdAt} > ${new Date(now.getTime() - IMPORT_KEEP_MS)}`,
        ),
      )
      .returning();
    const row = claimed[0];
    if (!row?.bytes) {
      const existing = await findImport(tx, { organizationId, id, now });
      if (!existing) throw new AppError('not_found', 'Nie ma takiego importu.');
      throw new AppError('conflict', 'Tego pliku nie można już zapisać.');
    }
    const report = await importRegister({
      db: tx,
      organizationId,
      actor,
      audit,
      source: { bytes: row.bytes, name: row.fileName },
      maxBytes,
    });
    const status: RegisterImportStatus = failed(report) ? 'failed' : report.applied ? 'applied' : 'unchanged';
    const updated = await tx
      .update(registerImports)
      .set({ status, bytes: null, report, updatedAt: now })
      .where(eq(registerImports.id, row.id))
      .returning();
    return toImport(updated[0] as typeof registerImports.$inferSelect, now);
  });
}
