import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { fieldErrorsFromZod } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { hashToken, isLinkToken, randomToken } from '../../lib/tokens.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import type { Account } from '../accounts/queries.ts';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { isValidPesel } from '../units/rules/pesel.ts';
import { openMemberAccount } from './open-account.ts';
import { checkScan } from './scans.ts';
import { activationRequests } from './schema.ts';

export type ActivationRequest = typeof activationRequests.$inferSelect;

/** How long the e-mail confirmation link works, and how long an undecided request is kept (RODO). */
export const EMAIL_LINK_HOURS = 48;
export const UNDECIDED_DAYS = 30;

/** What a decided or expired request keeps: no scans, no live link. */
const wipeScans = (now: Date) => ({
  formScan: null,
  idScan: null,
  formScanType: null,
  idScanType: null,
  emailTokenHash: null,
  scansDeletedAt: now,
});

const applicationSchema = z.object({
  imie: z.string().trim().min(2, 'Podaj imię.').max(100, 'Imię jest za długie.'),
  nazwisko: z.string().trim().min(2, 'Podaj nazwisko.').max(100, 'Nazwisko jest za długie.'),
  pesel: z
    .string()
    .trim()
    .refine((v) => v === '' || isValidPesel(v), 'Nieprawidłowy numer PESEL: sprawdź cyfry (11 cyfr).')
    .transform((v) => v || null),
  adres: z.string().trim().min(5, 'Podaj adres lokalu, np. ul. Paderewskiego 65/12.').max(200),
  email: z
    .email('Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl.')
    .max(254)
    .transform((v) => v.toLowerCase()),
  telefon: z
    .string()
    .trim()
    .max(30)
    .refine((v) => v === '' || /^[+\d][\d\s-]{6,}$/.test(v), 'Nieprawidłowy numer telefonu.')
    .transform((v) => v || null),
  regulamin: z.literal('tak', { message: 'Zaakceptuj Regulamin usługi e-BOK.' }),
});

export type ApplicationForm = Record<keyof z.input<typeof applicationSchema>, string>;

/**
 * A remote application: the applicant's data and two scans, checked by content. Nothing is
 * stored unless everything is valid. A link confirming the e-mail address is sent at once; staff
 * see the request only after it is clicked.
 */
export async function submitActivationRequest({
  db,
  organization,
  mailFrom,
  baseUrl,
  form,
  formScan,
  idScan,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  mailFrom: string | undefined;
  baseUrl: string;
  form: Partial<ApplicationForm>;
  formScan: Buffer | undefined;
  idScan: Buffer | undefined;
  origin: RequestOrigin;
  now: Date;
}): Promise<ActivationRequest> {
  const parsed = applicationSchema.safeParse(form);
  const errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  const formCheck = await checkScan('formularz', formScan);
  const idCheck = await checkScan('dowod', idScan);
  if ('error' in formCheck) errors.push(formCheck.error);
  if ('error' in idCheck) errors.push(idCheck.error);
  if (!parsed.success || 'error' in formCheck || 'error' in idCheck) throw new ValidationError(errors);
  const data = parsed.data;
  const token = randomToken();
  return db.transaction(async (tx) => {
    // A request whose confirmation link expired unused is over (the applicant is told to apply
    // again): it stops blocking the address and its scans go at once.
    await expireUnconfirmedRequests(tx, organization.id, data.email, now);
    const open = await tx
      .select({ id: activationRequests.id })
      .from(activationRequests)
      .where(
        and(
          eq(activationRequests.organizationId, organization.id),
          eq(activationRequests.email, data.email),
          inArray(activationRequests.status, ['awaiting_email', 'pending']),
        ),
      )
      .limit(1);
    if (open.length > 0) {
      throw new ValidationError([
        {
          field: 'email',
          message: 'Wniosek dla tego adresu e-mail już czeka na rozpatrzenie. Nie trzeba go składać ponownie.',
        },
      ]);
    }
    const rows = await tx
      .insert(activationRequests)
      .values({
        organizationId: organization.id,
        status: 'awaiting_email',
        firstName: data.imie,
        lastName: data.nazwisko,
        pesel: data.pesel,
        unitAddress: data.adres,
        email: data.email,
        phone: data.telefon,
        emailTokenHash: hashToken(token),
        emailTokenExpiresAt: new Date(now.getTime() + EMAIL_LINK_HOURS * 3_600_000),
        formScan: formScan as Buffer,
        formScanType: formCheck.contentType,
        idScan: idScan as Buffer,
        idScanType: idCheck.contentType,
        scanBytes: (formScan?.length ?? 0) + (idScan?.length ?? 0),
        createdAt: now,
      })
      .returning();
    const request = rows[0];
    if (!request) throw new Error('insert returned no row');
    await enqueueMail(tx, {
      organization,
      from: senderFor(organization, mailFrom),
      to: data.email,
      purpose: 'activation.confirm_email',
      now,
      mail: renderMail(organization, {
        subject: 'Potwierdź adres e-mail we wniosku o dostęp do e-BOK',
        paragraphs: [
          'Otrzymaliśmy wniosek o uruchomienie usługi e-BOK z tym adresem e-mail. Aby przekazać go do rozpatrzenia, otwórz poniższy link i potwierdź adres przyciskiem na stronie.',
          `Link jest ważny ${countOf(EMAIL_LINK_HOURS, counted.hours)}. Jeśli ten wniosek nie pochodzi od Ciebie, zignoruj tę wiadomość.`,
        ],
        link: { href: `${baseUrl}/ebok/aktywacja/potwierdz/${token}`, label: 'Potwierdź adres e-mail' },
      }),
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: null,
      action: 'activation.requested',
      subjectType: 'activation_request',
      subjectId: request.id,
      origin,
      detail: { scanBytes: request.scanBytes },
      at: now,
    });
    return request;
  });
}

/** An unconfirmed request whose confirmation link has expired: it can never reach staff. */
const linkExpiredUnconfirmed = (now: Date) =>
  and(eq(activationRequests.status, 'awaiting_email'), lte(activationRequests.emailTokenExpiresAt, now));

async function expireUnconfirmedRequests(db: Db, organizationId: number, email: string, now: Date): Promise<void> {
  await db
    .update(activationRequests)
    .set({ status: 'expired', ...wipeScans(now) })
    .where(
      and(
        eq(activationRequests.organizationId, organizationId),
        eq(activationRequests.email, email),
        linkExpiredUnconfirmed(now),
      ),
    );
}

/** What an e-mail confirmation link can still do: `ready` is a link waiting for its button. */
export type ActivationLinkState = 'ready' | 'already_confirmed' | 'expired' | 'unknown';
export type ConfirmResult = 'confirmed' | Exclude<ActivationLinkState, 'ready'>;

async function requestOfLink(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<{ state: 'ready'; request: ActivationRequest } | { state: Exclude<ActivationLinkState, 'ready'> }> {
  if (!isLinkToken(token)) return { state: 'unknown' };
  const rows = await db
    .select()
    .from(activationRequests)
    .where(
      and(
        eq(activationRequests.organizationId, organizationId),
        eq(activationRequests.emailTokenHash, hashToken(token)),
      ),
    )
    .limit(1);
  const request = rows[0];
  if (!request) return { state: 'unknown' };
  if (request.emailConfirmedAt) return { state: 'already_confirmed' };
  if (request.status !== 'awaiting_email' || !request.emailTokenExpiresAt || request.emailTokenExpiresAt <= now) {
    return { state: 'expired' };
  }
  return { state: 'ready', request };
}

/** What the link from the e-mail would do, changing nothing (a mail scanner may open it). */
export async function activationLinkState(
  db: Db,
  link: { organizationId: number; token: string; now: Date },
): Promise<ActivationLinkState> {
  return (await requestOfLink(db, link)).state;
}

/** The applicant pressed the button behind the link from the e-mail: the request goes to the staff queue. */
export async function confirmActivationEmail({
  db,
  organizationId,
  token,
  now,
}: {
  db: Db;
  organizationId: number;
  token: string;
  now: Date;
}): Promise<ConfirmResult> {
  const link = await requestOfLink(db, { organizationId, token, now });
  if (link.state !== 'ready') return link.state;
  const { request } = link;
  const confirmed = await db
    .update(activationRequests)
    .set({ status: 'pending', emailConfirmedAt: now })
    .where(and(eq(activationRequests.id, request.id), eq(activationRequests.status, 'awaiting_email')))
    .returning({ id: activationRequests.id });
  // Confirmed by another press a moment ago.
  return confirmed.length > 0 ? 'confirmed' : 'already_confirmed';
}

export async function listActivationRequests(db: Db, organizationId: number, status: ActivationRequest['status']) {
  return db
    .select({
      id: activationRequests.id,
      firstName: activationRequests.firstName,
      lastName: activationRequests.lastName,
      unitAddress: activationRequests.unitAddress,
      email: activationRequests.email,
      createdAt: activationRequests.createdAt,
      status: activationRequests.status,
      decidedAt: activationRequests.decidedAt,
    })
    .from(activationRequests)
    .where(and(eq(activationRequests.organizationId, organizationId), eq(activationRequests.status, status)))
    .orderBy(status === 'pending' ? asc(activationRequests.createdAt) : desc(activationRequests.createdAt))
    .limit(200);
}

export async function findActivationRequest(db: Db, organizationId: number, id: number) {
  const rows = await db
    .select()
    .from(activationRequests)
    .where(and(eq(activationRequests.organizationId, organizationId), eq(activationRequests.id, id)))
    .limit(1);
  return rows[0];
}

async function loadPending(db: Db, organizationId: number, id: number): Promise<ActivationRequest> {
  const request = await findActivationRequest(db, organizationId, id);
  if (!request) throw new AppError('not_found', 'no such request');
  if (request.status !== 'pending') {
    throw new ValidationError([{ field: '', message: 'Ten wniosek został już rozpatrzony.' }]);
  }
  return request;
}

/**
 * Approves a request for a person of the register: opens the account and e-mails the login and
 * the starting password in two separate messages, as the announcement promises. The scans are
 * deleted in the same transaction.
 */
export async function approveActivationRequest({
  db,
  organization,
  mailFrom,
  baseUrl,
  requestId,
  personId,
  documentType,
  termsVersion,
  actor,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  mailFrom: string | undefined;
  baseUrl: string;
  requestId: number;
  personId: number;
  documentType: string;
  termsVersion: number | null;
  actor: Account;
  origin: RequestOrigin;
  now: Date;
}) {
  const request = await loadPending(db, organization.id, requestId);
  return db.transaction(async (tx) => {
    const opened = await openMemberAccount({
      db: tx,
      organization,
      personId,
      contact: { email: request.email, phone: request.phone ?? '' },
      verification: { method: 'remote', documentType, formSigned: true, termsVersion },
      actor,
      origin,
      now,
    });
    const from = senderFor(organization, mailFrom);
    const expires = formatDateTime(opened.account.passwordExpiresAt as Date);
    await enqueueMail(tx, {
      organization,
      from,
      to: request.email,
      purpose: 'activation.login',
      now,
      mail: renderMail(organization, {
        subject: 'e-BOK: Twój login',
        paragraphs: [
          'Twój wniosek o dostęp do e-BOK został rozpatrzony pozytywnie. Poniżej login do e-BOK; hasło startowe wysyłamy w osobnej wiadomości.',
        ],
        highlight: [`Login: ${opened.account.login}`],
        link: { href: `${baseUrl}/ebok`, label: 'Zaloguj się do e-BOK' },
      }),
    });
    await enqueueMail(tx, {
      organization,
      from,
      to: request.email,
      purpose: 'activation.password',
      sensitive: true,
      now,
      mail: renderMail(organization, {
        subject: 'e-BOK: hasło startowe',
        paragraphs: [
          'To jest hasło startowe do e-BOK (login wysłaliśmy w osobnej wiadomości). Przy pierwszym logowaniu trzeba ustawić własne hasło.',
          `Hasło startowe działa jeden raz i wygasa ${expires}.`,
        ],
        highlight: [`Hasło startowe: ${opened.temporaryPassword}`],
      }),
    });
    await tx
      .update(activationRequests)
      .set({
        status: 'approved',
        personId,
        accountId: opened.account.id,
        decidedBy: actor.id,
        decidedAt: now,
        ...wipeScans(now),
      })
      .where(eq(activationRequests.id, request.id));
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: actor.id,
      action: 'activation.approved',
      subjectType: 'activation_request',
      subjectId: request.id,
      origin,
      detail: { personId, accountId: opened.account.id },
      at: now,
    });
    return opened;
  });
}

export async function rejectActivationRequest({
  db,
  organization,
  mailFrom,
  requestId,
  reason,
  actor,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  mailFrom: string | undefined;
  requestId: number;
  reason: string;
  actor: Account;
  origin: RequestOrigin;
  now: Date;
}): Promise<void> {
  const text = reason.trim();
  if (text.length < 5 || text.length > 1000) {
    throw new ValidationError([
      { field: 'powod', message: 'Podaj powód odrzucenia (od 5 do 1000 znaków): otrzyma go wnioskodawca.' },
    ]);
  }
  const request = await loadPending(db, organization.id, requestId);
  await db.transaction(async (tx) => {
    await tx
      .update(activationRequests)
      .set({ status: 'rejected', decidedBy: actor.id, decidedAt: now, decisionReason: text, ...wipeScans(now) })
      .where(eq(activationRequests.id, request.id));
    await enqueueMail(tx, {
      organization,
      from: senderFor(organization, mailFrom),
      to: request.email,
      purpose: 'activation.rejected',
      now,
      mail: renderMail(organization, {
        subject: 'e-BOK: wniosek o dostęp nie został przyjęty',
        paragraphs: [
          'Niestety nie mogliśmy uruchomić dla Ciebie usługi e-BOK na podstawie przesłanego wniosku.',
          `Powód: ${text}`,
          'Możesz złożyć nowy wniosek albo przyjść do biura Spółdzielni z dowodem osobistym.',
        ],
      }),
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: actor.id,
      action: 'activation.rejected',
      subjectType: 'activation_request',
      subjectId: request.id,
      origin,
      detail: { reason: text },
      at: now,
    });
  });
}

/**
 * Deletes the scans of requests that will never be decided (RODO): unconfirmed ones once their
 * link has expired, and any left undecided for 30 days. Returns how many.
 */
export async function purgeStaleActivationRequests(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - UNDECIDED_DAYS * 86_400_000);
  const rows = await db
    .update(activationRequests)
    .set({ status: 'expired', ...wipeScans(now) })
    .where(
      or(
        and(
          inArray(activationRequests.status, ['awaiting_email', 'pending']),
          lt(activationRequests.createdAt, cutoff),
        ),
        linkExpiredUnconfirmed(now),
      ),
    )
    .returning({ id: activationRequests.id });
  return rows.length;
}

/** The scan's bytes for staff, while the request is undecided. */
export async function activationScan(db: Db, organizationId: number, id: number, which: 'formularz' | 'dowod') {
  const request = await findActivationRequest(db, organizationId, id);
  if (!request) return undefined;
  const data = which === 'formularz' ? request.formScan : request.idScan;
  const type = which === 'formularz' ? request.formScanType : request.idScanType;
  return data && type ? { data, contentType: type } : undefined;
}

/** Bytes of scans still stored for an organization (tests and the queue page show it). */
export async function storedScanBytes(db: Db, organizationId: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(sum(coalesce(length(form_scan), 0) + coalesce(length(id_scan), 0)), 0)::int` })
    .from(activationRequests)
    .where(eq(activationRequests.organizationId, organizationId));
  return rows[0]?.n ?? 0;
}
