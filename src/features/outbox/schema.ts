import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Mail waiting to be sent, written in the same transaction as the change that causes it; a
 * worker in any process sends it with retries (mail/worker.ts).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** What the message is for, e.g. `account.locked`; for staff reading the outbox. */
    purpose: text().notNull(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    /** Stable across retries, so a receiver can drop a duplicate of a message sent twice. */
    messageId: text().notNull().unique(),
    /** Holds a secret (e.g. a starting password): hidden in the back office, blanked once sent. */
    sensitive: boolean().notNull().default(false),
    status: text().$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: when another worker may take the message over (the sender died). */
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    /**
     * Files (site_files ids) attached by reference: the worker loads their bytes when sending, so
     * a letter to 10,000 persons keeps one copy of its attachments, not 10,000.
     */
    attachmentFileIds: bigint({ mode: 'number' }).array(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_org_created').on(t.organizationId, t.createdAt.desc()),
  ],
);
