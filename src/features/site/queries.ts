import { and, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
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
