import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { hashToken, isLinkToken, randomToken } from '../../lib/tokens.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { passwordContext } from '../accounts/account-settings.ts';
import { checkPassword } from '../accounts/password-policy.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { type Account, deleteSessionsOfAccount, findAccount, updateAccount } from '../accounts/queries.ts';
import { accounts } from '../accounts/schema.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from '../accounts/temporary-password.ts';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { isDocumentType } from './open-account.ts';
import { emailTokens, identityVerifications, passwordResetRequests } from './schema.ts';

export const SELF_RESET_MINUTES = 30;

/** A member account by its login or its activation e-mail (case-insensitive). */
async function findMemberByLoginOrEmail(db: Db, organizationId: number, typed: string): Promise<Account | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.organizationId, organizationId),
        eq(accounts.kind, 'member'),
        sql`(lower(${accounts.login}) = lower(${typed}) or lower(${accounts.activationEmail}) = lower(${typed}))`,
      ),
    )
    .limit(1);
  return rows[0];
}

/**
 * "I forgot my password": always the same outcome for the caller. A request goes to the staff
 * queue; with the organization's self-service setting on and an e-mail on file, a single-use link
 * valid 30 minutes goes to that address too.
 */
export async function requestPasswordReset({
  db,
  organization,
  mailFrom,
  baseUrl,
  typed,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  mailFrom: string | undefined;
  baseUrl: string;
  typed: string;
  origin: RequestOrigin;
  now: Date;
}): Promise<void> {
  const text = typed.trim().slice(0, 254);
  if (!text)
    throw new ValidationError([{ field: 'login', message: 'Podaj login albo adres e-mail podany we wniosku.' }]);
  const account = await findMemberByLoginOrEmail(db, organization.id, text);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetRequests).values({
      organizationId: organization.id,
      typed: text,
      accountId: account?.id ?? null,
      ip: origin.ip,
      createdAt: now,
    });
    if (organization.settings.selfServiceReset && account?.activationEmail && account.status === 'active') {
      const token = randomToken();
      await tx.insert(emailTokens).values({
        tokenHash: hashToken(token),
        organizationId: organization.id,
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

export async function listPendingResetRequests(db: Db, organizationId: number) {
  const rows = await db
    .select({ request: passwordResetRequests, account: accounts })
    .from(passwordResetRequests)
    .leftJoin(accounts, eq(accounts.id, passwordResetRequests.accountId))
    .where(and(eq(passwordResetRequests.organizationId, organizationId), eq(passwordResetRequests.status, 'pending')))
    .orderBy(asc(passwordResetRequests.createdAt))
    .limit(200);
  return rows;
}

/**
 * Replaces a member's password by a new starting password and ends every session: sent to the
 * activation e-mail, or handed over at the desk after checking an ID, whose kind is recorded
 * (never its number); then the password is returned for printing.
 */
export async function issueNewPassword({
  db,
  organization,
  mailFrom,
  baseUrl,
  accountId,
  deliver,
  documentType,
  requestId,
  actor,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  mailFrom: string | undefined;
  baseUrl: string;
  accountId: number;
  deliver: 'email' | 'desk';
  /** At the desk: the kind of ID document checked. */
  documentType?: string | undefined;
  requestId?: number | undefined;
  actor: Account;
  origin: RequestOrigin;
  now: Date;
}): Promise<{ account: Account; expiresAt: Date; temporaryPassword: string | undefined }> {
  const account = await findAccount(db, organization.id, accountId);
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
  if (deliver === 'desk' && !isDocumentType(documentType ?? '')) {
    throw new ValidationError([
      { field: 'dokument', message: 'Wybierz dokument, na podstawie którego sprawdzono tożsamość.' },
    ]);
  }
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const expiresAt = temporaryPasswordExpiry(organization, now);
  await db.transaction(async (tx) => {
    await updateAccount(tx, organization.id, account.id, {
      passwordHash,
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      temporaryPasswordUsedAt: null,
      failedAttempts: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfAccount(tx, account.id);
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
    if (deliver === 'desk' && account.personId) {
      await tx.insert(identityVerifications).values({
        organizationId: organization.id,
        personId: account.personId,
        accountId: account.id,
        method: 'desk',
        purpose: 'password_reset',
        documentType: documentType as string,
        verifiedBy: actor.id,
        verifiedAt: now,
      });
    }
    if (requestId !== undefined) {
      await tx
        .update(passwordResetRequests)
        .set({ status: 'done', handledBy: actor.id, handledAt: now, outcome: deliver })
        .where(and(eq(passwordResetRequests.organizationId, organization.id), eq(passwordResetRequests.id, requestId)));
    }
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: actor.id,
      action: 'password.reset_by_staff',
      subjectType: 'account',
      subjectId: account.id,
      origin,
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
export async function dismissResetRequest({
  db,
  organizationId,
  requestId,
  actor,
  origin,
  now,
}: {
  db: Db;
  organizationId: number;
  requestId: number;
  actor: Account;
  origin: RequestOrigin;
  now: Date;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(passwordResetRequests)
      .set({ status: 'dismissed', handledBy: actor.id, handledAt: now, outcome: 'dismissed' })
      .where(
        and(
          eq(passwordResetRequests.organizationId, organizationId),
          eq(passwordResetRequests.id, requestId),
          eq(passwordResetRequests.status, 'pending'),
        ),
      )
      .returning({ accountId: passwordResetRequests.accountId });
    const dismissed = rows[0];
    if (!dismissed) throw new AppError('not_found', 'no such pending request');
    await recordAudit(tx, {
      organizationId,
      actorAccountId: actor.id,
      action: 'password.reset_request_dismissed',
      // About the account when the typed login or e-mail matched one, else about the request.
      ...(dismissed.accountId
        ? { subjectType: 'account', subjectId: dismissed.accountId }
        : { subjectType: 'password_reset_request', subjectId: requestId }),
      origin,
      detail: { requestId },
      at: now,
    });
  });
}

/** The account behind a live self-service link, or undefined (unknown, used or expired). */
export async function accountOfResetToken(db: Db, organizationId: number, token: string, now: Date) {
  if (!isLinkToken(token)) return undefined;
  const rows = await db
    .select({ token: emailTokens, account: accounts })
    .from(emailTokens)
    .innerJoin(accounts, eq(accounts.id, emailTokens.accountId))
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.organizationId, organizationId),
        eq(emailTokens.purpose, 'password_reset'),
        isNull(emailTokens.usedAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row || row.token.expiresAt <= now || row.account.status !== 'active') return undefined;
  return row.account;
}

/** Sets the new password through a self-service link; the link is used up, sessions end. */
export async function resetPasswordWithToken({
  db,
  organization,
  token,
  newPassword,
  confirmation,
  origin,
  now,
}: {
  db: Db;
  organization: Organization;
  token: string;
  newPassword: string;
  confirmation: string;
  origin: RequestOrigin;
  now: Date;
}): Promise<Account> {
  const account = await accountOfResetToken(db, organization.id, token, now);
  if (!account) throw new AppError('not_found', 'link expired');
  const problem = checkPassword(newPassword, await passwordContext(db, account, organization));
  if (problem) throw new ValidationError([{ field: 'nowe', message: problem }]);
  if (newPassword !== confirmation) {
    throw new ValidationError([{ field: 'powtorzone', message: 'Powtórzone hasło różni się od nowego.' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.tokenHash, hashToken(token)), isNull(emailTokens.usedAt)))
      .returning({ hash: emailTokens.tokenHash });
    if (used.length === 0) throw new AppError('not_found', 'link used');
    await updateAccount(tx, organization.id, account.id, {
      passwordHash,
      mustChangePassword: false,
      passwordExpiresAt: null,
      temporaryPasswordUsedAt: null,
      passwordChangedAt: now,
      failedAttempts: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfAccount(tx, account.id);
    await recordAudit(tx, {
      organizationId: organization.id,
      actorAccountId: account.id,
      action: 'password.reset_self',
      subjectType: 'account',
      subjectId: account.id,
      origin,
      at: now,
    });
  });
  return account;
}
