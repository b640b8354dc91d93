/**
 * The payment request for an approved paid booking of someone without an account (the public
 * form): who is owed, what for (room, date, hours × price), how much, to which account, with which
 * transfer title and by when. A member's fee goes on their unit's account instead.
 */

import { organizationAddress } from '../../lib/address.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { formatNrb, isValidNrb } from '../../lib/nrb.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { createPdf, drawLetterhead, drawPageNumbers, drawTitle, MARGIN, pdfToBuffer } from '../../pdf/pdf.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import type { Booking, Room } from './bookings.ts';
import { slotLabel } from './mail.ts';

/** Days from the approval to the payment deadline. */
export const PAYMENT_DAYS = 7;

export interface PaymentRequest {
  number: string;
  /** Calendar dates `YYYY-MM-DD`. */
  issuedOn: string;
  dueOn: string;
  hours: number;
  /** Grosze. */
  pricePerHour: number;
  amount: number;
  transferTitle: string;
}

/** Whether a booking gets a payment request: approved, paid, booked without an account. */
export function needsPaymentRequest(booking: Pick<Booking, 'status' | 'price' | 'accountId'>): boolean {
  return booking.status === 'zatwierdzona' && booking.price > 0 && booking.accountId === null;
}

/** The request's facts, all from the booking: the same document however often it is printed. */
export function paymentRequestOf(booking: Booking): PaymentRequest {
  const decidedAt = booking.decidedAt ?? booking.createdAt;
  const issuedOn = warsawDate(decidedAt);
  const number = `REZ/${issuedOn.slice(0, 4)}/${booking.id}`;
  const hours = (booking.endsAt.getTime() - booking.startsAt.getTime()) / 3_600_000;
  return {
    number,
    issuedOn,
    dueOn: warsawDate(new Date(decidedAt.getTime() + PAYMENT_DAYS * 86_400_000)),
    hours,
    pricePerHour: Math.round(booking.price / hours),
    amount: booking.price,
    transferTitle: `Rezerwacja sali nr ${number}, ${formatCalendarDate(warsawDate(booking.startsAt))}`,
  };
}

const hoursText = (hours: number) => `${hours.toLocaleString('pl-PL', { maximumFractionDigits: 2 })} godz.`;

export async function paymentRequestPdf(
  organization: Organization,
  room: Pick<Room, 'name'>,
  booking: Booking,
): Promise<Buffer> {
  const r = paymentRequestOf(booking);
  const title = `Potwierdzenie rezerwacji i wezwanie do zapłaty nr ${r.number}`;
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  const width = doc.page.width - MARGIN * 2;
  const taxId = ledgerSettingsOf(organization).taxId;
  doc.text(`${organization.city}, ${formatCalendarDate(r.issuedOn)}`, MARGIN, doc.y, { width, align: 'right' });
  doc.moveDown(1);
  drawTitle(doc, 'Potwierdzenie rezerwacji i wezwanie do zapłaty', `nr ${r.number}`);

  const block = (heading: string, lines: string[]) => {
    doc.font('bold').text(heading, MARGIN, doc.y, { width });
    doc.font('regular');
    for (const line of lines) doc.text(line, { width });
    doc.moveDown(0.6);
  };
  block('Wierzyciel', [organization.name, organizationAddress(organization), ...(taxId ? [`NIP ${taxId}`] : [])]);
  block('Rezerwujący', [
    booking.contactName,
    ...(booking.contactEmail ? [`e-mail: ${booking.contactEmail}`] : []),
    ...(booking.contactPhone ? [`tel. ${booking.contactPhone}`] : []),
  ]);
  block('Rezerwacja', [slotLabel(room, booking), `Cel: ${booking.purpose}`]);

  // The charge as a small table: price per hour × hours = amount.
  const cols = [width * 0.44, width * 0.2, width * 0.14, width * 0.22];
  const row = (cells: string[], font: 'regular' | 'bold') => {
    const top = doc.y;
    let x = MARGIN;
    doc.font(font);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (cols[i] ?? 0) - 8 })));
    cells.forEach((cell, i) => {
      doc.text(cell, x + 4, top + 4, { width: (cols[i] ?? 0) - 8, align: i === 0 ? 'left' : 'right' });
      x += cols[i] ?? 0;
    });
    doc.y = top + height + 8;
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#555555')
      .stroke();
  };
  row(['Pozycja', 'Cena / godz.', 'Czas', 'Kwota'], 'bold');
  row([`Wynajem: ${room.name}`, formatMoney(r.pricePerHour), hoursText(r.hours), formatMoney(r.amount)], 'regular');
  doc.moveDown(0.8);
  doc.font('bold').text(`Do zapłaty: ${formatMoney(r.amount)}`, MARGIN, doc.y, { width, align: 'right' });
  doc.font('regular').moveDown(1);

  const account = organization.bankAccount;
  block('Płatność przelewem', [
    account && isValidNrb(account)
      ? `Numer rachunku: ${formatNrb(account)}`
      : `Numer rachunku: ${account ?? 'poda biuro Spółdzielni'}`,
    `Odbiorca: ${organization.name}`,
    `Tytuł przelewu: ${r.transferTitle}`,
    `Termin płatności: ${formatCalendarDate(r.dueOn)}`,
  ]);
  doc
    .fontSize(9)
    .fillColor('#333333')
    .text(
      'Prosimy o wpłatę w terminie, z podanym tytułem przelewu. Pytania o rezerwację prosimy kierować do biura Spółdzielni.',
      MARGIN,
      doc.y,
      { width },
    )
    .fillColor('#000000');
  drawPageNumbers(doc, title);
  return pdfToBuffer(doc);
}
