import { and, eq, like, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, throwIfFieldErrors, ValidationError } from '../../errors.ts';
import { type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { firstFreeSlug, isSlug, slugify } from '../../lib/slug.ts';
import { parseWarsawLocal } from '../../lib/warsaw-time.ts';
import type { NewsItem } from './queries.ts';
import { newsItems } from './schema.ts';

/** What the editor's news form sends; every field is text, as a form posts it. */
export const newsInput = z.object({
  title: z
    .string({ error: 'Podaj tytuł.' })
    .trim()
    .min(1, 'Podaj tytuł.')
    .max(200, 'Tytuł może mieć najwyżej 200 znaków.'),
  /** Empty: made from the title. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => !v || isSlug(v), 'Adres może zawierać tylko małe litery bez polskich znaków, cyfry i myślniki.'),
  lead: z.string().trim().max(500, 'Wstęp może mieć najwyżej 500 znaków.').optional().default(''),
  body: z.string().max(200_000, 'Treść jest za długa.').optional().default(''),
  /** Empty: a draft. `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, Warsaw time; a future date schedules. */
  publishedAt: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const instant = parseWarsawLocal(v);
      if (!instant) {
        ctx.addIssue({
          code: 'custom',
          message: 'Podaj datę publikacji w formacie RRRR-MM-DD lub RRRR-MM-DD GG:MM, np. 2026-03-01 09:00.',
        });
        return z.NEVER;
      }
      return instant;
    }),
});

export type NewsInput = z.input<typeof newsInput>;

const slugTaken: FieldError = {
  field: 'slug',
  message: 'Ten adres jest już zajęty przez inną aktualność. Podaj inny.',
};

/** The slug to store: the editor's own (must be free) or one made from the title (made free). */
async function chooseSlug(
  db: Db,
  {
    organizationId,
    title,
    slug,
    exceptId,
  }: { organizationId: number; title: string; slug?: string | undefined; exceptId?: number },
): Promise<string> {
  const base = slug || slugify(title) || 'aktualnosc';
  const rows = await db
    .select({ slug: newsItems.slug })
    .from(newsItems)
    .where(
      and(
        eq(newsItems.organizationId, organizationId),
        or(eq(newsItems.slug, base), like(newsItems.slug, `${base}-%`)),
        exceptId === undefined ? undefined : ne(newsItems.id, exceptId),
      ),
    );
  const taken = new Set(rows.map((r) => r.slug));
  if (slug) {
    throwIfFieldErrors(taken.has(slug) ? [slugTaken] : []);
    return slug;
  }
  return firstFreeSlug(base, taken);
}

/** A unique violation from a concurrent insert of the same slug becomes the same field error. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

async function withSlugConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([slugTaken]);
    throw error;
  }
}

/** Creates a news item: a draft, published, or scheduled by its publication date. */
export async function createNews({
  db,
  organizationId,
  input,
}: {
  db: Db;
  organizationId: number;
  input: NewsInput;
}): Promise<NewsItem> {
  const values = parseInput(newsInput, input);
  const slug = await chooseSlug(db, { organizationId, title: values.title, slug: values.slug });
  return withSlugConflict(async () => {
    const rows = await db
      .insert(newsItems)
      .values({
        organizationId,
        slug,
        title: values.title,
        lead: values.lead,
        body: values.body,
        publishedAt: values.publishedAt,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    return row;
  });
}

async function findNews(db: Db, organizationId: number, id: number): Promise<NewsItem> {
  const rows = await db
    .select()
    .from(newsItems)
    .where(and(eq(newsItems.organizationId, organizationId), eq(newsItems.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such news item');
  return row;
}

async function setNews(
  db: Db,
  organizationId: number,
  id: number,
  values: Partial<Pick<NewsItem, 'slug' | 'title' | 'lead' | 'body' | 'publishedAt'>>,
  now: Date,
): Promise<NewsItem> {
  const rows = await db
    .update(newsItems)
    .set({ ...values, updatedAt: now })
    .where(and(eq(newsItems.organizationId, organizationId), eq(newsItems.id, id)))
    .returning();
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such news item');
  return row;
}

/** Replaces a news item's fields; an empty slug keeps the current address. */
export async function updateNews({
  db,
  organizationId,
  id,
  input,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  input: NewsInput;
  now?: Date;
}): Promise<NewsItem> {
  const values = parseInput(newsInput, input);
  const current = await findNews(db, organizationId, id);
  const slug =
    values.slug && values.slug !== current.slug
      ? await chooseSlug(db, { organizationId, title: values.title, slug: values.slug, exceptId: id })
      : current.slug;
  return withSlugConflict(() =>
    setNews(
      db,
      organizationId,
      id,
      { slug, title: values.title, lead: values.lead, body: values.body, publishedAt: values.publishedAt },
      now,
    ),
  );
}

/** Publishes at once (also a scheduled item). */
export async function publishNews({
  db,
  organizationId,
  id,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  now?: Date;
}): Promise<NewsItem> {
  return setNews(db, organizationId, id, { publishedAt: now }, now);
}

/** Takes an item off the site; it becomes a draft again. */
export async function unpublishNews({
  db,
  organizationId,
  id,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  now?: Date;
}): Promise<NewsItem> {
  return setNews(db, organizationId, id, { publishedAt: null }, now);
}

/** Schedules publication at a Warsaw date and time, which must lie in the future. */
export async function scheduleNews({
  db,
  organizationId,
  id,
  at,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  /** `YYYY-MM-DD HH:MM`, Warsaw time. */
  at: string;
  now?: Date;
}): Promise<NewsItem> {
  const instant = parseWarsawLocal(at);
  throwIfFieldErrors(
    !instant
      ? [{ field: 'publishedAt', message: 'Podaj datę publikacji w formacie RRRR-MM-DD GG:MM, np. 2026-03-01 09:00.' }]
      : instant <= now
        ? [{ field: 'publishedAt', message: 'Data zaplanowanej publikacji musi być w przyszłości.' }]
        : [],
  );
  return setNews(db, organizationId, id, { publishedAt: instant as Date }, now);
}

/** Attaches a file (document or image) to a news item. */
export async function addNewsAttachment({
  db,
  organizationId,
  newsId,
  upload,
}: {
  db: Db;
  organizationId: number;
  newsId: number;
  upload: FileUpload;
}): Promise<SiteFile> {
  await findNews(db, organizationId, newsId);
  return storeFile(db, { organizationId, upload, owner: { newsId } });
}
