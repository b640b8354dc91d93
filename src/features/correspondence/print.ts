import { formatLongDate } from '../../lib/format.ts';
import { drawMarkdown } from '../../pdf/markdown.ts';
import { createPdf, drawLetterhead, type Letterhead, MARGIN, pdfToBuffer } from '../../pdf/pdf.ts';
import type { Delivery } from './deliveries.ts';
import type { Letter } from './letters.ts';

const MM = 72 / 25.4;

/**
 * The DL window envelope (DIN 676 type A, folded in three): the address field lies 20 mm from
 * the left and 45 mm from the top edge of the sheet, 85 × 40 mm; we stay 5 mm inside it.
 */
export const ADDRESS_WINDOW = { x: 25 * MM, y: 50 * MM, width: 75 * MM, height: 30 * MM };

/**
 * One PDF of the given paper deliveries: each letter on new pages with the letterhead, the
 * address in the envelope's window, the subject, date and body, and `strona n z m` per letter.
 */
export async function printQueuePdf({
  organization,
  items,
  attachmentNames,
}: {
  organization: Letterhead;
  items: { delivery: Delivery; letter: Letter }[];
  attachmentNames: Map<number, string[]>;
}): Promise<Buffer> {
  const doc = createPdf({ title: 'Korespondencja do wydruku', author: organization.name });
  const ranges: { start: number; end: number }[] = [];
  items.forEach(({ delivery, letter }, index) => {
    if (index > 0) doc.addPage();
    const start = doc.bufferedPageRange().count - 1;
    drawLetterhead(doc, organization);
    const width = doc.page.width - MARGIN * 2;
    doc
      .font('bold')
      .fontSize(11)
      .text(delivery.recipientName, ADDRESS_WINDOW.x, ADDRESS_WINDOW.y, { width: ADDRESS_WINDOW.width })
      .font('regular')
      .text(delivery.postalAddress, { width: ADDRESS_WINDOW.width, height: ADDRESS_WINDOW.height });
    doc
      .fontSize(10)
      .text(`${organization.city}, ${formatLongDate(letter.sentAt ?? delivery.createdAt)}`, MARGIN, ADDRESS_WINDOW.y, {
        width,
        align: 'right',
      });
    doc.y = ADDRESS_WINDOW.y + ADDRESS_WINDOW.height + 14 * MM;
    doc.font('bold').fontSize(12).text(letter.subject, MARGIN, doc.y, { width });
    doc.moveDown(0.8);
    drawMarkdown(doc, letter.bodyMarkdown, { x: MARGIN, width });
    const names = attachmentNames.get(letter.id) ?? [];
    if (names.length) {
      doc.moveDown(0.5).font('bold').text('Załączniki:', MARGIN, doc.y, { width }).font('regular');
      for (const name of names) doc.text(`• ${name}`, MARGIN + 8, doc.y, { width: width - 8 });
    }
    ranges.push({ start, end: doc.bufferedPageRange().count - 1 });
  });
  if (items.length === 0) doc.text('Brak korespondencji do wydruku.');
  for (const { start, end } of ranges) {
    for (let i = start; i <= end; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(8)
        .fillColor('#555555')
        .text(`${organization.name} · strona ${i - start + 1} z ${end - start + 1}`, MARGIN, doc.page.height - 36, {
          width: doc.page.width - MARGIN * 2,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
      doc.fillColor('#000000');
    }
  }
  return pdfToBuffer(doc);
}
