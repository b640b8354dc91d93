import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { siteFiles } from '../site/schema.ts';
import type { FaultCategory, FaultPlace, Priority, ThreadKind, ThreadStatus } from './rules/status.ts';

/**
 * A member's fault report (zgłoszenie) or message to the office (wiadomość): one thread of posts
 * between the member and staff. Faults carry a category, a place and a status flow; messages a
 * topic and whether the office still owes an answer.
 */
export const requestThreads = pgTable(
  'request_threads',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text().$type<ThreadKind>().notNull(),
    /** The member who wrote it; only they (and the organization's staff) see it. */
    accountId: bigint({ mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    /** The member's person in the register when they wrote. */
    personId: bigint({ mode: 'number' }),
    /** The unit the report is about (own unit, its staircase or building); none for the estate. */
    unitId: bigint({ mode: 'number' }),
    buildingId: bigint({ mode: 'number' }),
    /** The address as the member saw it when writing (`ul. Lipowa 65/12`). */
    placeLabel: text().notNull().default(''),
    category: text().$type<FaultCategory>(),
    place: text().$type<FaultPlace>(),
    /** A message's topic; a fault's short title. */
    subject: text().notNull(),
    status: text().$type<ThreadStatus>().notNull(),
    rejectReason: text(),
    priority: text().$type<Priority>().notNull().default('normalny'),
    /** The staff member who handles it. */
    assigneeId: bigint({ mode: 'number' }).references(() => accounts.id),
    /** Since when the office owes the next step (null when nothing waits). */
    waitingSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('request_threads_queue').on(t.organizationId, t.kind, t.status, t.createdAt),
    // The staff queue's usual views: one building's reports, and everything still open, oldest first.
    index('request_threads_building').on(t.organizationId, t.kind, t.buildingId, t.status, t.createdAt),
    index('request_threads_open')
      .on(t.organizationId, t.kind, t.createdAt, t.id)
      .where(sql`${t.status} in ('nowe', 'przyjete', 'w_realizacji', 'oczekuje')`),
    index('request_threads_waiting').on(t.organizationId, t.kind, t.waitingSince),
    index('request_threads_account').on(t.organizationId, t.accountId, t.createdAt.desc()),
  ],
);

/** One post of a thread: the member's text, a staff answer or a staff-only note. */
export const requestPosts = pgTable(
  'request_posts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    threadId: bigint({ mode: 'number' })
      .notNull()
      .references(() => requestThreads.id),
    authorId: bigint({ mode: 'number' }).references(() => accounts.id),
    authorKind: text().$type<'member' | 'staff'>().notNull(),
    /** A staff note the member never sees. */
    internal: boolean().notNull().default(false),
    /** A status change written into the thread (`Przyjęte`), not typed text. */
    statusChange: text().$type<ThreadStatus>(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('request_posts_thread').on(t.threadId, t.id)],
);

/** Photos and attachments of a thread, kept in the file store (private). */
export const requestFiles = pgTable(
  'request_files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    threadId: bigint({ mode: 'number' })
      .notNull()
      .references(() => requestThreads.id),
    postId: bigint({ mode: 'number' }).references(() => requestPosts.id),
    fileId: bigint({ mode: 'number' })
      .notNull()
      .references(() => siteFiles.id),
    name: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('request_files_thread').on(t.threadId)],
);

/**
 * A building notice (komunikat): an incident or planned works, shown on the e-BOK home of the
 * members of the chosen buildings while it lasts and, if chosen, on the public site.
 */
export const buildingNotices = pgTable(
  'building_notices',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    kind: text().$type<'awaria' | 'prace'>().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    /** The buildings it concerns (register ids). */
    buildingIds: bigint({ mode: 'number' }).array().notNull(),
    /** Also shown on the public site. */
    public: boolean().notNull().default(false),
    shownFrom: timestamp({ withTimezone: true }).notNull(),
    shownUntil: timestamp({ withTimezone: true }).notNull(),
    withdrawnAt: timestamp({ withTimezone: true }),
    createdBy: bigint({ mode: 'number' }).references(() => accounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('building_notices_shown').on(t.organizationId, t.shownUntil)],
);
