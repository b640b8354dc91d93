import { and, eq, like, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, throwIfFieldErrors, ValidationError } from '../../errors.ts';
import { type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { firstFreeSlug, isSlug, slugify } from '../../lib/slug.ts';
import { parseWarsawLocal } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
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
          message: 'Podaj datę publikacji w formacie DD.MM.RRRR lub DD.MM.RRRR GG:MM, np. 01.03.2026 09:00.',
        });
        return z.NEVER;
      }
      return instant;
    }),
});

export type NewsInput = z.input<typeof newsInput>;
export type NewsValues = z.output<typeof newsInput>;

const scheduleFormat = 'Podaj datę publikacji w formacie DD.MM.RRRR GG:MM, np. 01.03.2026 09:00.';

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

/** What the news item's audit rows say about it. */
function described(item: NewsItem) {
  return { title: item.title, publishedAt: item.publishedAt?.toISOString() ?? null };
}

/** Creates a news item: a draft, published, or scheduled by its publication date. */
export async function createNews(
  db: Db,
  { actor, input, now = new Date() }: { actor: Actor; input: NewsValues; now?: Date },
): Promise<NewsItem> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const slug = await chooseSlug(tx, { organizationId, title: input.title, slug: input.slug });
    const row = await withSlugConflict(async () => {
      const rows = await tx
        .insert(newsItems)
        .values({
          organizationId,
          slug,
          title: input.title,
          lead: input.lead,
          body: input.body,
          publishedAt: input.publishedAt,
        })
        .returning();
      const row = rows[0];
      if (!row) throw new Error('insert returned no row');
      return row;
    });
    await recordAudit(tx, {
      ...actor,
      action: 'site.news_created',
      subjectType: 'news',
      subjectId: row.id,
      detail: described(row),
      at: now,
    });
    return row;
  });
}

async function findNews(db: Db, { organizationId, id }: { organizationId: number; id: number }): Promise<NewsItem> {
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
  {
    organizationId,
    id,
    values,
    now,
  }: {
    organizationId: number;
    id: number;
    values: Partial<Pick<NewsItem, 'slug' | 'title' | 'lead' | 'body' | 'publishedAt'>>;
    now: Date;
  },
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
export async function updateNews(
  db: Db,
  { actor, id, input, now = new Date() }: { actor: Actor; id: number; input: NewsValues; now?: Date },
): Promise<NewsItem> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const current = await findNews(tx, { organizationId, id });
    const slug =
      input.slug && input.slug !== current.slug
        ? await chooseSlug(tx, { organizationId, title: input.title, slug: input.slug, exceptId: id })
        : current.slug;
    const { title, lead, body, publishedAt } = input;
    const updated = await withSlugConflict(() =>
      setNews(tx, { organizationId, id, values: { slug, title, lead, body, publishedAt }, now }),
    );
    await recordAudit(tx, {
      ...actor,
      action: 'site.news_updated',
      subjectType: 'news',
      subjectId: updated.id,
      detail: described(updated),
      at: now,
    });
    return updated;
  });
}

/** Sets when an item is published (null: a draft) and writes the audit row of that step. */
async function setPublication(
  db: Db,
  {
    actor,
    id,
    publishedAt,
    action,
    now,
  }: {
    actor: Actor;
    id: number;
    publishedAt: Date | null;
    action: 'site.news_published' | 'site.news_unpublished' | 'site.news_scheduled';
    now: Date;
  },
): Promise<NewsItem> {
  return db.transaction(async (tx) => {
    const item = await setNews(tx, { organizationId: actor.organizationId, id, values: { publishedAt }, now });
    await recordAudit(tx, {
      ...actor,
      action,
      subjectType: 'news',
      subjectId: item.id,
      detail: action === 'site.news_scheduled' ? described(item) : { title: item.title },
      at: now,
    });
    return item;
  });
}

/** Publishes at once (also a scheduled item). */
export async function publishNews(
  db: Db,
  { actor, id, now = new Date() }: { actor: Actor; id: number; now?: Date },
): Promise<NewsItem> {
  return setPublication(db, { actor, id, publishedAt: now, action: 'site.news_published', now });
}

/** Takes an item off the site; it becomes a draft again. */
export async function unpublishNews(
  db: Db,
  { actor, id, now = new Date() }: { actor: Actor; id: number; now?: Date },
): Promise<NewsItem> {
  return setPublication(db, { actor, id, publishedAt: null, action: 'site.news_unpublished', now });
}

/** The schedule form: a Warsaw date and time, `YYYY-MM-DD HH:MM`. */
export const scheduleInput = z.object({
  at: z.string({ error: scheduleFormat }).transform((text, ctx) => {
    const instant = parseWarsawLocal(text);
    if (instant) return instant;
    ctx.addIssue({ code: 'custom', message: scheduleFormat });
    return z.NEVER;
  }),
});

/** Schedules publication at an instant, which must lie in the future. */
export async function scheduleNews(
  db: Db,
  { actor, id, at, now = new Date() }: { actor: Actor; id: number; at: Date; now?: Date },
): Promise<NewsItem> {
  throwIfFieldErrors(
    at <= now ? [{ field: 'at', message: 'Data zaplanowanej publikacji musi być w przyszłości.' }] : [],
  );
  return setPublication(db, { actor, id, publishedAt: at, action: 'site.news_scheduled', now });
}

/** Attaches a file (document or image) to a news item. */
export async function addNewsAttachment(
  db: Db,
  { actor, newsId, upload, now = new Date() }: { actor: Actor; newsId: number; upload: FileUpload; now?: Date },
): Promise<SiteFile> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    await findNews(tx, { organizationId, id: newsId });
    const file = await storeFile(tx, { organizationId, upload, owner: { newsId } });
    await recordAudit(tx, {
      ...actor,
      action: 'site.file_added',
      subjectType: 'news',
      subjectId: newsId,
      detail: { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size },
      at: now,
    });
    return file;
  });
}
