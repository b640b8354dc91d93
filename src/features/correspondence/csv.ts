import { csvField } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/format.ts';
import { channelLabels, type Delivery, deliveryStateLabels } from './deliveries.ts';

/** The deliveries of a letter as CSV: UTF-8 with BOM, `;` separators, CRLF lines. */
export function deliveriesCsv(rows: Delivery[]): string {
  const header = [
    'Adresat',
    'Adres pocztowy',
    'Kanał',
    'E-mail',
    'Stan',
    'Wysłano',
    'Odczytano',
    'Wydrukowano',
    'Błąd e-maila',
  ];
  const lines = rows.map((d) =>
    [
      d.recipientName,
      d.postalAddress.replace(/\n/g, ', '),
      channelLabels[d.channel],
      d.email ?? '',
      deliveryStateLabels[d.state],
      d.sentAt ? formatDateTime(d.sentAt) : '',
      d.readAt ? formatDateTime(d.readAt) : '',
      d.printedAt ? formatDateTime(d.printedAt) : '',
      d.emailError ?? '',
    ]
      .map(csvField)
      .join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
