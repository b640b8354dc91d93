import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from './schema.ts';

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;

/**
 * Every request needs its organization, which changes rarely: each process keeps the answer per
 * database and host name for a few seconds. Writes through this module take effect in this
 * process at once (they start a new generation); other processes see them within CACHE_MS.
 * A missing organization is not kept, so one created meanwhile (CLI) is found at once.
 */
const CACHE_MS = 5_000;
let generation = 0;
const cached = new WeakMap<Db, Map<string, { organization: Organization; until: number; generation: number }>>();

function forgetCachedOrganizations(): void {
  generation++;
}

/**
 * The organization a request is for: the one whose host name matches, else the default one
 * (no host name set, oldest first). One cooperative per installation needs no host names.
 */
export async function findOrganizationForHost(db: Db, hostname: string): Promise<Organization | undefined> {
  const host = hostname.toLowerCase().replace(/:\d+$/, '');
  const byHost = cached.get(db) ?? new Map();
  cached.set(db, byHost);
  const hit = byHost.get(host);
  const now = performance.now();
  if (hit && hit.generation === generation && hit.until > now) return hit.organization;
  const startedIn = generation;
  const organization = await lookUpOrganization(db, host);
  if (organization) byHost.set(host, { organization, until: now + CACHE_MS, generation: startedIn });
  else byHost.delete(host);
  return organization;
}

async function lookUpOrganization(db: Db, host: string): Promise<Organization | undefined> {
  const rows = await db
    .select()
    .from(organizations)
    .where(or(eq(organizations.hostname, host), isNull(organizations.hostname)))
    .orderBy(sql`${organizations.hostname} is null`, asc(organizations.id))
    .limit(1);
  return rows[0];
}

/** An organization by its id (for work done outside a request, e.g. scheduled letters). */
export async function findOrganizationById(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<Organization | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return rows[0];
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0];
}

export async function insertOrganization(db: Db, values: NewOrganization): Promise<Organization> {
  forgetCachedOrganizations();
  const rows = await db.insert(organizations).values(values).returning();
  forgetCachedOrganizations(); // also what was read while the row was being written
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
  forgetCachedOrganizations();
  await db
    .update(organizations)
    .set({ settings: sql`${organizations.settings} || ${JSON.stringify(patch)}::jsonb`, updatedAt: new Date() })
    .where(eq(organizations.id, organizationId));
  forgetCachedOrganizations(); // also what was read while the row was being written
}
