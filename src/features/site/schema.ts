import { bigint, index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';

/** News items (aktualności) of an organization's public website. */
export const newsItems = pgTable(
  'news_items',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    slug: text().notNull(),
    title: text().notNull(),
    lead: text().notNull().default(''),
    /** Markdown source of the body. */
    body: text().notNull().default(''),
    /** Null while a draft; a future instant schedules publication. */
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('news_items_org_slug').on(t.organizationId, t.slug),
    index('news_items_org_published').on(t.organizationId, t.publishedAt.desc()),
  ],
);
