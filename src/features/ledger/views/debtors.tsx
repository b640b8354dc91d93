import type { FieldError } from '../../../errors.ts';
import { DateInput, ErrorSummary } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { DebtorRow } from '../debt.ts';
import { monthLabel } from '../rules/months.ts';
import { FinanceNav } from './finance-nav.tsx';
import { holderLabel, periodLabel } from './holder-debts.tsx';
import { Money, RunningBalance } from './parts.tsx';

const holderForms = { one: 'okres posiadania', few: 'okresy posiadania', many: 'okresów posiadania' };

export type DebtorSort = 'saldo' | 'lokal' | 'posiadacz';

export function DebtorsPage({
  ctx,
  day,
  threshold,
  sort,
  debtors,
  canBook,
  errors,
  settlementRule,
}: {
  /** How a settlement straddling a holder change is shared (the organization's rule, in words). */
  settlementRule: string;
  ctx: PageContext;
  day: string;
  threshold: string;
  sort: DebtorSort;
  debtors: DebtorRow[];
  canBook: boolean;
  errors: FieldError[];
}) {
  const link = (s: DebtorSort) =>
    `/panel/finanse/dluznicy?dzien=${day}&prog=${encodeURIComponent(threshold)}&sort=${s}`;
  return (
    <PortalLayout ctx={ctx} title="Dłużnicy">
      <h1>Dłużnicy</h1>
      <FinanceNav canBook={canBook} />
      <ErrorSummary errors={errors} />
      <form method="get" action="/panel/finanse/dluznicy" class="filters">
        <div class="field">
          <label for="dzien">Na dzień</label>
          <DateInput id="dzien" name="dzien" value={day} />
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
        — {debtors.length} {polishPlural(debtors.length, holderForms)}.
      </p>
      <p class="meta">
        Zadłużenie według posiadaczy: nowy posiadacz zaczyna od zera w pierwszym dniu swojego tytułu, dług sprzed tego
        dnia pozostaje długiem poprzedniego posiadacza. Odsetki ustawowe na {formatCalendarDate(day)} są informacyjne,
        dopóki nie zostaną zaksięgowane. {settlementRule}
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
              <th scope="col" class="num">
                Zaległość po terminie
              </th>
              <th scope="col" class="num">
                Bieżąca opłata
              </th>
              <th scope="col" class="num">
                Odsetki
              </th>
              <th scope="col" class="num" aria-sort={sort === 'saldo' ? 'descending' : undefined}>
                <a href={link('saldo')}>Saldo</a>
              </th>
              <th scope="col" class="num">
                Saldo lokalu
              </th>
            </tr>
          </thead>
          <tbody>
            {debtors.map((d) => (
              <tr key={`${d.unitId}-${d.holder.segment.from ?? ''}`}>
                <td>
                  <a href={`/panel/finanse/lokal/${d.unitId}`}>{d.label}</a>
                </td>
                <td>
                  {holderLabel(d.holder)}
                  <span class="meta"> {periodLabel(d.holder)}</span>
                </td>
                <td class="num">
                  <Money grosze={d.holder.debt.overdue} />
                  {d.holder.debt.oldestOverdue ? (
                    <span class="meta"> najstarsza: {monthLabel(d.holder.debt.oldestOverdue.slice(0, 7))}</span>
                  ) : null}
                </td>
                <td class="num">
                  <Money grosze={d.holder.debt.current} />
                </td>
                <td class="num">
                  <Money grosze={d.holder.debt.interest} />
                </td>
                <td class="num">
                  <RunningBalance grosze={d.holder.debt.balance} />
                </td>
                <td class="num">
                  <RunningBalance grosze={d.unitBalance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}
