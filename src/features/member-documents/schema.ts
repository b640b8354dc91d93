import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { siteFiles } from '../site/schema.ts';

/**
 * Documents for members only (general-meeting materials, annual financial statements,
 * resolutions): published by staff for every member with an account, or only for members of
 * chosen buildings; each download is written to the audit log.
 */
export const memberDocuments = pgTable(
  'member_documents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    title: text().notNull(),
    fileId: bigint({ mode: 'number' })
      .notNull()
      .references(() => siteFiles.id),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    /** Empty: every member; otherwise members holding a unit in one of these buildings. */
    buildingIds: bigint({ mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    withdrawnAt: timestamp({ withTimezone: true }),
    createdBy: bigint({ mode: 'number' }).references(() => accounts.id),
  },
  (t) => [index('member_documents_org').on(t.organizationId, t.publishedAt.desc())],
);
