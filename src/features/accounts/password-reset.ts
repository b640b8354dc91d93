/**
 * New passwords for members who forgot theirs: the request ("Nie pamiętam hasła"), staff's answer
 * (a new starting password by e-mail or at the desk) and, where the organization allows it, a
 * single-use link that lets the member set a new password alone.
 */
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { randomToken } from '../../lib/tokens.ts';
import { renderMail } from '../../mail/templates.tsx';
import { type Actor, type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { enqueueMail, senderFor } from '../outbox/outbox.ts';
import { passwordContext } from './account-settings.ts';
import { findUnusedLink, insertEmailToken, useLink } from './email-tokens.ts';
import { type DocumentType, insertIdentityVerification, isDocumentType } from './identity.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword } from './passwords.ts';
import {
  type Account,
  deleteSessionsOfAccount,
  findAccount,
  findMemberByLoginOrEmail,
  updateAccount,
} from './queries.ts';
import {
  dismissPendingResetRequest,
  hasPendingResetRequest,
  insertResetRequest,
  markResetRequestDone,
} from './reset-requests.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from './temporary-password.ts';

export const SELF_RESET_MINUTES = 30;

/**
 * "I forgot my password": always the same outcome for the caller. A request goes to the staff
 * queue; with the organization's self-service setting on and an e-mail on file, a single-use link
 * valid 30 minutes goes to that address too.
 */
export async function requestPasswordReset(
  db: Db,
  {
    organization,
    mailFrom,
    baseUrl,
    typed,
    origin,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    baseUrl: string;
    typed: string;
    origin: RequestOrigin;
    now: Date;
  },
): Promise<void> {
  const text = typed.trim().slice(0, 254);
  if (!text)
    throw new ValidationError([{ field: 'login', message: 'Podaj login albo adres e-mail podany we wniosku.' }]);
  const account = await findMemberByLoginOrEmail(db, { organizationId: organization.id, typed: text });
  // Staff see one request per account: nothing for a login no one has (the caller is told the
  // same either way), and no second row while one is waiting.
  if (!account) return;
  await db.transaction(async (tx) => {
    if (!(await hasPendingResetRequest(tx, { organizationId: organization.id, accountId: account.id }))) {
      await insertResetRequest(tx, {
        organizationId: organization.id,
        typed: text,
        accountId: account.id,
        ip: origin.ip,
        at: now,
      });
    }
    if (organization.settings.selfServiceReset && account.activationEmail && account.status === 'active') {
      const token = randomToken();
      await insertEmailToken(tx, {
        organizationId: organization.id,
        token,
        purpose: 'password_reset',
        accountId: account.id,
        expiresAt: new Date(now.getTime() + SELF_RESET_MINUTES * 60_000),
      });
      await enqueueMail(tx, {
        organization,
        from: senderFor(organization, mailFrom),
        to: account.activationEmail,
        purpose: 'password.reset_link',
        sensitive: true,
        now,
        mail: renderMail(organization, {
          subject: 'e-BOK: ustaw nowe hasło',
          paragraphs: [
            `Otrzymaliśmy prośbę o nowe hasło do konta ${account.login}. Link poniżej działa jeden raz przez ${countOf(SELF_RESET_MINUTES, counted.minutes)}.`,
            'Jeśli ta prośba nie pochodzi od Ciebie, zignoruj tę wiadomość: dotychczasowe hasło nadal działa.',
          ],
          link: { href: `${baseUrl}/ebok/nowe-haslo/${token}`, label: 'Ustaw nowe hasło' },
        }),
      });
    }
  });
}

/**
 * Replaces a member's password by a new starting password and ends every session: sent to the
 * activation e-mail, or handed over at the desk after checking an ID, whose kind is recorded
 * (never its number); then the password is returned for printing.
 */
export async function issueNewPassword(
  db: Db,
  {
    organization,
    mailFrom,
    baseUrl,
    accountId,
    deliver,
    documentType,
    requestId,
    actor,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    baseUrl: string;
    accountId: number;
    deliver: 'email' | 'desk';
    /** At the desk: the kind of ID document checked. */
    documentType?: string | undefined;
    requestId?: number | undefined;
    /** The staff member handing it out. */
    actor: Actor;
    now: Date;
  },
): Promise<{ account: Account; expiresAt: Date; temporaryPassword: string | undefined }> {
  const account = await findAccount(db, { organizationId: organization.id, id: accountId });
  if (account?.kind !== 'member') throw new AppError('not_found', 'no such member account');
  if (deliver === 'email' && !account.activationEmail) {
    throw new ValidationError([
      {
        field: 'dostarczenie',
        message:
          'To konto nie ma adresu e-mail z formularza aktywacji: nowe hasło można wydać tylko osobiście w biurze.',
      },
    ]);
  }
  let checkedDocument: DocumentType | undefined;
  if (deliver === 'desk') {
    if (!documentType || !isDocumentType(documentType)) {
      throw new ValidationError([
        { field: 'dokument', message: 'Wybierz dokument, na podstawie którego sprawdzono tożsamość.' },
      ]);
    }
    checkedDocument = documentType;
  }
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const expiresAt = temporaryPasswordExpiry(organization, now);
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: organization.id,
      id: account.id,
      values: {
        passwordHash,
        mustChangePassword: true,
        passwordExpiresAt: expiresAt,
        temporaryPasswordUsedAt: null,
        failedAttempts: 0,
        lockedUntil: null,
      },
    });
    await deleteSessionsOfAccount(tx, { accountId: account.id });
    if (deliver === 'email' && account.activationEmail) {
      await enqueueMail(tx, {
        organization,
        from: senderFor(organization, mailFrom),
        to: account.activationEmail,
        purpose: 'password.new',
        sensitive: true,
        now,
        mail: renderMail(organization, {
          subject: 'e-BOK: nowe hasło startowe',
          paragraphs: [
            `Na Twoją prośbę wygenerowaliśmy nowe hasło startowe do konta ${account.login}. Dotychczasowe hasło przestało działać.`,
            `Przy logowaniu trzeba będzie ustawić własne hasło. Hasło startowe wygasa ${formatDateTime(expiresAt)}.`,
          ],
          highlight: [`Hasło startowe: ${temporaryPassword}`],
          link: { href: `${baseUrl}/ebok`, label: 'Zaloguj się do e-BOK' },
        }),
      });
    }
    if (checkedDocument && account.personId) {
      if (actor.actorAccountId === null) throw new Error('an identity is checked by a staff member');
      await insertIdentityVerification(tx, {
        organizationId: organization.id,
        personId: account.personId,
        accountId: account.id,
        method: 'desk',
        purpose: 'password_reset',
        documentType: checkedDocument,
        verifiedBy: actor.actorAccountId,
        verifiedAt: now,
      });
    }
    if (requestId !== undefined) {
      await markResetRequestDone(tx, {
        organizationId: organization.id,
        requestId,
        handledBy: actor.actorAccountId,
        at: now,
        outcome: deliver,
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: 'password.reset_by_staff',
      subjectType: 'account',
      subjectId: account.id,
      detail: {
        deliver,
        ...(deliver === 'desk' ? { documentType } : {}),
        ...(requestId === undefined ? {} : { requestId }),
      },
      at: now,
    });
  });
  return { account, expiresAt, temporaryPassword: deliver === 'desk' ? temporaryPassword : undefined };
}

/** Closes a pending request without a new password (e.g. the member remembered it); audited. */
export async function dismissResetRequest(
  db: Db,
  { requestId, actor, now }: { requestId: number; actor: Actor; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const dismissed = await dismissPendingResetRequest(tx, {
      organizationId: actor.organizationId,
      requestId,
      handledBy: actor.actorAccountId,
      at: now,
    });
    if (!dismissed) throw new AppError('not_found', 'no such pending request');
    await recordAudit(tx, {
      ...actor,
      action: 'password.reset_request_dismissed',
      // About the account when the typed login or e-mail matched one, else about the request.
      ...(dismissed.accountId
        ? { subjectType: 'account', subjectId: dismissed.accountId }
        : { subjectType: 'password_reset_request', subjectId: requestId }),
      detail: { requestId },
      at: now,
    });
  });
}

/** The account behind a live self-service link, or undefined (unknown, used or expired). */
export async function accountOfResetToken(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<Account | undefined> {
  const link = await findUnusedLink(db, { organizationId, token, purpose: 'password_reset' });
  if (!link || link.token.expiresAt <= now || link.account.status !== 'active') return undefined;
  return link.account;
}

/**
 * Sets the new password through a self-service link; the link is used up, sessions end. Returns
 * the account, or undefined when the link is unknown, expired or used (also by another tab a
 * moment ago); a password that breaks the rules is a `ValidationError`.
 */
export async function resetPasswordWithToken(
  db: Db,
  {
    organization,
    token,
    newPassword,
    confirmation,
    origin,
    now,
  }: {
    organization: Organization;
    token: string;
    newPassword: string;
    confirmation: string;
    origin: RequestOrigin;
    now: Date;
  },
): Promise<Account | undefined> {
  const account = await accountOfResetToken(db, { organizationId: organization.id, token, now });
  if (!account) return undefined;
  const problem = checkPassword(newPassword, await passwordContext(db, { account, organization }));
  if (problem) throw new ValidationError([{ field: 'nowe', message: problem }]);
  if (newPassword !== confirmation) {
    throw new ValidationError([{ field: 'powtorzone', message: 'Powtórzone hasło różni się od nowego.' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    if (!(await useLink(tx, { token, at: now }))) return undefined;
    await updateAccount(tx, {
      organizationId: organization.id,
      id: account.id,
      values: {
        passwordHash,
        mustChangePassword: false,
        passwordExpiresAt: null,
        temporaryPasswordUsedAt: null,
        passwordChangedAt: now,
        failedAttempts: 0,
        lockedUntil: null,
      },
    });
    await deleteSessionsOfAccount(tx, { accountId: account.id });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: account.id,
      action: 'password.reset_self',
      subjectType: 'account',
      subjectId: account.id,
      origin,
      at: now,
    });
    return account;
  });
}
