/** Statements for a period: PDF (organization header, NRB, payment QR) and CSV for a Polish Excel. */
import { createHash } from 'node:crypto';
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

/** The balance's state in a word, for a column beside the signed figure. */
function stateWord(balance: number): string {
  return balanceStateLabels[balanceState(balance)];
}

/** A charge (what raises the balance) and a payment (what lowers it), each in its own column. */
function split(amount: number): { charged: number | undefined; paid: number | undefined } {
  return { charged: amount > 0 ? amount : undefined, paid: amount < 0 ? -amount : undefined };
}

/**
 * UTF-8 with a BOM, `;` and decimal commas, dates as DD.MM.RRRR: opens right in a Polish Excel or
 * LibreOffice Calc (formulas defused). Charges and payments in separate columns like the screen;
 * the balance as a number (above zero the member owes) with its state in words beside it.
 */
export function statementCsv(statement: Statement): Buffer {
  const money = (grosze: number | undefined) => (grosze === undefined ? '' : moneyToPlain(grosze));
  const lines = [
    ['Data', 'Rodzaj', 'Opis', 'Termin płatności', 'Naliczenie', 'Wpłata', 'Saldo', 'Stan salda'],
    [
      formatCalendarDate(statement.from),
      'Saldo początkowe',
      '',
      '',
      '',
      '',
      moneyToPlain(statement.opening),
      stateWord(statement.opening),
    ],
    ...statement.rows.map((r) => {
      const { charged, paid } = split(r.amount);
      return [
        formatCalendarDate(r.valueDate),
        entryKindLabels[r.kind],
        r.description,
        r.dueDate ? formatCalendarDate(r.dueDate) : '',
        money(charged),
        money(paid),
        moneyToPlain(r.running),
        stateWord(r.running),
      ];
    }),
    [
      formatCalendarDate(statement.to),
      'Saldo końcowe',
      '',
      '',
      '',
      '',
      moneyToPlain(statement.closing),
      stateWord(statement.closing),
    ],
  ];
  return Buffer.from(csvDocument(lines), 'utf8');
}

/** The running balance as the screen writes it: an overpayment in words, not with a minus. */
function balanceCell(balance: number): string {
  return balance < 0 ? `nadpłata ${formatMoney(-balance)}` : formatMoney(balance);
}

/** Rendered statements kept per process, by everything they show (at most this many bytes). */
const KEPT_PDF_BYTES = 8 * 1024 * 1024;
const keptPdfs = new Map<string, { pdf: Promise<Buffer>; bytes: number }>();
let keptBytes = 0;

/**
 * The statement as a PDF. A document is fully determined by what it shows: the organization's
 * letterhead and the statement's figures, so a rendered one is kept under the hash of exactly
 * those (a past period's statement is asked for again and again and never changes; any booking
 * in the period, a new holder's name or another letterhead gives another key). The caller has
 * already checked who may see the unit.
 */
export function statementPdf(organization: Organization, statement: Statement): Promise<Buffer> {
  const { id, name, street, postcode, city, phone, fax, email } = organization;
  const key = createHash('sha256')
    .update(JSON.stringify([{ id, name, street, postcode, city, phone, fax, email }, statement]))
    .digest('base64url');
  const kept = keptPdfs.get(key);
  if (kept) {
    // Used again: to the young end of the queue.
    keptPdfs.delete(key);
    keptPdfs.set(key, kept);
    return kept.pdf;
  }
  const pdf = renderStatementPdf(organization, statement);
  const entry = { pdf, bytes: 0 };
  keptPdfs.set(key, entry);
  pdf.then(
    (bytes) => {
      if (keptPdfs.get(key) !== entry) return;
      entry.bytes = bytes.length;
      keptBytes += bytes.length;
      for (const [oldKey, old] of keptPdfs) {
        if (keptBytes <= KEPT_PDF_BYTES) break;
        keptPdfs.delete(oldKey);
        keptBytes -= old.bytes;
      }
    },
    () => {
      if (keptPdfs.get(key) === entry) keptPdfs.delete(key);
    },
  );
  return pdf;
}

/** Draws the statement's PDF (see `statementPdf`, which keeps what it drew). */
export async function renderStatementPdf(organization: Organization, statement: Statement): Promise<Buffer> {
  const title = `Zestawienie operacji — lokal ${statement.unitLabel}`;
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, title, `za okres ${formatCalendarDate(statement.from)} – ${formatCalendarDate(statement.to)}`);
  const width = doc.page.width - MARGIN * 2;
  doc.font('regular').fontSize(10);
  if (statement.holderName) doc.text(`Posiadacz: ${statement.holderName}`, MARGIN, doc.y, { width });
  doc.text(`Saldo na początek okresu: ${balanceWords(statement.opening)}`, { width });
  doc.text('W kolumnie Saldo sama kwota to zadłużenie; nadpłata jest opisana słowem.', { width });
  doc.moveDown(0.6);
  const columns = [
    { label: 'Data', width: 54, align: 'left' as const },
    { label: 'Rodzaj', width: 74, align: 'left' as const },
    { label: 'Opis', width: width - 54 - 74 - 70 - 70 - 94, align: 'left' as const },
    { label: 'Naliczenia', width: 70, align: 'right' as const },
    { label: 'Wpłaty', width: 70, align: 'right' as const },
    { label: 'Saldo', width: 94, align: 'right' as const },
  ];
  const drawCells = (cells: string[], bold: boolean) => {
    const top = doc.y;
    let x = MARGIN;
    let bottom = top;
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    const lineHeight = doc.currentLineHeight(true);
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      const room = column.width - 4;
      // A cell that fits on its line (nearly all: dates, amounts, kinds) is placed where the line
      // wrapper would put it, without the wrapper's word by word measuring; a longer one wraps.
      const textWidth = cell ? doc.widthOfString(cell.trimEnd()) : 0;
      if (!cell) {
        // Nothing to draw, and an empty cell does not move the row's bottom.
      } else if (textWidth < room - 0.5 && !cell.includes('\n')) {
        const left = column.align === 'right' ? x + room - textWidth : x;
        doc.text(cell, left, top, { lineBreak: false });
        bottom = Math.max(bottom, top + lineHeight);
      } else {
        doc.text(cell, x, top, { width: room, align: column.align });
        bottom = Math.max(bottom, doc.y);
      }
      x += column.width;
    });
    doc.x = MARGIN;
    doc.y = bottom + 2;
  };
  /** The column heads with a rule under them: on the first page and again on every next one. */
  const drawHead = () => {
    drawCells(
      columns.map((c) => c.label),
      true,
    );
    doc
      .moveTo(MARGIN, doc.y - 1)
      .lineTo(MARGIN + width, doc.y - 1)
      .lineWidth(0.6)
      .stroke();
    doc.y += 2;
  };
  const drawRow = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - MARGIN - 140) {
      doc.addPage();
      drawHead();
    }
    drawCells(cells, bold);
  };
  drawHead();
  for (const row of statement.rows) {
    const { charged, paid } = split(row.amount);
    drawRow([
      formatCalendarDate(row.valueDate),
      entryKindLabels[row.kind],
      row.description,
      charged === undefined ? '' : formatMoney(charged),
      paid === undefined ? '' : formatMoney(paid),
      balanceCell(row.running),
    ]);
  }
  const sum = (pick: (amount: number) => number | undefined) =>
    statement.rows.reduce((total, row) => total + (pick(row.amount) ?? 0), 0);
  drawRow(
    ['', '', 'Razem w okresie', formatMoney(sum((a) => split(a).charged)), formatMoney(sum((a) => split(a).paid)), ''],
    true,
  );
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
