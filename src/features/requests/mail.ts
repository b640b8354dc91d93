/**
 * E-mails to the member about their requests: a fault's new status, or that an answer waits in
 * e-BOK. They never carry the answer itself (it may hold personal data): the member reads it
 * after signing in.
 */
import type { Db } from '../../db/client.ts';
import { renderMail } from '../../mail/templates.tsx';
import { findAccount } from '../accounts/queries.ts';
import type { Organization } from '../organizations/queries.ts';
import { enqueueMail, senderFor } from '../outbox/outbox.ts';
import type { Thread } from './queries.ts';
import { type FaultStatus, statusLabels } from './rules/status.ts';

export interface MailSettings {
  organization: Organization;
  mailFrom: string | undefined;
  /** The address of the site, for the link to e-BOK. */
  baseUrl: string;
}

/** Queues a mail to the thread's member, if their account has an e-mail address. */
async function mailMember(
  db: Db,
  {
    mail,
    thread,
    now,
    purpose,
    subject,
    paragraphs,
    path,
  }: {
    mail: MailSettings;
    thread: Thread;
    now: Date;
    purpose: string;
    subject: string;
    paragraphs: string[];
    path: string;
  },
): Promise<boolean> {
  const account = await findAccount(db, { organizationId: thread.organizationId, id: thread.accountId });
  const to = account?.activationEmail;
  if (!to) return false;
  await enqueueMail(db, {
    organization: mail.organization,
    from: senderFor(mail.organization, mail.mailFrom),
    to,
    purpose,
    now,
    mail: renderMail(mail.organization, {
      subject,
      paragraphs,
      link: { href: `${mail.baseUrl}${path}`, label: 'Otwórz w e-BOK' },
    }),
  });
  return true;
}

export function mailFaultStatus(
  db: Db,
  { mail, thread, status, now }: { mail: MailSettings; thread: Thread; status: FaultStatus; now: Date },
): Promise<boolean> {
  return mailMember(db, {
    mail,
    thread,
    now,
    purpose: 'requests.fault_status',
    subject: `Zgłoszenie nr ${thread.id}: ${statusLabels[status].toLowerCase()}`,
    paragraphs: [
      `Twoje zgłoszenie nr ${thread.id} („${thread.subject}”) ma nowy status: ${statusLabels[status]}.`,
      'Szczegóły i historię zgłoszenia znajdziesz w e-BOK.',
    ],
    path: `/ebok/zgloszenia/${thread.id}`,
  });
}

export function mailAnswerWaiting(
  db: Db,
  { mail, thread, now }: { mail: MailSettings; thread: Thread; now: Date },
): Promise<boolean> {
  return mailMember(db, {
    mail,
    thread,
    now,
    purpose: 'requests.message_answered',
    subject: 'e-BOK: odpowiedź Spółdzielni czeka na Ciebie',
    paragraphs: [
      `Spółdzielnia odpowiedziała na Twoją wiadomość nr ${thread.id}. Odpowiedź przeczytasz po zalogowaniu do e-BOK.`,
    ],
    path: `/ebok/wiadomosci/${thread.id}`,
  });
}
