import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import type { UnitLabel } from '../../units/unit-facts.ts';
import type { StoredEntry } from '../queries.ts';
import { ChargesChoice, type UnitCharges } from './charges-choice.tsx';
import { methodLabels, statusLabels } from './labels.ts';

const OPEN = new Set(['unmatched', 'ambiguous', 'conflict', 'debit']);

export function EntryPage({
  ctx,
  entry,
  suggestions,
  unit,
  charges,
  errors = [],
  values = {},
  lists = {},
}: {
  ctx: PageContext;
  entry: StoredEntry;
  suggestions: UnitLabel[];
  unit: UnitLabel | undefined;
  /** The chosen units' open charges, once the accountant asked for them (the split's second step). */
  charges?: UnitCharges[] | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
  lists?: Record<string, string[]>;
}) {
  const base = `/panel/finanse/wyciagi/operacje/${entry.id}`;
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
  const errorAt = (field: string) => errors.filter((e) => e.field === field);
  const credit = entry.amount > 0;
  const amounts = lists.kwota ?? [];
  const units = lists.lokal ?? [];
  return (
    <PortalLayout ctx={ctx} title="Operacja z wyciągu">
      <h1>Operacja z wyciągu</h1>
      <p>
        <a href="/panel/finanse/wyciagi/do-wyjasnienia">← Operacje do wyjaśnienia</a>
      </p>
      <ErrorSummary errors={errors} />
      <dl class="facts">
        <dt>Data księgowania</dt>
        <dd>{formatCalendarDate(entry.bookingDate)}</dd>
        <dt>Kwota</dt>
        <dd class="money">{formatMoney(entry.amount)}</dd>
        <dt>Tytuł</dt>
        <dd>{entry.title || '—'}</dd>
        <dt>{credit ? 'Wpłacający' : 'Odbiorca'}</dt>
        <dd>
          {entry.counterpartyName || '—'}
          {entry.counterpartyAccount ? <span class="nrb"> ({formatNrb(entry.counterpartyAccount)})</span> : null}
        </dd>
        <dt>Stan</dt>
        <dd>
          {statusLabels[entry.status]}
          {entry.matchMethod ? ` — ${methodLabels[entry.matchMethod]}` : ''}
          {unit ? ` — ${unit.label}` : ''}
        </dd>
        {entry.note ? (
          <>
            <dt>Uwagi</dt>
            <dd>{entry.note}</dd>
          </>
        ) : null}
        <dt>Plik</dt>
        <dd>
          {entry.fileName}, wiersz {entry.line}
        </dd>
      </dl>
      {!OPEN.has(entry.status) ? (
        <p>Ta operacja została już rozstrzygnięta{entry.decidedBy ? ` (${entry.decidedBy})` : ''}.</p>
      ) : credit ? (
        <>
          {suggestions.length > 0 ? (
            <section aria-labelledby="propozycje">
              <h2 id="propozycje">Proponowane lokale</h2>
              <ul class="actions">
                {suggestions.map((s) => (
                  <li key={s.unitId}>
                    <form method="post" action={`${base}/przypisz`}>
                      {csrf}
                      <input type="hidden" name="lokal" value={s.externalKey ?? s.label} />
                      <input type="hidden" name="kwota" value="" />
                      <button type="submit">
                        Przypisz do: {s.label}
                        {s.externalKey ? ` (${s.externalKey})` : ''}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="przypisz">
            <h2 id="przypisz">Przypisz do lokalu lub podziel</h2>
            <form method="post" action={`${base}/przypisz`}>
              {csrf}
              <p class="hint">
                Wpisz kod lokalu albo adres (np. „ul. Różana 1/2”). Aby podzielić wpłatę, podaj kilka lokali z kwotami,
                które razem dają {formatMoney(entry.amount)}; przy jednym lokalu kwotę można pominąć.
              </p>
              {[...errorAt('lokal'), ...errorAt('kwota')].map((e) => (
                <p key={e.message} class="error">
                  {e.message}
                </p>
              ))}
              {[0, 1, 2].map((i) => (
                <fieldset key={i} class="split-row">
                  <legend>Lokal {i + 1}</legend>
                  <div class="field">
                    <label for={i === 0 ? 'pole-lokal' : `pole-lokal-${i}`}>Lokal</label>
                    <input id={i === 0 ? 'pole-lokal' : `pole-lokal-${i}`} name="lokal" value={units[i] ?? ''} />
                  </div>
                  <div class="field">
                    <label for={i === 0 ? 'pole-kwota' : `pole-kwota-${i}`}>Kwota (zł)</label>
                    <input
                      id={i === 0 ? 'pole-kwota' : `pole-kwota-${i}`}
                      name="kwota"
                      value={amounts[i] ?? ''}
                      inputMode="decimal"
                    />
                  </div>
                </fieldset>
              ))}
              {charges ? (
                <ChargesChoice charges={charges} chosen={lists.naleznosc ?? []} errors={errorAt('naleznosc')} />
              ) : (
                <p class="hint">
                  Jeśli wpłacający wskazał, które należności płaci (np. w tytule przelewu), wybierz „Wskaż należności” —
                  pokażemy otwarte należności podanych lokali.
                </p>
              )}
              <div class="actions">
                <button type="submit" name="krok" value="zaksieguj">
                  Zaksięguj wpłatę
                </button>{' '}
                <button type="submit" name="krok" value="naleznosci" class="secondary">
                  {charges ? 'Odśwież należności' : 'Wskaż należności'}
                </button>
              </div>
            </form>
          </section>
        </>
      ) : (
        <section aria-labelledby="korekta">
          <h2 id="korekta">Zaksięguj jako zwrot dla lokalu (korekta)</h2>
          <form method="post" action={`${base}/obciazenie`}>
            {csrf}
            <TextField name="lokal" label="Lokal" value={values.lokal} errors={errorAt('lokal')} />
            <TextField name="uwagi" label="Opis" value={values.uwagi} errors={errorAt('uwagi')} />
            <button type="submit">Zaksięguj korektę</button>
          </form>
        </section>
      )}
      {OPEN.has(entry.status) ? (
        <section aria-labelledby="inne">
          <h2 id="inne">Inna decyzja</h2>
          <form method="post" action={`${base}/odrzuc`}>
            {csrf}
            <fieldset>
              <legend>Decyzja</legend>
              {credit ? (
                <label class="choice">
                  <input type="radio" name="decyzja" value="returned" checked={values.decyzja === 'returned'} />{' '}
                  Zwrócono wpłacającemu
                </label>
              ) : null}
              <label class="choice">
                <input
                  type="radio"
                  name="decyzja"
                  value="not_member"
                  checked={values.decyzja === 'not_member' || (!credit && !values.decyzja)}
                />{' '}
                {credit ? 'To nie jest wpłata członka (np. odsetki bankowe)' : 'Koszt Spółdzielni (np. opłata bankowa)'}
              </label>
              {errorAt('decyzja').map((e) => (
                <p key={e.message} class="error">
                  {e.message}
                </p>
              ))}
            </fieldset>
            <TextField name="uwagi" label="Uzasadnienie" value={values.uwagi} errors={errorAt('uwagi')} />
            <button type="submit">Zapisz decyzję</button>
          </form>
        </section>
      ) : null}
    </PortalLayout>
  );
}
