import { bigint, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../../organizations/schema.ts';

/**
 * Saved letter templates of an organization: a name to pick it by, the subject and the Markdown
 * body (with `{{field}}` placeholders like any letter). A letter started from one copies them.
 */
export const letterTemplates = pgTable(
  'correspondence_letter_templates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    subject: text().notNull(),
    bodyMarkdown: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedByLabel: text().notNull(),
  },
  // One name per organization; the index also serves the list by name.
  (t) => [uniqueIndex('correspondence_letter_templates_name').on(t.organizationId, t.name)],
);
