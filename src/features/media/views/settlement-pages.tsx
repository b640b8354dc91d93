import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatRate } from '../../ledger/rules/money.ts';
import { settlementMediumLabels } from '../labels.ts';
import { type SettlementPart, wholePart } from '../member-settlements.ts';
import type { SettlementRun, WaterTariff } from '../queries.ts';
import { formatReading } from '../rules/reading-input.ts';
import { differenceRuleLabels } from '../rules/shares.ts';
import type { SettlementLine, SettlementReport } from '../settlement.ts';
import { MediaLayout } from './staff-pages.tsx';

function Amount({ grosze }: { grosze: number }) {
  return <span class="amount">{formatMoney(grosze)}</span>;
}

export function RunsPage({
  ctx,
  buildings,
  runs,
  tariffs,
  rule,
  advanceCode,
  hotAdvanceCode,
  runForm,
  tariffForm,
  rulesForm,
  notice,
}: {
  ctx: PageContext;
  buildings: { id: number; label: string }[];
  runs: SettlementRun[];
  tariffs: WaterTariff[];
  rule: string;
  advanceCode: string;
  hotAdvanceCode: string;
  runForm: FormState;
  tariffForm: FormState;
  rulesForm: FormState;
  notice?: string | undefined;
}) {
  const label = new Map(buildings.map((b) => [b.id, b.label]));
  return (
    <MediaLayout ctx={ctx} title="Rozliczenia wody">
      <Notice text={notice} />
      <p>
        Ogrzewanie rozlicza firma rozliczeniowa: <a href="/panel/media/ogrzewanie">zaimportuj jej wyniki</a>.
      </p>
      <form method="post" action="/panel/media/rozliczenia" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Nowe rozliczenie (podgląd)</h2>
        <ErrorSummary errors={runForm.errors} />
        <SelectField
          name="budynek"
          label="Budynek"
          options={buildings.map((b) => [String(b.id), b.label] as const)}
          value={runForm.values.budynek}
          errors={runForm.errors}
        />
        <SelectField
          name="medium"
          label="Medium"
          options={[
            ['zimna_woda', 'zimna woda'],
            ['ciepla_woda', 'ciepła woda'],
          ]}
          value={runForm.values.medium}
          errors={runForm.errors}
        />
        <TextField
          name="od"
          label="Początek okresu"
          type="date"
          value={runForm.values.od}
          errors={runForm.errors}
          required
        />
        <TextField
          name="do"
          label="Koniec okresu"
          type="date"
          value={runForm.values.do}
          errors={runForm.errors}
          required
        />
        <button type="submit">Policz podgląd</button>
      </form>
      <h2>Rozliczenia</h2>
      {runs.length === 0 ? <p class="empty">Brak rozliczeń.</p> : null}
      <ul>
        {runs.map((r) => (
          <li key={r.id}>
            <a href={`/panel/media/rozliczenia/${r.id}`}>
              {label.get(r.buildingId) ?? r.buildingId}, {settlementMediumLabels[r.medium]}{' '}
              {formatCalendarDate(r.periodFrom)}–{formatCalendarDate(r.periodTo)}
            </a>{' '}
            — {r.status === 'posted' ? 'zaksięgowane' : 'podgląd'}
          </li>
        ))}
      </ul>
      <h2>Taryfy za wodę i ścieki (za 1 m³)</h2>
      <ul>
        {tariffs.map((t) => (
          <li key={t.id}>
            od {formatCalendarDate(t.effectiveFrom)}: woda {formatRate(t.water)} zł + ścieki {formatRate(t.sewage)} zł
          </li>
        ))}
      </ul>
      <form method="post" action="/panel/media/taryfy" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={tariffForm.errors} />
        <TextField
          name="od"
          label="Obowiązuje od"
          type="date"
          value={tariffForm.values.od}
          errors={tariffForm.errors}
          required
        />
        <TextField
          name="woda"
          label="Woda, zł za m³"
          value={tariffForm.values.woda}
          errors={tariffForm.errors}
          required
        />
        <TextField
          name="scieki"
          label="Ścieki, zł za m³"
          value={tariffForm.values.scieki}
          errors={tariffForm.errors}
          required
        />
        <button type="submit">Dodaj taryfę</button>
      </form>
      <h2>Zasady rozliczenia</h2>
      <form method="post" action="/panel/media/zasady" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={rulesForm.errors} />
        <SelectField
          name="regula"
          label="Różnica między wodomierzem głównym a sumą lokali"
          options={Object.entries(differenceRuleLabels)}
          value={rulesForm.values.regula ?? rule}
          errors={rulesForm.errors}
        />
        <TextField
          name="skladnik"
          label="Kod składnika opłat z zaliczkami za zimną wodę"
          value={rulesForm.values.skladnik ?? advanceCode}
          errors={rulesForm.errors}
          required
        />
        <TextField
          name="skladnik_cw"
          label="Kod składnika opłat z zaliczkami za ciepłą wodę"
          hint="Rozliczenie każdego medium odejmuje tylko zaliczki naliczone w jego składniku."
          value={rulesForm.values.skladnik_cw ?? hotAdvanceCode}
          errors={rulesForm.errors}
          required
        />
        <button type="submit">Zapisz zasady</button>
      </form>
    </MediaLayout>
  );
}

export function ReportTable({
  report,
  unitId,
  lines = report.lines,
  pdfBase,
}: {
  report: SettlementReport;
  /** One unit's table (its number is not repeated in each line). */
  unitId?: number;
  /** The lines to show (a member: their own part only); all of the run's by default. */
  lines?: SettlementLine[];
  pdfBase?: string;
}) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Lokal i posiadacz</th>
            <th scope="col" class="num">
              Zużycie
            </th>
            <th scope="col" class="num">
              Koszt
            </th>
            <th scope="col" class="num">
              Zaliczki
            </th>
            <th scope="col" class="num">
              Wynik
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={`${l.unitId}-${l.from}`}>
              <td data-label="Lokal i posiadacz">
                {unitId === undefined ? `lokal ${l.unitNumber}: ` : ''}
                {l.holder}
                <br />
                <span class="meta">
                  {formatCalendarDate(l.from)}–{formatCalendarDate(l.to)}
                  {l.estimated ? ', szacunek' : ''}
                </span>
                {pdfBase ? (
                  <>
                    {' '}
                    <a href={`${pdfBase}/${l.unitId}.pdf`}>PDF</a>
                  </>
                ) : null}
              </td>
              <td class="num" data-label="Zużycie">
                {report.kind === 'heating'
                  ? l.consumption > 0
                    ? formatReading(l.consumption)
                    : '—'
                  : `${formatReading(l.consumption)} m³`}
                {l.differenceShare !== 0 ? (
                  <span class="meta"> (różnica {formatReading(l.differenceShare)})</span>
                ) : null}
              </td>
              <td class="num" data-label="Koszt">
                <Amount grosze={l.cost} />
              </td>
              <td class="num" data-label="Zaliczki">
                <Amount grosze={l.advances} />
              </td>
              <td class="num" data-label="Wynik">
                <span>
                  {l.result >= 0 ? 'dopłata ' : 'zwrot '}
                  <Amount grosze={Math.abs(l.result)} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BuildingBalance({ report }: { report: SettlementReport }) {
  if (report.kind === 'heating') {
    return (
      <p>
        Koszty ogrzewania rozliczyła firma rozliczeniowa (import jej wyników); dni okresu: {report.days}. Przy zmianie
        posiadacza wynik dzielimy według dni.
      </p>
    );
  }
  return (
    <p>
      Cena za 1 m³ (woda i ścieki): {formatRate(report.price)} zł; dni okresu: {report.days}.{' '}
      {report.mainConsumption === null
        ? 'Budynek nie ma wodomierza głównego z odczytami w okresie.'
        : `Wodomierz główny: ${formatReading(report.mainConsumption)} m³, suma lokali: ${formatReading(report.unitsConsumption)} m³, różnica: ${formatReading(report.difference)} m³ — ${differenceRuleLabels[report.rule]}.`}
    </p>
  );
}

export function RunPage({
  ctx,
  run,
  today,
  dueDate,
  form,
  notice,
  documents = [],
}: {
  ctx: PageContext;
  run: SettlementRun;
  documents?: { unitId: number | null; fileName: string }[];
  today: string;
  dueDate: string;
  form: FormState;
  notice?: string | undefined;
}) {
  const report = run.report as SettlementReport;
  return (
    <MediaLayout
      ctx={ctx}
      title={`Rozliczenie: ${settlementMediumLabels[report.medium]}, ${report.buildingLabel}, ${formatCalendarDate(run.periodFrom)}–${formatCalendarDate(run.periodTo)}`}
    >
      <Notice text={notice} />
      <p>
        Stan:{' '}
        <strong>{run.status === 'posted' ? 'zaksięgowane' : 'podgląd — nic nie zostało jeszcze zaksięgowane'}</strong>
      </p>
      <BuildingBalance report={report} />
      <ReportTable report={report} pdfBase={`/panel/media/rozliczenia/${run.id}/lokal`} />
      {documents.length > 0 ? (
        <>
          <h2>Dokumenty firmy rozliczeniowej</h2>
          <ul>
            {documents.map((d) => (
              <li key={`${d.unitId}-${d.fileName}`}>
                {d.unitId === null
                  ? 'dla całego budynku'
                  : `lokal ${report.lines.find((l) => l.unitId === d.unitId)?.unitNumber ?? d.unitId}`}
                : {d.fileName}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.units.length > 0 ? (
        <>
          <h2>Propozycje nowych zaliczek miesięcznych</h2>
          <ul>
            {report.units.map((u) => (
              <li key={u.unitId}>
                lokal {report.lines.find((l) => l.unitId === u.unitId)?.unitNumber}: {formatMoney(u.proposedAdvance)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {run.status === 'preview' ? (
        <form method="post" action={`/panel/media/rozliczenia/${run.id}/ksieguj`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <ErrorSummary errors={form.errors} />
          <PostingFields form={form} today={today} dueDate={dueDate} />
          <button type="submit">Zaksięguj rozliczenie</button>
        </form>
      ) : null}
    </MediaLayout>
  );
}

export function MemberSettlementPage({
  ctx,
  part,
  companyPdf = false,
}: {
  ctx: PageContext;
  /** The member's part of the run: the lines of their days of the unit. */
  part: SettlementPart;
  /** A heating run with the company's PDF for this unit or building (the PDF link serves it). */
  companyPdf?: boolean;
}) {
  const { unit, run } = part;
  const report = run.report as SettlementReport;
  // A former holder sees their lines only: the next advance is the new holder's. The meters'
  // readings over the period show the other holder's days too: only a holder of all of them sees them.
  const figures = report.units.find((u) => u.unitId === unit.unitId);
  const proposal = unit.current ? figures : undefined;
  const readings = wholePart(part) ? figures : undefined;
  const heating = report.kind === 'heating';
  return (
    <PortalLayout ctx={ctx} title={`Rozliczenie ${heating ? 'ogrzewania' : 'wody'} — lokal ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> ›{' '}
        {unit.current ? (
          <a href={`/ebok/liczniki/${unit.unitId}`}>Liczniki lokalu {unit.label}</a>
        ) : (
          <a href="/ebok/liczniki">Liczniki</a>
        )}{' '}
        › Rozliczenie
      </p>
      <h1>
        Rozliczenie: {settlementMediumLabels[report.medium]}{' '}
        <span class="meta">
          {formatCalendarDate(run.periodFrom)}–{formatCalendarDate(run.periodTo)}
        </span>
      </h1>
      {unit.current ? null : (
        <p>
          Lokal {unit.label} nie należy już do Pana/Pani. Pokazujemy tylko część rozliczenia za dni, w których był
          Pana/Pani lokalem.
        </p>
      )}
      <p>
        <a href={`/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}.pdf`}>
          {companyPdf ? 'Pobierz rozliczenie firmy rozliczeniowej (PDF)' : 'Pobierz rozliczenie (PDF)'}
        </a>
      </p>
      {heating || !readings ? null : <h2>Jak policzyliśmy</h2>}
      {readings ? (
        <ul>
          {readings.meters.map((m) => (
            <li key={m.meterId}>
              {m.from && m.to
                ? `${formatCalendarDate(m.from.readOn)}: ${formatReading(m.from.value)} m³ → ${formatCalendarDate(m.to.readOn)}: ${formatReading(m.to.value)} m³${m.kind === 'estimated' ? ' (szacunek z dotychczasowego zużycia)' : ''}`
                : 'brak odczytów'}
            </li>
          ))}
        </ul>
      ) : null}
      <BuildingBalance report={report} />
      <ReportTable report={report} unitId={unit.unitId} lines={part.lines} />
      {proposal ? <p>Proponowana nowa zaliczka miesięczna: {formatMoney(proposal.proposedAdvance)}.</p> : null}
    </PortalLayout>
  );
}

/** The posting date and the payment deadline of top-ups: one building's run or all buildings'. */
export function PostingFields({ form, today, dueDate }: { form: FormState; today: string; dueDate: string }) {
  return (
    <>
      <TextField
        name="data_ksiegowania"
        label="Data księgowania"
        type="date"
        value={form.values.data_ksiegowania ?? today}
        errors={form.errors}
        required
      />
      <TextField
        name="termin"
        label="Termin płatności dopłat"
        type="date"
        value={form.values.termin ?? dueDate}
        errors={form.errors}
        required
      />
    </>
  );
}
