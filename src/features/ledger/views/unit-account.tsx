import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import type { HolderPeriod } from '../../units/holder-periods.ts';
import type { HolderDebt } from '../debt.ts';
import type { HolderPart } from '../holder-history.ts';
import { entryKindLabels } from '../labels.ts';
import type { Entry } from '../queries.ts';
import { HolderDebtsSection } from './holder-debts.tsx';
import { BalanceText, CalendarDate, Money, RunningBalance } from './parts.tsx';

export function UnitAccountPage({
  ctx,
  unit,
  balance,
  today,
  entries,
  holders,
  holderDebts,
  notes,
  parts,
  canBook,
  canCertify,
  notice,
  errors = [],
  values = {},
  children,
  settlementRule,
}: {
  /** How a settlement straddling a holder change is shared (the organization's rule, in words). */
  settlementRule: string;
  ctx: PageContext;
  unit: { unitId: number; label: string; externalKey: string | null };
  balance: number;
  today: string;
  entries: (Entry & { running: number })[];
  holders: HolderPeriod[];
  holderDebts: HolderDebt[];
  /** The art. 451 KC allocation in words, by entry id. */
  notes: Map<number, string>;
  /** How a settlement straddling a change of holders is divided between them, by entry id. */
  parts: Map<number, HolderPart[]>;
  canBook: boolean;
  canCertify: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
  values?: FormValues;
  /** Sections other features add under the debt (fee changes' contests, the reminders sent). */
  children?: ComponentChildren;
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
        Saldo lokalu na {formatCalendarDate(today)}: <BalanceText balance={balance} />
      </p>
      <HolderDebtsSection
        settlementRule={settlementRule}
        holders={holderDebts}
        today={today}
        unitId={unit.unitId}
        canBook={canBook}
        csrfToken={ctx.csrfToken}
        entries={entries}
        errors={errors}
        values={values}
      />
      {children}
      {canCertify ? (
        <Form action={`${base}/zaswiadczenie`} csrfToken={ctx.csrfToken}>
          <p class="hint">
            Zaświadczenie dla obecnych posiadaczy, gdy nic nie zalega po terminie; wydaje się je od razu jako PDF.
          </p>
          <button type="submit">Wydaj zaświadczenie o niezaleganiu</button>
        </Form>
      ) : null}
      <h2>Posiadacze</h2>
      <ul>
        {holders.map((h) => (
          <li key={`${h.personId}-${h.validFrom}`}>
            {h.lastName} {h.firstName}: od {formatCalendarDate(h.validFrom)}
            {h.validTo ? ` do ${formatCalendarDate(h.validTo)} (wyłącznie)` : ' (obecnie)'}
          </li>
        ))}
      </ul>
      {canBook ? (
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
              <th scope="col">Rozliczenie</th>
              {canBook ? <th scope="col">Korekta</th> : null}
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
                  <SettlementParts parts={parts.get(e.id)} />
                </td>
                <td>{e.source}</td>
                <td class="num">
                  <Money grosze={e.amount} />
                </td>
                <td class="num">
                  <RunningBalance grosze={e.running} />
                </td>
                <td class="allocation-note">{notes.get(e.id) ?? ''}</td>
                {canBook ? (
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
  errors?: FieldError[];
  values?: FormValues;
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

/** Each holder period's part of a settlement divided between holders (the same shares as their debts). */
function SettlementParts({ parts }: { parts: HolderPart[] | undefined }) {
  if (!parts) return null;
  return (
    <ul class="holder-parts meta">
      {parts.map((p) => (
        <li key={p.share.held?.from}>
          {p.names.length ? p.names.join(', ') : 'bez posiadacza'}: <Money grosze={p.share.amount} />
          {p.share.note ? ` (${p.share.note})` : ''}
        </li>
      ))}
    </ul>
  );
}
