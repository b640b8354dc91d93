import { count, min, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { WaitingWork } from './desk-queue.ts';

/**
 * How many rows of a feature's own table wait and since when: the one query every queue's
 * `waiting` runs on its own table (the feature passes its table, its condition and its date column).
 */
export async function countWaiting(
  db: Db,
  { table, since, where }: { table: PgTable; since: PgColumn; where: SQL | undefined },
): Promise<WaitingWork> {
  const rows = await db
    .select({ count: count(), oldest: min(since) })
    .from(table)
    .where(where);
  const row = rows[0];
  const oldest = row?.oldest;
  return { count: row?.count ?? 0, oldestSince: oldest ? new Date(oldest as Date | string) : null };
}
