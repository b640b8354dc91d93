/**
 * Room bookings: rooms with their rules, requests from members (e-BOK) and others (the public
 * form), staff decisions; an approved paid booking of a member becomes an "other receivable" on
 * the member's unit through the ledger's door.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { storeFile } from '../../files/store.ts';
import { parseWarsawLocal, warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { bookOtherReceivable } from '../ledger/ledger.ts';
import type { MailSettings } from '../requests/mail.ts';
import { mailBookingDecision } from './mail.ts';
import { needsPaymentRequest, paymentRequestOf, paymentRequestPdf } from './payment-pdf.ts';
import { bookingPrice, checkSlot, formatTime, parseTime, type Slot } from './rules/booking.ts';
import { type BookingStatus, roomBookings, rooms } from './schema.ts';

export type Room = typeof rooms.$inferSelect;
export type Booking = typeof roomBookings.$inferSelect;

export interface SlotInput {
  date: string;
  from: string;
  until: string;
}

/** The typed day and times as instants in Warsaw time, or errors at the fields. */
export function slotOf(input: SlotInput): Slot {
  const startMinute = parseTime(input.from);
  const endMinute = parseTime(input.until);
  const errors = [];
  if (startMinute === undefined)
    errors.push({ field: 'from', message: 'Podaj godzinę początku jako GG:MM, np. 17:00.' });
  if (endMinute === undefined) errors.push({ field: 'until', message: 'Podaj godzinę końca jako GG:MM, np. 19:00.' });
  if (startMinute === undefined || endMinute === undefined) throw new ValidationError(errors);
  const start = parseWarsawLocal(`${input.date} ${formatTime(startMinute)}`);
  const end =
    endMinute === 1440
      ? parseWarsawLocal(`${warsawDate(new Date(Date.parse(`${input.date}T12:00:00Z`) + 86_400_000))} 00:00`)
      : parseWarsawLocal(`${input.date} ${formatTime(endMinute)}`);
  if (!start || !end) throw new ValidationError([{ field: 'date', message: 'Podaj prawdziwą datę.' }]);
  return { start, end, startMinute, endMinute };
}

/** What staff set for a room: its name, opening hours, notice and price. */
export interface RoomInput {
  name: string;
  opensAt: number;
  closesAt: number;
  minNoticeHours: number;
  pricePerHour: number;
  freeForMembers: boolean;
}

function checkHours(input: RoomInput): void {
  if (input.closesAt <= input.opensAt) {
    throw new ValidationError([{ field: 'closesAt', message: 'Zamknięcie musi być później niż otwarcie.' }]);
  }
}

export async function createRoom(
  db: Db,
  { actor, input, now }: { actor: Actor; input: RoomInput; now: Date },
): Promise<Room> {
  checkHours(input);
  return db.transaction(async (tx) => {
    const [room] = await tx
      .insert(rooms)
      .values({
        ...input,
        organizationId: actor.organizationId,
        calendarToken: randomBytes(18).toString('base64url'),
        createdAt: now,
      })
      .returning();
    if (!room) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'room.created',
      subjectType: 'room',
      subjectId: room.id,
      detail: { name: input.name },
      at: now,
    });
    return room;
  });
}

/**
 * Changes a room's rules. Bookings already requested keep the price they were given; the new
 * hours, notice and price apply to the requests that follow. Another organization's room is not
 * found.
 */
export async function updateRoom(
  db: Db,
  { actor, roomId, input, now }: { actor: Actor; roomId: number; input: RoomInput; now: Date },
): Promise<Room> {
  checkHours(input);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.organizationId, actor.organizationId), eq(rooms.id, roomId)))
      .for('update');
    if (!before) throw new AppError('not_found', 'no such room');
    const [room] = await tx.update(rooms).set(input).where(eq(rooms.id, roomId)).returning();
    if (!room) throw new Error('update returned no row');
    const changed = Object.fromEntries(
      (Object.keys(input) as (keyof RoomInput)[])
        .filter((key) => before[key] !== input[key])
        .map((key) => [key, { from: before[key], to: input[key] }]),
    );
    await recordAudit(tx, {
      ...actor,
      action: 'room.updated',
      subjectType: 'room',
      subjectId: room.id,
      detail: { name: room.name, changed },
      at: now,
    });
    return room;
  });
}

export async function listRooms(db: Db, { organizationId }: { organizationId: number }): Promise<Room[]> {
  return db.select().from(rooms).where(eq(rooms.organizationId, organizationId)).orderBy(asc(rooms.id));
}

export async function findRoom(db: Db, { organizationId, roomId }: { organizationId: number; roomId: number }) {
  const rows = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.organizationId, organizationId), eq(rooms.id, roomId)));
  return rows[0];
}

/** Bookings that hold the room between two instants (pending ones too: they are not free). */
export async function listTaken(
  db: Db,
  { organizationId, roomId, from, to }: { organizationId: number; roomId: number; from: Date; to: Date },
): Promise<Booking[]> {
  return db
    .select()
    .from(roomBookings)
    .where(
      and(
        eq(roomBookings.organizationId, organizationId),
        eq(roomBookings.roomId, roomId),
        inArray(roomBookings.status, ['oczekuje', 'zatwierdzona']),
        lt(roomBookings.startsAt, to),
        gt(roomBookings.endsAt, from),
      ),
    )
    .orderBy(asc(roomBookings.startsAt));
}

export interface Requester {
  accountId: number | null;
  /** The member's unit for the fee (members), from their own units. */
  unitId: number | null;
  member: boolean;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** A request for a slot; checked against the room's rules and the bookings that hold it. */
export async function requestBooking(
  db: Db,
  {
    actor,
    roomId,
    slot: typed,
    requester,
    purpose,
    now,
  }: { actor: Actor; roomId: number; slot: SlotInput; requester: Requester; purpose: string; now: Date },
): Promise<Booking> {
  const organizationId = actor.organizationId;
  const slot = slotOf(typed);
  return db.transaction(async (tx) => {
    // One request at a time per room: two people asking for the same hour cannot both get it.
    const locked = await tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.organizationId, organizationId), eq(rooms.id, roomId)))
      .for('update');
    const room = locked[0];
    if (!room) throw new AppError('not_found', 'no such room');
    const taken = await listTaken(tx, { organizationId, roomId, from: slot.start, to: slot.end });
    const errors = checkSlot(room, slot, {
      now,
      taken: taken.map((b) => ({ start: b.startsAt, end: b.endsAt })),
    });
    if (errors.length > 0) throw new ValidationError(errors);
    const [booking] = await tx
      .insert(roomBookings)
      .values({
        organizationId,
        roomId,
        startsAt: slot.start,
        endsAt: slot.end,
        status: 'oczekuje',
        accountId: requester.accountId,
        unitId: requester.unitId,
        contactName: requester.contactName,
        contactEmail: requester.contactEmail,
        contactPhone: requester.contactPhone,
        purpose,
        price: bookingPrice(room, slot, requester.member),
        createdAt: now,
      })
      .returning();
    if (!booking) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'booking.requested',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { roomId, member: requester.member },
      at: now,
    });
    return booking;
  });
}

/**
 * Staff approve or reject a pending booking. An approved paid booking of a member is booked as an
 * other receivable on their unit, due in 14 days. The booker is told by e-mail (if they left an
 * address), through the outbox in the same transaction.
 */
export async function decideBooking(
  db: Db,
  {
    actor,
    bookingId,
    approve,
    reason,
    mail,
    now,
  }: { actor: Actor; bookingId: number; approve: boolean; reason: string; mail: MailSettings; now: Date },
): Promise<Booking> {
  const organizationId = actor.organizationId;
  if (!approve && reason.trim() === '') {
    throw new ValidationError([{ field: 'reason', message: 'Podaj powód odrzucenia.' }]);
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(roomBookings)
      .where(and(eq(roomBookings.organizationId, organizationId), eq(roomBookings.id, bookingId)))
      .for('update');
    const booking = rows[0];
    if (!booking) throw new AppError('not_found', 'no such booking');
    if (booking.status !== 'oczekuje') {
      throw new ValidationError([{ field: 'reason', message: 'Ta rezerwacja jest już rozpatrzona.' }]);
    }
    const status: BookingStatus = approve ? 'zatwierdzona' : 'odrzucona';
    const [decided] = await tx
      .update(roomBookings)
      .set({ status, rejectReason: approve ? null : reason.trim(), decidedBy: actor.actorAccountId, decidedAt: now })
      .where(eq(roomBookings.id, bookingId))
      .returning();
    if (!decided) throw new Error('update returned no row');
    if (approve && booking.price > 0 && booking.unitId) {
      const today = warsawDate(now);
      await bookOtherReceivable(tx, {
        actor,
        input: {
          unitId: booking.unitId,
          amount: booking.price,
          bookingDate: today,
          valueDate: today,
          dueDate: warsawDate(new Date(now.getTime() + 14 * 86_400_000)),
          description: `Rezerwacja sali ${warsawDate(booking.startsAt)}`,
        },
      });
    }
    const room = (await tx.select().from(rooms).where(eq(rooms.id, booking.roomId)))[0];
    if (!room) throw new Error('booking without its room');
    // A non-member's paid booking: the payment request goes with the e-mail, as a private file.
    let paymentRequest: { fileId: number; dueOn: string } | undefined;
    if (decided.contactEmail && needsPaymentRequest(decided)) {
      const facts = paymentRequestOf(decided);
      const file = await storeFile(tx, {
        organizationId,
        upload: {
          fileName: `wezwanie-do-zaplaty-${facts.number.replaceAll('/', '-')}.pdf`,
          title: `Wezwanie do zapłaty ${facts.number}`,
          data: await paymentRequestPdf(mail.organization, room, decided),
        },
        owner: { private: true },
      });
      paymentRequest = { fileId: file.id, dueOn: facts.dueOn };
    }
    const mailed = await mailBookingDecision(tx, { mail, room, booking: decided, now, paymentRequest });
    await recordAudit(tx, {
      ...actor,
      action: approve ? 'booking.approved' : 'booking.rejected',
      subjectType: 'booking',
      subjectId: bookingId,
      detail: { price: booking.price, mailed, paymentRequest: paymentRequest !== undefined },
      at: now,
    });
    return decided;
  });
}

export async function listPending(db: Db, { organizationId }: { organizationId: number }): Promise<Booking[]> {
  return db
    .select()
    .from(roomBookings)
    .where(and(eq(roomBookings.organizationId, organizationId), eq(roomBookings.status, 'oczekuje')))
    .orderBy(asc(roomBookings.createdAt), asc(roomBookings.id))
    .limit(200);
}

export async function listMemberBookings(
  db: Db,
  { organizationId, accountId }: { organizationId: number; accountId: number },
): Promise<Booking[]> {
  return db
    .select()
    .from(roomBookings)
    .where(and(eq(roomBookings.organizationId, organizationId), eq(roomBookings.accountId, accountId)))
    .orderBy(asc(roomBookings.startsAt))
    .limit(200);
}

/** Approved bookings of a room from `from` on, for the staff's calendar feed. */
export async function listApproved(
  db: Db,
  { organizationId, roomId, from }: { organizationId: number; roomId: number; from: Date },
): Promise<Booking[]> {
  return db
    .select()
    .from(roomBookings)
    .where(
      and(
        eq(roomBookings.organizationId, organizationId),
        eq(roomBookings.roomId, roomId),
        eq(roomBookings.status, 'zatwierdzona'),
        gt(roomBookings.endsAt, from),
      ),
    )
    .orderBy(asc(roomBookings.startsAt))
    .limit(2000);
}

/**
 * An approved paid booking of a non-member with its room, for its payment request; undefined for
 * any other booking (a member's, a free or undecided one, another organization's).
 */
export async function findPaymentRequestBooking(
  db: Db,
  { organizationId, bookingId }: { organizationId: number; bookingId: number },
): Promise<{ booking: Booking; room: Room } | undefined> {
  const rows = await db
    .select({ booking: roomBookings, room: rooms })
    .from(roomBookings)
    .innerJoin(rooms, eq(rooms.id, roomBookings.roomId))
    .where(and(eq(roomBookings.organizationId, organizationId), eq(roomBookings.id, bookingId)))
    .limit(1);
  const row = rows[0];
  return row && needsPaymentRequest(row.booking) ? row : undefined;
}

/** Approved paid bookings of non-members not yet long past (newest first), for their payment requests. */
export async function listPaymentRequestBookings(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<Booking[]> {
  return db
    .select()
    .from(roomBookings)
    .where(
      and(
        eq(roomBookings.organizationId, organizationId),
        eq(roomBookings.status, 'zatwierdzona'),
        isNull(roomBookings.accountId),
        gt(roomBookings.price, 0),
        gt(roomBookings.endsAt, new Date(now.getTime() - 180 * 86_400_000)),
      ),
    )
    .orderBy(desc(roomBookings.decidedAt), desc(roomBookings.id))
    .limit(100);
}
