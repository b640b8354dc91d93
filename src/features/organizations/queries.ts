import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from './schema.ts';

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;

/**
 * The organization a request is for: the one whose host name matches, else the default one
 * (no host name set, oldest first). One cooperative per installation needs no host names.
 */
export async function findOrganizationForHost(db: Db, hostname: string): Promise<Organization | undefined> {
  const host = hostname.toLowerCase().replace(/:\d+$/, '');
  const rows = await db
    .select()
    .from(organizations)
    .where(or(eq(organizations.hostname, host), isNull(organizations.hostname)))
    .orderBy(sql`${organizations.hostname} is null`, asc(organizations.id))
    .limit(1);
  return rows[0];
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0];
}

export async function insertOrganization(db: Db, values: NewOrganization): Promise<Organization> {
  const rows = await db.insert(organizations).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function countOrganizations(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  return rows[0]?.n ?? 0;
}

/** Merges `patch` into the organization's settings. */
export async function updateOrganizationSettings(
  db: Db,
  organizationId: number,
  patch: Partial<Organization['settings']>,
): Promise<void> {
  await db
    .update(organizations)
    .set({ settings: sql`${organizations.settings} || ${JSON.stringify(patch)}::jsonb`, updatedAt: new Date() })
    .where(eq(organizations.id, organizationId));
}
