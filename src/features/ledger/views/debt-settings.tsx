/** The statutory interest table and the organization's debt settings (/panel/finanse/odsetki). */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextArea, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { RateRow } from '../rules/interest.ts';
import { rateTableText } from '../rules/rate-table-text.ts';
import { settlementSplitRules } from '../rules/settlement-split.ts';
import type { LedgerSettings } from '../settings.ts';
import { FinanceNav } from './finance-nav.tsx';

const percent = (bp: number) => `${(bp / 100).toFixed(2).replace('.', ',')} %`;

export function DebtSettingsPage({
  ctx,
  rates,
  settings,
  canConfigure,
  canBook,
  notice,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  rates: RateRow[];
  settings: LedgerSettings;
  canConfigure: boolean;
  canBook: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
  values?: FormValues;
}) {
  const formErrors = (name: string) => (values.form === name ? errors : []);
  return (
    <PortalLayout ctx={ctx} title="Odsetki i terminy">
      <h1>Odsetki i terminy płatności</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <h2>Ustawienia</h2>
      <ul>
        <li>
          Opłaty są płatne do {settings.dueDay}. dnia miesiąca; termin przypadający w sobotę, niedzielę lub święto
          przesuwa się na najbliższy dzień roboczy (art. 115 KC).
        </li>
        <li>
          Odsetki ustawowe za opóźnienie:{' '}
          {settings.interestEnabled
            ? `liczone${settings.interestMinimum > 0 ? `, gdy wynoszą co najmniej ${formatMoney(settings.interestMinimum)}` : ''}`
            : 'nie są liczone'}
          .
        </li>
        <li>{settlementSplitRules[settings.settlementSplit]}</li>
      </ul>
      {canConfigure ? (
        <Form action="/panel/finanse/odsetki/ustawienia" csrfToken={ctx.csrfToken}>
          <input type="hidden" name="form" value="ustawienia" />
          <TextField
            name="termin"
            label="Dzień płatności opłat (1–28)"
            value={values.form === 'ustawienia' ? values.termin : String(settings.dueDay)}
            errors={formErrors('ustawienia')}
            required
          />
          <div class="field">
            <label>
              <input
                type="checkbox"
                name="odsetki"
                value="1"
                checked={values.form === 'ustawienia' ? values.odsetki !== undefined : settings.interestEnabled}
              />{' '}
              Liczymy odsetki ustawowe za opóźnienie
            </label>
          </div>
          <TextField
            name="prog"
            label="Odsetki liczymy od kwoty (zł; 0 — od każdej)"
            value={
              values.form === 'ustawienia' ? values.prog : (settings.interestMinimum / 100).toFixed(2).replace('.', ',')
            }
            errors={formErrors('ustawienia')}
          />
          <fieldset class="field">
            <legend>Rozliczenie mediów za okres obejmujący zmianę posiadacza lokalu</legend>
            {(
              [
                ['dni', 'days', 'dzielone między posiadaczy proporcjonalnie do liczby dni'],
                ['data', 'settlement_date', 'w całości obciąża posiadacza z dnia rozliczenia'],
              ] as const
            ).map(([value, rule, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="rozliczenie"
                  value={value}
                  checked={
                    values.form === 'ustawienia' && values.rozliczenie !== undefined
                      ? values.rozliczenie === value
                      : settings.settlementSplit === rule
                  }
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <button type="submit">Zapisz ustawienia</button>
        </Form>
      ) : null}
      <h2>Odsetki ustawowe za opóźnienie (art. 481 § 2 KC)</h2>
      <div class="table-wrap">
        <table class="ledger-table">
          <thead>
            <tr>
              <th scope="col">Od</th>
              <th scope="col">Do</th>
              <th scope="col">Stopa roczna</th>
            </tr>
          </thead>
          <tbody>
            {[...rates].reverse().map((r) => (
              <tr key={r.from}>
                <td>{formatCalendarDate(r.from)}</td>
                <td>{r.to ? formatCalendarDate(r.to) : 'obecnie'}</td>
                <td>{percent(r.basisPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canConfigure ? (
        <Form action="/panel/finanse/odsetki/stawki" csrfToken={ctx.csrfToken}>
          <input type="hidden" name="form" value="stawki" />
          <TextArea
            name="stawki"
            label="Tabela stóp: jeden okres w wierszu, „od;do;stopa” (ostatni okres bez daty „do”)"
            hint="Okresy muszą następować po sobie bez luk i bez nakładania się. Stopa = stopa referencyjna NBP + 5,5 punktu procentowego, od dnia zmiany stopy referencyjnej."
            value={values.form === 'stawki' ? values.stawki : rateTableText(rates)}
            errors={formErrors('stawki')}
            rows={14}
            required
          />
          <button type="submit">Zapisz tabelę</button>
        </Form>
      ) : null}
    </PortalLayout>
  );
}
