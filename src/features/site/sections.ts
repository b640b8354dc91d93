import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, throwIfFieldErrors } from '../../errors.ts';
import { type FileOwner, type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { isSlug, slugify } from '../../lib/slug.ts';
import { siteSections } from './schema.ts';

export type Section = typeof siteSections.$inferSelect;
export type SectionKind = Section['kind'];

/**
 * Top-level addresses the application itself answers; a section cannot take them.
 * (Sections are served at /<slug>, so these would be shadowed or would shadow.)
 */
export const reservedSlugs = new Set([
  'aktualnosci',
  'ebok',
  'panel',
  'kontakt',
  'szukaj',
  'pliki',
  'dokumenty',
  'assets',
  'healthz',
  'readyz',
]);

const title = z
  .string({ error: 'Podaj tytuł strony.' })
  .trim()
  .min(1, 'Podaj tytuł strony.')
  .max(120, 'Tytuł może mieć najwyżej 120 znaków.');
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .refine((v) => !v || isSlug(v), 'Adres może zawierać tylko małe litery bez polskich znaków, cyfry i myślniki.')
  .refine((v) => !v || !reservedSlugs.has(v), 'Ten adres jest zarezerwowany dla serwisu. Podaj inny.');

export const sectionInput = z.object({
  title,
  slug,
  body: z.string().max(200_000, 'Treść jest za długa.').optional().default(''),
  kind: z.enum(['page', 'news', 'ebok', 'tenders', 'gazette', 'forms', 'accessibility']).optional().default('page'),
  /** A sub-page of this section; empty: a top-level section (a menu entry). */
  parentId: z.number().int().positive().nullable().optional().default(null),
});
export type SectionInput = z.input<typeof sectionInput>;

const slugTaken: FieldError = { field: 'slug', message: 'Ten adres jest już zajęty przez inną stronę. Podaj inny.' };

async function slugInUse(db: Db, organizationId: number, candidate: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: siteSections.id })
    .from(siteSections)
    .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.slug, candidate)));
  return rows.some((r) => r.id !== exceptId);
}

async function freeSlug(db: Db, organizationId: number, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!reservedSlugs.has(candidate) && !(await slugInUse(db, organizationId, candidate))) return candidate;
  }
}

export async function findSection(db: Db, organizationId: number, id: number): Promise<Section> {
  const rows = await db
    .select()
    .from(siteSections)
    .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such section');
  return row;
}

/** Adds a section (or a sub-page under `parentId`) at the end of its level. */
export async function addSection({
  db,
  organizationId,
  input,
}: {
  db: Db;
  organizationId: number;
  input: SectionInput;
}): Promise<Section> {
  const values = parseInput(sectionInput, input);
  if (values.parentId !== null) {
    const parent = await findSection(db, organizationId, values.parentId);
    throwIfFieldErrors(
      parent.parentId !== null ? [{ field: 'parentId', message: 'Podstrona nie może mieć własnych podstron.' }] : [],
    );
  }
  let chosen: string;
  if (values.slug) {
    throwIfFieldErrors((await slugInUse(db, organizationId, values.slug)) ? [slugTaken] : []);
    chosen = values.slug;
  } else {
    chosen = await freeSlug(db, organizationId, slugify(values.title) || 'strona');
  }
  const last = await db
    .select({ position: max(siteSections.position) })
    .from(siteSections)
    .where(
      and(
        eq(siteSections.organizationId, organizationId),
        values.parentId === null ? isNull(siteSections.parentId) : eq(siteSections.parentId, values.parentId),
      ),
    );
  const rows = await db
    .insert(siteSections)
    .values({
      organizationId,
      parentId: values.parentId,
      kind: values.kind,
      slug: chosen,
      title: values.title,
      body: values.body,
      position: (last[0]?.position ?? 0) + 10,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Renames a section; a new slug changes its address (the old one then answers 404). */
export async function renameSection({
  db,
  organizationId,
  id,
  input,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  input: { title: string; slug?: string };
  now?: Date;
}): Promise<Section> {
  const values = parseInput(z.object({ title, slug }), input);
  const current = await findSection(db, organizationId, id);
  const newSlug = values.slug || current.slug;
  if (newSlug !== current.slug) {
    throwIfFieldErrors((await slugInUse(db, organizationId, newSlug, id)) ? [slugTaken] : []);
  }
  return setSection(db, organizationId, id, { title: values.title, slug: newSlug }, now);
}

/** Replaces a section's Markdown body. */
export async function updateSectionBody({
  db,
  organizationId,
  id,
  body,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  body: string;
  now?: Date;
}): Promise<Section> {
  const values = parseInput(z.object({ body: z.string().max(200_000, 'Treść jest za długa.') }), { body });
  return setSection(db, organizationId, id, { body: values.body }, now);
}

async function setSection(
  db: Db,
  organizationId: number,
  id: number,
  values: Partial<Pick<Section, 'title' | 'slug' | 'body' | 'hidden' | 'position'>>,
  now: Date,
): Promise<Section> {
  const rows = await db
    .update(siteSections)
    .set({ ...values, updatedAt: now })
    .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.id, id)))
    .returning();
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such section');
  return row;
}

/**
 * Hides a section from the site and the menu (its sub-pages with it), keeping everything for a
 * way back: sections are never deleted.
 */
export async function hideSection(args: { db: Db; organizationId: number; id: number; now?: Date }): Promise<Section> {
  return setSection(args.db, args.organizationId, args.id, { hidden: true }, args.now ?? new Date());
}

export async function unhideSection(args: {
  db: Db;
  organizationId: number;
  id: number;
  now?: Date;
}): Promise<Section> {
  return setSection(args.db, args.organizationId, args.id, { hidden: false }, args.now ?? new Date());
}

/** Sections of one level (top level or a parent's sub-pages), in menu order, hidden ones too. */
export async function listSectionLevel(
  db: Db,
  { organizationId, parentId }: { organizationId: number; parentId: number | null },
): Promise<Section[]> {
  return db
    .select()
    .from(siteSections)
    .where(
      and(
        eq(siteSections.organizationId, organizationId),
        parentId === null ? isNull(siteSections.parentId) : eq(siteSections.parentId, parentId),
      ),
    )
    .orderBy(asc(siteSections.position), asc(siteSections.id));
}

/**
 * Puts the sections of one level in the given order. `orderedIds` must be exactly that level's
 * sections (hidden ones included), so a stale form cannot lose one.
 */
export async function reorderSections({
  db,
  organizationId,
  parentId,
  orderedIds,
}: {
  db: Db;
  organizationId: number;
  parentId: number | null;
  orderedIds: number[];
}): Promise<void> {
  const level = await listSectionLevel(db, { organizationId, parentId });
  const current = new Set(level.map((s) => s.id));
  if (
    orderedIds.length !== current.size ||
    new Set(orderedIds).size !== orderedIds.length ||
    !orderedIds.every((id) => current.has(id))
  ) {
    throw new AppError('conflict', 'the list of sections changed meanwhile', [
      {
        field: 'order',
        message: 'Lista stron zmieniła się w międzyczasie. Odśwież stronę i ustaw kolejność ponownie.',
      },
    ]);
  }
  await db.transaction(async (tx) => {
    for (const [index, id] of orderedIds.entries()) {
      await tx
        .update(siteSections)
        .set({ position: (index + 1) * 10 })
        .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.id, id)));
    }
  });
}

/** Moves a section one place up or down among its siblings. */
export async function moveSection({
  db,
  organizationId,
  id,
  direction,
}: {
  db: Db;
  organizationId: number;
  id: number;
  direction: 'up' | 'down';
}): Promise<void> {
  const section = await findSection(db, organizationId, id);
  const ids = (await listSectionLevel(db, { organizationId, parentId: section.parentId })).map((s) => s.id);
  const index = ids.indexOf(id);
  const other = direction === 'up' ? index - 1 : index + 1;
  if (other < 0 || other >= ids.length) return;
  [ids[index], ids[other]] = [ids[other] as number, ids[index] as number];
  await reorderSections({ db, organizationId, parentId: section.parentId, orderedIds: ids });
}

/** Attaches a file to a section; with `version` and `documentDate` it is an uploaded document (statute, rules). */
export async function addSectionAttachment({
  db,
  organizationId,
  sectionId,
  upload,
  version,
  documentDate,
}: {
  db: Db;
  organizationId: number;
  sectionId: number;
  upload: FileUpload;
  version?: string;
  documentDate?: string;
}): Promise<SiteFile> {
  await findSection(db, organizationId, sectionId);
  const errors: FieldError[] = [];
  if (documentDate && !/^\d{4}-\d{2}-\d{2}$/.test(documentDate)) {
    errors.push({ field: 'documentDate', message: 'Podaj datę w formacie RRRR-MM-DD, np. 2024-06-20.' });
  }
  throwIfFieldErrors(errors);
  const owner: FileOwner = { sectionId, version: version?.trim() || null, documentDate: documentDate || null };
  return storeFile(db, { organizationId, upload, owner });
}

/** A visible section by its address: top-level `/slug` or a sub-page `/parent/slug`. */
export async function findVisibleSection(
  db: Db,
  { organizationId, path }: { organizationId: number; path: [string] | [string, string] },
): Promise<{ section: Section; parent: Section | undefined } | undefined> {
  const slugs = path;
  const rows = await db
    .select()
    .from(siteSections)
    .where(and(eq(siteSections.organizationId, organizationId), sql`${siteSections.slug} in ${slugs}`));
  const top = rows.find((r) => r.slug === slugs[0] && r.parentId === null && !r.hidden);
  if (!top || top.kind === 'news' || top.kind === 'ebok') return undefined;
  if (slugs.length === 1) return { section: top, parent: undefined };
  const child = rows.find((r) => r.slug === slugs[1] && r.parentId === top.id && !r.hidden);
  return child ? { section: child, parent: top } : undefined;
}

/** The visible sub-pages of a section, in order. */
export async function listVisibleChildren(db: Db, organizationId: number, parentId: number): Promise<Section[]> {
  return (await listSectionLevel(db, { organizationId, parentId })).filter((s) => !s.hidden);
}

/** Every visible page with its path, for the sitemap. */
export async function listVisibleSectionPaths(
  db: Db,
  organizationId: number,
): Promise<{ path: string; updatedAt: Date }[]> {
  const rows = await db
    .select()
    .from(siteSections)
    .where(eq(siteSections.organizationId, organizationId))
    .orderBy(asc(siteSections.position));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths: { path: string; updatedAt: Date }[] = [];
  for (const row of rows) {
    if (row.hidden || row.kind === 'news' || row.kind === 'ebok') continue;
    if (row.parentId === null) paths.push({ path: `/${row.slug}`, updatedAt: row.updatedAt });
    else {
      const parent = byId.get(row.parentId);
      if (parent && !parent.hidden) paths.push({ path: `/${parent.slug}/${row.slug}`, updatedAt: row.updatedAt });
    }
  }
  return paths;
}
