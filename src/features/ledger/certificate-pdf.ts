/** The certificate of no arrears as a PDF: letterhead, number, holder, unit, statement, verification. */
import QRCode from 'qrcode';
import { formatCalendarDate } from '../../lib/format.ts';
import {
  createPdf,
  drawLetterhead,
  drawPageNumbers,
  drawSignature,
  drawTitle,
  MARGIN,
  pdfToBuffer,
} from '../../pdf/pdf.ts';
import type { Organization } from '../organizations/queries.ts';

export interface CertificateDocument {
  number: string;
  issuedOn: string;
  holderName: string;
  unitLabel: string;
  code: string;
  verifyUrl: string;
}

export async function certificatePdf(organization: Organization, c: CertificateDocument): Promise<Buffer> {
  const title = `Zaświadczenie nr ${c.number}`;
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  const width = doc.page.width - MARGIN * 2;
  doc.text(`${organization.city}, ${formatCalendarDate(c.issuedOn)}`, MARGIN, doc.y, { width, align: 'right' });
  doc.moveDown(1);
  drawTitle(doc, `Zaświadczenie o niezaleganiu w opłatach nr ${c.number}`);
  doc.text(
    `${organization.name} zaświadcza, że ${c.holderName}, posiadacz lokalu ${c.unitLabel}, na dzień ${formatCalendarDate(c.issuedOn)} nie zalega z opłatami za lokal: nie ma należności, których termin płatności upłynął.`,
    MARGIN,
    doc.y,
    { width, align: 'justify' },
  );
  doc.moveDown(0.8);
  doc.text('Zaświadczenie wydaje się na wniosek zainteresowanego.', { width });
  drawSignature(doc, 'podpis osoby upoważnionej');
  doc.moveDown(2);
  const top = doc.y;
  const png = await QRCode.toBuffer(c.verifyUrl, { margin: 1, width: 200, errorCorrectionLevel: 'M' });
  doc.image(png, MARGIN, top, { width: 90 });
  doc
    .fontSize(9)
    .text(
      `Autentyczność zaświadczenia sprawdzisz na stronie ${c.verifyUrl} — kod weryfikacyjny: ${c.code}. Strona podaje tylko, czy zaświadczenie o tym numerze i dacie jest ważne.`,
      MARGIN + 100,
      top,
      { width: width - 100 },
    );
  drawPageNumbers(doc, title);
  return pdfToBuffer(doc);
}
