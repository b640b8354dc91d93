/** Statements for a period: PDF (organization header, NRB, payment QR) and CSV for a Polish Excel. */
import QRCode from 'qrcode';
import { csvDocument } from '../../lib/csv.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { formatNrb } from '../../lib/nrb.ts';
import { createPdf, drawLetterhead, drawPageNumbers, drawTitle, MARGIN, pdfToBuffer } from '../../pdf/pdf.ts';
import type { Organization } from '../organizations/queries.ts';
import { entryKindLabels } from './labels.ts';
import type { Entry } from './queries.ts';
import { balanceState, balanceStateLabels } from './rules/balance.ts';
import { moneyToPlain } from './rules/money.ts';

export interface Statement {
  unitLabel: string;
  holderName: string;
  from: string;
  to: string;
  opening: number;
  rows: (Entry & { running: number })[];
  closing: number;
  nrb: string | undefined;
  transferTitle: string;
  qrText: string | undefined;
  /** Why there is no payment QR (a past period, or an amount above the QR's limit). */
  qrNote?: string | undefined;
}

function balanceWords(balance: number): string {
  const state = balanceState(balance);
  return state === 'zero' ? 'saldo zerowe' : `${balanceStateLabels[state]} ${formatMoney(Math.abs(balance))}`;
}

/** UTF-8 with a BOM, `;` and decimal commas: opens right in a Polish Excel (formulas defused). */
export function statementCsv(statement: Statement): Buffer {
  const lines = [
    ['Data', 'Rodzaj', 'Opis', 'Termin', 'Kwota', 'Saldo'],
    [statement.from, 'Saldo początkowe', '', '', '', moneyToPlain(statement.opening)],
    ...statement.rows.map((r) => [
      r.valueDate,
      entryKindLabels[r.kind],
      r.description,
      r.dueDate ?? '',
      moneyToPlain(r.amount),
      moneyToPlain(r.running),
    ]),
    [statement.to, 'Saldo końcowe', '', '', '', moneyToPlain(statement.closing)],
  ];
  return Buffer.from(csvDocument(lines), 'utf8');
}

export async function statementPdf(organization: Organization, statement: Statement): Promise<Buffer> {
  const title = `Zestawienie operacji — lokal ${statement.unitLabel}`;
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, title, `za okres ${formatCalendarDate(statement.from)} – ${formatCalendarDate(statement.to)}`);
  const width = doc.page.width - MARGIN * 2;
  doc.font('regular').fontSize(10);
  if (statement.holderName) doc.text(`Posiadacz: ${statement.holderName}`, MARGIN, doc.y, { width });
  doc.text(`Saldo na początek okresu: ${balanceWords(statement.opening)}`, { width });
  doc.moveDown(0.6);
  const columns = [
    { label: 'Data', width: 62, align: 'left' as const },
    { label: 'Rodzaj', width: 92, align: 'left' as const },
    { label: 'Opis', width: 170, align: 'left' as const },
    { label: 'Kwota', width: 78, align: 'right' as const },
    { label: 'Saldo', width: width - 62 - 92 - 170 - 78, align: 'right' as const },
  ];
  const drawRow = (cells: string[], bold = false) => {
    const y = doc.y;
    if (y > doc.page.height - MARGIN - 140) {
      doc.addPage();
    }
    const top = doc.y;
    let x = MARGIN;
    let bottom = top;
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      doc.text(cell, x, top, { width: column.width - 4, align: column.align });
      bottom = Math.max(bottom, doc.y);
      x += column.width;
    });
    doc.y = bottom + 2;
  };
  drawRow(
    columns.map((c) => c.label),
    true,
  );
  for (const row of statement.rows) {
    drawRow([
      formatCalendarDate(row.valueDate),
      entryKindLabels[row.kind],
      row.description,
      formatMoney(row.amount),
      formatMoney(row.running),
    ]);
  }
  doc.moveDown(0.6);
  doc
    .font('bold')
    .fontSize(10)
    .text(`Saldo na koniec okresu: ${balanceWords(statement.closing)}`, MARGIN, doc.y, { width });
  doc.font('regular').moveDown(0.8);
  if (statement.nrb) {
    if (doc.y > doc.page.height - MARGIN - 150) doc.addPage();
    const top = doc.y;
    doc.text(`Rachunek do wpłat: ${formatNrb(statement.nrb)}`, MARGIN, top, { width: width - 130 });
    doc.text(`Tytuł przelewu: ${statement.transferTitle}`, { width: width - 130 });
    if (statement.qrText) {
      const png = await QRCode.toBuffer(statement.qrText, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
      doc.image(png, MARGIN + width - 110, top, { width: 110 });
      doc.text('Kod QR do zapłaty kwoty należnej na dziś w aplikacji banku.', MARGIN, doc.y + 4, {
        width: width - 130,
      });
    } else if (statement.qrNote) {
      doc.text(statement.qrNote, MARGIN, doc.y + 4, { width: width - 130 });
    }
  }
  drawPageNumbers(doc, title);
  return pdfToBuffer(doc);
}
