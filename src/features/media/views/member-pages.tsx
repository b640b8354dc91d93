import type { FieldError } from '../../../errors.ts';
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, FileField, FilesNotKept, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { meterUnitLabels } from '../labels.ts';
import type { SettlementPart } from '../member-settlements.ts';
import type { MemberUnit, MeterWithReadings } from '../member-units.ts';
import type { Meter, SettlementRun } from '../queries.ts';
import type { HistoryPeriod } from '../rules/history-period.ts';
import { formatReading } from '../rules/reading-input.ts';
import { meterTitle, ReadingsTable } from './meter-parts.tsx';

export function MemberUnitsPage({
  ctx,
  units,
  former = [],
}: {
  ctx: PageContext;
  units: MemberUnit[];
  /** Settlement parts of units the member no longer holds (their own days only). */
  former?: SettlementPart[];
}) {
  return (
    <PortalLayout ctx={ctx} title="Liczniki i odczyty">
      <h1>Liczniki i odczyty</h1>
      {units.length === 0 ? <p class="empty">Nie masz dziś tytułu do żadnego lokalu.</p> : null}
      <ul class="tiles">
        {units.map((u) => (
          <li key={u.unitId}>
            <h2>Lokal {u.label}</h2>
            <p>
              <a href={`/ebok/liczniki/${u.unitId}`}>Liczniki, odczyty i rozliczenia</a>
            </p>
            <p>
              <a href={`/ebok/deklaracje/${u.unitId}`}>Deklaracja liczby osób</a>
            </p>
          </li>
        ))}
      </ul>
      {former.length > 0 ? (
        <section>
          <h2>Rozliczenia lokali, które były Pana/Pani</h2>
          <p>Każde rozliczenie obejmuje tylko dni, w których lokal był Pana/Pani.</p>
          <ul>
            {former.map(({ unit, run }) => (
              <li key={`${unit.unitId}-${run.id}`}>
                <a href={`/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}`}>
                  Lokal {unit.label}: rozliczenie{' '}
                  {(run.report as { kind?: string }).kind === 'heating' ? 'ogrzewania' : 'wody'}{' '}
                  {formatCalendarDate(run.periodFrom)}–{formatCalendarDate(run.periodTo)}
                </a>{' '}
                (<a href={`/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}.pdf`}>PDF</a>)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PortalLayout>
  );
}

export function MemberMetersPage({
  ctx,
  unit,
  meters,
  period,
  years,
  windowText,
  windowOpen,
  runs,
  notice,
}: {
  ctx: PageContext;
  unit: MemberUnit;
  meters: MeterWithReadings[];
  /** Which readings are shown: the last 12 months or a chosen year. */
  period: HistoryPeriod;
  /** The years to choose from, newest first. */
  years: number[];
  windowText: string;
  windowOpen: boolean;
  runs: SettlementRun[];
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title={`Liczniki — lokal ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> › <a href="/ebok/liczniki">Liczniki</a> › Lokal {unit.label}
      </p>
      <h1>
        Liczniki <span class="meta">— lokal {unit.label}</span>
      </h1>
      <Notice text={notice} />
      <p>
        Odczyty podaje się {windowText}.{' '}
        {windowOpen ? (
          <strong>Termin odczytów trwa.</strong>
        ) : (
          'Teraz nie ma terminu odczytów: odczyt zostanie sprawdzony.'
        )}
      </p>
      {meters.length === 0 ? <p class="empty">W lokalu nie ma liczników w ewidencji spółdzielni.</p> : null}
      {meters.length > 0 ? (
        <form method="get" action={`/ebok/liczniki/${unit.unitId}`} class="filters" aria-label="Okres odczytów">
          <div class="field">
            <label for="rok">Pokaż odczyty</label>
            <select id="rok" name="rok" class="period">
              <option value="" selected={period.year === undefined}>
                ostatnie 12 miesięcy
              </option>
              {years.map((year) => (
                <option key={year} value={String(year)} selected={period.year === year}>
                  rok {year}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Pokaż</button>
        </form>
      ) : null}
      {meters.map((item) => (
        <section key={item.meter.id} class="meter">
          <h2>{meterTitle(item.meter)}</h2>
          {item.meter.removedOn ? (
            <p class="meta">Zdjęty {formatCalendarDate(item.meter.removedOn)}.</p>
          ) : (
            <p>
              <a class="button" href={`/ebok/liczniki/${unit.unitId}/${item.meter.id}`}>
                Podaj odczyt
              </a>
            </p>
          )}
          <ReadingsTable item={item} period={period.label} />
        </section>
      ))}
      <section>
        <h2>Rozliczenia</h2>
        {runs.length === 0 ? <p class="empty">Brak rozliczeń.</p> : null}
        <ul>
          {runs.map((run) => (
            <li key={run.id}>
              <a href={`/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}`}>
                Rozliczenie {(run.report as { kind?: string }).kind === 'heating' ? 'ogrzewania' : 'wody'}{' '}
                {formatCalendarDate(run.periodFrom)}–{formatCalendarDate(run.periodTo)}
              </a>{' '}
              (<a href={`/ebok/liczniki/${unit.unitId}/rozliczenie/${run.id}.pdf`}>PDF</a>)
            </li>
          ))}
        </ul>
      </section>
    </PortalLayout>
  );
}

/** The form of one meter's reading: day, value, an optional photo; the confirmation after a warning. */
export function ReadingForm({
  ctx,
  action,
  meter,
  last,
  today,
  form,
}: {
  ctx: PageContext;
  action: string;
  meter: Meter;
  last: string;
  today: string;
  form: FormState;
}) {
  const errors: FieldError[] = form.errors;
  const warned = errors.some((e) => e.field === 'odczyt' && e.message.startsWith('Sprawdź odczyt'));
  const unit = meterUnitLabels[meter.medium];
  return (
    <form method="post" action={action} enctype="multipart/form-data" noValidate>
      <CsrfField token={ctx.csrfToken} />
      <ErrorSummary errors={errors} />
      <FilesNotKept errors={errors} />
      <input type="hidden" name="licznik" value={String(meter.id)} />
      <p>Ostatni odczyt: {last}</p>
      <TextField
        name="data"
        label="Data odczytu"
        type="date"
        value={form.values.data ?? today}
        errors={errors}
        required
      />
      <TextField
        name="odczyt"
        label={`Odczyt (${unit})`}
        hint={
          meter.decimals === 0
            ? 'Liczba całkowita, bez liter.'
            : `Liczba z najwyżej ${meter.decimals} ${meter.decimals === 1 ? 'cyfrą' : 'cyframi'} po przecinku, np. ${formatReading(123_456, meter.decimals)}.`
        }
        value={form.values.odczyt}
        errors={errors}
        inputMode="text"
        required
      />
      <FileField
        name="zdjecie"
        label="Zdjęcie licznika"
        hint="JPG lub PNG, najwyżej 10 MB. Usuwamy z niego dane o miejscu wykonania."
        accept="image/jpeg,image/png"
        errors={errors}
        required={false}
      />
      {warned ? (
        <label class="checkbox">
          <input type="checkbox" name="potwierdzam" value="1" /> Potwierdzam odczyt: sprawdziłem(-am) licznik i odczyt
          jest prawidłowy.
        </label>
      ) : null}
      <button type="submit">Zapisz odczyt</button>
    </form>
  );
}

export function MemberReadingPage({
  ctx,
  unit,
  meter,
  last,
  today,
  form,
}: {
  ctx: PageContext;
  unit: MemberUnit;
  meter: Meter;
  last: string;
  today: string;
  form: FormState;
}) {
  return (
    <PortalLayout ctx={ctx} title={`Odczyt — ${meterTitle(meter)}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> › <a href={`/ebok/liczniki/${unit.unitId}`}>Liczniki lokalu {unit.label}</a> › Odczyt
      </p>
      <h1>Odczyt: {meterTitle(meter)}</h1>
      <ReadingForm
        ctx={ctx}
        action={`/ebok/liczniki/${unit.unitId}/${meter.id}`}
        meter={meter}
        last={last}
        today={today}
        form={form}
      />
    </PortalLayout>
  );
}
