/**
 * The water settlement of every building at once: the form (medium and period), the units that
 * stop it (each a link to where its readings are fixed), the batch's totals per building and
 * the one button that posts all of it.
 */
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';
import { settlementMediumLabels } from '../labels.ts';
import type { BatchRunTotals } from '../queries.ts';
import { formatReading } from '../rules/reading-input.ts';
import type { StoppedBuilding } from '../settlement.ts';
import { PostingFields } from './settlement-pages.tsx';
import { MediaLayout } from './staff-pages.tsx';

const mediumLabel = (medium: string) => settlementMediumLabels[medium as keyof typeof settlementMediumLabels] ?? medium;

function Amount({ grosze }: { grosze: number }) {
  return <span class="amount">{formatMoney(grosze)}</span>;
}

export interface BatchListItem {
  batchId: number;
  medium: string;
  periodFrom: string;
  periodTo: string;
  runs: number;
  posted: number;
  createdAt: Date;
}

function StoppedList({ ctx, stopped }: { ctx: PageContext; stopped: StoppedBuilding[] }) {
  // Clerks fix readings on the unit's meters page; an accountant without it opens the register's unit.
  const fixHref = (unitId: number) =>
    can(ctx.account, 'media.manage') ? `/panel/media/lokal/${unitId}` : `/panel/rejestr/lokale/${unitId}`;
  const units = stopped.reduce((n, b) => n + b.units.length, 0);
  return (
    <section class="error-summary" role="alert" aria-labelledby="stopped-title" tabIndex={-1}>
      <h2 id="stopped-title">Rozliczenie wstrzymane — nic nie zostało zapisane</h2>
      <p>
        {units > 0
          ? `Uzupełnij odczyty lokali (${units}), którym brakuje odczytu i historii zużycia, a potem policz podgląd jeszcze raz.`
          : 'Popraw budynki wymienione niżej, a potem policz podgląd jeszcze raz.'}
      </p>
      <ul>
        {stopped.map((b) => (
          <li key={b.buildingId}>
            <strong>{b.buildingLabel}</strong>
            {b.units.length > 0 ? (
              <ul>
                {b.units.map((u) => (
                  <li key={u.unitId}>
                    <a href={fixHref(u.unitId)}>lokal {u.unitNumber}</a>: {u.reasons.join(', ')}
                  </li>
                ))}
              </ul>
            ) : (
              <>: {b.message}</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BatchStartPage({
  ctx,
  form,
  batches,
  stopped,
}: {
  ctx: PageContext;
  form: FormState;
  batches: BatchListItem[];
  stopped?: StoppedBuilding[] | undefined;
}) {
  return (
    <MediaLayout ctx={ctx} title="Rozliczenie wody wszystkich budynków">
      {stopped ? <StoppedList ctx={ctx} stopped={stopped} /> : null}
      <p>
        Podgląd liczy rozliczenie każdego budynku z wodomierzami wybranego medium naraz. Jeśli któremuś lokalowi brakuje
        odczytu i historii zużycia, nic nie zostaje zapisane, a lista pokazuje lokale do uzupełnienia. Po sprawdzeniu
        sum księgujesz wszystkie budynki jednym przyciskiem.
      </p>
      <form method="post" action="/panel/media/rozliczenia/wszystkie" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={form.errors} />
        <SelectField
          name="medium"
          label="Medium"
          options={[
            ['zimna_woda', 'zimna woda'],
            ['ciepla_woda', 'ciepła woda'],
          ]}
          value={form.values.medium}
          errors={form.errors}
        />
        <TextField name="od" label="Początek okresu" type="date" value={form.values.od} errors={form.errors} required />
        <TextField name="do" label="Koniec okresu" type="date" value={form.values.do} errors={form.errors} required />
        <button type="submit">Policz podgląd wszystkich budynków</button>
      </form>
      <h2>Ostatnie rozliczenia wszystkich budynków</h2>
      {batches.length === 0 ? <p class="empty">Brak rozliczeń wszystkich budynków.</p> : null}
      <ul>
        {batches.map((b) => (
          <li key={b.batchId}>
            <a href={`/panel/media/rozliczenia/wszystkie/${b.batchId}`}>
              {mediumLabel(b.medium)} {formatCalendarDate(b.periodFrom)}–{formatCalendarDate(b.periodTo)}
            </a>{' '}
            — budynków: {b.runs},{' '}
            {b.posted === b.runs ? 'zaksięgowane' : b.posted === 0 ? 'podgląd' : `zaksięgowane ${b.posted} z ${b.runs}`}
            <span class="meta"> (policzone {formatDateTime(b.createdAt)})</span>
          </li>
        ))}
      </ul>
    </MediaLayout>
  );
}

export function BatchPage({
  ctx,
  batchId,
  runs,
  today,
  dueDate,
  form,
  notice,
}: {
  ctx: PageContext;
  batchId: number;
  runs: BatchRunTotals[];
  today: string;
  dueDate: string;
  form: FormState;
  notice?: string | undefined;
}) {
  const first = runs[0] as BatchRunTotals;
  const waiting = runs.filter((r) => r.status === 'preview');
  const sum = (pick: (r: BatchRunTotals) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const lines = sum((r) => r.lines);
  return (
    <MediaLayout
      ctx={ctx}
      title={`Rozliczenie wszystkich budynków: ${mediumLabel(first.medium)}, ${formatCalendarDate(first.periodFrom)}–${formatCalendarDate(first.periodTo)}`}
    >
      <Notice text={notice} />
      <p>
        Stan:{' '}
        <strong>
          {waiting.length === 0
            ? 'zaksięgowane'
            : waiting.length === runs.length
              ? 'podgląd — nic nie zostało jeszcze zaksięgowane'
              : `zaksięgowane ${runs.length - waiting.length} z ${runs.length} budynków`}
        </strong>
        . Budynków: {runs.length}, lokali: {sum((r) => r.units)}, pozycji rozliczenia: {lines}
        {sum((r) => r.estimated) > 0 ? `, w tym szacowanych: ${sum((r) => r.estimated)}` : ''}.
      </p>
      <h2>Sumy budynków</h2>
      <p>Szczegóły lokali i ich PDF są na stronie budynku (kliknij jego adres).</p>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Budynek</th>
              <th scope="col" class="num">
                Lokale
              </th>
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
                Dopłaty
              </th>
              <th scope="col" class="num">
                Zwroty
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td data-label="Budynek">
                  <a href={`/panel/media/rozliczenia/${r.id}`}>{r.buildingLabel}</a>
                  {r.status === 'posted' ? <span class="meta"> (zaksięgowane)</span> : null}
                  {r.mainConsumption !== null && r.difference !== 0 ? (
                    <>
                      <br />
                      <span class="meta">różnica wodomierza głównego: {formatReading(r.difference)} m³</span>
                    </>
                  ) : null}
                </td>
                <td class="num" data-label="Lokale">
                  {r.units}
                </td>
                <td class="num" data-label="Zużycie">
                  {formatReading(r.consumption)} m³
                </td>
                <td class="num" data-label="Koszt">
                  <Amount grosze={r.cost} />
                </td>
                <td class="num" data-label="Zaliczki">
                  <Amount grosze={r.advances} />
                </td>
                <td class="num" data-label="Dopłaty">
                  <Amount grosze={r.toPay} />
                </td>
                <td class="num" data-label="Zwroty">
                  <Amount grosze={-r.toReturn} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" data-label="Budynek">
                Razem
              </th>
              <td class="num" data-label="Lokale">
                {sum((r) => r.units)}
              </td>
              <td class="num" data-label="Zużycie">
                {formatReading(sum((r) => r.consumption))} m³
              </td>
              <td class="num" data-label="Koszt">
                <Amount grosze={sum((r) => r.cost)} />
              </td>
              <td class="num" data-label="Zaliczki">
                <Amount grosze={sum((r) => r.advances)} />
              </td>
              <td class="num" data-label="Dopłaty">
                <Amount grosze={sum((r) => r.toPay)} />
              </td>
              <td class="num" data-label="Zwroty">
                <Amount grosze={-sum((r) => r.toReturn)} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {waiting.length > 0 ? (
        <form method="post" action={`/panel/media/rozliczenia/wszystkie/${batchId}/ksieguj`} noValidate>
          <CsrfField token={ctx.csrfToken} />
          <h2>Księgowanie</h2>
          <ErrorSummary errors={form.errors} />
          <p>
            Wszystkie budynki zostaną zaksięgowane razem, w jednej operacji: albo wszystkie, albo żaden. Ponowne
            księgowanie niczego nie zmienia.
          </p>
          <PostingFields form={form} today={today} dueDate={dueDate} />
          <button type="submit">Zaksięguj wszystkie budynki ({waiting.length})</button>
        </form>
      ) : null}
      <p>
        <a href="/panel/media/rozliczenia/wszystkie">Nowe rozliczenie wszystkich budynków</a>
      </p>
    </MediaLayout>
  );
}
