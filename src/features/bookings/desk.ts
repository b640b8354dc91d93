/** The clerk's desk: room bookings waiting for a decision. */
import { and, count, eq, min } from 'drizzle-orm';
import type { DeskQueue } from '../desk/desk-queue.ts';
import { roomBookings } from './schema.ts';

export const pendingBookingsQueue: DeskQueue = {
  key: 'bookings.pending',
  label: 'Rezerwacje sal do rozpatrzenia',
  href: '/panel/rezerwacje',
  capability: 'requests.handle',
  async waiting(db, { organizationId }) {
    const rows = await db
      .select({ n: count(), oldest: min(roomBookings.createdAt) })
      .from(roomBookings)
      .where(and(eq(roomBookings.organizationId, organizationId), eq(roomBookings.status, 'oczekuje')));
    return { count: Number(rows[0]?.n ?? 0), oldestSince: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
  },
};
