import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/**
 * How current a cached page of an organization's site is: the organization's site generation
 * (moved on by triggers in the transaction of every change the site shows) and the next instant
 * at which the site changes by itself (a scheduled news item appears, a tender's deadline passes).
 */
export interface SiteFreshness {
  generation: number;
  /** When the last change was committed (for Last-Modified). */
  changedAt: Date;
  /** The next scheduled change after the moment of the check; undefined: none planned. */
  nextChange: Date | undefined;
}

/** The freshness of the site now (one small statement on indexed columns). */
export async function readSiteFreshness(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<SiteFreshness> {
  const rows = await queryRows<{
    generation: number | string | null;
    changed_at: Date | string | null;
    next_change: Date | string | null;
  }>(
    db,
    sql`select g.generation, g.changed_at,
          least(
            (select min(published_at) from news_items where organization_id = ${organizationId} and published_at > ${now}),
            (select min(deadline) from tenders where organization_id = ${organizationId} and deadline >= ${now})
          ) as next_change
        from (select 1) as one
        left join site_generations g on g.organization_id = ${organizationId}`,
  );
  const row = rows[0];
  return {
    generation: Number(row?.generation ?? 0),
    changedAt: row?.changed_at ? new Date(row.changed_at) : new Date(0),
    nextChange: row?.next_change ? new Date(row.next_change) : undefined,
  };
}
