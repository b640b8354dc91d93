import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { OutboxMessage } from './outbox.ts';
import { type OutboxStatus, outboxMessages } from './schema.ts';

/** The newest messages of an organization for the outbox page, optionally of one status, with their count. */
export async function listOutbox(
  db: Db,
  {
    organizationId,
    status,
    limit,
    offset,
  }: { organizationId: number; status?: OutboxStatus | undefined; limit: number; offset: number },
): Promise<{ rows: OutboxMessage[]; total: number }> {
  const where = and(
    eq(outboxMessages.organizationId, organizationId),
    status ? eq(outboxMessages.status, status) : undefined,
  );
  const [rows, counts] = await readTogether(db, [
    () => db.select().from(outboxMessages).where(where).orderBy(desc(outboxMessages.id)).limit(limit).offset(offset),
    () => db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(where),
  ]);
  return { rows, total: counts[0]?.n ?? 0 };
}

/** One message of an organization, or undefined. */
export async function findOutboxMessage(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<OutboxMessage | undefined> {
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, organizationId), eq(outboxMessages.id, id)))
    .limit(1);
  return rows[0];
}
