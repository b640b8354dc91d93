import type { ComponentChildren } from 'preact';
import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { buildingAddress, withCity } from '../../../lib/address.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';
import { meterMediumLabels, meterUnitLabels } from '../labels.ts';
import type { MeterWithReadings } from '../member-units.ts';
import type { Meter } from '../queries.ts';
import { formatReading } from '../rules/reading-input.ts';
import { meterMedia } from '../schema.ts';
import { ReadingForm } from './member-pages.tsx';
import { meterTitle, ReadingsTable } from './meter-parts.tsx';

export function MediaLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const links: [string, string, boolean][] = [
    ['/panel/media', 'Budynki i liczniki', can(ctx.account, 'media.manage')],
    ['/panel/media/odczyty-do-sprawdzenia', 'Odczyty do sprawdzenia', can(ctx.account, 'media.manage')],
    ['/panel/media/import-licznikow', 'Import ewidencji liczników', can(ctx.account, 'media.manage')],
    ['/panel/media/import-odczytow', 'Import odczytów', can(ctx.account, 'media.manage')],
    ['/panel/media/deklaracje', 'Deklaracje liczby osób', can(ctx.account, 'media.manage')],
    ['/panel/media/rozliczenia', 'Rozliczenia wody', can(ctx.account, 'ledger.book')],
    ['/panel/media/rozliczenia/wszystkie', 'Rozliczenie wszystkich budynków', can(ctx.account, 'ledger.book')],
  ];
  return (
    <PortalLayout ctx={ctx} title={title}>
      <nav class="unit-nav" aria-label="Media">
        <ul>
          {links
            .filter(([, , shown]) => shown)
            .map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {children}
    </PortalLayout>
  );
}

export function BuildingsPage({
  ctx,
  buildings,
  window,
  form,
  notice,
}: {
  ctx: PageContext;
  buildings: { id: number; street: string; number: string; city: string }[];
  window: { startDay: number; endDay: number; months: number[] };
  form: FormState;
  notice?: string | undefined;
}) {
  const v = form.values;
  return (
    <MediaLayout ctx={ctx} title="Liczniki i odczyty">
      <Notice text={notice} />
      {buildings.length === 0 ? <p class="empty">W rejestrze nie ma budynków.</p> : null}
      <ul>
        {buildings.map((b) => (
          <li key={b.id}>
            <a href={`/panel/media/budynek/${b.id}`}>{withCity(buildingAddress(b), b)}</a>
          </li>
        ))}
      </ul>
      <form method="post" action="/panel/media/termin" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <h2>Termin odczytów w e-BOK</h2>
        <ErrorSummary errors={form.errors} />
        <TextField
          name="od_dnia"
          label="Od dnia miesiąca"
          value={v.od_dnia ?? String(window.startDay)}
          inputMode="numeric"
          errors={form.errors}
          required
        />
        <TextField
          name="do_dnia"
          label="Do dnia miesiąca (może być w następnym miesiącu, np. 25–5)"
          value={v.do_dnia ?? String(window.endDay)}
          inputMode="numeric"
          errors={form.errors}
          required
        />
        <TextField
          name="miesiace"
          label="Miesiące z terminem"
          hint="Np. 3, 6, 9, 12 dla odczytów kwartalnych; puste pole = co miesiąc."
          value={v.miesiace ?? window.months.join(', ')}
          errors={form.errors}
        />
        <button type="submit">Zapisz termin</button>
      </form>
    </MediaLayout>
  );
}

function MeterList({ meters }: { meters: Meter[] }) {
  if (meters.length === 0) return <p class="empty">Brak liczników.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Licznik</th>
            <th scope="col">Montaż</th>
            <th scope="col">Zdjęty</th>
            <th scope="col">Legalizacja do</th>
          </tr>
        </thead>
        <tbody>
          {meters.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/panel/media/licznik/${m.id}`}>{meterTitle(m)}</a>
              </td>
              <td>
                {formatCalendarDate(m.installedOn)}, {formatReading(m.initialReading, m.decimals)}{' '}
                {meterUnitLabels[m.medium]}
              </td>
              <td>
                {m.removedOn
                  ? `${formatCalendarDate(m.removedOn)}, ${formatReading(m.finalReading ?? 0, m.decimals)} ${meterUnitLabels[m.medium]}`
                  : '—'}
              </td>
              <td>{m.legalisationUntil ? formatCalendarDate(m.legalisationUntil) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewMeterForm({ ctx, action, form }: { ctx: PageContext; action: string; form: FormState }) {
  const v = form.values;
  return (
    <form method="post" action={action} noValidate>
      <CsrfField token={ctx.csrfToken} />
      <h2>Nowy licznik</h2>
      <ErrorSummary errors={form.errors} />
      <SelectField
        name="medium"
        label="Medium"
        options={meterMedia.map((m) => [m, meterMediumLabels[m]] as const)}
        value={v.medium}
        errors={form.errors}
      />
      <TextField name="numer" label="Numer fabryczny" value={v.numer} errors={form.errors} required />
      <TextField name="miejsce" label="Miejsce (np. łazienka)" value={v.miejsce} errors={form.errors} />
      <TextField
        name="miejsca_po_przecinku"
        label="Cyfry po przecinku na liczydle"
        value={v.miejsca_po_przecinku ?? '3'}
        errors={form.errors}
        inputMode="numeric"
        required
      />
      <TextField
        name="zamontowano"
        label="Data montażu"
        type="date"
        value={v.zamontowano}
        errors={form.errors}
        required
      />
      <TextField
        name="odczyt_poczatkowy"
        label="Odczyt początkowy"
        value={v.odczyt_poczatkowy ?? '0'}
        errors={form.errors}
        required
      />
      <TextField
        name="legalizacja_do"
        label="Legalizacja ważna do"
        type="date"
        value={v.legalizacja_do}
        errors={form.errors}
      />
      <button type="submit">Dodaj licznik</button>
    </form>
  );
}

export function BuildingMetersPage({
  ctx,
  building,
  mainMeters,
  units,
  form,
}: {
  ctx: PageContext;
  building: { id: number; label: string };
  mainMeters: Meter[];
  units: { unitId: number; number: string; meters: number }[];
  form: FormState;
}) {
  return (
    <MediaLayout ctx={ctx} title={`Liczniki — ${building.label}`}>
      <h2>Wodomierze główne i liczniki budynku</h2>
      <MeterList meters={mainMeters} />
      <h2>Lokale</h2>
      <ul class="columns">
        {units.map((u) => (
          <li key={u.unitId}>
            <a href={`/panel/media/lokal/${u.unitId}`}>Lokal {u.number}</a>{' '}
            <span class="meta">({u.meters} liczn.)</span>
          </li>
        ))}
      </ul>
      <NewMeterForm ctx={ctx} action={`/panel/media/budynek/${building.id}/licznik`} form={form} />
    </MediaLayout>
  );
}

export function UnitMetersPage({
  ctx,
  unit,
  meters,
  form,
  notice,
}: {
  ctx: PageContext;
  unit: { unitId: number; label: string };
  meters: MeterWithReadings[];
  form: FormState;
  notice?: string | undefined;
}) {
  return (
    <MediaLayout ctx={ctx} title={`Liczniki lokalu ${unit.label}`}>
      <Notice text={notice} />
      <MeterList meters={meters.map((m) => m.meter)} />
      {meters.map((item) => (
        <section key={item.meter.id}>
          <h2>{meterTitle(item.meter)}</h2>
          <ReadingsTable item={item} staff />
        </section>
      ))}
      <NewMeterForm ctx={ctx} action={`/panel/media/lokal/${unit.unitId}/licznik`} form={form} />
    </MediaLayout>
  );
}

export function MeterPage({
  ctx,
  meter,
  item,
  today,
  readingForm,
  replacementForm,
  notice,
}: {
  ctx: PageContext;
  meter: Meter;
  item: MeterWithReadings;
  today: string;
  readingForm: FormState;
  replacementForm: FormState;
  notice?: string | undefined;
}) {
  const last = item.readings[0];
  const unit = meterUnitLabels[meter.medium];
  const back = meter.unitId ? `/panel/media/lokal/${meter.unitId}` : `/panel/media/budynek/${meter.buildingId}`;
  const r = replacementForm.values;
  return (
    <MediaLayout ctx={ctx} title={meterTitle(meter)}>
      <p>
        <a href={back}>Wróć do liczników</a>
      </p>
      <Notice text={notice} />
      {meter.removedOn === null ? (
        <>
          <h2>Odczyt z karty odczytowej</h2>
          <ReadingForm
            ctx={ctx}
            action={`/panel/media/licznik/${meter.id}/odczyt`}
            meter={meter}
            last={
              last
                ? `${formatReading(last.value, meter.decimals)} ${unit} (${formatCalendarDate(last.readOn)})`
                : 'brak'
            }
            today={today}
            form={readingForm}
          />
          <h2>Wymiana licznika</h2>
          <form method="post" action={`/panel/media/licznik/${meter.id}/wymiana`} noValidate>
            <CsrfField token={ctx.csrfToken} />
            <ErrorSummary errors={replacementForm.errors} />
            <TextField
              name="data_wymiany"
              label="Data wymiany"
              type="date"
              value={r.data_wymiany}
              errors={replacementForm.errors}
              required
            />
            <TextField
              name="odczyt_koncowy"
              label={`Odczyt końcowy zdejmowanego (${unit})`}
              value={r.odczyt_koncowy}
              errors={replacementForm.errors}
              required
            />
            <TextField
              name="nowy_numer"
              label="Numer nowego licznika"
              value={r.nowy_numer}
              errors={replacementForm.errors}
              required
            />
            <TextField
              name="nowy_odczyt"
              label={`Odczyt początkowy nowego (${unit})`}
              value={r.nowy_odczyt ?? '0'}
              errors={replacementForm.errors}
              required
            />
            <TextField
              name="nowe_miejsca"
              label="Cyfry po przecinku nowego"
              value={r.nowe_miejsca ?? String(meter.decimals)}
              errors={replacementForm.errors}
              required
            />
            <TextField
              name="nowa_legalizacja"
              label="Legalizacja nowego ważna do"
              type="date"
              value={r.nowa_legalizacja}
              errors={replacementForm.errors}
            />
            <button type="submit">Zapisz wymianę</button>
          </form>
        </>
      ) : (
        <>
          <ErrorSummary errors={[...replacementForm.errors, ...readingForm.errors]} />
          <p>Licznik zdjęty {formatCalendarDate(meter.removedOn)}.</p>
        </>
      )}
      <h2>Odczyty</h2>
      <ReadingsTable item={item} staff />
    </MediaLayout>
  );
}
