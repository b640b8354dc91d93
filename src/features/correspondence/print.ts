import type { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatLongDate } from '../../lib/format.ts';
import { drawMarkdown } from '../../pdf/markdown.ts';
import { createPdf, drawLetterhead, type Letterhead, MARGIN, pdfToBuffer } from '../../pdf/pdf.ts';
import type { Delivery } from './deliveries.ts';
import type { Letter } from './letter-queries.ts';
import { personalPdfParts } from './personal/render.ts';

const MM = 72 / 25.4;

/**
 * The DL window envelope (DIN 676 type A, folded in three): the address field lies 20 mm from
 * the left and 45 mm from the top edge of the sheet, 85 × 40 mm; we stay 5 mm inside it.
 */
export const ADDRESS_WINDOW = { x: 25 * MM, y: 50 * MM, width: 75 * MM, height: 30 * MM };

/** What the print file needs of a delivery: the envelope, the day, a personalised letter's values. */
export type PrintDelivery = Pick<Delivery, 'recipientName' | 'postalAddress' | 'createdAt' | 'fields'>;

/** A personalised letter's QR codes as PNGs, made before drawing (pdfkit draws synchronously). */
async function qrPngsOf(items: readonly { delivery: PrintDelivery }[]): Promise<Map<string, Buffer>> {
  const pngs = new Map<string, Buffer>();
  for (const { delivery } of items) {
    for (const value of Object.values(delivery.fields ?? {})) {
      if ('qr' in value && !pngs.has(value.qr))
        pngs.set(value.qr, await QRCode.toBuffer(value.qr, { margin: 1, width: 240, errorCorrectionLevel: 'M' }));
    }
  }
  return pngs;
}

/** The letter's body: as written, or filled with the recipient's own values and QR codes. */
function drawBody(
  doc: PDFKit.PDFDocument,
  {
    letter,
    delivery,
    pngs,
    width,
  }: { letter: Letter; delivery: PrintDelivery; pngs: Map<string, Buffer>; width: number },
): void {
  if (!delivery.fields) {
    drawMarkdown(doc, letter.bodyMarkdown, { x: MARGIN, width, breaks: true });
    return;
  }
  for (const part of personalPdfParts(letter.bodyMarkdown, delivery.fields)) {
    if ('markdown' in part) {
      drawMarkdown(doc, part.markdown, { x: MARGIN, width, breaks: true });
      continue;
    }
    const png = pngs.get(part.qr);
    const size = 32 * MM;
    if (doc.y + size + 30 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(0.3);
    if (png) doc.image(png, MARGIN, doc.y, { width: size, height: size });
    doc.y += size + 4;
    doc.font('regular').fontSize(9).text(part.caption, MARGIN, doc.y, { width });
    doc.fontSize(10).moveDown(0.5);
  }
}

export interface PrintAttachment {
  name: string;
  data: Uint8Array;
}

/** An attachment's pages, or undefined when pdf-lib cannot read it (e.g. encrypted). */
async function attachmentPdf(attachment: PrintAttachment): Promise<PDFDocument | undefined> {
  try {
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.load(attachment.data);
    // pdf-lib reads some broken files without complaint; a page count proves the page tree is there.
    return pdf.getPageCount() > 0 ? pdf : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One PDF of the given paper deliveries: each letter on new pages with the letterhead, the
 * address in the envelope's window, the subject, date and body, and `strona n z m` per letter,
 * followed by the pages of its PDF attachments, so that a paper recipient gets what an e-mail
 * recipient gets. An attachment that cannot be read is named on the letter for printing apart.
 */
export async function printQueuePdf({
  organization,
  items,
  attachments,
}: {
  organization: Letterhead;
  items: { delivery: PrintDelivery; letter: Letter }[];
  attachments: Map<number, PrintAttachment[]>;
}): Promise<Buffer> {
  const readable = new Map<number, { name: string; pdf: PDFDocument | undefined }[]>();
  for (const [letterId, files] of attachments) {
    readable.set(letterId, await Promise.all(files.map(async (f) => ({ name: f.name, pdf: await attachmentPdf(f) }))));
  }
  const pngs = await qrPngsOf(items);
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
    drawBody(doc, { letter, delivery, pngs, width });
    const files = readable.get(letter.id) ?? [];
    if (files.length) {
      doc.moveDown(0.5).font('bold').text('Załączniki:', MARGIN, doc.y, { width }).font('regular');
      for (const { name, pdf } of files) {
        const note = pdf ? '' : ' (do wydrukowania osobno)';
        doc.text(`• ${name}${note}`, MARGIN + 8, doc.y, { width: width - 8 });
      }
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
  const lettersPdf = await pdfToBuffer(doc);
  if (![...readable.values()].some((files) => files.some((f) => f.pdf))) return lettersPdf;
  // pdf-lib is loaded only for merging attachments, so it stays out of a server's memory until then.
  const { PDFDocument } = await import('pdf-lib');
  const letters = await PDFDocument.load(lettersPdf);

  // Each letter's pages, then its attachments' pages.
  const merged = await PDFDocument.create();
  merged.setTitle('Korespondencja do wydruku');
  merged.setAuthor(organization.name);
  for (const [index, { letter }] of items.entries()) {
    const { start, end } = ranges[index] as { start: number; end: number };
    const pages = Array.from({ length: end - start + 1 }, (_, i) => start + i);
    for (const page of await merged.copyPages(letters, pages)) merged.addPage(page);
    for (const { pdf } of readable.get(letter.id) ?? []) {
      if (!pdf) continue;
      for (const page of await merged.copyPages(pdf, pdf.getPageIndices())) merged.addPage(page);
    }
  }
  return Buffer.from(await merged.save());
}
