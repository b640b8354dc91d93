import { and, asc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { deleteFileById, findFilesByIds, storeFile } from '../../files/store.ts';
import { fieldErrorsFromZod, parseInput } from '../../lib/field-errors.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { UNDECIDED_DAYS } from '../activation/remote.ts';
import { checkScan } from '../activation/scans.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { findPerson } from '../units/queries.ts';
import { requestConsent } from './consents.ts';
import { consentEmail, type MemberScanForm, type PublicScanForm } from './forms.ts';
import type { MailSettings } from './mail.ts';
import { consentScans } from './schema.ts';

export type ConsentScan = typeof consentScans.$inferSelect;

/** Scans keep the address in lower case: a second declaration with it is recognized. */
const email = consentEmail.transform((v) => v.toLowerCase());

/**
 * A scan's bytes, checked by content as remote activation's are (PDF, JPEG, PNG, ≤ 10 MB); a
 * form with two files names the one a message is about.
 */
async function checkedScan(field: string, data: Buffer | undefined, errors: FieldError[], label?: string) {
  const checked = await checkScan(field, data);
  if ('error' in checked) {
    const { message } = checked.error;
    errors.push({ field, message: label ? `${label} — ${message[0]?.toLowerCase()}${message.slice(1)}` : message });
  }
}

/** A signed-in member sends the signed declaration as a scan for staff to check. */
export async function submitConsentScan(
  db: Db,
  {
    organizationId,
    personId,
    form,
    now,
  }: { organizationId: number; personId: number; form: MemberScanForm; now: Date },
): Promise<ConsentScan> {
  const parsed = z.object({ scanEmail: email }).safeParse(form);
  const errors = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  const upload = form.file;
  await checkedScan('file', upload?.data, errors);
  if (!parsed.success || errors.length || !upload) throw new ValidationError(errors);
  return db.transaction(async (tx) => {
    const file = await storeFile(tx, { organizationId, upload, owner: { private: true } });
    const [scan] = await tx
      .insert(consentScans)
      .values({
        organizationId,
        source: 'ebok',
        personId,
        email: parsed.data.scanEmail,
        fileId: file.id,
        fileName: file.name,
        createdAt: now,
      })
      .returning();
    if (!scan) throw new Error('insert returned no row');
    return scan;
  });
}

const publicScanInput = z.object({
  imie: z.string().trim().min(2, 'Podaj imię.').max(100, 'Imię jest za długie.'),
  nazwisko: z.string().trim().min(2, 'Podaj nazwisko.').max(100, 'Nazwisko jest za długie.'),
  adres: z.string().trim().min(5, 'Podaj adres lokalu, np. ul. Paderewskiego 65/12.').max(200, 'Adres jest za długi.'),
  email,
});

/**
 * Someone without an e-BOK account sends the signed declaration and their ID as scans from the
 * public site. Nothing is stored unless everything is valid. Staff match the person in the
 * register; as for every consent, the address is then confirmed by a link before it counts.
 */
export async function submitPublicConsentScan(
  db: Db,
  { organization, form, now }: { organization: Organization; form: PublicScanForm; now: Date },
): Promise<ConsentScan> {
  const parsed = publicScanInput.safeParse(form);
  const errors = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  const { oswiadczenie: declaration, dowod: idScan } = form;
  await checkedScan('oswiadczenie', declaration?.data, errors, 'Skan oświadczenia');
  await checkedScan('dowod', idScan?.data, errors, 'Skan dowodu osobistego');
  if (!parsed.success || errors.length || !declaration || !idScan) throw new ValidationError(errors);
  const data = parsed.data;
  const waiting = await db
    .select({ id: consentScans.id })
    .from(consentScans)
    .where(
      and(
        eq(consentScans.organizationId, organization.id),
        eq(consentScans.email, data.email),
        eq(consentScans.state, 'pending'),
      ),
    )
    .limit(1);
  if (waiting.length > 0)
    throw new ValidationError([
      {
        field: 'email',
        message: 'Oświadczenie z tym adresem e-mail już czeka na sprawdzenie. Nie trzeba go przesyłać ponownie.',
      },
    ]);
  return db.transaction(async (tx) => {
    const owner = { private: true };
    const file = await storeFile(tx, { organizationId: organization.id, upload: declaration, owner });
    const id = await storeFile(tx, { organizationId: organization.id, upload: idScan, owner });
    const [scan] = await tx
      .insert(consentScans)
      .values({
        organizationId: organization.id,
        source: 'public',
        firstName: data.imie,
        lastName: data.nazwisko,
        unitAddress: data.adres,
        email: data.email,
        fileId: file.id,
        fileName: file.name,
        idFileId: id.id,
        createdAt: now,
      })
      .returning();
    if (!scan) throw new Error('insert returned no row');
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: null,
      action: 'correspondence.scan_submitted',
      subjectType: 'consent_scan',
      subjectId: scan.id,
      detail: { source: 'public' },
      at: now,
    });
    return scan;
  });
}

export async function listPendingScans(db: Db, { organizationId }: { organizationId: number }): Promise<ConsentScan[]> {
  return db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.state, 'pending')))
    .orderBy(asc(consentScans.id));
}

export async function listScansOfPerson(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<ConsentScan[]> {
  return db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.personId, personId)))
    .orderBy(asc(consentScans.id));
}

export async function findScan(
  db: Db,
  { organizationId, scanId }: { organizationId: number; scanId: number },
): Promise<ConsentScan> {
  const rows = await db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.id, scanId)));
  if (!rows[0]) throw new AppError('not_found', 'no such scan');
  return rows[0];
}

/** The bytes of the declaration's or the ID's scan, while the scan waits for a decision. */
export async function scanFile(
  db: Db,
  { scan, which = 'declaration' }: { scan: ConsentScan; which?: 'declaration' | 'id' },
) {
  const fileId = which === 'declaration' ? scan.fileId : scan.idFileId;
  if (!fileId) throw new AppError('not_found', 'scan purged');
  const [file] = await findFilesByIds(db, [fileId]);
  if (!file) throw new AppError('not_found', 'scan purged');
  return file;
}

async function lockPending(
  db: Db,
  { organizationId, scanId }: { organizationId: number; scanId: number },
): Promise<ConsentScan> {
  const rows = await db
    .select()
    .from(consentScans)
    .where(and(eq(consentScans.organizationId, organizationId), eq(consentScans.id, scanId)))
    .for('update');
  const scan = rows[0];
  if (!scan) throw new AppError('not_found', 'no such scan');
  if (scan.state !== 'pending') throw new ValidationError([{ field: '', message: 'Ten skan został już rozpatrzony.' }]);
  return scan;
}

/** Deletes the scan's files: a signature and an ID are kept only until the decision. */
async function purgeFiles(db: Db, scan: ConsentScan) {
  for (const fileId of [scan.fileId, scan.idFileId]) {
    if (fileId) await deleteFileById(db, { organizationId: scan.organizationId, fileId });
  }
}

const decided = { fileId: null, idFileId: null };

/**
 * Staff accept a scan: the consent is recorded (method `scan`) for the scan's person — for the
 * public form, the person staff chose in the register — and, as always, takes effect only once
 * the person clicks the confirmation link sent to the address. The files are deleted.
 */
export async function acceptConsentScan(
  db: Db,
  request: MailSettings & {
    organization: Organization;
    actor: Actor;
    scanId: number;
    textVersion: number;
    /** For the public form: the person staff chose in the register. */
    personId?: number | undefined;
    now: Date;
  },
): Promise<void> {
  const { organization, actor, now } = request;
  await db.transaction(async (tx) => {
    const scan = await lockPending(tx, { organizationId: organization.id, scanId: request.scanId });
    const personId = scan.personId ?? request.personId;
    if (!personId || (!scan.personId && !(await findPerson(tx, { organizationId: organization.id, id: personId }))))
      throw new ValidationError([
        { field: 'personId', message: 'Wybierz z rejestru osobę, która podpisała oświadczenie.' },
      ]);
    await requestConsent(tx, {
      organization,
      actor,
      via: 'office',
      mailFrom: request.mailFrom,
      baseUrl: request.baseUrl,
      personId,
      method: 'scan',
      textVersion: request.textVersion,
      email: scan.email,
      scanId: scan.id,
      now,
    });
    await tx
      .update(consentScans)
      .set({ state: 'accepted', personId, decidedAt: now, decidedByLabel: actor.actorLabel ?? '', ...decided })
      .where(eq(consentScans.id, scan.id));
    await purgeFiles(tx, scan);
  });
}

const rejectInput = z.object({
  reason: z
    .string({ error: 'Podaj powód odrzucenia.' })
    .trim()
    .min(3, 'Podaj powód odrzucenia (np. brak podpisu).')
    .max(500, 'Powód jest za długi.'),
});

/**
 * Staff reject a scan with a reason; the files are deleted. A member sees the reason in e-BOK;
 * someone who used the public form has no account, so the reason goes to the address they gave.
 */
export async function rejectConsentScan(
  db: Db,
  request: Pick<MailSettings, 'mailFrom'> & {
    organization: Organization;
    actor: Actor;
    scanId: number;
    form: { reason?: string | undefined };
    now: Date;
  },
): Promise<void> {
  const { reason } = parseInput(rejectInput, request.form);
  const { organization, actor, now } = request;
  await db.transaction(async (tx) => {
    const scan = await lockPending(tx, { organizationId: organization.id, scanId: request.scanId });
    await tx
      .update(consentScans)
      .set({ state: 'rejected', reason, decidedAt: now, decidedByLabel: actor.actorLabel ?? '', ...decided })
      .where(eq(consentScans.id, scan.id));
    await purgeFiles(tx, scan);
    if (scan.source === 'public') {
      await enqueueMail(tx, {
        organization,
        from: senderFor(organization, request.mailFrom),
        to: scan.email,
        purpose: 'correspondence.scan_rejected',
        now,
        mail: renderMail(organization, {
          subject: 'Oświadczenie o korespondencji elektronicznej nie zostało przyjęte',
          paragraphs: [
            'Nie mogliśmy przyjąć przesłanego skanu oświadczenia o zgodzie na korespondencję elektroniczną.',
            `Powód: ${reason}`,
            'Możesz przesłać oświadczenie ponownie albo złożyć je w biurze z dowodem osobistym. Jeśli oświadczenie nie zostało przesłane przez Ciebie, zignoruj tę wiadomość.',
          ],
        }),
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.scan_rejected',
      subjectType: scan.personId ? 'person' : 'consent_scan',
      subjectId: scan.personId ?? scan.id,
      detail: { scanId: scan.id },
    });
  });
}

/**
 * Scans left undecided for UNDECIDED_DAYS (30, as activation requests): their files are deleted
 * and they leave the queue as expired (RODO). Any number of processes may run it: the rows are locked, others skip them.
 */
export async function purgeStaleConsentScans(db: Db, { now }: { now: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - UNDECIDED_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    const stale = await tx
      .select()
      .from(consentScans)
      .where(and(eq(consentScans.state, 'pending'), lt(consentScans.createdAt, cutoff)))
      .for('update', { skipLocked: true });
    for (const scan of stale) {
      await tx
        .update(consentScans)
        .set({ state: 'expired', decidedAt: now, decidedByLabel: 'usunięty po 30 dniach bez decyzji', ...decided })
        .where(eq(consentScans.id, scan.id));
      await purgeFiles(tx, scan);
    }
    return stale.length;
  });
}
