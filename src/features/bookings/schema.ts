import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.ts';
import { organizations } from '../organizations/schema.ts';

/** A room members and others may book (the seed's "sala konferencyjna"), with its rules. */
export const rooms = pgTable('rooms', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id),
  name: text().notNull(),
  /** Opening and closing time, minutes after midnight (Warsaw time). */
  opensAt: integer().notNull(),
  closesAt: integer().notNull(),
  /** A booking starts at least this many hours after it is asked for. */
  minNoticeHours: integer().notNull(),
  /** Grosze per hour; 0 is free. */
  pricePerHour: integer().notNull(),
  freeForMembers: boolean().notNull().default(true),
  /** The secret in the address of the staff's iCalendar feed. */
  calendarToken: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

export type BookingStatus = 'oczekuje' | 'zatwierdzona' | 'odrzucona';

/** A request for a room slot, by a member (account) or anyone through the public form (contact). */
export const roomBookings = pgTable(
  'room_bookings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    roomId: bigint({ mode: 'number' })
      .notNull()
      .references(() => rooms.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: text().$type<BookingStatus>().notNull(),
    accountId: bigint({ mode: 'number' }).references(() => accounts.id),
    /** The member's unit the fee is booked on (paid bookings of members). */
    unitId: bigint({ mode: 'number' }),
    contactName: text().notNull(),
    contactEmail: text(),
    contactPhone: text(),
    purpose: text().notNull(),
    /** Grosze owed for the slot; 0 when free. */
    price: integer().notNull(),
    rejectReason: text(),
    decidedBy: bigint({ mode: 'number' }).references(() => accounts.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('room_bookings_room_time').on(t.roomId, t.startsAt),
    index('room_bookings_queue').on(t.organizationId, t.status, t.createdAt),
    index('room_bookings_account').on(t.organizationId, t.accountId),
  ],
);
