/** A member's contact data on their account page: the e-mail new passwords go to, and a phone. */
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { isLinkToken, randomToken } from '../../lib/tokens.ts';
import { enqueueMail, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { type Actor, type RequestOrigin, recordAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { findUnusedLink, insertEmailToken, useLink } from './email-tokens.ts';
import { type Account, updateAccount } from './queries.ts';

export const EMAIL_CHANGE_HOURS = 24;

/**
 * A member asks to change the e-mail that new passwords go to: the change takes effect only when
 * the link sent to the new address is opened, and the old address is told, so a stolen session
 * cannot quietly redirect password resets.
 */
export async function requestEmailChange(
  db: Db,
  {
    organization,
    mailFrom,
    baseUrl,
    actor,
    account,
    email,
    now,
  }: {
    organization: Organization;
    mailFrom: string | undefined;
    baseUrl: string;
    actor: Actor;
    account: Account;
    email: string;
    now: Date;
  },
): Promise<void> {
  const parsed = z.email().max(254).safeParse(email.trim());
  if (!parsed.success)
    throw new ValidationError([
      { field: 'email', message: 'Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl.' },
    ]);
  const address = parsed.data.toLowerCase();
  if (address === account.activationEmail) {
    throw new ValidationError([{ field: 'email', message: 'To jest już Twój obecny adres e-mail.' }]);
  }
  const token = randomToken();
  const from = senderFor(organization, mailFrom);
  await db.transaction(async (tx) => {
    await insertEmailToken(tx, {
      organizationId: organization.id,
      token,
      purpose: 'email_change',
      accountId: account.id,
      email: address,
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_HOURS * 3_600_000),
    });
    await enqueueMail(tx, {
      organization,
      from,
      to: address,
      purpose: 'email.change_confirm',
      now,
      mail: renderMail(organization, {
        subject: 'e-BOK: potwierdź nowy adres e-mail',
        paragraphs: [
          `Poproszono o zmianę adresu e-mail konta ${account.login} w e-BOK na ten adres. Zmiana nastąpi po otwarciu linku i potwierdzeniu jej przyciskiem na stronie (link ważny ${countOf(EMAIL_CHANGE_HOURS, counted.hours)}).`,
        ],
        link: { href: `${baseUrl}/ebok/konto/email/${token}`, label: 'Potwierdź nowy adres e-mail' },
      }),
    });
    if (account.activationEmail) {
      await enqueueMail(tx, {
        organization,
        from,
        to: account.activationEmail,
        purpose: 'email.change_notice',
        now,
        mail: renderMail(organization, {
          subject: 'e-BOK: prośba o zmianę adresu e-mail',
          paragraphs: [
            `Poproszono o zmianę adresu e-mail konta ${account.login} w e-BOK na inny adres. Jeśli to nie Ty, natychmiast zmień hasło i skontaktuj się ze Spółdzielnią.`,
          ],
        }),
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: 'email.change_requested',
      subjectType: 'account',
      subjectId: account.id,
      at: now,
    });
  });
}

/** The new address a live e-mail change link would confirm, changing nothing (mail scanners open links). */
export async function emailChangeOfLink(
  db: Db,
  { organizationId, token, now }: { organizationId: number; token: string; now: Date },
): Promise<{ email: string; login: string } | undefined> {
  const link = await findUnusedLink(db, { organizationId, token, purpose: 'email_change' });
  if (!link?.token.email || link.token.expiresAt <= now) return undefined;
  return { email: link.token.email, login: link.account.login };
}

/**
 * Applies an e-mail change when its link's button is pressed; false for an unknown, used or
 * expired link. Whoever presses it acts for the link's account (no session needed).
 */
export async function confirmEmailChange(
  db: Db,
  { organizationId, token, origin, now }: { organizationId: number; token: string; origin: RequestOrigin; now: Date },
): Promise<boolean> {
  if (!isLinkToken(token)) return false;
  return db.transaction(async (tx) => {
    const row = await useLink(tx, { token, at: now, organizationId, purpose: 'email_change' });
    if (!row?.email || row.expiresAt <= now) return false;
    await updateAccount(tx, { organizationId, id: row.accountId, values: { activationEmail: row.email } });
    await recordAudit(tx, {
      organizationId,
      actorAccountId: row.accountId,
      action: 'email.changed',
      subjectType: 'account',
      subjectId: row.accountId,
      origin,
      at: now,
    });
    return true;
  });
}

export async function changePhone(
  db: Db,
  { actor, account, phone, now }: { actor: Actor; account: Account; phone: string; now: Date },
): Promise<void> {
  const value = phone.trim();
  if (value !== '' && !/^[+\d][\d\s-]{6,29}$/.test(value)) {
    throw new ValidationError([{ field: 'telefon', message: 'Nieprawidłowy numer telefonu, np. 600 100 200.' }]);
  }
  await db.transaction(async (tx) => {
    await updateAccount(tx, {
      organizationId: account.organizationId,
      id: account.id,
      values: { phone: value || null },
    });
    await recordAudit(tx, {
      ...actor,
      action: 'phone.changed',
      subjectType: 'account',
      subjectId: account.id,
      at: now,
    });
  });
}
