import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';

/**
 * Who did what, when and from where. Append-only: a trigger refuses UPDATE and DELETE.
 * `detail` holds small facts, never secrets (no passwords, codes or tokens).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** The account that acted; null for anonymous attempts and the system. */
    actorAccountId: bigint({ mode: 'number' }),
    action: text().notNull(),
    subjectType: text(),
    subjectId: text(),
    ip: text(),
    userAgent: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_org_time').on(t.organizationId, t.createdAt.desc()),
    index('audit_log_subject').on(t.organizationId, t.subjectType, t.subjectId),
    index('audit_log_actor').on(t.organizationId, t.actorAccountId),
  ],
);
