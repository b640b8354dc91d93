import { csvDocument } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/format.ts';
import { channelLabels, type Delivery, deliveryStateLabels } from './deliveries.ts';

/** The deliveries of a letter as CSV (see lib/csv.ts: BOM, `;`, CRLF, formulas defused). */
export function deliveriesCsv(rows: Delivery[]): string {
  return csvDocument([
    ['Adresat', 'Adres pocztowy', 'Kanał', 'E-mail', 'Stan', 'Wysłano', 'Odczytano', 'Wydrukowano', 'Błąd e-maila'],
    ...rows.map((d) => [
      d.recipientName,
      d.postalAddress.replace(/\n/g, ', '),
      channelLabels[d.channel],
      d.email ?? '',
      deliveryStateLabels[d.state],
      d.sentAt ? formatDateTime(d.sentAt) : '',
      d.readAt ? formatDateTime(d.readAt) : '',
      d.printedAt ? formatDateTime(d.printedAt) : '',
      d.emailError ?? '',
    ]),
  ]);
}
