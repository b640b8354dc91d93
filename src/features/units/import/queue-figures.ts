import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';

/** The register import jobs in figures, for monitoring (/metrics): no file names or contents. */
export interface ImportQueueFigures {
  /** Jobs queued (a check or an apply) that no worker has taken, or whose worker died. */
  waiting: number;
  /** Jobs a live worker is running now. */
  running: number;
  /** Seconds the longest-waiting job has waited since it was queued or last touched (0 if none). */
  oldestWaitingSeconds: number;
}

export async function importQueueFigures(db: Db, { now }: { now: Date }): Promise<ImportQueueFigures> {
  const [row] = await queryRows<{ waiting: number; running: number; oldest: string | null }>(
    db,
    sql`select count(*) filter (where locked_until is null or locked_until < ${now})::int as waiting,
               count(*) filter (where locked_until >= ${now})::int as running,
               min(updated_at) filter (where locked_until is null or locked_until < ${now})::text as oldest
        from register_imports where status in ('checking', 'applying')`,
  );
  const oldest = row?.oldest ? new Date(row.oldest) : undefined;
  return {
    waiting: row?.waiting ?? 0,
    running: row?.running ?? 0,
    oldestWaitingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
