import { bigint, date, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/schema.ts';

/**
 * Versioned texts of the organization's generated documents: the e-BOK terms and the consent to
 * electronic correspondence. A change is a new version; signed forms name the version they used.
 */
export const documentTexts = pgTable(
  'document_texts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text({ enum: ['ebok_terms', 'consent'] }).notNull(),
    version: integer().notNull(),
    /** Plain text: paragraphs separated by blank lines; a line starting with `§` is a heading. */
    body: text().notNull(),
    /** Calendar date from which this version applies, YYYY-MM-DD. */
    effectiveFrom: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('document_texts_org_kind_version').on(t.organizationId, t.kind, t.version)],
);
