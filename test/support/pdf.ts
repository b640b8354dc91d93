import { createPdf, drawText, pdfToBuffer } from '../../src/pdf/pdf.ts';

/** A real one-page PDF with the given text, for tests that read pages back (print queue). */
export async function onePagePdf(text: string): Promise<Buffer> {
  const doc = createPdf({ title: 'Załącznik testowy', author: 'test' });
  drawText(doc, text);
  return pdfToBuffer(doc);
}
