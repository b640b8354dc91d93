/**
 * The e-mail to the booker when staff decide: approved or rejected (with the reason, which a booker
 * from the public form can read nowhere else). Written to the outbox in the decision's transaction.
 */
import type { Db } from '../../db/client.ts';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { warsawLocalInput } from '../../lib/warsaw-time.ts';
import { renderMail } from '../../mail/templates.tsx';
import { enqueueMail, senderFor } from '../outbox/outbox.ts';
import type { MailSettings } from '../requests/mail.ts';
import type { Booking, Room } from './bookings.ts';

/** "Sala konferencyjna, 12.03.2027, 10:00–12:00" (the end's date only when it differs). */
export function slotLabel(room: Pick<Room, 'name'>, booking: Pick<Booking, 'startsAt' | 'endsAt'>): string {
  const start = warsawLocalInput(booking.startsAt);
  const end = warsawLocalInput(booking.endsAt);
  const endLabel = start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : formatDateTime(booking.endsAt);
  return `${room.name}, ${formatDateTime(booking.startsAt)}–${endLabel}`;
}

/** Queues the decision mail if the booker left an e-mail address; tells whether it did. */
export async function mailBookingDecision(
  db: Db,
  {
    mail,
    room,
    booking,
    now,
    paymentRequest,
  }: {
    mail: MailSettings;
    room: Pick<Room, 'id' | 'name'>;
    booking: Booking;
    now: Date;
    /** The payment request of a non-member's paid booking: its stored PDF and deadline. */
    paymentRequest?: { fileId: number; dueOn: string } | undefined;
  },
): Promise<boolean> {
  const to = booking.contactEmail;
  if (!to || (booking.status !== 'zatwierdzona' && booking.status !== 'odrzucona')) return false;
  const approved = booking.status === 'zatwierdzona';
  const slot = slotLabel(room, booking);
  const paragraphs = approved
    ? [
        `Spółdzielnia zatwierdziła Twoją rezerwację: ${slot}.`,
        ...(booking.price > 0
          ? [
              booking.unitId
                ? `Opłata ${formatMoney(booking.price)} została doliczona do należności Twojego lokalu.`
                : `Opłata za rezerwację: ${formatMoney(booking.price)}.`,
              ...(paymentRequest
                ? [
                    `W załączniku potwierdzenie rezerwacji i wezwanie do zapłaty z numerem rachunku i tytułem przelewu. Termin płatności: ${formatCalendarDate(paymentRequest.dueOn)}.`,
                  ]
                : []),
            ]
          : []),
      ]
    : [`Spółdzielnia nie może przyjąć Twojej prośby o rezerwację: ${slot}.`, `Powód: ${booking.rejectReason ?? ''}`];
  await enqueueMail(db, {
    organization: mail.organization,
    from: senderFor(mail.organization, mail.mailFrom),
    to,
    purpose: approved ? 'bookings.approved' : 'bookings.rejected',
    now,
    attachmentFileIds: paymentRequest ? [paymentRequest.fileId] : undefined,
    mail: renderMail(mail.organization, {
      subject: approved ? 'Rezerwacja sali zatwierdzona' : 'Rezerwacja sali odrzucona',
      paragraphs,
      link: booking.accountId
        ? { href: `${mail.baseUrl}/ebok/rezerwacje`, label: 'Twoje rezerwacje w e-BOK' }
        : { href: `${mail.baseUrl}/rezerwacja-sali`, label: 'Rezerwacja sali na stronie Spółdzielni' },
    }),
  });
  return true;
}
