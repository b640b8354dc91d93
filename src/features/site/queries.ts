import { and, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newsItems } from './schema.ts';

export type NewsItem = typeof newsItems.$inferSelect;
export type NewNewsItem = typeof newsItems.$inferInsert;
export type NewsSummary = Pick<NewsItem, 'id' | 'slug' | 'title' | 'lead'> & { publishedAt: Date };

const isPublished = (organizationId: number, now: Date) =>
  and(eq(newsItems.organizationId, organizationId), isNotNull(newsItems.publishedAt), lte(newsItems.publishedAt, now));

/** Published news of an organization, newest first. */
export async function listPublishedNews(
  db: Db,
  {
    organizationId,
    limit,
    offset = 0,
    now = new Date(),
  }: {
    organizationId: number;
    limit: number;
    offset?: number;
    now?: Date;
  },
): Promise<NewsSummary[]> {
  const rows = await db
    .select({
      id: newsItems.id,
      slug: newsItems.slug,
      title: newsItems.title,
      lead: newsItems.lead,
      publishedAt: newsItems.publishedAt,
    })
    .from(newsItems)
    .where(isPublished(organizationId, now))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(limit)
    .offset(offset);
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt as Date }));
}

export async function countPublishedNews(
  db: Db,
  { organizationId, now = new Date() }: { organizationId: number; now?: Date },
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(newsItems)
    .where(isPublished(organizationId, now));
  return rows[0]?.n ?? 0;
}

/** One published news item by its slug, or undefined (drafts and scheduled items are not public). */
export async function findPublishedNews(
  db: Db,
  { organizationId, slug, now = new Date() }: { organizationId: number; slug: string; now?: Date },
): Promise<NewsItem | undefined> {
  const rows = await db
    .select()
    .from(newsItems)
    .where(and(isPublished(organizationId, now), eq(newsItems.slug, slug)))
    .limit(1);
  return rows[0];
}

export async function insertNews(db: Db, values: NewNewsItem): Promise<NewsItem> {
  const rows = await db.insert(newsItems).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

const yearInWarsaw = sql<number>`extract(year from ${newsItems.publishedAt} at time zone 'Europe/Warsaw')::int`;

/** Years that have published news, newest first, with their counts. */
export async function listNewsYears(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<{ year: number; count: number }[]> {
  return db
    .select({ year: yearInWarsaw, count: sql<number>`count(*)::int` })
    .from(newsItems)
    .where(isPublished(organizationId, now))
    .groupBy(yearInWarsaw)
    .orderBy(desc(yearInWarsaw));
}

/** Published news of one year (Warsaw time), newest first. */
export async function listNewsOfYear(
  db: Db,
  { organizationId, year, now }: { organizationId: number; year: number; now: Date },
): Promise<NewsSummary[]> {
  const from = new Date(`${year}-01-01T00:00:00+01:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+01:00`);
  const rows = await db
    .select({
      id: newsItems.id,
      slug: newsItems.slug,
      title: newsItems.title,
      lead: newsItems.lead,
      publishedAt: newsItems.publishedAt,
    })
    .from(newsItems)
    .where(and(isPublished(organizationId, now), gte(newsItems.publishedAt, from), lt(newsItems.publishedAt, to)))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id));
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt as Date }));
}

/** The latest published items with their bodies and last change, for the feed. */
export async function listNewsForFeed(
  db: Db,
  { organizationId, now, limit }: { organizationId: number; now: Date; limit: number },
): Promise<NewsItem[]> {
  return db
    .select()
    .from(newsItems)
    .where(isPublished(organizationId, now))
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(limit);
}

/** Slugs and dates of every published item, for the sitemap. */
export async function listNewsPaths(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<{ slug: string; updatedAt: Date }[]> {
  return db
    .select({ slug: newsItems.slug, updatedAt: newsItems.updatedAt })
    .from(newsItems)
    .where(isPublished(organizationId, now))
    .orderBy(desc(newsItems.publishedAt))
    .limit(45_000);
}

/** Every news item of an organization (drafts, scheduled, published) for the editor, newest first. */
export async function listAllNews(
  db: Db,
  { organizationId, limit, offset = 0 }: { organizationId: number; limit: number; offset?: number },
): Promise<NewsItem[]> {
  return db
    .select()
    .from(newsItems)
    .where(eq(newsItems.organizationId, organizationId))
    .orderBy(desc(sql`coalesce(${newsItems.publishedAt}, ${newsItems.updatedAt})`), desc(newsItems.id))
    .limit(limit)
    .offset(offset);
}

export async function countAllNews(db: Db, { organizationId }: { organizationId: number }): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(newsItems)
    .where(eq(newsItems.organizationId, organizationId));
  return rows[0]?.n ?? 0;
}

/** One news item in any state, for the editor. */
export async function findNewsById(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<NewsItem | undefined> {
  const rows = await db
    .select()
    .from(newsItems)
    .where(and(eq(newsItems.organizationId, organizationId), eq(newsItems.id, id)))
    .limit(1);
  return rows[0];
}
