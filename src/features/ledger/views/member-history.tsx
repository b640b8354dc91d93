import type { FieldError } from '../../../errors.ts';
import { DateInput, ErrorSummary } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import type { UnitDebt } from '../debt.ts';
import { entryKindLabels, entryKinds } from '../labels.ts';
import type { MemberLedgerUnit } from '../member.ts';
import type { Entry, FeeComponent } from '../queries.ts';
import { monthLabel, summarizeByMonth } from '../rules/month-summary.ts';
import { DebtSummary, InterestTable } from './debt-summary.tsx';
import { UnitPage } from './member-unit.tsx';
import { BalanceText, CalendarDate, Money, RunningBalance } from './parts.tsx';

export interface HistoryFilter {
  from: string;
  to: string;
  kind: string;
  component: string;
}

export function HistoryPage({
  ctx,
  unit,
  filter,
  rows,
  opening,
  closing,
  components,
  errors,
  notes,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  filter: HistoryFilter;
  /** The art. 451 KC allocation in words, by entry id. */
  notes: Map<number, string>;
  rows: (Entry & { running: number })[];
  opening: number;
  closing: number;
  components: FeeComponent[];
  errors: FieldError[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Naliczenia i wpłaty">
      <ErrorSummary errors={errors} />
      <form method="get" action={ctx.path} class="filters">
        <div class={errors.some((e) => e.field === 'od') ? 'field has-error' : 'field'}>
          <label for="od">Od dnia</label>
          {errors
            .filter((e) => e.field === 'od')
            .map((e) => (
              <p class="field-error" id="od-blad">
                {e.message}
              </p>
            ))}
          <DateInput id="od" name="od" value={filter.from} />
        </div>
        <div class="field">
          <label for="do">Do dnia</label>
          <DateInput id="do" name="do" value={filter.to} />
        </div>
        <div class="field">
          <label for="rodzaj">Rodzaj</label>
          <select id="rodzaj" name="rodzaj">
            <option value="">wszystkie</option>
            {entryKinds.map((k) => (
              <option value={k} selected={filter.kind === k}>
                {entryKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="skladnik">Składnik opłaty</label>
          <select id="skladnik" name="skladnik">
            <option value="">wszystkie</option>
            {components.map((c) => (
              <option value={String(c.id)} selected={filter.component === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Pokaż</button>
      </form>
      <p>
        Saldo na początek okresu: <BalanceText balance={opening} />
      </p>
      {rows.length === 0 ? <p class="empty">Brak operacji w wybranym okresie.</p> : <MonthCards rows={rows} />}
      {rows.length === 0 ? null : (
        <div class="table-wrap wide-only">
          <p class="legend">Saldo: kwota bez znaku to zadłużenie, ze znakiem minus (−) — nadpłata.</p>
          <table class="ledger-table">
            <caption class="visually-hidden">Operacje na koncie lokalu</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Rodzaj</th>
                <th scope="col">Opis</th>
                <th scope="col">Termin</th>
                <th scope="col" class="num">
                  Naliczenia
                </th>
                <th scope="col" class="num">
                  Wpłaty
                </th>
                <th scope="col" class="num">
                  Saldo
                </th>
                <th scope="col">Rozliczenie (art. 451 KC)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <CalendarDate date={row.valueDate} />
                  </td>
                  <td>{entryKindLabels[row.kind]}</td>
                  <td>{row.description}</td>
                  <td>
                    <CalendarDate date={row.dueDate} />
                  </td>
                  <td class="num">{row.amount > 0 ? <Money grosze={row.amount} /> : null}</td>
                  <td class="num">{row.amount < 0 ? <Money grosze={-row.amount} /> : null}</td>
                  <td class="num">
                    <RunningBalance grosze={row.running} />
                  </td>
                  <td class="allocation-note">{notes.get(row.id) ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        Saldo na koniec okresu: <BalanceText balance={closing} />
      </p>
    </UnitPage>
  );
}

export function BalancePage({
  ctx,
  unit,
  day,
  balance,
  debt,
  today,
  errors,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  /** The day as typed (kept in the field when it is refused). */
  day: string;
  balance: number | undefined;
  debt?: UnitDebt | undefined;
  today: string;
  errors: FieldError[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Saldo na dzień">
      <ErrorSummary errors={errors} />
      <form method="get" action={ctx.path} class="filters">
        <div class={errors.length ? 'field has-error' : 'field'}>
          <label for="dzien">Dzień</label>
          {errors[0] ? (
            <p class="field-error" id="dzien-blad">
              {errors[0].message}
            </p>
          ) : null}
          <DateInput
            id="dzien"
            name="dzien"
            value={day}
            aria-invalid={errors.length ? 'true' : undefined}
            aria-describedby={errors.length ? 'dzien-blad' : undefined}
          />
        </div>
        <button type="submit">Pokaż saldo</button>
      </form>
      {balance === undefined ? null : (
        <p class="ledger-balance">
          Saldo na {formatCalendarDate(day)}: <BalanceText balance={balance} />
        </p>
      )}
      {debt ? (
        <>
          <DebtSummary debt={debt} audience="member" today={today} />
          <h2 id="odsetki">
            Odsetki {debt.asOf === today ? 'na dziś' : `na ${formatCalendarDate(debt.asOf)}`}, informacyjnie
          </h2>
          <InterestTable debt={debt} />
        </>
      ) : null}
    </UnitPage>
  );
}

export function ReceivablesPage({
  ctx,
  unit,
  entries,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  entries: Entry[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Należności z innych tytułów">
      {entries.length === 0 ? (
        <p class="empty">Brak należności z innych tytułów.</p>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Tytuł</th>
                <th scope="col">Termin płatności</th>
                <th scope="col" class="num">
                  Kwota
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td data-label="Data">
                    <CalendarDate date={e.valueDate} />
                  </td>
                  <td data-label="Tytuł">{e.description}</td>
                  <td data-label="Termin płatności">
                    <CalendarDate date={e.dueDate} />
                  </td>
                  <td data-label="Kwota" class="num">
                    <Money grosze={e.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </UnitPage>
  );
}

export function StatementPage({
  ctx,
  unit,
  from,
  to,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  from: string;
  to: string;
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Zestawienie za okres">
      <form method="get" action={`/ebok/finanse/${unit.unitId}/zestawienie.pdf`} class="filters">
        <div class="field">
          <label for="od">Od dnia</label>
          <DateInput id="od" name="od" value={from} />
        </div>
        <div class="field">
          <label for="do">Do dnia</label>
          <DateInput id="do" name="do" value={to} />
        </div>
        <button type="submit">Pobierz PDF</button>
        <button type="submit" formaction={`/ebok/finanse/${unit.unitId}/zestawienie.csv`}>
          Pobierz CSV (Excel)
        </button>
      </form>
    </UnitPage>
  );
}

/**
 * The history on a phone: one card per month, newest first, with what was charged, what was paid
 * and the balance after it in words; the month's entries on demand.
 */
function MonthCards({ rows }: { rows: (Entry & { running: number })[] }) {
  const months = summarizeByMonth(rows).reverse();
  return (
    <ol class="month-cards narrow-only" aria-label="Miesiące">
      {months.map((m) => (
        <li key={m.month}>
          <h3>{monthLabel(m.month)}</h3>
          <dl class="month-figures">
            <div>
              <dt>Naliczono</dt>
              <dd>
                <Money grosze={m.charged} />
              </dd>
            </div>
            <div>
              <dt>Wpłacono</dt>
              <dd>
                <Money grosze={m.paid} />
              </dd>
            </div>
            <div>
              <dt>Saldo po miesiącu</dt>
              <dd>
                <BalanceText balance={m.balanceAfter} />
              </dd>
            </div>
          </dl>
          <details>
            <summary>Składniki ({m.entries.length})</summary>
            <ul class="plain-list amounts-list">
              {m.entries.map((e) => (
                <li key={e.id}>
                  <span>
                    <CalendarDate date={e.valueDate} /> {e.description}
                  </span>{' '}
                  <Money grosze={e.amount < 0 ? -e.amount : e.amount} />
                  <span class="visually-hidden">{e.amount < 0 ? ' (wpłata)' : ' (naliczenie)'}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ol>
  );
}
