import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { AppError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type DeliveryChannel, type DeliveryState, deliveries, letters } from './schema.ts';

export type Delivery = typeof deliveries.$inferSelect;

export const deliveryStateLabels: Record<DeliveryState, string> = {
  queued: 'w kolejce do wysłania',
  sent: 'wysłany e-mailem',
  to_print: 'do wydruku',
  printed: 'wydrukowany',
};

export const channelLabels: Record<DeliveryChannel, string> = { email: 'e-mail', paper: 'papier' };

/** The member's letters, newest first: every delivery to their person, whatever the channel. */
export async function listInbox(db: Db, { organizationId, personId }: { organizationId: number; personId: number }) {
  return db
    .select({ delivery: deliveries, subject: letters.subject, sentAt: letters.sentAt })
    .from(deliveries)
    .innerJoin(letters, eq(letters.id, deliveries.letterId))
    .where(and(eq(deliveries.organizationId, organizationId), eq(deliveries.personId, personId)))
    .orderBy(desc(deliveries.id));
}

export async function countUnread(db: Db, { organizationId, personId }: { organizationId: number; personId: number }) {
  const rows = await unreadCount(db, { organizationId, personId });
  return rows[0]?.n ?? 0;
}

/** Read on every e-BOK start page: prepared (db/prepared.ts). */
const unreadCount = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.organizationId, sql.placeholder('organizationId')),
        eq(deliveries.personId, sql.placeholder('personId')),
        isNull(deliveries.readAt),
      ),
    ),
);

/**
 * Opens a letter for its addressee: the query starts from the member's own person, so another
 * person's letter is simply not there (404). The first opening is recorded as the read time.
 */
export async function openLetter(
  db: Db,
  {
    organizationId,
    personId,
    letterId,
    now,
  }: { organizationId: number; personId: number; letterId: number; now: Date },
) {
  const rows = await db
    .update(deliveries)
    .set({ readAt: sql`coalesce(${deliveries.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(deliveries.organizationId, organizationId),
        eq(deliveries.personId, personId),
        eq(deliveries.letterId, letterId),
      ),
    )
    .returning();
  const delivery = rows.sort((a, b) => a.id - b.id)[0];
  if (!delivery) throw new AppError('not_found', 'no such letter for this person');
  const [letter] = await db.select().from(letters).where(eq(letters.id, letterId));
  if (!letter) throw new AppError('not_found', 'no such letter');
  // A personalised letter reaches a person once per unit they hold, each with its own figures.
  return { delivery, deliveries: rows, letter };
}

/** Letters waiting to be printed, oldest first (with the letter for the PDF). */
export async function listPrintQueue(
  db: Db,
  { organizationId, onlyIds }: { organizationId: number; onlyIds?: number[] | undefined },
) {
  return db
    .select({ delivery: deliveries, letter: letters })
    .from(deliveries)
    .innerJoin(letters, eq(letters.id, deliveries.letterId))
    .where(
      and(
        eq(deliveries.organizationId, organizationId),
        eq(deliveries.state, 'to_print'),
        onlyIds ? inArray(deliveries.id, onlyIds.length ? onlyIds : [0]) : undefined,
      ),
    )
    .orderBy(asc(deliveries.id))
    .limit(2000);
}

/** Marks the printed deliveries (exactly those in the PDF staff printed) as printed. */
export async function markPrinted(
  db: Db,
  { actor, deliveryIds, now }: { actor: Actor; deliveryIds: number[]; now: Date },
): Promise<number> {
  const { organizationId } = actor;
  if (deliveryIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(deliveries)
      .set({ state: 'printed', printedAt: now })
      .where(
        and(
          eq(deliveries.organizationId, organizationId),
          eq(deliveries.state, 'to_print'),
          inArray(deliveries.id, deliveryIds),
        ),
      )
      .returning({ id: deliveries.id });
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.printed',
      subjectType: 'delivery',
      detail: { count: rows.length },
    });
    return rows.length;
  });
}

/** Paper deliveries that were meant for e-mail but the address refused them: staff should know. */
export async function countBouncedToPaper(db: Db, { organizationId }: { organizationId: number }): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.organizationId, organizationId),
        eq(deliveries.state, 'to_print'),
        sql`${deliveries.emailError} is not null`,
      ),
    );
  return rows[0]?.n ?? 0;
}

export interface LetterReport {
  total: number;
  byChannelState: { channel: DeliveryChannel; state: DeliveryState; count: number }[];
  read: number;
  /** Share of deliveries opened in e-BOK, 0..1. */
  readRate: number;
  bounced: number;
}

export async function letterReport(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<LetterReport> {
  const rows = await db
    .select({
      channel: deliveries.channel,
      state: deliveries.state,
      count: sql<number>`count(*)::int`,
      read: sql<number>`count(${deliveries.readAt})::int`,
      bounced: sql<number>`count(${deliveries.emailError})::int`,
    })
    .from(deliveries)
    .where(and(eq(deliveries.organizationId, organizationId), eq(deliveries.letterId, letterId)))
    .groupBy(deliveries.channel, deliveries.state)
    .orderBy(deliveries.channel, deliveries.state);
  const total = rows.reduce((s, r) => s + r.count, 0);
  const read = rows.reduce((s, r) => s + r.read, 0);
  return {
    total,
    byChannelState: rows.map(({ channel, state, count }) => ({ channel, state, count })),
    read,
    readRate: total ? read / total : 0,
    bounced: rows.reduce((s, r) => s + r.bounced, 0),
  };
}

export async function listDeliveries(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<Delivery[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.organizationId, organizationId), eq(deliveries.letterId, letterId)))
    .orderBy(asc(deliveries.recipientName), asc(deliveries.id));
}

/**
 * When given deliveries left: the channel they went by now (an e-mail refused by its address
 * turns to paper) and, for e-mail, when the outbox handed it to the SMTP server.
 */
export async function deliveryProgress(
  db: Db,
  { organizationId, deliveryIds }: { organizationId: number; deliveryIds: number[] },
): Promise<
  Map<number, { channel: DeliveryChannel; state: DeliveryState; sentAt: Date | null; printedAt: Date | null }>
> {
  if (deliveryIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: deliveries.id,
      channel: deliveries.channel,
      state: deliveries.state,
      sentAt: deliveries.sentAt,
      printedAt: deliveries.printedAt,
    })
    .from(deliveries)
    .where(and(eq(deliveries.organizationId, organizationId), inArray(deliveries.id, deliveryIds)));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
