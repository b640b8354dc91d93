import { and, eq, isNull, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, throwIfFieldErrors } from '../../errors.ts';
import { type FileOwner, type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { parseDate } from '../../lib/dates.ts';
import { isSlug, slugify } from '../../lib/slug.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { siteSections } from './schema.ts';
import { findSection, listSectionLevel, type Section } from './section-queries.ts';

/** Kinds an editor may add; news and e-BOK are fixed pages that exist once. */
export const addableSectionKinds = ['page', 'tenders', 'gazette', 'forms', 'accessibility'] as const;

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
export type SectionValues = z.output<typeof sectionInput>;

/** A section's name and address; an empty slug keeps the address. */
export const sectionNameInput = z.object({ title, slug });

/** A section's Markdown body. */
export const sectionBodyInput = z.object({ body: z.string().max(200_000, 'Treść jest za długa.').default('') });

const slugTaken: FieldError = { field: 'slug', message: 'Ten adres jest już zajęty przez inną stronę. Podaj inny.' };

async function slugInUse(
  db: Db,
  { organizationId, candidate, exceptId }: { organizationId: number; candidate: string; exceptId?: number },
): Promise<boolean> {
  const rows = await db
    .select({ id: siteSections.id })
    .from(siteSections)
    .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.slug, candidate)));
  return rows.some((r) => r.id !== exceptId);
}

async function freeSlug(db: Db, { organizationId, base }: { organizationId: number; base: string }): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!reservedSlugs.has(candidate) && !(await slugInUse(db, { organizationId, candidate }))) return candidate;
  }
}

/** Adds a section (or a sub-page under `parentId`) at the end of its level. */
export async function addSection(
  db: Db,
  { actor, input, now = new Date() }: { actor: Actor; input: SectionValues; now?: Date },
): Promise<Section> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    if (input.parentId !== null) {
      const parent = await findSection(tx, { organizationId, id: input.parentId });
      throwIfFieldErrors(
        parent.parentId !== null ? [{ field: 'parentId', message: 'Podstrona nie może mieć własnych podstron.' }] : [],
      );
    }
    let chosen: string;
    if (input.slug) {
      throwIfFieldErrors((await slugInUse(tx, { organizationId, candidate: input.slug })) ? [slugTaken] : []);
      chosen = input.slug;
    } else {
      chosen = await freeSlug(tx, { organizationId, base: slugify(input.title) || 'strona' });
    }
    const last = await tx
      .select({ position: max(siteSections.position) })
      .from(siteSections)
      .where(
        and(
          eq(siteSections.organizationId, organizationId),
          input.parentId === null ? isNull(siteSections.parentId) : eq(siteSections.parentId, input.parentId),
        ),
      );
    const rows = await tx
      .insert(siteSections)
      .values({
        organizationId,
        parentId: input.parentId,
        kind: input.kind,
        slug: chosen,
        title: input.title,
        body: input.body,
        position: (last[0]?.position ?? 0) + 10,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_added',
      subjectType: 'section',
      subjectId: row.id,
      detail: { title: row.title, slug: row.slug, parentId: row.parentId },
      at: now,
    });
    return row;
  });
}

/** Renames a section; a new slug changes its address (the old one then answers 404). */
export async function renameSection(
  db: Db,
  {
    actor,
    id,
    input,
    now = new Date(),
  }: { actor: Actor; id: number; input: z.output<typeof sectionNameInput>; now?: Date },
): Promise<Section> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const current = await findSection(tx, { organizationId, id });
    const newSlug = input.slug || current.slug;
    if (newSlug !== current.slug) {
      throwIfFieldErrors(
        (await slugInUse(tx, { organizationId, candidate: newSlug, exceptId: id })) ? [slugTaken] : [],
      );
    }
    const renamed = await setSection(tx, { organizationId, id, values: { title: input.title, slug: newSlug }, now });
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_renamed',
      subjectType: 'section',
      subjectId: renamed.id,
      detail: {
        from: { title: current.title, slug: current.slug },
        to: { title: renamed.title, slug: renamed.slug },
      },
      at: now,
    });
    return renamed;
  });
}

/** Replaces a section's Markdown body. */
export async function updateSectionBody(
  db: Db,
  { actor, id, body, now = new Date() }: { actor: Actor; id: number; body: string; now?: Date },
): Promise<Section> {
  return db.transaction(async (tx) => {
    const updated = await setSection(tx, { organizationId: actor.organizationId, id, values: { body }, now });
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_body_updated',
      subjectType: 'section',
      subjectId: updated.id,
      detail: { title: updated.title, length: updated.body.length },
      at: now,
    });
    return updated;
  });
}

async function setSection(
  db: Db,
  {
    organizationId,
    id,
    values,
    now,
  }: {
    organizationId: number;
    id: number;
    values: Partial<Pick<Section, 'title' | 'slug' | 'body' | 'hidden' | 'position'>>;
    now: Date;
  },
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
 * way back: sections are never deleted. Visible sub-pages go with their section, so that is asked
 * first: without `subPagesConfirmed` such a section stays as it is and the answer is undefined.
 */
export async function hideSection(
  db: Db,
  {
    actor,
    id,
    subPagesConfirmed,
    now = new Date(),
  }: { actor: Actor; id: number; subPagesConfirmed: boolean; now?: Date },
): Promise<Section | undefined> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const section = await findSection(tx, { organizationId, id });
    const subPages = (await listSectionLevel(tx, { organizationId, parentId: section.id })).filter((c) => !c.hidden);
    if (subPages.length > 0 && !subPagesConfirmed) return undefined;
    const hidden = await setSection(tx, { organizationId, id, values: { hidden: true }, now });
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_hidden',
      subjectType: 'section',
      subjectId: hidden.id,
      detail: { title: hidden.title, subPages: subPages.length },
      at: now,
    });
    return hidden;
  });
}

/** Shows a hidden section again (with the sub-pages that were hidden with it). */
export async function unhideSection(
  db: Db,
  { actor, id, now = new Date() }: { actor: Actor; id: number; now?: Date },
): Promise<Section> {
  return db.transaction(async (tx) => {
    const shown = await setSection(tx, { organizationId: actor.organizationId, id, values: { hidden: false }, now });
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_unhidden',
      subjectType: 'section',
      subjectId: shown.id,
      detail: { title: shown.title },
      at: now,
    });
    return shown;
  });
}

/**
 * Puts the sections of one level in the given order. `orderedIds` must be exactly that level's
 * sections (hidden ones included), so a stale form cannot lose one.
 */
export async function reorderSections(
  db: Db,
  { organizationId, parentId, orderedIds }: { organizationId: number; parentId: number | null; orderedIds: number[] },
): Promise<void> {
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

/** Moves a section one place up or down among its siblings (the first stays first, the last last). */
export async function moveSection(
  db: Db,
  { actor, id, direction, now = new Date() }: { actor: Actor; id: number; direction: 'up' | 'down'; now?: Date },
): Promise<void> {
  const organizationId = actor.organizationId;
  await db.transaction(async (tx) => {
    const section = await findSection(tx, { organizationId, id });
    const ids = (await listSectionLevel(tx, { organizationId, parentId: section.parentId })).map((s) => s.id);
    const index = ids.indexOf(id);
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other >= 0 && other < ids.length) {
      [ids[index], ids[other]] = [ids[other] as number, ids[index] as number];
      await reorderSections(tx, { organizationId, parentId: section.parentId, orderedIds: ids });
    }
    await recordAudit(tx, {
      ...actor,
      action: 'site.section_moved',
      subjectType: 'section',
      subjectId: section.id,
      detail: { direction },
      at: now,
    });
  });
}

/** Attaches a file to a section; with `version` and `documentDate` it is an uploaded document (statute, rules). */
export async function addSectionAttachment(
  db: Db,
  {
    actor,
    sectionId,
    upload,
    version,
    documentDate,
    now = new Date(),
  }: {
    actor: Actor;
    sectionId: number;
    upload: FileUpload;
    version?: string | undefined;
    /** `YYYY-MM-DD`. */
    documentDate?: string | undefined;
    now?: Date;
  },
): Promise<SiteFile> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    await findSection(tx, { organizationId, id: sectionId });
    const typed = documentDate?.trim();
    // A real day of the calendar, not only its shape: the column is a date (2024-13-45 was a 500).
    const parsed = typed ? parseDate(typed) : undefined;
    throwIfFieldErrors(
      parsed && !parsed.ok
        ? [{ field: 'documentDate', message: 'Podaj datę w formacie DD.MM.RRRR, np. 20.06.2024.' }]
        : [],
    );
    const date = parsed?.ok ? parsed.value : undefined;
    const owner: FileOwner = { sectionId, version: version?.trim() || null, documentDate: date || null };
    const file = await storeFile(tx, { organizationId, upload, owner });
    await recordAudit(tx, {
      ...actor,
      action: 'site.file_added',
      subjectType: 'section',
      subjectId: sectionId,
      detail: {
        fileId: file.id,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        version: file.version,
      },
      at: now,
    });
    return file;
  });
}
