/**
 * Remote applications for e-BOK: the form with two scans, the e-mail link that confirms the
 * address, and staff's decision (an account opened, or a refusal with its reason).
 */
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { fieldErrorsFromZod } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { hashToken, isLinkToken, randomToken } from '../../lib/tokens.ts';
import { renderMail } from '../../mail/templates.tsx';
import { findAccount } from '../accounts/queries.ts';
import { type Actor, type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { enqueueMail, senderFor } from '../outbox/outbox.ts';
import { isValidPesel } from '../units/person-lookup.ts';
import { openMemberAccount } from './open-account.ts';
import {
  type ActivationRequest,
  decideRequest,
  expireStaleRequests,
  expireUnconfirmedRequests,
  findActivationRequest,
  findRequestOfLink,
  hasOpenRequest,
  insertActivationRequest,
  markEmailConfirmed,
} from './requests.ts';
import { checkScan } from './scans.ts';

export type { ActivationRequest } from './requests.ts';

/** How long the e-mail confirmation link works, and how long an undecided request is kept (RODO). */
export const EMAIL_LINK_HOURS = 48;
export const UNDECIDED_DAYS = 30;

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
export async function submitActivationRequest(
  db: Db,
  {
    organization,
    mailFrom,
    baseUrl,
    form,
    formScan,
    idScan,
    origin,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    baseUrl: string;
    form: Partial<ApplicationForm>;
    formScan: Buffer | undefined;
    idScan: Buffer | undefined;
    origin: RequestOrigin;
    now: Date;
  },
): Promise<ActivationRequest> {
  const parsed = applicationSchema.safeParse(form);
  const errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  const formCheck = await checkScan('formularz', formScan);
  const idCheck = await checkScan('dowod', idScan);
  if ('error' in formCheck) errors.push(formCheck.error);
  if ('error' in idCheck) errors.push(idCheck.error);
  if (!parsed.success || 'error' in formCheck || 'error' in idCheck || !formScan || !idScan) {
    throw new ValidationError(errors);
  }
  const data = parsed.data;
  const token = randomToken();
  return db.transaction(async (tx) => {
    // A request whose confirmation link expired unused is over (the applicant is told to apply
    // again): it stops blocking the address and its scans go at once.
    await expireUnconfirmedRequests(tx, { organizationId: organization.id, email: data.email, now });
    if (await hasOpenRequest(tx, { organizationId: organization.id, email: data.email })) {
      throw new ValidationError([
        {
          field: 'email',
          message: 'Wniosek dla tego adresu e-mail już czeka na rozpatrzenie. Nie trzeba go składać ponownie.',
        },
      ]);
    }
    const request = await insertActivationRequest(tx, {
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
      formScan,
      formScanType: formCheck.contentType,
      idScan,
      idScanType: idCheck.contentType,
      scanBytes: formScan.length + idScan.length,
      createdAt: now,
    });
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

/** What an e-mail confirmation link can still do: `ready` is a link waiting for its button. */
export type ActivationLinkState = 'ready' | 'already_confirmed' | 'expired' | 'unknown';
export type ConfirmResult = 'confirmed' | Exclude<ActivationLinkState, 'ready'>;

async function requestOfLink(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<{ state: 'ready'; request: ActivationRequest } | { state: Exclude<ActivationLinkState, 'ready'> }> {
  if (!isLinkToken(token)) return { state: 'unknown' };
  const request = await findRequestOfLink(db, { organizationId, token });
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
export async function confirmActivationEmail(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<ConfirmResult> {
  const link = await requestOfLink(db, { organizationId, token, now });
  if (link.state !== 'ready') return link.state;
  // Confirmed by another press a moment ago when not moved now.
  return (await markEmailConfirmed(db, { id: link.request.id, now })) ? 'confirmed' : 'already_confirmed';
}

async function loadPending(db: Db, { organizationId, id }: { organizationId: number; id: number }) {
  const request = await findActivationRequest(db, { organizationId, id });
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
export async function approveActivationRequest(
  db: Db,
  {
    organization,
    mailFrom,
    baseUrl,
    requestId,
    personId,
    documentType,
    termsVersion,
    actor,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    baseUrl: string;
    requestId: number;
    personId: number;
    documentType: string;
    termsVersion: number | null;
    /** The staff member deciding. */
    actor: Actor;
    now: Date;
  },
) {
  const request = await loadPending(db, { organizationId: organization.id, id: requestId });
  return db.transaction(async (tx) => {
    const opened = await openMemberAccount(tx, {
      organization,
      personId,
      contact: { email: request.email, phone: request.phone ?? '' },
      verification: { method: 'remote', documentType, formSigned: true, termsVersion },
      actor,
      now,
    });
    const from = senderFor(organization, mailFrom);
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
          `Hasło startowe działa jeden raz i wygasa ${formatDateTime(opened.expiresAt)}.`,
        ],
        highlight: [`Hasło startowe: ${opened.temporaryPassword}`],
      }),
    });
    await decideRequest(tx, {
      id: request.id,
      now,
      decision: { status: 'approved', personId, accountId: opened.account.id, decidedBy: actor.actorAccountId },
    });
    await recordAudit(tx, {
      ...actor,
      action: 'activation.approved',
      subjectType: 'activation_request',
      subjectId: request.id,
      detail: { personId, accountId: opened.account.id },
      at: now,
    });
    return opened;
  });
}

export async function rejectActivationRequest(
  db: Db,
  {
    organization,
    mailFrom,
    requestId,
    reason,
    actor,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    requestId: number;
    reason: string;
    /** The staff member deciding. */
    actor: Actor;
    now: Date;
  },
): Promise<void> {
  const text = reason.trim();
  if (text.length < 5 || text.length > 1000) {
    throw new ValidationError([
      { field: 'powod', message: 'Podaj powód odrzucenia (od 5 do 1000 znaków): otrzyma go wnioskodawca.' },
    ]);
  }
  const request = await loadPending(db, { organizationId: organization.id, id: requestId });
  await db.transaction(async (tx) => {
    await decideRequest(tx, {
      id: request.id,
      now,
      decision: { status: 'rejected', decisionReason: text, decidedBy: actor.actorAccountId },
    });
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
      ...actor,
      action: 'activation.rejected',
      subjectType: 'activation_request',
      subjectId: request.id,
      detail: { reason: text },
      at: now,
    });
  });
}

/**
 * Deletes the scans of requests that will never be decided (RODO): unconfirmed ones once their
 * link has expired, and any left undecided for 30 days. Returns how many.
 */
export async function purgeStaleActivationRequests(db: Db, { now }: { now: Date }): Promise<number> {
  return expireStaleRequests(db, { now, undecidedDays: UNDECIDED_DAYS });
}

/** The scan's bytes for staff, while the request is undecided. */
export async function activationScan(
  db: Db,
  { organizationId, id, which }: { organizationId: number; id: number; which: 'formularz' | 'dowod' },
): Promise<{ data: Buffer; contentType: string } | undefined> {
  const request = await findActivationRequest(db, { organizationId, id });
  if (!request) return undefined;
  const data = which === 'formularz' ? request.formScan : request.idScan;
  const type = which === 'formularz' ? request.formScanType : request.idScanType;
  return data && type ? { data, contentType: type } : undefined;
}

/**
 * What the queue says after a decision, read from the decided request itself: "Wniosek zatwierdzony
 * — login pkowalczyk wysłany na adres …" (the generated login shown to the clerk), or the rejection.
 */
export async function decisionNotice(
  db: Db,
  {
    organizationId,
    zatwierdzono,
    odrzucono,
  }: { organizationId: number; zatwierdzono?: number | undefined; odrzucono?: number | undefined },
): Promise<string | undefined> {
  const id = zatwierdzono ?? odrzucono;
  if (id === undefined) return undefined;
  const decided = await findActivationRequest(db, { organizationId, id });
  if (!decided) return undefined;
  const name = `${decided.firstName} ${decided.lastName}`;
  if (zatwierdzono !== undefined && decided.status === 'approved' && decided.accountId) {
    const account = await findAccount(db, { organizationId, id: decided.accountId });
    if (!account) return undefined;
    return `Wniosek zatwierdzony (${name}) — login ${account.login} wysłany na adres ${decided.email}; hasło startowe w osobnej wiadomości.`;
  }
  if (odrzucono !== undefined && decided.status === 'rejected') {
    return `Wniosek odrzucony (${name}) — uzasadnienie wysłane na adres ${decided.email}.`;
  }
  return undefined;
}
