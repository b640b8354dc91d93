import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { siteSections } from './schema.ts';

export type Section = typeof siteSections.$inferSelect;
export type SectionKind = Section['kind'];

/** One section of an organization (hidden ones too); 404 when there is none. */
export async function findSection(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<Section> {
  const rows = await db
    .select()
    .from(siteSections)
    .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such section');
  return row;
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
export async function listVisibleChildren(
  db: Db,
  { organizationId, parentId }: { organizationId: number; parentId: number },
): Promise<Section[]> {
  return (await listSectionLevel(db, { organizationId, parentId })).filter((s) => !s.hidden);
}

/** Every visible page with its path, for the sitemap. */
export async function listVisibleSectionPaths(
  db: Db,
  { organizationId }: { organizationId: number },
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
