/** The settlement of one unit as a PDF: readings, consumption, price, advances and the result. */

import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { createPdf, drawLetterhead, drawPageNumbers, drawTitle, MARGIN, pdfToBuffer } from '../../pdf/pdf.ts';
import { formatRate } from '../ledger/rules/money.ts';
import type { Organization } from '../organizations/queries.ts';
import { settlementMediumLabels } from './labels.ts';
import type { SettlementRun } from './queries.ts';
import { formatReading } from './rules/reading-input.ts';
import { differenceRuleLabels } from './rules/shares.ts';
import type { SettlementLine, SettlementReport } from './settlement.ts';

export async function settlementPdf(
  organization: Organization,
  {
    run,
    unitId,
    unitLabel,
    serials,
    lines,
    readings = true,
    proposal = true,
  }: {
    run: SettlementRun;
    unitId: number;
    unitLabel: string;
    serials: Map<number, string>;
    /** Only these lines (a member's own part); the unit's all by default. */
    lines?: SettlementLine[] | undefined;
    /** The meters' readings over the period (not to a holder of only some of its days). */
    readings?: boolean;
    /** The next monthly advance (not to a former holder). */
    proposal?: boolean;
  },
): Promise<Buffer> {
  const report = run.report as SettlementReport;
  const title = `Rozliczenie: ${settlementMediumLabels[report.medium]} — lokal ${unitLabel}`;
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, title, `za okres ${formatCalendarDate(run.periodFrom)} – ${formatCalendarDate(run.periodTo)}`);
  const width = doc.page.width - MARGIN * 2;
  const line = (text: string, bold = false) =>
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(10)
      .text(text, MARGIN, doc.y, { width });
  const figures = report.units.find((u) => u.unitId === unitId);
  const unit = readings ? figures : undefined;
  const heating = report.kind === 'heating';
  if (heating) line(`Koszty ogrzewania rozliczyła firma rozliczeniowa; budynek ${report.buildingLabel}.`);
  else if (!readings) line('Część rozliczenia za dni, w których lokal należał do adresata.', true);
  else line('Odczyty', true);
  for (const m of unit?.meters ?? []) {
    const serial = serials.get(m.meterId) ?? String(m.meterId);
    line(
      m.from && m.to
        ? `Licznik nr ${serial}: ${formatCalendarDate(m.from.readOn)} ${formatReading(m.from.value)} m³ → ${formatCalendarDate(m.to.readOn)} ${formatReading(m.to.value)} m³${m.kind === 'estimated' ? ' (szacunek)' : ''}`
        : `Licznik nr ${serial}: brak odczytów w okresie`,
    );
  }
  doc.moveDown(0.5);
  if (!heating) line(`Cena za 1 m³ (woda i ścieki, średnia z dni okresu): ${formatRate(report.price)} zł`);
  if (report.mainConsumption !== null) {
    line(
      `Wodomierz główny budynku: ${formatReading(report.mainConsumption)} m³, suma lokali: ${formatReading(report.unitsConsumption)} m³, różnica ${formatReading(report.difference)} m³ — ${differenceRuleLabels[report.rule]}.`,
    );
  }
  doc.moveDown(0.5);
  for (const l of lines ?? report.lines.filter((x) => x.unitId === unitId)) {
    line(`${formatCalendarDate(l.from)} – ${formatCalendarDate(l.to)}: ${l.holder}`, true);
    if (heating) {
      if (l.consumption > 0) line(`Zużycie: ${formatReading(l.consumption)}`);
      if (report.lines.filter((x) => x.unitId === unitId).length > 1) line('Podział między posiadaczy według dni.');
    } else
      line(
        `Zużycie ${formatReading(l.consumption)} m³${l.estimated ? ' (szacunek)' : ''}${l.differenceShare !== 0 ? `, w tym udział w różnicy ${formatReading(l.differenceShare)} m³` : ''}${report.lines.filter((x) => x.unitId === unitId).length > 1 ? (l.byReading ? ' — podział według odczytu przy zmianie' : ' — podział według dni') : ''}`,
      );
    line(`Koszt: ${formatMoney(l.cost)}; zaliczki: ${formatMoney(l.advances)}`);
    line(
      l.result >= 0 ? `Do dopłaty: ${formatMoney(l.result)}` : `Nadpłata do zwrotu: ${formatMoney(-l.result)}`,
      true,
    );
    doc.moveDown(0.4);
  }
  if (figures && proposal) line(`Proponowana nowa miesięczna zaliczka: ${formatMoney(figures.proposedAdvance)}`);
  drawPageNumbers(doc, title);
  return pdfToBuffer(doc);
}
