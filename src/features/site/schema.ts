import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.ts';
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

/**
 * Editable pages of the site (o spółdzielni, remonty, przetargi, …) as a tree. `kind` says what a
 * page shows beyond its Markdown body; `news` and `ebok` are menu entries for fixed pages, so the
 * editor orders the whole menu in one place. Sections are hidden, never deleted.
 */
export const siteSections = pgTable(
  'site_sections',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    parentId: bigint({ mode: 'number' }),
    kind: text({ enum: ['page', 'news', 'ebok', 'tenders', 'gazette', 'forms', 'accessibility'] })
      .notNull()
      .default('page'),
    slug: text().notNull(),
    title: text().notNull(),
    /** Markdown source. */
    body: text().notNull().default(''),
    position: integer().notNull().default(0),
    hidden: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Slugs are unique per organization (not per parent): a page's address stays unambiguous.
    unique('site_sections_org_slug').on(t.organizationId, t.slug),
    index('site_sections_org_parent').on(t.organizationId, t.parentId, t.position),
  ],
);

/** Tenders (przetargi): open until the deadline, then closed with a result. */
export const tenders = pgTable(
  'tenders',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    title: text().notNull(),
    /** Markdown. */
    description: text().notNull().default(''),
    /** Offers are accepted until this instant. */
    deadline: timestamp({ withTimezone: true }).notNull(),
    /** Markdown; null until the tender is decided. */
    result: text(),
    hidden: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tenders_org_deadline').on(t.organizationId, t.deadline)],
);

/**
 * Files of the public site (attachments, images, gazette issues, uploaded documents), kept in the
 * database so that every process serves them. Public by design: served at /pliki/<key>/<name>,
 * where the random key makes addresses unguessable until they are published.
 */
export const siteFiles = pgTable(
  'site_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    key: text().notNull().unique(),
    /** File name as uploaded (sanitized), used in Content-Disposition. */
    name: text().notNull(),
    /** Label shown in lists; defaults to the file name. */
    title: text().notNull(),
    /** Detected from the content, never from the name or the browser. */
    contentType: text().notNull(),
    size: integer().notNull(),
    data: bytea().notNull(),
    newsId: bigint({ mode: 'number' }).references(() => newsItems.id),
    sectionId: bigint({ mode: 'number' }).references(() => siteSections.id),
    tenderId: bigint({ mode: 'number' }).references(() => tenders.id),
    /** Version label of an uploaded document (statute, regulations), e.g. `tekst jednolity 2024`. */
    version: text(),
    /** Never served at the public /pliki address (letters' attachments, consent scans). */
    private: boolean().notNull().default(false),
    /** Date from which an uploaded document applies, or the date of a gazette issue (YYYY-MM-DD). */
    documentDate: date({ mode: 'string' }),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('site_files_news').on(t.newsId),
    index('site_files_section').on(t.sectionId),
    index('site_files_tender').on(t.tenderId),
  ],
);

/** Gazette issues (gazetka): a dated PDF each. */
export const gazetteIssues = pgTable(
  'gazette_issues',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    title: text().notNull(),
    issueDate: date({ mode: 'string' }).notNull(),
    fileId: bigint({ mode: 'number' })
      .notNull()
      .references(() => siteFiles.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('gazette_issues_org_date').on(t.organizationId, t.issueDate.desc())],
);

/** Today's random salt of the visitor hashes; deleted with them once the day is over. */
export const visitorSalts = pgTable('visitor_salts', {
  day: date({ mode: 'string' }).primaryKey(),
  salt: text().notNull(),
});

/** Salted hashes of today's visitors (IP + user agent): nothing personal survives the day. */
export const visitorHashes = pgTable(
  'visitor_hashes',
  {
    organizationId: bigint({ mode: 'number' }).notNull(),
    day: date({ mode: 'string' }).notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day, t.hash] })],
);

/** Unique visitors counted so far (on top of the organization's starting value). */
export const visitorCounts = pgTable('visitor_counts', {
  organizationId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => organizations.id),
  count: bigint({ mode: 'number' }).notNull().default(sql`0`),
});

/**
 * A counter per organization that every change to what the public site shows moves on (news,
 * sections, tenders, public files, gazette issues, the organization's settings). Triggers bump it
 * in the same transaction as the change, so every process's page cache sees the change with the
 * data it shows, whatever code (editor, CLI, demo, another process) made it.
 */
export const siteGenerations = pgTable('site_generations', {
  organizationId: bigint({ mode: 'number' })
    .primaryKey()
    .references(() => organizations.id),
  generation: bigint({ mode: 'number' }).notNull().default(0),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
