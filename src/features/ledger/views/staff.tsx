import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { Page, UnitListItem } from '../../units/search.ts';
import type { PaymentImportReport } from '../import-payments.ts';
import { entryKindLabels } from '../labels.ts';
import type { Entry, FeeComponent, FeeRate, RightPeriod } from '../queries.ts';
import { feeBases, feeBasisLabels, feeBasisUnitLabels } from '../rules/fees.ts';
import { formatRate } from '../rules/money.ts';
import { BalanceText, CalendarDate, Money } from './parts.tsx';

const unitForms = { one: 'lokal', few: 'lokale', many: 'lokali' };

type Errors = { field: string; message: string }[];
type Values = Record<string, string>;

function FinanceNav({ canChange }: { canChange: boolean }) {
  return (
    <nav class="unit-nav" aria-label="Finanse">
      <ul>
        <li>
          <a href="/panel/finanse">Konta lokali</a>
        </li>
        <li>
          <a href="/panel/finanse/dluznicy">Dłużnicy</a>
        </li>
        <li>
          <a href="/panel/finanse/oplaty">Opłaty i naliczenia</a>
        </li>
        {canChange ? (
          <li>
            <a href="/panel/finanse/import">Import wpłat</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function FinanceOverviewPage({
  ctx,
  query,
  units,
  canChange,
  notice,
}: {
  ctx: PageContext;
  query: string;
  units: Page<UnitListItem>;
  canChange: boolean;
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Finanse">
      <h1>Finanse</h1>
      <FinanceNav canChange={canChange} />
      <Notice text={notice} />
      <form method="get" action="/panel/finanse" class="filters">
        <div class="field">
          <label for="q">Lokal (adres, numer lub kod)</label>
          <input id="q" name="q" type="search" value={query} />
        </div>
        <button type="submit">Szukaj</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Lokal</th>
              <th scope="col">Kod</th>
              <th scope="col">Posiadacze</th>
            </tr>
          </thead>
          <tbody>
            {units.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`/panel/finanse/lokal/${u.id}`}>
                    {u.street} {u.buildingNumber}/{u.number}
                  </a>
                </td>
                <td>{u.externalKey ?? ''}</td>
                <td>{u.holders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">
        {units.total} {polishPlural(units.total, unitForms)}
        {units.pages > 1 ? `, strona ${units.page} z ${units.pages}` : ''}.
        {units.page < units.pages ? (
          <>
            {' '}
            <a href={`/panel/finanse?q=${encodeURIComponent(query)}&strona=${units.page + 1}`}>Następna strona</a>
          </>
        ) : null}
      </p>
    </PortalLayout>
  );
}

export function UnitAccountPage({
  ctx,
  unit,
  balance,
  today,
  entries,
  holders,
  canChange,
  notice,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  unit: { unitId: number; label: string; externalKey: string | null };
  balance: number;
  today: string;
  entries: (Entry & { running: number })[];
  holders: RightPeriod[];
  canChange: boolean;
  notice?: string | undefined;
  errors?: Errors;
  values?: Values;
}) {
  const base = `/panel/finanse/lokal/${unit.unitId}`;
  return (
    <PortalLayout ctx={ctx} title={`Konto lokalu ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/panel/finanse">Finanse</a> › {unit.label}
      </p>
      <h1>Konto lokalu {unit.label}</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p class="ledger-balance">
        Saldo na {formatCalendarDate(today)}: <BalanceText balance={balance} />
      </p>
      <h2>Posiadacze</h2>
      <ul>
        {holders.map((h) => (
          <li key={`${h.personId}-${h.validFrom}`}>
            {h.lastName} {h.firstName}: od {formatCalendarDate(h.validFrom)}
            {h.validTo ? ` do ${formatCalendarDate(h.validTo)} (wyłącznie)` : ' (obecnie)'}
          </li>
        ))}
      </ul>
      {canChange ? (
        <div class="ledger-forms">
          <section>
            <h2>Zaksięguj wpłatę</h2>
            <Form action={`${base}/wplata`} csrfToken={ctx.csrfToken}>
              <input type="hidden" name="form" value="wplata" />
              <TextField
                name="kwota"
                label="Kwota (zł)"
                value={values.form === 'wplata' ? values.kwota : ''}
                errors={values.form === 'wplata' ? errors : []}
                required
                inputMode="text"
                hint="np. 450,00"
              />
              <TextField
                name="data"
                label="Data wpłaty"
                type="date"
                value={values.form === 'wplata' ? values.data : today}
                errors={values.form === 'wplata' ? errors : []}
                required
              />
              <TextField
                name="referencja"
                label="Numer referencyjny z wyciągu"
                value={values.form === 'wplata' ? values.referencja : ''}
                errors={values.form === 'wplata' ? errors : []}
              />
              <TextField
                name="opis"
                label="Opis"
                value={values.form === 'wplata' ? values.opis : ''}
                errors={values.form === 'wplata' ? errors : []}
              />
              <button type="submit">Zaksięguj wpłatę</button>
            </Form>
          </section>
          <section>
            <h2>Dodaj należność z innego tytułu</h2>
            <Form action={`${base}/naleznosc`} csrfToken={ctx.csrfToken}>
              <input type="hidden" name="form" value="naleznosc" />
              <TextField
                name="opis"
                label="Tytuł (np. dorobienie klucza)"
                value={values.form === 'naleznosc' ? values.opis : ''}
                errors={values.form === 'naleznosc' ? errors : []}
                required
              />
              <TextField
                name="kwota"
                label="Kwota (zł)"
                value={values.form === 'naleznosc' ? values.kwota : ''}
                errors={values.form === 'naleznosc' ? errors : []}
                required
              />
              <TextField
                name="data"
                label="Data"
                type="date"
                value={values.form === 'naleznosc' ? values.data : today}
                errors={values.form === 'naleznosc' ? errors : []}
                required
              />
              <TextField
                name="termin"
                label="Termin płatności"
                type="date"
                value={values.form === 'naleznosc' ? values.termin : ''}
                errors={values.form === 'naleznosc' ? errors : []}
                required
              />
              <button type="submit">Dodaj należność</button>
            </Form>
          </section>
        </div>
      ) : null}
      <h2>Wszystkie operacje</h2>
      <div class="table-wrap">
        <table class="ledger-table">
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Rodzaj</th>
              <th scope="col">Opis</th>
              <th scope="col">Źródło</th>
              <th scope="col" class="num">
                Kwota
              </th>
              <th scope="col" class="num">
                Saldo
              </th>
              {canChange ? <th scope="col">Korekta</th> : null}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <CalendarDate date={e.valueDate} />
                </td>
                <td>{entryKindLabels[e.kind]}</td>
                <td>
                  {e.description}
                  {e.correctsEntryId ? <span class="meta"> (koryguje poz. {e.correctsEntryId})</span> : null}
                </td>
                <td>{e.source}</td>
                <td class="num">
                  <Money grosze={e.amount} />
                </td>
                <td class="num">
                  <Money grosze={e.running} />
                </td>
                {canChange ? (
                  <td>
                    {e.kind === 'correction' ? null : <a href={`/panel/finanse/pozycja/${e.id}/korekta`}>Koryguj</a>}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}

export function CorrectionPage({
  ctx,
  entry,
  unitLabel,
  today,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  entry: Entry;
  unitLabel: string;
  today: string;
  errors?: Errors;
  values?: Values;
}) {
  return (
    <PortalLayout ctx={ctx} title="Korekta pozycji">
      <p class="breadcrumbs">
        <a href="/panel/finanse">Finanse</a> › <a href={`/panel/finanse/lokal/${entry.unitId}`}>{unitLabel}</a> ›
        Korekta
      </p>
      <h1>Korekta pozycji</h1>
      <p>
        {entryKindLabels[entry.kind]} z <CalendarDate date={entry.valueDate} />: {entry.description},{' '}
        <Money grosze={entry.amount} />.
      </p>
      <p class="hint">
        Pozycja pozostaje w księdze; korekta to pozycja odwracająca i — jeśli podasz kwotę — nowa pozycja z właściwą
        kwotą.
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`/panel/finanse/pozycja/${entry.id}/korekta`} csrfToken={ctx.csrfToken}>
        <TextField
          name="kwota"
          label="Właściwa kwota (zł, ze znakiem jak pozycja; puste = tylko anulowanie)"
          value={values.kwota ?? ''}
          errors={errors}
        />
        <TextField name="data" label="Data korekty" type="date" value={values.data ?? today} errors={errors} required />
        <TextField name="powod" label="Powód korekty" value={values.powod ?? ''} errors={errors} required />
        <button type="submit">Zaksięguj korektę</button>
      </Form>
    </PortalLayout>
  );
}

export function FeesAdminPage({
  ctx,
  components,
  rates,
  canChange,
  notice,
  errors = [],
  values = {},
  month,
}: {
  ctx: PageContext;
  components: FeeComponent[];
  rates: FeeRate[];
  canChange: boolean;
  notice?: string | undefined;
  errors?: Errors;
  values?: Values;
  month: string;
}) {
  const byId = new Map(components.map((c) => [c.id, c]));
  return (
    <PortalLayout ctx={ctx} title="Opłaty i naliczenia">
      <h1>Opłaty i naliczenia</h1>
      <FinanceNav canChange={canChange} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <h2>Składniki opłat</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Kod</th>
              <th scope="col">Nazwa</th>
              <th scope="col">Podstawa</th>
            </tr>
          </thead>
          <tbody>
            {components.map((c) => (
              <tr key={c.id}>
                <td>{c.code}</td>
                <td>{c.name}</td>
                <td>{feeBasisLabels[c.basis]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Stawki</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Od dnia</th>
              <th scope="col">Składnik</th>
              <th scope="col">Zakres</th>
              <th scope="col" class="num">
                Stawka
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rates].reverse().map((r) => {
              const component = byId.get(r.componentId);
              return (
                <tr key={r.id}>
                  <td>
                    <CalendarDate date={r.effectiveFrom} />
                  </td>
                  <td>{component?.name}</td>
                  <td>
                    {r.unitId ? `lokal ${r.unitId}` : r.buildingId ? `budynek ${r.buildingId}` : 'cała spółdzielnia'}
                  </td>
                  <td class="num">
                    {formatRate(r.rate)} {component ? feeBasisUnitLabels[component.basis] : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canChange ? (
        <div class="ledger-forms">
          <section>
            <h2>Nowa stawka</h2>
            <Form action="/panel/finanse/oplaty/stawka" csrfToken={ctx.csrfToken}>
              <div class="field">
                <label for="pole-skladnik">Składnik</label>
                <select id="pole-skladnik" name="skladnik">
                  {components.map((c) => (
                    <option value={String(c.id)} selected={values.skladnik === String(c.id)}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <TextField
                name="stawka"
                label="Stawka (zł, do 4 miejsc po przecinku)"
                value={values.stawka ?? ''}
                errors={errors}
                required
              />
              <TextField name="od" label="Obowiązuje od" type="date" value={values.od ?? ''} errors={errors} required />
              <TextField name="lokal" label="Tylko dla lokalu (id)" value={values.lokal ?? ''} errors={errors} />
              <TextField name="budynek" label="Tylko dla budynku (id)" value={values.budynek ?? ''} errors={errors} />
              <button type="submit">Dodaj stawkę</button>
            </Form>
          </section>
          <section>
            <h2>Nowy składnik</h2>
            <Form action="/panel/finanse/oplaty/skladnik" csrfToken={ctx.csrfToken}>
              <TextField name="kod" label="Kod (np. ODPADY)" value={values.kod ?? ''} errors={errors} required />
              <TextField name="nazwa" label="Nazwa" value={values.nazwa ?? ''} errors={errors} required />
              <div class="field">
                <label for="pole-podstawa">Podstawa</label>
                <select id="pole-podstawa" name="podstawa">
                  {feeBases.map((b) => (
                    <option value={b} selected={values.podstawa === b}>
                      {feeBasisLabels[b]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">Dodaj składnik</button>
            </Form>
          </section>
          <section>
            <h2>Naliczenie miesięczne</h2>
            <p class="hint">Ponowne uruchomienie za ten sam miesiąc niczego nie dubluje.</p>
            <Form action="/panel/finanse/oplaty/naliczenie" csrfToken={ctx.csrfToken}>
              <TextField
                name="miesiac"
                label="Miesiąc (RRRR-MM)"
                value={values.miesiac ?? month}
                errors={errors}
                required
              />
              <button type="submit">Nalicz opłaty</button>
            </Form>
          </section>
        </div>
      ) : null}
    </PortalLayout>
  );
}

export type DebtorSort = 'saldo' | 'lokal' | 'posiadacz';

export function DebtorsPage({
  ctx,
  day,
  threshold,
  sort,
  debtors,
  canChange,
  errors,
}: {
  ctx: PageContext;
  day: string;
  threshold: string;
  sort: DebtorSort;
  debtors: { unitId: number; label: string; externalKey: string | null; balance: number; holders: string }[];
  canChange: boolean;
  errors: Errors;
}) {
  const link = (s: DebtorSort) =>
    `/panel/finanse/dluznicy?dzien=${day}&prog=${encodeURIComponent(threshold)}&sort=${s}`;
  return (
    <PortalLayout ctx={ctx} title="Dłużnicy">
      <h1>Dłużnicy</h1>
      <FinanceNav canChange={canChange} />
      <ErrorSummary errors={errors} />
      <form method="get" action="/panel/finanse/dluznicy" class="filters">
        <div class="field">
          <label for="dzien">Na dzień</label>
          <input id="dzien" name="dzien" type="date" value={day} />
        </div>
        <div class="field">
          <label for="prog">Saldo powyżej (zł)</label>
          <input id="prog" name="prog" value={threshold} />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <button type="submit">Pokaż</button>
      </form>
      <p>
        <a href={`/panel/finanse/dluznicy.csv?dzien=${day}&prog=${encodeURIComponent(threshold)}&sort=${sort}`}>
          Pobierz CSV
        </a>{' '}
        — {debtors.length} {polishPlural(debtors.length, unitForms)}.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" aria-sort={sort === 'lokal' ? 'ascending' : undefined}>
                <a href={link('lokal')}>Lokal</a>
              </th>
              <th scope="col" aria-sort={sort === 'posiadacz' ? 'ascending' : undefined}>
                <a href={link('posiadacz')}>Posiadacze</a>
              </th>
              <th scope="col" class="num" aria-sort={sort === 'saldo' ? 'descending' : undefined}>
                <a href={link('saldo')}>Saldo</a>
              </th>
            </tr>
          </thead>
          <tbody>
            {debtors.map((d) => (
              <tr key={d.unitId}>
                <td>
                  <a href={`/panel/finanse/lokal/${d.unitId}`}>{d.label}</a>
                </td>
                <td>{d.holders}</td>
                <td class="num">
                  <Money grosze={d.balance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}

export function ImportPaymentsPage({
  ctx,
  report,
  errors = [],
}: {
  ctx: PageContext;
  report?: PaymentImportReport | undefined;
  errors?: Errors;
}) {
  return (
    <PortalLayout ctx={ctx} title="Import wpłat">
      <h1>Import wpłat</h1>
      <FinanceNav canChange={true} />
      <p>
        Plik CSV (UTF-8 lub Windows-1250, separator „;” lub „,”) z kolumnami:{' '}
        <code>lokal;data;kwota;referencja;opis</code>. Plik jest księgowany w całości albo wcale; wpłaty o numerach
        referencyjnych już zaksięgowanych są pomijane.
      </p>
      <ErrorSummary errors={errors} />
      {report ? (
        report.fileError ? (
          <div class="error-summary" role="alert">
            <h2>Plik nie został wczytany</h2>
            <p>{report.fileError}</p>
          </div>
        ) : report.errors.length > 0 ? (
          <div class="error-summary" role="alert">
            <h2>Błędy w pliku — nic nie zaksięgowano</h2>
            <ul>
              {report.errors.map((e) => (
                <li key={`${e.row}-${e.column}`}>
                  Wiersz {e.row}, kolumna „{e.column}”: {e.message}
                </li>
              ))}
            </ul>
            {report.moreErrors ? <p>… i {report.moreErrors} dalszych błędów.</p> : null}
          </div>
        ) : (
          <p class="notice" role="status">
            Plik {report.file}: {report.rows} wierszy; zaksięgowano {report.booked}, pominięto już zaksięgowane:{' '}
            {report.alreadyBooked}.
          </p>
        )
      ) : null}
      <form method="post" action="/panel/finanse/import" encType="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="pole-plik">Plik CSV z wpłatami</label>
          <input id="pole-plik" name="plik" type="file" accept=".csv,text/csv" />
        </div>
        <button type="submit">Importuj</button>
      </form>
    </PortalLayout>
  );
}
