import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { RenderedMail } from '../../mail/templates.tsx';
import type { Organization } from '../organizations/queries.ts';
import { outboxMessages } from './schema.ts';

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/** The sender: the installation's MAIL_FROM, else the organization's own address. */
export function senderFor(organization: Organization, mailFrom: string | undefined): string {
  const address = mailFrom ?? organization.email ?? 'no-reply@localhost';
  return address.includes('<') ? address : `"${organization.shortName.replace(/"/g, '')}" <${address}>`;
}

/**
 * Queues one message. Call it with the transaction of the change that causes it: the mail goes
 * out if and only if the change is committed.
 */
export async function enqueueMail(
  db: Db,
  { organization, from, to, mail, purpose, sensitive = false, now, attachmentFileIds, messageId }: QueuedMail,
): Promise<OutboxMessage> {
  const [row] = await enqueueMails(db, [
    { organization, from, to, mail, purpose, sensitive, now, attachmentFileIds, messageId },
  ]);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export interface QueuedMail {
  organization: Organization;
  from: string;
  to: string;
  mail: RenderedMail;
  purpose: string;
  sensitive?: boolean;
  now: Date;
  /** Stored files (site_files ids) to attach; the worker loads them when sending. */
  attachmentFileIds?: number[] | undefined;
  /** A Message-ID chosen by the caller (e.g. one per letter delivery); random otherwise. */
  messageId?: string | undefined;
}

/** The domain part of a sender address, for Message-IDs. */
export function messageIdDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'osiedle.local';
}

/** Queues many messages in one insert (a mailing); same rules as `enqueueMail`. */
export async function enqueueMails(db: Db, mails: QueuedMail[]): Promise<OutboxMessage[]> {
  if (mails.length === 0) return [];
  return db
    .insert(outboxMessages)
    .values(
      mails.map((m) => ({
        organizationId: m.organization.id,
        purpose: m.purpose,
        fromAddress: m.from,
        toAddress: m.to,
        subject: m.mail.subject,
        textBody: m.mail.text,
        htmlBody: m.mail.html,
        messageId:
          m.messageId ??
          `<${m.now.getTime().toString(36)}.${randomBytes(8).toString('hex')}@${messageIdDomain(m.from)}>`,
        sensitive: m.sensitive ?? false,
        attachmentFileIds: m.attachmentFileIds?.length ? m.attachmentFileIds : null,
        nextAttemptAt: m.now,
        createdAt: m.now,
      })),
    )
    .returning();
}

/**
 * Takes up to `limit` due messages for sending: pending ones whose time has come, and ones left
 * `sending` by a worker that died. SKIP LOCKED lets any number of workers share the queue.
 */
export async function claimDueMessages(db: Db, { now, limit, lockMs }: { now: Date; limit: number; lockMs: number }) {
  const lockedUntil = new Date(now.getTime() + lockMs);
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`update outbox_messages set status = 'sending', locked_until = ${lockedUntil}, attempts = attempts + 1
        where id in (
          select id from outbox_messages
          where (status = 'pending' and next_attempt_at <= ${now})
             or (status = 'sending' and locked_until < ${now})
          order by id
          limit ${limit}
          for update skip locked)
        returning id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  return db
    .select()
    .from(outboxMessages)
    .where(
      sql`${outboxMessages.id} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    .orderBy(outboxMessages.id);
}

/**
 * Gives back messages claimed but never handed to the server (the worker is stopping): they are
 * due again at once, for this or another process, and the claim does not count as an attempt.
 */
export async function releaseUnsent(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update outbox_messages set status = 'pending', locked_until = null, attempts = greatest(attempts - 1, 0)
        where status = 'sending' and id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

const REDACTED = '[Treść usunięta po wysłaniu: zawierała poufne dane.]';

/** A message the server accepted; a sensitive one's body is blanked. */
export async function markSent(db: Db, { message, at }: { message: OutboxMessage; at: Date }): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: 'sent',
      sentAt: at,
      lockedUntil: null,
      lastError: null,
      ...(message.sensitive ? { textBody: REDACTED, htmlBody: REDACTED } : {}),
    })
    .where(eq(outboxMessages.id, message.id));
}

/** A temporary failure: the message waits until `at` for its next attempt. */
export async function markRetry(db: Db, { id, error, at }: { id: number; error: string; at: Date }): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'pending', nextAttemptAt: at, lockedUntil: null, lastError: error.slice(0, 1000) })
    .where(eq(outboxMessages.id, id));
}

/** A permanent failure, or too many attempts: the message is given up. */
export async function markFailed(db: Db, { id, error }: { id: number; error: string }): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'failed', lockedUntil: null, lastError: error.slice(0, 1000) })
    .where(eq(outboxMessages.id, id));
}
