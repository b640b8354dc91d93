import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

/** The outbox in figures, for monitoring (/metrics): no addresses, subjects or bodies. */
export interface OutboxFigures {
  /** Messages not yet sent (pending, including those waiting to retry, or being sent). */
  unsent: number;
  /** Of those, messages that failed at least once and wait to be tried again. */
  retrying: number;
  /** Seconds since the oldest unsent message was queued (0 when there is none). */
  oldestUnsentSeconds: number;
  /** Messages given up for good (a permanent SMTP error or too many attempts). */
  failed: number;
}

export async function outboxFigures(db: Db, { now }: { now: Date }): Promise<OutboxFigures> {
  const [row] = await queryRows<{ unsent: number; retrying: number; oldest: string | null; failed: number }>(
    db,
    sql`select count(*) filter (where status in ('pending', 'sending'))::int as unsent,
               count(*) filter (where status = 'pending' and attempts > 0)::int as retrying,
               min(created_at) filter (where status in ('pending', 'sending'))::text as oldest,
               count(*) filter (where status = 'failed')::int as failed
        from outbox_messages where status <> 'sent'`,
  );
  const oldest = row?.oldest ? new Date(row.oldest) : undefined;
  return {
    unsent: row?.unsent ?? 0,
    retrying: row?.retrying ?? 0,
    oldestUnsentSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    failed: row?.failed ?? 0,
  };
}
