import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { recordAudit } from '../audit/audit.ts';
import {
  deleteFileById,
  detectAllowedType,
  type FileUpload,
  findFilesByIds,
  formatFileSize,
  storeFile,
} from '../site/files.ts';
import { type ConsentContext, requestConsent } from './consents.ts';
import { consentScans } from './schema.ts';

export type ConsentScan = typeof consentScans.$inferSelect;

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

const scanInput = z.object({
  email: z
    .string({ error: 'Podaj adres e-mail.' })
    .trim()
    .min(1, 'Podaj adres e-mail.')
    .max(254, 'Adres e-mail jest za długi.')
    .pipe(z.email('Podaj poprawny adres e-mail, np. jan.kowalski@example.com.')),
});

/** A member sends the signed declaration as a scan (PDF, JPG or PNG, at most 10 MB) for staff to check. */
export async function submitConsentScan({
  db,
  organizationId,
  personId,
  input,
  upload,
  now,
}: {
  db: Db;
  organizationId: number;
  personId: number;
  input: { email?: string | undefined };
  upload: FileUpload;
  now: Date;
}): Promise<ConsentScan> {
  const { email } = parseInput(scanInput, input);
  if (upload.data.length === 0)
    throw new ValidationError([{ field: 'file', message: 'Wybierz plik ze skanem oświadczenia.' }]);
  if (upload.data.length > MAX_SCAN_BYTES) {
    throw new ValidationError([
      {
        field: 'file',
        message: `Plik jest za duży (${formatFileSize(upload.data.length)}); największy dozwolony rozmiar to 10 MB.`,
      },
    ]);
  }
  const type = await detectAllowedType(upload.data, upload.fileName);
  if (!type || !SCAN_TYPES.includes(type)) {
    throw new ValidationError([{ field: 'file', message: 'Prześlij skan jako plik PDF, JPG lub PNG.' }]);
  }
  return db.transaction(async (tx) => {
    const file = await storeFile(tx, { organizationId, upload, owner: { private: true } });
    const [scan] = await tx
      .insert(consentScans)
      .values({ organizationId, personId, email, fileId: file.id, fileName: file.name, createdAt: now })
      .returning();
    if (!scan) throw new Error('insert returned no row');
    return scan;
  });
}

export async function listPendingScans(db: Db, organizationId: number): Promise<ConsentScan[]> {
  return db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.state, 'pending')))
    .orderBy(asc(consentScans.id));
}

export async function listScansOfPerson(db: Db, organizationId: number, personId: number): Promise<ConsentScan[]> {
  return db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.personId, personId)))
    .orderBy(asc(consentScans.id));
}

export async function findScan(db: Db, organizationId: number, id: number): Promise<ConsentScan> {
  const rows = await db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.id, id)));
  if (!rows[0]) throw new AppError('not_found', 'no such scan');
  return rows[0];
}

/** The scan's bytes, while it waits for a decision. */
export async function scanFile(db: Db, scan: ConsentScan) {
  if (!scan.fileId) throw new AppError('not_found', 'scan purged');
  const [file] = await findFilesByIds(db, [scan.fileId]);
  if (!file) throw new AppError('not_found', 'scan purged');
  return file;
}

async function lockPending(db: Db, organizationId: number, id: number): Promise<ConsentScan> {
  const rows = await db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.id, id)))
    .for('update');
  const scan = rows[0];
  if (!scan) throw new AppError('not_found', 'no such scan');
  if (scan.state !== 'pending') throw new ValidationError([{ field: '', message: 'Ten skan został już rozpatrzony.' }]);
  return scan;
}

/** Purges the file: a scan of a signature is kept only until the decision. */
async function purge(db: Db, scan: ConsentScan) {
  if (scan.fileId) await deleteFileById(db, { organizationId: scan.organizationId, fileId: scan.fileId });
}

/**
 * Staff accept a scan: the consent is recorded (method `scan`) and, as always, takes effect only
 * once the person clicks the confirmation link sent to the address.
 */
export async function acceptConsentScan(
  context: ConsentContext & { scanId: number; textVersion: number },
): Promise<void> {
  await context.db.transaction(async (tx) => {
    const scan = await lockPending(tx, context.organization.id, context.scanId);
    await requestConsent({
      ...context,
      db: tx,
      personId: scan.personId,
      method: 'scan',
      textVersion: context.textVersion,
      input: { email: scan.email },
      scanId: scan.id,
    });
    await tx
      .update(consentScans)
      .set({ state: 'accepted', decidedAt: context.now, decidedByLabel: context.actor.label, fileId: null })
      .where(eq(consentScans.id, scan.id));
    await purge(tx, scan);
  });
}

const rejectInput = z.object({
  reason: z
    .string({ error: 'Podaj powód odrzucenia.' })
    .trim()
    .min(3, 'Podaj powód odrzucenia (np. brak podpisu).')
    .max(500, 'Powód jest za długi.'),
});

export async function rejectConsentScan(
  context: Pick<ConsentContext, 'db' | 'organization' | 'actor' | 'now' | 'origin'> & {
    scanId: number;
    input: { reason?: string | undefined };
  },
): Promise<void> {
  const { reason } = parseInput(rejectInput, context.input);
  await context.db.transaction(async (tx) => {
    const scan = await lockPending(tx, context.organization.id, context.scanId);
    await tx
      .update(consentScans)
      .set({ state: 'rejected', reason, decidedAt: context.now, decidedByLabel: context.actor.label, fileId: null })
      .where(eq(consentScans.id, scan.id));
    await purge(tx, scan);
    await recordAudit(tx, {
      organizationId: context.organization.id,
      actorAccountId: context.actor.accountId,
      action: 'correspondence.scan_rejected',
      subjectType: 'person',
      subjectId: scan.personId,
      origin: context.origin,
      detail: { scanId: scan.id },
    });
  });
}
